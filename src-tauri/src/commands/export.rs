//! The Export dialog's commands: preview what exporting the open mesh into a folder the
//! user chose would change, show one file's diff, then write exactly that preview with
//! progress and cancel. The folder comes from the user (the native folder dialog or the
//! dialog's path field) and is used for this export only; nothing here picks a path.
//!
//! The core plans and writes (`plan_export`, `write::write`, as the CLI does); these
//! commands parse the dialog's choices, keep the previewed plan and map errors. They must
//! not decide what is written: a plan is written as previewed or refused as stale.

use std::path::PathBuf;

use mesh_core::manifests::plan::{Change, Plan};
use mesh_core::manifests::{
    ExportOptions, ExportSettings, Format, OdcsVersion, OdpsVersion, plan_export, write,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Runtime, State};

use crate::error::CommandError;
use crate::events::{Task, TaskPhase};
use crate::state::{AppState, PendingExport};
use crate::task::Reporter;

/// A format the dialog offers (the core's [`Format`], named as on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum OdpsChoice {
    /// v1.1.0 (the default).
    #[serde(rename = "1.1.0")]
    V1_1_0,
    /// v1.0.0.
    #[serde(rename = "1.0.0")]
    V1_0_0,
}

/// Bitol ODCS version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum OdcsChoice {
    /// v3.1.0 (the default).
    #[serde(rename = "3.1.0")]
    V3_1_0,
    /// v3.2.0.
    #[serde(rename = "3.2.0")]
    V3_2_0,
}

/// What the user chose in the Export dialog.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
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
}

/// What the export does to one file (the core's plan [`Change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
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
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannedFile {
    /// Relative to the export folder, `/`-separated.
    pub path: String,
    /// What the export does to it.
    pub change: FileChange,
}

/// What writing the export would change, before anything is written.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportPreview {
    /// The export folder, as used.
    pub folder: String,
    /// Every file, sorted by path.
    pub files: Vec<PlannedFile>,
}

/// What a write did.
#[derive(Debug, Clone, Serialize, Type)]
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
}

fn settings(request: &ExportRequest) -> Result<(PathBuf, ExportSettings), CommandError> {
    let folder = request.folder.trim();
    if folder.is_empty() {
        return Err(CommandError::invalid_argument(
            "folder",
            "choose the folder to export to",
        ));
    }
    let root = PathBuf::from(folder);
    // A relative path would land wherever the app happened to start.
    if !root.is_absolute() {
        return Err(CommandError::invalid_argument(
            "folder",
            "must be a full path; choose the folder with Browse…",
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
            odps: match request.odps_version {
                OdpsChoice::V1_1_0 => OdpsVersion::V1_1_0,
                OdpsChoice::V1_0_0 => OdpsVersion::V1_0_0,
            },
            odcs: match request.odcs_version {
                OdcsChoice::V3_1_0 => OdcsVersion::V3_1_0,
                OdcsChoice::V3_2_0 => OdcsVersion::V3_2_0,
            },
        },
        by_domain: request.by_domain,
        // Whether removals happen is asked when writing, after the user saw them.
        prune: false,
    };
    Ok((root, settings))
}

fn preview_of(plan: &Plan) -> ExportPreview {
    ExportPreview {
        folder: plan.root.display().to_string(),
        files: plan
            .entries
            .iter()
            .map(|e| PlannedFile {
                path: e.path.clone(),
                change: e.change.into(),
            })
            .collect(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Plans the export of the open mesh (nothing is written) and keeps the plan for
/// [`write_export`]. Runs off the UI thread: rendering and comparing thousands of files
/// takes seconds, with progress events; `cancel_task` stops it before the next file.
#[tauri::command]
#[specta::specta]
pub async fn preview_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<ExportPreview, CommandError> {
    let (root, settings) = settings(&request)?;
    let (mesh, generation) = state.model_snapshot()?;
    let cancel = state.begin_task();
    let worker = app.clone();
    let plan = tauri::async_runtime::spawn_blocking(move || {
        let mut progress = Reporter::new(&worker, Task::Export);
        progress.phase(TaskPhase::Planning);
        plan_export(
            &mesh,
            &root,
            &settings,
            &mut |done, total| progress.report(TaskPhase::Planning, done, total),
            &cancel,
        )
    })
    .await
    .map_err(|e| CommandError::internal(format!("the export preview stopped: {e}")))?
    .map_err(|e| match e {
        mesh_core::Error::Cancelled => {
            CommandError::cancelled("Preview cancelled: nothing was written.")
        }
        other => other.into(),
    })?;
    let preview = preview_of(&plan);
    state.set_pending_export(PendingExport { plan, generation });
    Ok(preview)
}

/// The unified diff of one previewed file, from the file on disk to what the export
/// writes (a new file's diff shows all of it; an unchanged file's is empty).
#[tauri::command]
#[specta::specta]
pub fn export_diff(state: State<'_, AppState>, path: String) -> Result<String, CommandError> {
    state
        .with_pending_export(|pending| {
            pending
                .and_then(|p| p.plan.entries.iter().find(|e| e.path == path))
                .map(|e| e.diff())
        })?
        .ok_or_else(|| {
            CommandError::not_found(
                &path,
                format!("{path} is not in the export preview; preview again"),
            )
        })
}

/// Writes the previewed export. `prune` deletes the files listed as removed (an earlier
/// export wrote them for what is gone from the mesh); without it they are kept. Refused
/// when the mesh changed since the preview. Cancelling through `cancel_task` stops
/// before the next file, with the files written so far recorded in the export index.
#[tauri::command]
#[specta::specta]
pub async fn write_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    prune: bool,
) -> Result<ExportSummary, CommandError> {
    let pending = state.take_pending_export().ok_or_else(|| {
        CommandError::stale("That preview was written or replaced already: here is a new one.")
    })?;
    if pending.generation != state.generation() {
        return Err(CommandError::stale(
            "The mesh changed since the preview: here is the new one; check it and export again.",
        ));
    }
    let mut plan = pending.plan;
    plan.prune = prune;
    let cancel = state.begin_task();
    let worker = app.clone();
    let (plan, result) = tauri::async_runtime::spawn_blocking(move || {
        let mut progress = Reporter::new(&worker, Task::Export);
        progress.report(TaskPhase::Writing, 0, 0);
        let result = write::write(
            &plan,
            &mut |done, total| progress.report(TaskPhase::Writing, done, total),
            &cancel,
        );
        (plan, result)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the export stopped: {e}")))?;
    let written = result.map_err(|e| match e {
        mesh_core::Error::Cancelled => CommandError::cancelled(
            "Export cancelled: the files written so far are kept, and recorded for the next export.",
        ),
        other => other.into(),
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
    })
}
