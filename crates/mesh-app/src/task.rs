//! A long task's cancel flag and progress, one way for open, import, export and
//! diagrams: the host makes a [`CancelToken`] with where progress goes (a throttled
//! event in the app, a bar in the CLI, a list in tests), keeps its [`Canceller`] for the
//! Cancel button, and hands the token to the task. A task that stops answers
//! `ErrorKind::Cancelled`, a typed outcome the host never has to work out from a message.
//!
//! It must not know how progress is shown or how often: that is the host's business.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::CommandError;

/// The long operations that report progress and can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Task {
    /// Exporting manifests (the Export dialog).
    Export,
    /// Importing manifests (the Import dialog).
    Import,
    /// Drawing a diagram (the Export Diagram dialog).
    Diagram,
}

/// Which stage of a task is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TaskPhase {
    /// Rendering the manifests and comparing them with the folder (no count).
    Planning,
    /// Writing and removing files; counts files.
    Writing,
    /// Reading and parsing manifest files; counts files.
    Reading,
    /// Checking the documents against the mesh and committing them (no count).
    Applying,
    /// Rasterising a diagram; counts its parts (domain boxes, edges, nodes).
    Drawing,
}

/// Where a task's progress goes: `(phase, done, total)`, `total` 0 while unknown.
pub trait Progress: Send {
    /// One step of the task.
    fn report(&mut self, phase: TaskPhase, done: usize, total: usize);
}

impl<F: FnMut(TaskPhase, usize, usize) + Send> Progress for F {
    fn report(&mut self, phase: TaskPhase, done: usize, total: usize) {
        self(phase, done, total);
    }
}

/// Stops the task of a [`CancelToken`] from another thread (the Cancel button).
#[derive(Debug, Clone, Default)]
pub struct Canceller(Arc<AtomicBool>);

impl Canceller {
    /// Asks the task to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A running task's cancel flag and progress sink.
pub struct CancelToken {
    flag: Arc<AtomicBool>,
    progress: Box<dyn Progress>,
}

impl CancelToken {
    /// A token reporting to `progress`.
    pub fn new(progress: impl Progress + 'static) -> Self {
        CancelToken {
            flag: Arc::default(),
            progress: Box::new(progress),
        }
    }

    /// A token that reports nowhere (a task nobody watches, such as a test's).
    pub fn silent() -> Self {
        CancelToken::new(|_: TaskPhase, _: usize, _: usize| {})
    }

    /// The handle that cancels this token's task.
    pub fn canceller(&self) -> Canceller {
        Canceller(Arc::clone(&self.flag))
    }

    /// Whether the task was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// `Err(cancelled)` once the task was asked to stop; `message` says what was left
    /// done.
    pub fn check(&self, message: &str) -> Result<(), CommandError> {
        if self.is_cancelled() {
            Err(CommandError::cancelled(message))
        } else {
            Ok(())
        }
    }

    /// Reports the start of `phase`, whose amount of work is not known yet.
    pub fn phase(&mut self, phase: TaskPhase) {
        self.progress.report(phase, 0, 0);
    }

    /// Runs one stage of the core with this token: `f` gets the core's `(done, total)`
    /// callback, reported as `phase`, and the cancel flag the core checks.
    pub fn run<T>(
        &mut self,
        phase: TaskPhase,
        f: impl FnOnce(&mut dyn FnMut(usize, usize), &AtomicBool) -> T,
    ) -> T {
        self.phase(phase);
        let progress = &mut self.progress;
        f(
            &mut |done, total| progress.report(phase, done, total),
            &self.flag,
        )
    }
}
