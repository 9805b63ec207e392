//! What the About box shows: the product's name and version (the workspace's one
//! version), the mesh file schema this build writes, the data folder, and when the
//! process started (for the start-up time the end-to-end tests measure). It decides
//! nothing; `commands::app` answers it.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Runtime};

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

impl AppInfo {
    /// This build's answer.
    pub fn of<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> AppInfo {
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
}
