//! The application layer as plain Rust, without Tauri: the session and its kept model,
//! cancel tokens, the import and export flows the app's dialogs run, and a mesh file
//! opened read-only as the CLI's `check` and `stats` open it. The IPC tests in
//! `src-tauri/tests/ipc.rs` only check the wiring on top of this.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod conflicts;
mod diagram;
mod export;
mod follow;
mod import;
mod readonly;
mod scenario;
mod session;
mod view_filter;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use mesh_app::{CancelToken, Session, TaskPhase, file};
use mesh_core::{Access, Store};

/// A session with the demo mesh open from a file in `dir`.
fn demo_session(dir: &Path) -> (Session, PathBuf) {
    let path = dir.join("demo.mesh");
    drop(Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
    let session = Session::new();
    let (store, mesh) = file::open(&path, Access::ReadWrite, &CancelToken::silent()).unwrap();
    session.install(store, mesh).unwrap();
    (session, path)
}

/// The progress a token reported, as `(phase, done, total)`.
type Reports = Arc<Mutex<Vec<(TaskPhase, usize, usize)>>>;

/// A task token of `session` that records its progress.
fn recording(session: &Session) -> (CancelToken, Reports) {
    let reports = Reports::default();
    let sink = reports.clone();
    let token = session.begin_task(move |phase, done, total| {
        sink.lock().unwrap().push((phase, done, total));
    });
    (token, reports)
}
