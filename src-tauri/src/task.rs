//! Running the application layer off the UI thread, and long tasks' progress as typed
//! events. The core reports after every file; sending an event for each of 40,000 files
//! would flood the IPC channel and the UI's renders, so events go out at most every
//! [`INTERVAL`], plus the first of each phase and the last. It must not decide anything
//! about the task itself.

use std::time::{Duration, Instant};

use mesh_app::{CancelToken, CommandError, Progress, Session, Task, TaskPhase};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

use crate::events::TaskProgress;
use crate::state::{MeshWindow, WindowMesh};

/// The shortest time between two progress events of one task.
pub const INTERVAL: Duration = Duration::from_millis(50);

/// Sends one task's progress events to its window, throttled.
struct Reporter<R: Runtime> {
    app: AppHandle<R>,
    window: String,
    task: Task,
    last: Option<(TaskPhase, Instant)>,
}

impl<R: Runtime> Progress for Reporter<R> {
    /// Skipped when the last event of the same phase was too recent, unless it is the
    /// last unit.
    fn report(&mut self, phase: TaskPhase, done: usize, total: usize) {
        let now = Instant::now();
        let due = self
            .last
            .is_none_or(|(p, t)| p != phase || now.duration_since(t) >= INTERVAL);
        if !due && done < total {
            return;
        }
        self.last = Some((phase, now));
        // Progress is advisory: a UI that missed it still gets the command's result.
        let _ = TaskProgress {
            task: self.task,
            phase,
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }
        .emit_to(&self.app, self.window.as_str());
    }
}

/// Runs `f` on the window's session off the UI thread (opening, rendering and
/// comparing thousands of files take seconds).
pub async fn blocking<T: Send + 'static>(
    mesh: &WindowMesh,
    f: impl FnOnce(&MeshWindow) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    let window = mesh.shared();
    tauri::async_runtime::spawn_blocking(move || f(&window))
        .await
        .map_err(|e| CommandError::internal(format!("the task stopped: {e}")))?
}

/// Runs the export, import or diagram `f` off the UI thread with a token whose progress goes out
/// to the window as [`TaskProgress`] events and which `cancel_task` cancels.
pub async fn run<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    mesh: &WindowMesh,
    task: Task,
    f: impl FnOnce(&Session, &mut CancelToken) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    let reporter = Reporter {
        app: app.clone(),
        window: mesh.label.clone(),
        task,
        last: None,
    };
    blocking(mesh, move |window| {
        f(window, &mut window.begin_task(reporter))
    })
    .await
}
