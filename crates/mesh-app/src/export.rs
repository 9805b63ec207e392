//! The Export dialog's flow: plan the export of the open mesh into a folder the user
//! chose and keep that plan, show one file's diff, then write exactly the kept plan,
//! refused as stale when the mesh changed since. The core renders, plans and writes
//! (`plan_export`, `write::write`, as `meshwright export` does); this module checks the
//! request, keeps the plan with the generation it was made from, and shapes the answers.
//!
//! It must not decide what is written (a plan is written as previewed or refused) nor
//! pick a folder on its own.

use std::path::PathBuf;

use mesh_core::manifests::plan::{Change, Plan};
use mesh_core::manifests::{
    ExportOptions, ExportSettings, Format, OdcsVersion, OdpsVersion, plan_export, write,
};
use serde::{Deserialize, Serialize};

use crate::repos::{self, GitOptions, RepoCommit};
use crate::session::{PendingExport, Session};
use crate::task::{CancelToken, TaskPhase};
use crate::{CommandError, chosen, count};

/// A format the dialog offers (the core's [`Format`], named as on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Bitol ODPS, one file per product.
    Odps,
    /// Bitol ODCS, one file per output port with a contract.
    Odcs,
    /// DPDS 1.0.0 descriptors.
    Dpds,
    /// A Backstage catalog per domain.
    Backstage,
    /// DataHub data product YAML.
    Datahub,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Odps => Format::Odps,
            ExportFormat::Odcs => Format::Odcs,
            ExportFormat::Dpds => Format::Dpds,
            ExportFormat::Backstage => Format::Backstage,
            ExportFormat::Datahub => Format::Datahub,
        }
    }
}

/// Bitol ODPS version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum OdpsChoice {
    /// v1.1.0 (the default).
    #[serde(rename = "1.1.0")]
    V1_1_0,
    /// v1.0.0.
    #[serde(rename = "1.0.0")]
    V1_0_0,
}

impl From<OdpsChoice> for OdpsVersion {
    fn from(v: OdpsChoice) -> OdpsVersion {
        match v {
            OdpsChoice::V1_1_0 => OdpsVersion::V1_1_0,
            OdpsChoice::V1_0_0 => OdpsVersion::V1_0_0,
        }
    }
}

/// Bitol ODCS version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum OdcsChoice {
    /// v3.1.0 (the default).
    #[serde(rename = "3.1.0")]
    V3_1_0,
    /// v3.2.0.
    #[serde(rename = "3.2.0")]
    V3_2_0,
}

impl From<OdcsChoice> for OdcsVersion {
    fn from(v: OdcsChoice) -> OdcsVersion {
        match v {
            OdcsChoice::V3_1_0 => OdcsVersion::V3_1_0,
            OdcsChoice::V3_2_0 => OdcsVersion::V3_2_0,
        }
    }
}

/// What the user chose in the Export dialog.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// The export root, a full path the user chose.
    pub folder: String,
    /// The formats to write, at least one.
    pub formats: Vec<ExportFormat>,
    /// ODPS version.
    pub odps_version: OdpsChoice,
    /// ODCS version.
    pub odcs_version: OdcsChoice,
    /// One tree per domain, in each domain's repository folder.
    pub by_domain: bool,
    /// Commit each domain folder that is a git repository on a branch instead of writing
    /// its files (needs `by_domain`).
    #[serde(default)]
    pub git: Option<GitChoice>,
}

/// The dialog's "commit to each domain repository" choices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GitChoice {
    /// The branch; `meshwright/<mesh>-<date>` when empty.
    pub branch: Option<String>,
    /// Push each branch to the repository's remote.
    pub push: bool,
}

/// What the export does to one file (the core's plan [`Change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FileChange {
    /// A new file.
    Added,
    /// A file of an earlier export whose text changes.
    Changed,
    /// A file of an earlier export the mesh no longer produces; deleted only when the
    /// user confirms.
    Removed,
    /// Already holds exactly these bytes; not written.
    Unchanged,
    /// A file Meshwright did not write holds other bytes; writing is refused.
    Conflict,
}

impl From<Change> for FileChange {
    fn from(c: Change) -> FileChange {
        match c {
            Change::Added => FileChange::Added,
            Change::Changed => FileChange::Changed,
            Change::Removed => FileChange::Removed,
            Change::Unchanged => FileChange::Unchanged,
            Change::Conflict => FileChange::Conflict,
        }
    }
}

/// One file of the preview.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlannedFile {
    /// Relative to the export folder, `/`-separated.
    pub path: String,
    /// What the export does to it.
    pub change: FileChange,
}

/// What writing the export would change, before anything is written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportPreview {
    /// The export folder, as used.
    pub folder: String,
    /// Every file, sorted by path.
    pub files: Vec<PlannedFile>,
}

/// What a write did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    /// The export folder.
    pub folder: String,
    /// Files created or overwritten.
    pub written: u32,
    /// Files deleted (only when the user confirmed removing them).
    pub removed: u32,
    /// Files already up to date, not touched.
    pub unchanged: u32,
    /// Files of an earlier export no longer produced and kept (not confirmed).
    pub kept: u32,
    /// For an export committed to domain repositories, each repository's result.
    pub repos: Vec<RepoCommit>,
}

/// The export root and the core's settings for `request`, or the dialog field at fault.
pub fn settings(request: &ExportRequest) -> Result<(PathBuf, ExportSettings), CommandError> {
    let mut folder = chosen::full_paths(
        [request.folder.as_str()],
        "folder",
        "choose the folder to export to",
        |_| "must be a full path; choose the folder with Browse…".to_owned(),
    )?;
    if request.git.is_some() && !request.by_domain {
        return Err(CommandError::invalid_argument(
            "git",
            "committing to domain repositories needs one folder per domain",
        ));
    }
    if request.formats.is_empty() {
        return Err(CommandError::invalid_argument(
            "formats",
            "choose at least one format",
        ));
    }
    let settings = ExportSettings {
        formats: request.formats.iter().map(|&f| f.into()).collect(),
        options: ExportOptions {
            odps: request.odps_version.into(),
            odcs: request.odcs_version.into(),
        },
        by_domain: request.by_domain,
        // Whether removals happen is asked when writing, after the user saw them.
        prune: false,
    };
    Ok((folder.remove(0), settings))
}

/// Plans the export of the open mesh's kept model (copied, so no lock is held while
/// rendering) and keeps the plan for [`write`]; nothing is written. `token` stops it
/// before the next file it compares.
pub fn preview(
    session: &Session,
    request: &ExportRequest,
    token: &mut CancelToken,
) -> Result<ExportPreview, CommandError> {
    let (root, settings) = settings(request)?;
    let (mesh, generation) = session.snapshot()?;
    let plan = token
        .run(TaskPhase::Planning, |progress, cancel| {
            plan_export(&mesh, &root, &settings, progress, cancel)
        })
        .map_err(|e| cancelled_as(e, "Preview cancelled: nothing was written."))?;
    let preview = ExportPreview {
        folder: plan.root.display().to_string(),
        files: plan
            .entries
            .iter()
            .map(|e| PlannedFile {
                path: e.path.clone(),
                change: e.change.into(),
            })
            .collect(),
    };
    if let Ok(mut pending) = session.pending_export.lock() {
        let git = request.git.as_ref().map(|g| {
            let options = GitOptions {
                branch: g.branch.clone().filter(|b| !b.trim().is_empty()),
                message: None,
                push: g.push,
            };
            (settings, options)
        });
        *pending = Some(PendingExport {
            plan,
            generation,
            git,
        });
    }
    Ok(preview)
}

/// The unified diff of one previewed file, from the file on disk to what the export
/// writes (a new file's diff shows all of it; an unchanged file's is empty).
pub fn diff(session: &Session, path: &str) -> Result<String, CommandError> {
    let pending = session
        .pending_export
        .lock()
        .map_err(|_| CommandError::internal("the export lock was poisoned"))?;
    pending
        .as_ref()
        .and_then(|p| p.plan.entries.iter().find(|e| e.path == path))
        .map(|e| e.diff())
        .ok_or_else(|| {
            CommandError::not_found(
                path,
                format!("{path} is not in the export preview; preview again"),
            )
        })
}

/// Writes the kept plan, once. `prune` deletes the files listed as removed; without it
/// they are kept. Refused as `stale` when the mesh changed since the preview or the
/// plan was written already. `token` stops it before the next file, with the files
/// written so far recorded in the export index.
pub fn write(
    session: &Session,
    prune: bool,
    token: &mut CancelToken,
) -> Result<ExportSummary, CommandError> {
    let pending = session
        .pending_export
        .lock()
        .ok()
        .and_then(|mut p| p.take());
    let pending = pending.ok_or_else(|| {
        CommandError::stale("That preview was written or replaced already: here is a new one.")
    })?;
    if pending.generation != session.generation()? {
        return Err(CommandError::stale(
            "The mesh changed since the preview: here is the new one; check it and export again.",
        ));
    }
    if let Some((mut settings, git)) = pending.git {
        settings.prune = prune;
        let (mesh, _) = session.snapshot()?;
        let today = chrono::Local::now().date_naive();
        let done = repos::export(&mesh, &pending.plan.root, &settings, &git, today, token)?;
        return Ok(ExportSummary {
            folder: pending.plan.root.display().to_string(),
            written: done.written,
            removed: done.removed,
            unchanged: done.unchanged,
            kept: 0,
            repos: done.repos,
        });
    }
    let mut plan: Plan = pending.plan;
    plan.prune = prune;
    let written = token
        .run(TaskPhase::Writing, |progress, cancel| {
            write::write(&plan, progress, cancel)
        })
        .map_err(|e| {
            cancelled_as(
                e,
                "Export cancelled: the files written so far are kept, and recorded for the next export.",
            )
        })?;
    let kept = if prune {
        0
    } else {
        plan.count(Change::Removed)
    };
    Ok(ExportSummary {
        folder: plan.root.display().to_string(),
        written: count(written.written),
        removed: count(written.removed),
        unchanged: count(written.unchanged),
        kept: count(kept),
        repos: Vec::new(),
    })
}

/// The core's error, with a cancelled task saying what was left done.
fn cancelled_as(e: mesh_core::Error, message: &str) -> CommandError {
    match e {
        mesh_core::Error::Cancelled => CommandError::cancelled(message),
        other => other.into(),
    }
}
