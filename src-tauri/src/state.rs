//! What the app keeps between commands: the open mesh file and where the app's own files
//! live. One mesh per window; today the app has one window.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use mesh_core::Store;
use mesh_core::manifests::plan::Plan;
use mesh_core::model::Mesh;
use mesh_core::store::{Applied, Key};

use crate::error::CommandError;

/// Managed by Tauri; commands reach it through `State<AppState>`.
pub struct AppState {
    store: Mutex<Option<Store>>,
    /// The open mesh's model for governance checks, loaded on first use and patched with
    /// every edit, undo and redo, so a re-check does not reload the file.
    model: Mutex<Option<Mesh>>,
    startup_error: Mutex<Option<CommandError>>,
    data_dir: PathBuf,
    /// Moves on with every open and every cancel, so an open in flight can tell that the
    /// user cancelled it or asked for another file meanwhile.
    opens: Arc<AtomicU64>,
    /// Bumped whenever the open mesh's content changes (another file; an edit, undo or
    /// redo of an entity or the header), so work prepared from an earlier state, such as
    /// an export preview, can tell it is stale. Canvas positions and the governance
    /// policy are not content: the first open's automatic layout, landing just after a
    /// preview, must not make it stale.
    generation: AtomicU64,
    /// The export the user previewed, kept so that what is written is what was shown.
    pending_export: Mutex<Option<PendingExport>>,
    /// The cancel flag of the running export or import.
    task: Mutex<Option<Arc<AtomicBool>>>,
}

/// An export plan with the mesh generation it was made from.
pub struct PendingExport {
    /// The plan as previewed.
    pub plan: Plan,
    /// [`AppState::generation`] when it was made.
    pub generation: u64,
}

/// One open in flight; see [`AppState::begin_open`].
pub struct OpenTicket {
    opens: Arc<AtomicU64>,
    number: u64,
}

impl OpenTicket {
    /// Whether the open was cancelled or overtaken by a newer one.
    pub fn cancelled(&self) -> bool {
        self.opens.load(Ordering::SeqCst) != self.number
    }
}

impl AppState {
    /// State with no mesh open yet; `data_dir` holds the demo mesh and the recent list.
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            store: Mutex::new(None),
            model: Mutex::new(None),
            startup_error: Mutex::new(None),
            data_dir,
            opens: Arc::new(AtomicU64::new(0)),
            generation: AtomicU64::new(0),
            pending_export: Mutex::new(None),
            task: Mutex::new(None),
        }
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Runs `f` on the open store.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self
            .store
            .lock()
            .map_err(|_| CommandError::internal("the mesh lock was poisoned"))?;
        let store = guard.as_mut().ok_or_else(CommandError::no_mesh)?;
        f(store)
    }

    /// Runs `f` on the open mesh's model (`store` is the open store, to load it once).
    pub fn with_model<T>(
        &self,
        store: &Store,
        f: impl FnOnce(&Mesh) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self
            .model
            .lock()
            .map_err(|_| CommandError::internal("the model lock was poisoned"))?;
        let model = match &mut *guard {
            Some(model) => model,
            None => guard.insert(store.load()?),
        };
        f(model)
    }

    /// A copy of the open mesh's model, for work that runs without holding the locks.
    pub fn model_snapshot(&self) -> Result<(Mesh, u64), CommandError> {
        self.with_store(|store| {
            let generation = self.generation();
            self.with_model(store, |mesh| Ok((mesh.clone(), generation)))
        })
    }

    /// Which state of the open mesh this is (see the field).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps a previewed export until it is written or replaced.
    pub fn set_pending_export(&self, pending: PendingExport) {
        if let Ok(mut guard) = self.pending_export.lock() {
            *guard = Some(pending);
        }
    }

    /// Runs `f` on the previewed export, if there is one.
    pub fn with_pending_export<T>(
        &self,
        f: impl FnOnce(Option<&PendingExport>) -> T,
    ) -> Result<T, CommandError> {
        let guard = self
            .pending_export
            .lock()
            .map_err(|_| CommandError::internal("the export lock was poisoned"))?;
        Ok(f(guard.as_ref()))
    }

    /// Takes the previewed export out (writing changes the folder, so it cannot be
    /// written twice).
    pub fn take_pending_export(&self) -> Option<PendingExport> {
        self.pending_export.lock().ok().and_then(|mut g| g.take())
    }

    /// A fresh cancel flag for a task that is starting; `cancel_task` sets it.
    pub fn begin_task(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        if let Ok(mut guard) = self.task.lock() {
            *guard = Some(flag.clone());
        }
        flag
    }

    /// Asks the running task, if any, to stop.
    pub fn cancel_task(&self) {
        if let Ok(guard) = self.task.lock()
            && let Some(flag) = guard.as_ref()
        {
            flag.store(true, Ordering::SeqCst);
        }
    }

    /// Brings the kept model up to date with a committed edit, undo or redo.
    pub fn patch_model(&self, applied: &Applied) {
        if applied
            .changes
            .iter()
            .any(|c| matches!(c.key, Key::Entity { .. } | Key::Mesh))
        {
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
        if let Ok(mut guard) = self.model.lock()
            && let Some(model) = guard.as_mut()
        {
            applied.patch(model);
        }
    }

    /// Starts an open: from now until it is installed, [`AppState::cancel_open`] or a
    /// newer open makes the returned ticket say it was cancelled.
    pub fn begin_open(&self) -> OpenTicket {
        let number = self.opens.fetch_add(1, Ordering::SeqCst) + 1;
        OpenTicket {
            opens: Arc::clone(&self.opens),
            number,
        }
    }

    /// Cancels the open in flight, if any; the open mesh stays open.
    pub fn cancel_open(&self) {
        self.opens.fetch_add(1, Ordering::SeqCst);
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

    /// Makes `store` the open mesh, closing the previous one.
    pub fn replace(&self, store: Store) -> Result<(), CommandError> {
        let mut guard = self
            .store
            .lock()
            .map_err(|_| CommandError::internal("the mesh lock was poisoned"))?;
        *guard = Some(store);
        self.generation.fetch_add(1, Ordering::SeqCst);
        // Another file: its model is loaded when it is first checked.
        if let Ok(mut model) = self.model.lock() {
            *model = None;
        }
        Ok(())
    }
}
