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

/// Asks the running export (which keeps what it wrote) or import (which writes nothing) to stop.
#[tauri::command]
#[specta::specta]
pub fn cancel_task(mesh: WindowMesh) {
    mesh.cancel_task();
}
