//! What an import did, file by file: the entities each file created, updated or left
//! unchanged, the ones kept without a place (unresolved inputs, unattached contracts),
//! and the files skipped with their reason. The CLI's text and `--json` report and the
//! app's Import dialog all show this one summary, so they cannot count differently.
//!
//! It only counts; it must not decide anything about the import.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::{Action, ImportReport, Kept};

/// One file's part in an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FileSummary {
    /// The file.
    pub path: PathBuf,
    /// Entities it creates.
    pub created: u32,
    /// Entities it changes.
    pub updated: u32,
    /// Entities it declares exactly as the mesh holds them.
    pub unchanged: u32,
    /// Input ports kept with a provider neither the import nor the mesh holds.
    pub unresolved: u32,
    /// Contracts kept that no output port references.
    pub unattached: u32,
    /// Why the file was not read, when it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// The whole import's counts, the sum over the files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Entities created.
    pub created: u32,
    /// Entities changed.
    pub updated: u32,
    /// Entities unchanged.
    pub unchanged: u32,
    /// Unresolved input ports.
    pub unresolved: u32,
    /// Unattached contracts.
    pub unattached: u32,
    /// Files skipped.
    pub skipped: u32,
}

impl ImportReport {
    /// Every file of the import with its counts, in path order; skipped files too, and
    /// files whose entities another file declared first (counted there).
    pub fn by_file(&self) -> Vec<FileSummary> {
        let mut files: BTreeMap<PathBuf, FileSummary> = self
            .files
            .iter()
            .map(|p| (p.clone(), FileSummary::default()))
            .collect();
        for e in &self.plan.entities {
            let f = files.entry(e.path.clone()).or_default();
            match e.action {
                Action::Create => f.created += 1,
                Action::Update => f.updated += 1,
                Action::Unchanged => f.unchanged += 1,
            }
            match e.kept {
                Some(Kept::Unresolved) => f.unresolved += 1,
                Some(Kept::Unattached) => f.unattached += 1,
                None => {}
            }
        }
        for (path, why) in &self.skipped {
            files.entry(path.clone()).or_default().skipped = Some(why.clone());
        }
        files
            .into_iter()
            .map(|(path, f)| FileSummary { path, ..f })
            .collect()
    }

    /// The counts over all files.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for f in self.by_file() {
            t.created += f.created;
            t.updated += f.updated;
            t.unchanged += f.unchanged;
            t.unresolved += f.unresolved;
            t.unattached += f.unattached;
            t.skipped += u32::from(f.skipped.is_some());
        }
        t
    }
}
