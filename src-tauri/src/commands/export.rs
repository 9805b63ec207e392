//! The Export dialog (`mesh_app::export`): preview, one file's diff, write that preview.

use mesh_app::export::{self, ExportPreview, ExportRequest, ExportSummary};
use mesh_app::{CommandError, Task};
use tauri::{AppHandle, Runtime};

use crate::state::WindowMesh;
use crate::task;

/// Plans the export (nothing is written), kept for [`write_export`]; with progress, cancellable.
#[tauri::command]
#[specta::specta]
pub async fn preview_export<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    request: ExportRequest,
) -> Result<ExportPreview, CommandError> {
    task::run(&app, &mesh, Task::Export, move |session, token| {
        export::preview(session, &request, token)
    })
    .await
}

/// The unified diff of one previewed file, from the file on disk to what the export writes.
#[tauri::command]
#[specta::specta]
pub fn export_diff(mesh: WindowMesh, path: String) -> Result<String, CommandError> {
    export::diff(&mesh, &path)
}

/// Writes the previewed export (refused when the mesh changed since); `prune` deletes the
/// files listed as removed. `cancel` stops before the next file.
#[tauri::command]
#[specta::specta]
pub async fn write_export<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    prune: bool,
) -> Result<ExportSummary, CommandError> {
    task::run(&app, &mesh, Task::Export, move |session, token| {
        export::write(session, prune, token)
    })
    .await
}
