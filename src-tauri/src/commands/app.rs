//! About the app itself.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Runtime, State};

use crate::state::AppState;

/// What the About box shows.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// Product name.
    pub name: String,
    /// Version of this build.
    pub version: String,
    /// Version of the mesh file schema this build writes.
    pub schema_version: i32,
    /// Where the app keeps the demo mesh and its recent-files list.
    pub data_dir: String,
    /// When the process started, in milliseconds since the Unix epoch.
    pub started_at_ms: f64,
}

/// Name, version and data folder, for the About box.
#[tauri::command]
#[specta::specta]
pub fn app_info<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        name: app.package_info().name.clone(),
        version: app.package_info().version.to_string(),
        schema_version: mesh_core::store::SCHEMA_VERSION as i32,
        data_dir: state.data_dir().display().to_string(),
        started_at_ms: crate::STARTED_AT
            .get()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    }
}
