//! Meshwright's application layer: what the desktop app and the CLI do with the core,
//! with no Tauri (or any UI) dependency, so it is tested as plain Rust.
//!
//! It holds the open-mesh [`Session`] (`session`), long tasks' [`CancelToken`] with
//! progress (`task`), mesh files (`file`), the import and export flows (`import`,
//! `export`) with their typed answers (DTOs deriving `specta::Type` behind the `specta`
//! feature, which the desktop shell turns on), the checked user paths (`chosen`) and the
//! one error type, [`CommandError`], carrying the core's `ErrorKind`.
//!
//! Business rules stay in `mesh-core`; presentation (events, windows, menus, bars,
//! text output) stays in the hosts. A host's adapter parses, calls one function here,
//! and maps the answer.

pub mod chosen;
pub mod conflicts;
pub mod diagram;
pub mod error;
pub mod export;
pub mod file;
pub mod follow;
pub mod import;
pub mod overview;
pub mod readonly;
pub mod repos;
pub mod scenario;
pub mod session;
pub mod task;
pub mod view_filter;

pub use error::CommandError;
pub use session::{CreatedEntity, HistoryStep, MeshSnapshot, Running, Session};
pub use task::{CancelToken, Canceller, Progress, Task, TaskPhase};

/// A count for the UI (JavaScript numbers; nothing here comes near `u32::MAX`).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
