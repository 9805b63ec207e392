//! The app and the window's running work: About, and Cancel for an export or import.

use tauri::{AppHandle, Runtime, State};

use crate::about::AppInfo;
use crate::state::{AppState, WindowMesh};

/// Name, version and data folder, for the About box.
#[tauri::command]
#[specta::specta]
pub fn app_info<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppInfo {
    AppInfo::of(&app, &state)
}

/// Asks the running export or import to stop. An export stops before its next file and
/// keeps (and records) what it wrote so far; an import stops before it writes anything.
#[tauri::command]
#[specta::specta]
pub fn cancel_task(mesh: WindowMesh) {
    mesh.cancel_task();
}
