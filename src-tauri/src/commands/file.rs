//! Opening, creating and copying mesh files. Paths come from the user: a native dialog,
//! the command line or the recent list; nothing here picks files on its own.

use std::path::{Path, PathBuf};

use mesh_core::model::{Mesh, MeshInfo};
use mesh_core::store::UndoState;
use mesh_core::{Access, Store};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_specta::Event;

use crate::error::CommandError;
use crate::events::{Progress, RecentFilesChanged};
use crate::recent;
use crate::state::{AppState, OpenTicket};

/// The open mesh as the UI needs it to draw everything.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MeshSnapshot {
    /// The file.
    pub path: String,
    /// Every entity.
    pub mesh: Mesh,
    /// What undo and redo would do.
    pub undo: UndoState,
}

/// Opens and loads a file off the UI thread, giving up when `ticket` is cancelled.
async fn load(
    path: PathBuf,
    access: Access,
    ticket: OpenTicket,
) -> Result<(Store, Mesh), CommandError> {
    tauri::async_runtime::spawn_blocking(move || {
        let store = Store::open(&path, access)?;
        let mesh = store.load_cancellable(&|| ticket.cancelled())?;
        // A cancel that came while the last table was read still wins: the user asked
        // for the previous mesh to stay.
        if ticket.cancelled() {
            return Err(mesh_core::Error::Cancelled.into());
        }
        Ok::<_, CommandError>((store, mesh))
    })
    .await
    .map_err(|e| CommandError::internal(format!("loading stopped: {e}")))?
}

/// Makes `store` the window's mesh: state, window title, recent list, menu.
pub fn install<R: Runtime>(
    app: &AppHandle<R>,
    store: Store,
    mesh: Mesh,
) -> Result<MeshSnapshot, CommandError> {
    let path = store.path().to_owned();
    let undo = store.undo_state()?;
    let state = app.state::<AppState>();
    state.replace(store)?;
    remember(app, state.data_dir(), &path);
    if let Some(window) = app.get_webview_window("main") {
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Failing to retitle the window is cosmetic; the mesh is open either way.
        let _ = window.set_title(&format!("{} — {} — Meshwright", mesh.info.name, file));
    }
    Ok(MeshSnapshot {
        path: path.display().to_string(),
        mesh,
        undo,
    })
}

/// Puts `path` on top of the recent list and tells whoever shows the list.
fn remember<R: Runtime>(app: &AppHandle<R>, data_dir: &Path, path: &Path) {
    recent::push(data_dir, path);
    let paths = recent::list(data_dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    // The list is a convenience; a missed update must not fail the open.
    let _ = RecentFilesChanged { paths }.emit(app);
}

/// The mesh open in this window, if any; a failure to open the start-up file is
/// reported here once.
#[tauri::command]
#[specta::specta]
pub async fn current_mesh(
    state: State<'_, AppState>,
) -> Result<Option<MeshSnapshot>, CommandError> {
    if let Some(error) = state.take_startup_error() {
        return Err(error);
    }
    match state
        .with_store(|store| Ok((store.load()?, store.undo_state()?, store.path().to_owned())))
    {
        Ok((mesh, undo, path)) => Ok(Some(MeshSnapshot {
            path: path.display().to_string(),
            mesh,
            undo,
        })),
        Err(e) if e.kind == mesh_core::ErrorKind::NoMeshOpen => Ok(None),
        Err(e) => Err(e),
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
    let ticket = app.state::<AppState>().begin_open();
    progress("opening");
    let loaded = load(PathBuf::from(&path), Access::ReadWrite, ticket).await;
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
    let path = PathBuf::from(path);
    let info = MeshInfo {
        name,
        namespace: "com.example".into(),
        description: None,
        custom_properties: Vec::new(),
        extensions: Default::default(),
    };
    let store = tauri::async_runtime::spawn_blocking(move || Store::create(&path, &info))
        .await
        .map_err(|e| CommandError::internal(format!("creating stopped: {e}")))??;
    let mesh = store.load()?;
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
    state.with_store(|store| Ok(store.save_copy(Path::new(&path))?))?;
    remember(&app, state.data_dir(), Path::new(&path));
    Ok(())
}

/// The recently opened files that still exist, newest first.
#[tauri::command]
#[specta::specta]
pub fn recent_files(state: State<'_, AppState>) -> Vec<String> {
    recent::list(state.data_dir())
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}
