//! Opening, creating and copying mesh files (paths the user chose), and new windows.

use std::path::{Path, PathBuf};

use mesh_app::{CommandError, MeshSnapshot, file};
use mesh_core::Access;
use tauri::{AppHandle, Runtime, State};

use crate::events::Progress;
use crate::state::{AppState, WindowMesh};
use crate::{recent, task, windows};

/// The mesh open in this window, if any; a start-up file that failed is reported once.
#[tauri::command]
#[specta::specta]
pub async fn current_mesh(mesh: WindowMesh) -> Result<Option<MeshSnapshot>, CommandError> {
    mesh.take_startup_error()
        .map_or_else(|| mesh.current(), Err)
}

/// Opens a mesh file here; `None` when another window has it, brought to the front.
#[tauri::command]
#[specta::specta]
pub async fn open_mesh<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    path: String,
) -> Result<Option<MeshSnapshot>, CommandError> {
    if windows::focus_showing(&app, Path::new(&path), Some(&mesh.label)) {
        return Ok(None);
    }
    let progress = Progress::sender(&app, &mesh.label, &path);
    let token = mesh.begin_open();
    progress("opening");
    let file = PathBuf::from(&path);
    let loaded = task::blocking(&mesh, move |_| file::open(&file, Access::ReadWrite, &token)).await;
    progress("done");
    let (store, model) = loaded?;
    windows::install(&app, &mesh, &mesh.label, store, model).map(Some)
}

/// Creates a new, empty mesh file and opens it.
#[tauri::command]
#[specta::specta]
pub async fn new_mesh<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    path: String,
    name: String,
) -> Result<MeshSnapshot, CommandError> {
    let created = task::blocking(&mesh, move |_| file::create(Path::new(&path), name));
    let (store, model) = created.await?;
    windows::install(&app, &mesh, &mesh.label, store, model)
}

/// Writes a copy of the open mesh to `path` (Save As); the open file stays open.
#[tauri::command]
#[specta::specta]
pub async fn save_mesh_as<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    path: String,
) -> Result<(), CommandError> {
    mesh.with_open(|open| Ok(open.store().save_copy(Path::new(&path))?))?;
    windows::remember(&app, Path::new(&path));
    Ok(())
}

/// The recently opened files that still exist, newest first.
#[tauri::command]
#[specta::specta]
pub fn recent_files(state: State<'_, AppState>) -> Vec<String> {
    recent::shown(state.data_dir())
}

/// Opens a new empty window (async: a synchronous one deadlocks on Windows).
#[tauri::command]
#[specta::specta]
pub async fn new_window<R: Runtime>(app: AppHandle<R>) -> Result<(), CommandError> {
    windows::create(&app, None).map_err(windows::failed)
}
