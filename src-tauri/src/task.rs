//! Progress of a long task (export, import) as typed events. The core calls back after
//! every file; sending an event for each of 40,000 files would flood the IPC channel and
//! the UI's renders, so events go out at most every [`INTERVAL`], plus the first and the
//! last. It must not decide anything about the task itself.

use std::time::{Duration, Instant};

use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

use crate::events::{Task, TaskPhase, TaskProgress};

/// The shortest time between two progress events of one task.
pub const INTERVAL: Duration = Duration::from_millis(50);

/// Sends one task's progress events, throttled.
pub struct Reporter<R: Runtime> {
    app: AppHandle<R>,
    task: Task,
    last: Option<Instant>,
}

impl<R: Runtime> Reporter<R> {
    /// A reporter for `task`.
    pub fn new(app: &AppHandle<R>, task: Task) -> Self {
        Reporter {
            app: app.clone(),
            task,
            last: None,
        }
    }

    /// Reports a phase whose amount of work is not known (shown as a busy bar).
    pub fn phase(&mut self, phase: TaskPhase) {
        self.last = None;
        self.report(phase, 0, 0);
    }

    /// Reports `done` of `total`; skipped when the last event was too recent, unless it
    /// is the last unit.
    pub fn report(&mut self, phase: TaskPhase, done: usize, total: usize) {
        let now = Instant::now();
        let due = self.last.is_none_or(|t| now.duration_since(t) >= INTERVAL);
        if !due && done < total {
            return;
        }
        self.last = Some(now);
        // Progress is advisory: a UI that missed it still gets the command's result.
        let _ = TaskProgress {
            task: self.task,
            phase,
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }
        .emit(&self.app);
    }
}
