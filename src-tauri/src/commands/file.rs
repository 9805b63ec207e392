//! Opening, creating and copying mesh files: adapters of `mesh_app::file` and the
//! session, plus what only the desktop has (the recent list, the window title, the
//! `Progress` event). Paths come from the user: a native dialog, the command line or
//! the recent list; nothing here picks files on its own.

use std::path::{Path, PathBuf};

use mesh_app::{CommandError, MeshSnapshot, file};
use mesh_core::Access;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_specta::Event;

use crate::events::Progress;
use crate::state::AppState;
use crate::window::{install, remember};
use crate::{recent, task};

/// The mesh open in this window, if any; a failure to open the start-up file is
/// reported here once.
#[tauri::command]
#[specta::specta]
pub async fn current_mesh(
    state: State<'_, AppState>,
) -> Result<Option<MeshSnapshot>, CommandError> {
    match state.take_startup_error() {
        Some(error) => Err(error),
        None => state.current(),
    }
}

/// Opens an existing mesh file in this window.
#[tauri::command]
#[specta::specta]
pub async fn open_mesh<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> Result<MeshSnapshot, CommandError> {
    let progress = |phase: &str| {
        // Progress is advisory: a UI that missed it still gets the result.
        let _ = Progress {
            phase: phase.into(),
            path: path.clone(),
        }
        .emit(&app);
    };
    let token = app.state::<AppState>().begin_open();
    progress("opening");
    let file = PathBuf::from(&path);
    let loaded = task::blocking(&app, move |_| file::open(&file, Access::ReadWrite, &token));
    let loaded = loaded.await;
    progress("done");
    let (store, mesh) = loaded?;
    install(&app, store, mesh)
}

/// Cancels the open in flight (the status bar's Cancel); the open mesh stays open and
/// the open answers with a `cancelled` error.
#[tauri::command]
#[specta::specta]
pub fn cancel_open(state: State<'_, AppState>) {
    state.cancel_open();
}

/// Creates a new, empty mesh file and opens it.
#[tauri::command]
#[specta::specta]
pub async fn new_mesh<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    name: String,
) -> Result<MeshSnapshot, CommandError> {
    let created = task::blocking(&app, move |_| file::create(Path::new(&path), name));
    let (store, mesh) = created.await?;
    install(&app, store, mesh)
}

/// Writes a copy of the open mesh to `path` (Save As); the open file stays open.
#[tauri::command]
#[specta::specta]
pub async fn save_mesh_as<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), CommandError> {
    state.with_open(|open| Ok(open.store().save_copy(Path::new(&path))?))?;
    remember(&app, state.data_dir(), Path::new(&path));
    Ok(())
}

/// The recently opened files that still exist, newest first.
#[tauri::command]
#[specta::specta]
pub fn recent_files(state: State<'_, AppState>) -> Vec<String> {
    recent::shown(state.data_dir())
}
