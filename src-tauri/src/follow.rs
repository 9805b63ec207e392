//! Each window follows its mesh file: a file watcher (`notify`) on the file's folder
//! wakes a thread when the file (or its SQLite journal) changes, and once a second
//! regardless, in case an event is missed; the thread asks the window's session to take
//! in what another process committed (`mesh_app::follow`) and tells the window with a
//! `MeshChanged` event. The session decides whether anything changed; this only watches.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Weak};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

use crate::events::MeshChanged;
use crate::state::MeshWindow;

/// How often the file is looked at when no event came.
const EVERY: Duration = Duration::from_secs(1);
/// Events come in bursts (the file and its journal): wait for the burst to end.
const SETTLE: Duration = Duration::from_millis(150);

/// A running watch; dropping it stops the watch and its thread.
pub struct Follower {
    _watcher: Option<notify::RecommendedWatcher>,
    stop: Arc<AtomicBool>,
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Starts following `path` for the window `label`, whose session is `window`.
pub fn start<R: Runtime>(
    app: &AppHandle<R>,
    label: &str,
    window: &Arc<MeshWindow>,
    path: &Path,
) -> Follower {
    let (tx, rx) = mpsc::channel::<()>();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = event.is_ok_and(|e| {
            e.paths.iter().any(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(name.as_str()))
            })
        });
        if ours {
            let _ = tx.send(());
        }
    })
    .and_then(|mut w| {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        w.watch(folder, RecursiveMode::NonRecursive).map(|()| w)
    });
    // Without a watcher the once-a-second look still follows the file.
    let watcher = watcher
        .inspect_err(|e| eprintln!("meshwright: not watching {}: {e}", path.display()))
        .ok();
    let stop = Arc::new(AtomicBool::new(false));
    let session: Weak<MeshWindow> = Arc::downgrade(window);
    let (app, label, stopped) = (app.clone(), label.to_owned(), Arc::clone(&stop));
    std::thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            match rx.recv_timeout(EVERY) {
                Ok(()) => {
                    std::thread::sleep(SETTLE);
                    while rx.try_recv().is_ok() {}
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                // No watcher: look once a second.
                Err(mpsc::RecvTimeoutError::Disconnected) => std::thread::sleep(EVERY),
            }
            let Some(window) = session.upgrade() else {
                break;
            };
            if stopped.load(Ordering::Relaxed) {
                break;
            }
            match window.follow() {
                Ok(Some(followed)) => {
                    let _ = MeshChanged { followed }.emit_to(&app, label.as_str());
                }
                Ok(None) => {}
                Err(e) => eprintln!("meshwright: following the file: {}", e.message),
            }
        }
    });
    Follower {
        _watcher: watcher,
        stop,
    }
}
