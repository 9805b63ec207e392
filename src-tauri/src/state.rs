//! What the app keeps between commands: one application-layer [`Session`] per window
//! (its open mesh, kept model, previewed export, running tasks' cancel handles, why the
//! file it was opened on failed), and where the app's own files live. Commands reach the
//! session of the window they came from through [`WindowMesh`], so two windows never
//! share a file, an undo history or a task. It must hold no logic of its own: the session
//! decides, this only adds what only a desktop app has.

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use mesh_app::{CommandError, Session};
use specta::datatype::DataType;
use specta::function::FunctionArg;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{Manager, Runtime};

/// Managed by Tauri: the windows' sessions and the data folder.
pub struct AppState {
    windows: Mutex<HashMap<String, Arc<MeshWindow>>>,
    data_dir: PathBuf,
}

/// One window's mesh: the session and why the file it was opened on failed.
#[derive(Default)]
pub struct MeshWindow {
    session: Session,
    startup_error: Mutex<Option<CommandError>>,
    /// The watch on the open file (`follow`); replaced with the file.
    follower: Mutex<Option<crate::follow::Follower>>,
}

impl Deref for MeshWindow {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

impl MeshWindow {
    /// Follows the newly opened file instead of the previous one.
    pub fn follow_with(&self, follower: crate::follow::Follower) {
        *self.follower.lock().unwrap_or_else(PoisonError::into_inner) = Some(follower);
    }

    /// Keeps why the window's file could not be opened, for its UI to show once.
    pub fn set_startup_error(&self, error: CommandError) {
        *self
            .startup_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(error);
    }

    /// The start-up error, once.
    pub fn take_startup_error(&self) -> Option<CommandError> {
        self.startup_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl AppState {
    /// State with no window yet; `data_dir` holds the demo mesh and the recent list.
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            windows: Mutex::new(HashMap::new()),
            data_dir,
        }
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    fn windows(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<MeshWindow>>> {
        // The map holds no invariant a panic could break half-way.
        self.windows.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The session of the window `label`, made on its first command.
    pub fn window(&self, label: &str) -> Arc<MeshWindow> {
        Arc::clone(self.windows().entry(label.to_owned()).or_default())
    }

    /// Forgets a closed window's session (its store closes with the last reference).
    pub fn close(&self, label: &str) {
        self.windows().remove(label);
    }

    /// The window that has `path` open, if any.
    pub fn showing(&self, path: &Path) -> Option<String> {
        let wanted = same_file_key(path);
        self.windows().iter().find_map(|(label, window)| {
            let open = window.open_path()?;
            (same_file_key(&open) == wanted).then(|| label.clone())
        })
    }
}

/// `path` as comparable: canonical when it exists, as given otherwise.
fn same_file_key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

/// A command argument: the session of the window the command came from, and that
/// window's label (where its events go).
pub struct WindowMesh {
    /// The window's label.
    pub label: String,
    window: Arc<MeshWindow>,
}

impl Deref for WindowMesh {
    type Target = MeshWindow;

    fn deref(&self) -> &MeshWindow {
        &self.window
    }
}

impl WindowMesh {
    /// The window's session, owned, for work moved off the UI thread.
    pub fn shared(&self) -> Arc<MeshWindow> {
        Arc::clone(&self.window)
    }
}

impl<'de, R: Runtime> CommandArg<'de, R> for WindowMesh {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let webview = command.message.webview_ref();
        let label = webview.label().to_owned();
        let window = webview.state::<AppState>().window(&label);
        Ok(WindowMesh { label, window })
    }
}

/// Injected by Tauri, so it is no argument in the TypeScript bindings.
impl FunctionArg for WindowMesh {
    fn to_datatype(_: &mut specta::Types) -> Option<DataType> {
        None
    }
}
