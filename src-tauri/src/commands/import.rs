//! File > Import's commands: read manifest files or folders the user chose, report what
//! importing them into the open mesh would do (a dry run), then import them as one
//! undoable edit. Reading and applying run off the UI thread, with progress and cancel.
//!
//! The core reads, decodes, plans and applies (`import::read`, `import::apply`, as the
//! CLI does); these commands parse the paths, shape the report for the dialog and map
//! errors. Problems in the files are part of the report, not a failed command: the
//! dialog lists each with its place.

use std::collections::BTreeSet;
use std::path::PathBuf;

use mesh_core::manifests::import::{
    self, Action, FileSummary, ImportError, ImportOptions, ImportReport, Sources, Totals,
};
use mesh_core::model::EntityKind;
use mesh_core::store::Applied;
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::CommandError;
use crate::events::{Task, TaskPhase};
use crate::state::AppState;
use crate::task::Reporter;

/// What the import does to one entity (the core's [`Action`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ImportAction {
    /// Not in the mesh yet.
    Create,
    /// In the mesh with other values.
    Update,
    /// In the mesh exactly like this.
    Unchanged,
}

/// One entity the files declare.
#[derive(Debug, Clone, Serialize, Type)]
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
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SkippedFile {
    /// The file.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// One problem with one file, with its place when it has one.
#[derive(Debug, Clone, Serialize, Type)]
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

/// What one file of one format says about a field.
#[derive(Debug, Clone, Serialize, Type)]
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
#[derive(Debug, Clone, Serialize, Type)]
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
#[derive(Debug, Clone, Default, Serialize, Type)]
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
}

/// The import carried out: the report, and the edit to apply to the UI's model (absent
/// when there were problems or nothing to change).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    /// What was imported.
    pub report: ImportPreview,
    /// The edit as recorded: one undo step.
    pub applied: Option<Applied>,
}

fn paths(paths: &[String]) -> Result<Vec<PathBuf>, CommandError> {
    let chosen: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect();
    if chosen.is_empty() {
        return Err(CommandError::invalid_argument(
            "paths",
            "choose manifest files or a folder to import",
        ));
    }
    // A relative path would be read from wherever the app happened to start.
    if let Some(p) = chosen.iter().find(|p| !p.is_absolute()) {
        return Err(CommandError::invalid_argument(
            "paths",
            format!(
                "{} must be a full path; choose it with Browse…",
                p.display()
            ),
        ));
    }
    Ok(chosen)
}

/// `errors` as the report's problems, after what was read (`sources`, when the files
/// could all be read).
fn problems(sources: Option<&Sources>, errors: Vec<ImportError>) -> ImportPreview {
    ImportPreview {
        problems: errors.into_iter().map(problem).collect(),
        ..sources.map(what_was_read).unwrap_or_default()
    }
}

fn problem(e: ImportError) -> ImportProblem {
    let to_u32 = |n: Option<u64>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    ImportProblem {
        path: e.path.display().to_string(),
        line: to_u32(e.line),
        column: to_u32(e.column),
        field: e.field,
        reason: e.reason,
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
        documents: u32::try_from(sources.documents.len()).unwrap_or(u32::MAX),
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
    ImportPreview {
        entities: report
            .plan
            .entities
            .iter()
            .map(|e| ImportEntity {
                kind: e.kind,
                name: e.name.clone(),
                action: match e.action {
                    Action::Create => ImportAction::Create,
                    Action::Update => ImportAction::Update,
                    Action::Unchanged => ImportAction::Unchanged,
                },
                path: e.path.display().to_string(),
            })
            .collect(),
        disagreements: report
            .plan
            .disagreements
            .iter()
            .map(|d| {
                let claim = |(path, format, value): &(PathBuf, &str, String)| ImportClaim {
                    path: path.display().to_string(),
                    format: (*format).to_owned(),
                    value: value.clone(),
                };
                ImportDisagreement {
                    kind: d.kind,
                    name: d.name.clone(),
                    field: d.field.clone(),
                    kept: claim(&d.kept),
                    other: claim(&d.other),
                }
            })
            .collect(),
        warnings: report.plan.warnings.iter().cloned().map(problem).collect(),
        by_file: report.by_file(),
        totals: report.totals(),
        ..what_was_read(sources)
    }
}

/// Reads `paths` and imports them into the open mesh (`dry_run`: only reports), off
/// the UI thread, with progress events and the task's cancel flag.
async fn run<R: Runtime>(
    app: &AppHandle<R>,
    paths: Vec<PathBuf>,
    dry_run: bool,
) -> Result<ImportResult, CommandError> {
    let cancel = app.state::<AppState>().begin_task();
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut progress = Reporter::new(&worker, Task::Import);
        progress.report(TaskPhase::Reading, 0, 0);
        let read = import::read(
            &paths,
            &mut |done, total| progress.report(TaskPhase::Reading, done, total),
            &cancel,
        );
        if cancel.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(CommandError::cancelled(
                "Import cancelled: nothing was changed.",
            ));
        }
        let sources = match read {
            Ok(sources) => sources,
            Err(errors) => {
                return Ok(ImportResult {
                    report: problems(None, errors),
                    applied: None,
                });
            }
        };
        progress.phase(TaskPhase::Applying);
        let state = worker.state::<AppState>();
        // The app keeps what it cannot place, as the CLI does without `--strict`.
        let options = ImportOptions {
            dry_run,
            strict: false,
        };
        let outcome =
            state.with_store(|store| Ok(import::apply(store, &sources, options, &cancel)))?;
        if cancel.load(std::sync::atomic::Ordering::SeqCst) && outcome.is_err() {
            return Err(CommandError::cancelled(
                "Import cancelled: nothing was changed.",
            ));
        }
        Ok(match outcome {
            Ok(done) => {
                if let Some(edit) = &done.edit {
                    state.patch_model(edit);
                }
                ImportResult {
                    report: report(&sources, &done),
                    applied: done.edit,
                }
            }
            Err(errors) => ImportResult {
                report: problems(Some(&sources), errors),
                applied: None,
            },
        })
    })
    .await
    .map_err(|e| CommandError::internal(format!("the import stopped: {e}")))?
}

/// What importing `paths` (manifest files, or folders walked recursively) into the
/// open mesh would do; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    paths: Vec<String>,
) -> Result<ImportPreview, CommandError> {
    let chosen = self::paths(&paths)?;
    Ok(run(&app, chosen, true).await?.report)
}

/// Imports `paths` into the open mesh as one undoable edit: all of it, or nothing when
/// any file has a problem. The files are read again, so what is imported is what they
/// hold now.
#[tauri::command]
#[specta::specta]
pub async fn apply_import<R: Runtime>(
    app: AppHandle<R>,
    paths: Vec<String>,
) -> Result<ImportResult, CommandError> {
    let chosen = self::paths(&paths)?;
    run(&app, chosen, false).await
}
