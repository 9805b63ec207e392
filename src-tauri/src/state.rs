//! What the app keeps between commands: the application layer's [`Session`] (the open
//! mesh, its kept model, the previewed export, the running tasks' cancel handles), where
//! the app's own files live, and why the start-up file failed to open. One mesh per
//! window; today the app has one window. It must hold no logic of its own: the session
//! decides, this only adds what only a desktop app has.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use mesh_app::{CommandError, Session};

/// Managed by Tauri; commands reach it through `State<AppState>`, and the session's
/// methods through it directly.
pub struct AppState {
    session: Session,
    startup_error: Mutex<Option<CommandError>>,
    data_dir: PathBuf,
}

impl Deref for AppState {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

impl AppState {
    /// State with no mesh open yet; `data_dir` holds the demo mesh and the recent list.
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            session: Session::new(),
            startup_error: Mutex::new(None),
            data_dir,
        }
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Keeps why the start-up file could not be opened, for the UI to show once.
    pub fn set_startup_error(&self, error: CommandError) {
        if let Ok(mut guard) = self.startup_error.lock() {
            *guard = Some(error);
        }
    }

    /// The start-up error, once.
    pub fn take_startup_error(&self) -> Option<CommandError> {
        self.startup_error.lock().ok().and_then(|mut g| g.take())
    }
}
