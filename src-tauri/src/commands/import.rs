//! File > Import (`mesh_app::import`): a dry run, then the import as one undoable edit.

use mesh_app::import::{self, ImportPreview, ImportResult};
use mesh_app::{CommandError, Task};
use tauri::{AppHandle, Runtime};

use crate::state::WindowMesh;
use crate::task;

/// What importing `paths` (manifest files, or folders walked recursively) would do.
#[tauri::command]
#[specta::specta]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    paths: Vec<String>,
) -> Result<ImportPreview, CommandError> {
    let result = task::run(&app, &mesh, Task::Import, move |session, token| {
        import::run(session, &paths, true, token)
    });
    Ok(result.await?.report)
}

/// Imports `paths` (read again) as one undoable edit: all of it, or nothing on a problem.
#[tauri::command]
#[specta::specta]
pub async fn apply_import<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    paths: Vec<String>,
) -> Result<ImportResult, CommandError> {
    task::run(&app, &mesh, Task::Import, move |session, token| {
        import::run(session, &paths, false, token)
    })
    .await
}
