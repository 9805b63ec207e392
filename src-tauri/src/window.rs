//! The window around the open mesh: making a store the window's mesh (the session, the
//! title, the recent list and whoever shows it). Shared by the file commands and the
//! start-up; it must not open or create files itself.

use std::path::Path;

use mesh_app::{CommandError, MeshSnapshot};
use mesh_core::Store;
use mesh_core::model::Mesh;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::events::RecentFilesChanged;
use crate::recent;
use crate::state::AppState;

/// Makes `store` the window's mesh: session, window title, recent list, menu.
pub fn install<R: Runtime>(
    app: &AppHandle<R>,
    store: Store,
    mesh: Mesh,
) -> Result<MeshSnapshot, CommandError> {
    let state = app.state::<AppState>();
    let path = store.path().to_owned();
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let title = format!("{} — {file_name} — Meshwright", mesh.info.name);
    let snapshot = state.install(store, mesh)?;
    remember(app, state.data_dir(), &path);
    if let Some(window) = app.get_webview_window("main") {
        // Failing to retitle the window is cosmetic; the mesh is open either way.
        let _ = window.set_title(&title);
    }
    Ok(snapshot)
}

/// Puts `path` on top of the recent list and tells whoever shows the list.
pub fn remember<R: Runtime>(app: &AppHandle<R>, data_dir: &Path, path: &Path) {
    recent::push(data_dir, path);
    let paths = recent::shown(data_dir);
    // The list is a convenience; a missed update must not fail the open.
    let _ = RecentFilesChanged { paths }.emit(app);
}
