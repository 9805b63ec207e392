//! About the app itself.

use tauri::{AppHandle, Runtime, State};

use crate::about::AppInfo;
use crate::state::AppState;

/// Name, version and data folder, for the About box.
#[tauri::command]
#[specta::specta]
pub fn app_info<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppInfo {
    AppInfo::of(&app, &state)
}
