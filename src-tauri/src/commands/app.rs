//! The app and the window's running work: About, and Cancel for an export, import or
//! diagram.

use tauri::{AppHandle, Runtime, State};

use crate::about::AppInfo;
use crate::state::{AppState, WindowMesh};

/// Name, version and data folder, for the About box.
#[tauri::command]
#[specta::specta]
pub fn app_info<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppInfo {
    AppInfo::of(&app, &state)
}

/// Stops the open in flight (the open mesh stays), or the running export, import or diagram.
#[tauri::command]
#[specta::specta]
pub fn cancel(mesh: WindowMesh, what: mesh_app::Running) {
    mesh.cancel(what);
}
