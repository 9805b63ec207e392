//! File > Import's flow: read the manifest files and folders the user chose, report what
//! importing them into the open mesh would do (a dry run), or import them as one
//! undoable edit whose `Applied` the kept model follows. The core reads, decodes, plans
//! and applies (`import::read`, `import::apply`, as `meshwright import` does); this
//! module checks the paths, runs the stages with one [`CancelToken`] and shapes the
//! report. Problems in the files are part of the report, not a failed call; a cancelled
//! import is the typed `cancelled` error, never a problem to recognise by its text.
//!
//! It must not decide what an import does to the mesh: the core plans and applies.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mesh_core::manifests::import::{
    self, Action, FileSummary, ImportError, ImportOptions, ImportReport, KindSummary, Sources,
    Totals,
};
use mesh_core::model::{EntityKind, MeshInfo};
use mesh_core::store::Applied;
use serde::Serialize;

use crate::session::Session;
use crate::task::{CancelToken, TaskPhase};
use crate::{CommandError, chosen, count, file};

/// What a cancelled import says: it stops before it writes anything.
const CANCELLED: &str = "Import cancelled: nothing was changed.";

/// What the import does to one entity (the core's [`Action`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ImportAction {
    /// Not in the mesh yet.
    Create,
    /// In the mesh with other values.
    Update,
    /// In the mesh exactly like this.
    Unchanged,
}

impl From<Action> for ImportAction {
    fn from(a: Action) -> ImportAction {
        match a {
            Action::Create => ImportAction::Create,
            Action::Update => ImportAction::Update,
            Action::Unchanged => ImportAction::Unchanged,
        }
    }
}

/// One entity the files declare.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportEntity {
    /// Its kind.
    pub kind: EntityKind,
    /// Its name (slug, or username for people).
    pub name: String,
    /// What the import does to it.
    pub action: ImportAction,
    /// The file it came from.
    pub path: String,
}

/// A file found in a folder that holds no manifest to import.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SkippedFile {
    /// The file.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// One problem with one file, with its place when it has one.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
    /// The field at fault (`outputPorts[0].version`).
    pub field: Option<String>,
    /// What is wrong.
    pub reason: String,
}

impl From<ImportError> for ImportProblem {
    fn from(e: ImportError) -> ImportProblem {
        let to_u32 = |n: Option<u64>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
        ImportProblem {
            path: e.path.display().to_string(),
            line: to_u32(e.line),
            column: to_u32(e.column),
            field: e.field,
            reason: e.reason,
        }
    }
}

/// What one file of one format says about a field.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportClaim {
    /// The file.
    pub path: String,
    /// Its format (`ODPS`, `DPDS`, `Backstage`).
    pub format: String,
    /// The value, as the report prints it.
    pub value: String,
}

/// A field two formats give different values: not a problem, but worth a look before
/// importing, since only the first is kept.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportDisagreement {
    /// The entity's kind.
    pub kind: EntityKind,
    /// Its name.
    pub name: String,
    /// The model field.
    pub field: String,
    /// What is imported: the format that decides first.
    pub kept: ImportClaim,
    /// What is passed over.
    pub other: ImportClaim,
}

/// What importing the chosen files does (or would do). With any problem nothing is or
/// would be imported.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// Manifest documents read.
    pub documents: u32,
    /// Files that held them, sorted.
    pub files: Vec<String>,
    /// Files found in folders and left out.
    pub skipped: Vec<SkippedFile>,
    /// Every entity declared, with its action.
    pub entities: Vec<ImportEntity>,
    /// Every problem found; empty when the import can go ahead.
    pub problems: Vec<ImportProblem>,
    /// Fields the formats disagree on, with the value kept.
    pub disagreements: Vec<ImportDisagreement>,
    /// What was kept without a place (an input whose provider is not known), with its
    /// place: not problems, the import goes ahead.
    pub warnings: Vec<ImportProblem>,
    /// Per file: created, updated, unchanged, kept unresolved or unattached, skipped.
    pub by_file: Vec<FileSummary>,
    /// The same counts over all files.
    pub totals: Totals,
    /// Entities created, updated and unchanged per kind, products first.
    pub by_kind: Vec<KindSummary>,
    /// How many entities the import creates or changes: 0 leaves nothing to import.
    pub changes: u32,
}

/// The import carried out: the report, and the edit to apply to the UI's model (absent
/// when there were problems or nothing to change).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    /// What was imported.
    pub report: ImportPreview,
    /// The edit as recorded: one undo step.
    pub applied: Option<Applied>,
}

/// The chosen files and folders, or the `paths` field at fault.
pub fn paths(paths: &[String]) -> Result<Vec<PathBuf>, CommandError> {
    chosen::full_paths(
        paths.iter().map(String::as_str),
        "paths",
        "choose manifest files or a folder to import",
        |p| {
            format!(
                "{} must be a full path; choose it with Browse…",
                p.display()
            )
        },
    )
}

/// Reads `paths`; a cancel during the reading is the `cancelled` error, problems in the
/// files are the `Ok(Err)` the report lists.
pub fn read(
    paths: &[PathBuf],
    token: &mut CancelToken,
) -> Result<Result<Sources, Vec<ImportError>>, CommandError> {
    let read = token.run(TaskPhase::Reading, |progress, cancel| {
        import::read(paths, progress, cancel)
    });
    token.check(CANCELLED)?;
    Ok(read)
}

/// Reads `paths` (manifest files, or folders walked recursively) and imports them into
/// the open mesh as one undoable edit, or only reports what it would do (`dry_run`).
/// The app keeps what it cannot place, as the CLI does without `--strict`.
pub fn run(
    session: &Session,
    paths: &[String],
    dry_run: bool,
    token: &mut CancelToken,
) -> Result<ImportResult, CommandError> {
    let chosen = self::paths(paths)?;
    let sources = match read(&chosen, token)? {
        Ok(sources) => sources,
        Err(errors) => return Ok(refused(None, errors)),
    };
    let options = ImportOptions {
        dry_run,
        strict: false,
    };
    let outcome = token.run(TaskPhase::Applying, |_, cancel| {
        session.change(
            |open| Ok(import::apply(&mut open.store, &sources, options, cancel)),
            |outcome| outcome.as_ref().ok().and_then(|r| r.edit.as_ref()),
        )
    })?;
    if outcome.is_err() {
        token.check(CANCELLED)?;
    }
    Ok(match outcome {
        Ok(done) => ImportResult {
            report: report(&sources, &done),
            applied: done.edit,
        },
        Err(errors) => refused(Some(&sources), errors),
    })
}

/// The report of an import refused for `errors`, after what was read (`sources`, when
/// the files could all be read).
fn refused(sources: Option<&Sources>, errors: Vec<ImportError>) -> ImportResult {
    ImportResult {
        report: ImportPreview {
            problems: errors.into_iter().map(ImportProblem::from).collect(),
            ..sources.map(what_was_read).unwrap_or_default()
        },
        applied: None,
    }
}

/// What was read: the documents, their files and the files skipped.
fn what_was_read(sources: &Sources) -> ImportPreview {
    let files: BTreeSet<String> = sources
        .documents
        .iter()
        .map(|d| d.path.display().to_string())
        .collect();
    ImportPreview {
        documents: count(sources.documents.len()),
        files: files.into_iter().collect(),
        skipped: sources
            .skipped
            .iter()
            .map(|(path, reason)| SkippedFile {
                path: path.display().to_string(),
                reason: reason.clone(),
            })
            .collect(),
        ..ImportPreview::default()
    }
}

fn report(sources: &Sources, report: &ImportReport) -> ImportPreview {
    let claim = |(path, format, value): &(PathBuf, &str, String)| ImportClaim {
        path: path.display().to_string(),
        format: (*format).to_owned(),
        value: value.clone(),
    };
    let totals = report.totals();
    let changes = totals.changes();
    ImportPreview {
        entities: report
            .plan
            .entities
            .iter()
            .map(|e| ImportEntity {
                kind: e.kind,
                name: e.name.clone(),
                action: e.action.into(),
                path: e.path.display().to_string(),
            })
            .collect(),
        disagreements: report
            .plan
            .disagreements
            .iter()
            .map(|d| ImportDisagreement {
                kind: d.kind,
                name: d.name.clone(),
                field: d.field.clone(),
                kept: claim(&d.kept),
                other: claim(&d.other),
            })
            .collect(),
        warnings: report
            .plan
            .warnings
            .iter()
            .cloned()
            .map(ImportProblem::from)
            .collect(),
        by_file: report.by_file(),
        totals,
        by_kind: report.by_kind(),
        changes,
        ..what_was_read(sources)
    }
}

/// The header of a mesh file an import creates at `path`: named after the file, with
/// the namespace of the documents' `tenant` when that is a valid namespace.
pub fn new_mesh_info(path: &Path, tenant: Option<String>) -> MeshInfo {
    let name = path.file_stem().map_or_else(
        || "Imported mesh".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let info = file::new_mesh_info(name);
    let Some(namespace) = tenant else {
        return info;
    };
    let candidate = MeshInfo {
        namespace,
        ..info.clone()
    };
    // A tenant that is not a valid namespace keeps the default.
    if mesh_core::validate::mesh_info(&candidate).is_ok() {
        candidate
    } else {
        info
    }
}
