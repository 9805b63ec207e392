//! The app's windows: one per open mesh, titled after it, each open putting its file on
//! the recent list. A file opened from the file manager (a second
//! launch, handed over by the single-instance plugin) gets a window of its own, or brings
//! forward the window that already has it; File > New Window opens one with no mesh.
//! Each window's session lives in `state`; this only makes, finds and focuses windows and
//! must not decide anything about a mesh.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use mesh_app::{CancelToken, CommandError, MeshSnapshot, file};
use mesh_core::model::Mesh;
use mesh_core::{Access, Store};
use tauri::{AppHandle, Manager, Runtime, WebviewWindow, WebviewWindowBuilder};
use tauri_specta::Event;

use crate::events::RecentFilesChanged;
use crate::recent;
use crate::state::{AppState, MeshWindow};

/// The label of the window the app starts with (`tauri.conf.json`).
pub const MAIN: &str = "main";

/// The number in the next window's label (`mesh-2`, `mesh-3`, ...); labels are never
/// reused, so a late event for a closed window cannot reach a new one.
static NEXT: AtomicU32 = AtomicU32::new(2);

/// Opens a new window, on `path` when given (a failure to open it is shown in that
/// window, as at start-up), with no mesh otherwise.
pub fn create<R: Runtime>(app: &AppHandle<R>, path: Option<&Path>) -> tauri::Result<()> {
    let label = format!("mesh-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    // The session is filled before the window exists, so the page's first
    // `current_mesh` finds the file open (or the reason it is not).
    if let Some(path) = path {
        open_into(app, &label, path);
    }
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .unwrap_or_default();
    config.label = label;
    let window = WebviewWindowBuilder::from_config(app, &config)?.build()?;
    bring_forward(&window);
    Ok(())
}

/// Makes `store` the mesh of `window` (labelled `label`): session, window title,
/// recent list, menu.
pub fn install<R: Runtime>(
    app: &AppHandle<R>,
    window: &MeshWindow,
    label: &str,
    mut store: Store,
    mesh: Mesh,
) -> Result<MeshSnapshot, CommandError> {
    // This window's edits are its own: its undo leaves other windows' and programs' alone.
    store.set_origin(format!("desktop:{label}"));
    let path = store.path().to_owned();
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let title = format!("{} — {file_name} — Meshwright", mesh.info.name);
    let snapshot = window.install(store, mesh)?;
    let shared = app.state::<AppState>().window(label);
    shared.follow_with(crate::follow::start(app, label, &shared, &path));
    remember(app, &path);
    if let Some(window) = app.get_webview_window(label) {
        // Failing to retitle the window is cosmetic; the mesh is open either way.
        let _ = window.set_title(&title);
    }
    Ok(snapshot)
}

/// Puts `path` on top of the recent list and tells whoever shows the list.
pub fn remember<R: Runtime>(app: &AppHandle<R>, path: &Path) {
    let data_dir = app.state::<AppState>().data_dir().to_owned();
    recent::push(&data_dir, path);
    let paths = recent::shown(&data_dir);
    // The list is a convenience; a missed update must not fail the open.
    let _ = RecentFilesChanged { paths }.emit(app);
}

/// Opens `path` in the session of window `label`; a failure is kept for its UI.
pub fn open_into<R: Runtime>(app: &AppHandle<R>, label: &str, path: &Path) {
    let window = app.state::<AppState>().window(label);
    let opened = file::open(path, Access::ReadWrite, &CancelToken::silent())
        .and_then(|(store, mesh)| install(app, &window, label, store, mesh));
    if let Err(e) = opened {
        window.set_startup_error(e);
    }
}

/// Brings forward the window that has `path` open, unless it is `except` (the window
/// asking); whether one did.
pub fn focus_showing<R: Runtime>(app: &AppHandle<R>, path: &Path, except: Option<&str>) -> bool {
    let Some(label) = app.state::<AppState>().showing(path) else {
        return false;
    };
    if Some(label.as_str()) == except {
        return false;
    }
    match app.get_webview_window(&label) {
        Some(window) => {
            bring_forward(&window);
            true
        }
        None => false,
    }
}

fn bring_forward<R: Runtime>(window: &WebviewWindow<R>) {
    // Focus is a request the window manager may refuse; the window is open either way.
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

/// The files a launch names: every argument that is not a flag, relative to `cwd`.
pub fn paths_in(args: impl IntoIterator<Item = String>, cwd: &Path) -> Vec<PathBuf> {
    args.into_iter()
        .filter(|a| !a.starts_with('-'))
        .map(|a| cwd.join(a))
        .collect()
}

/// A second launch of the app (the file manager opening a `.mesh` file): each file it
/// names is brought forward where it is open, else opened in a new window; with none,
/// the app's first window comes forward.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: &str) {
    let paths = paths_in(argv.into_iter().skip(1), Path::new(cwd));
    if paths.is_empty() {
        if let Some(window) = app.webview_windows().into_values().next() {
            bring_forward(&window);
        }
        return;
    }
    for path in paths {
        if !focus_showing(app, &path, None)
            && let Err(e) = create(app, Some(&path))
        {
            eprintln!(
                "meshwright: cannot open a window for {}: {e}",
                path.display()
            );
        }
    }
}

/// The window menu items and shortcuts act on: the focused one, else any.
pub fn focused<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    let windows = app.webview_windows();
    windows
        .iter()
        .find(|(_, w)| w.is_focused().unwrap_or(false))
        .or_else(|| windows.iter().next())
        .map(|(label, _)| label.clone())
}

/// Why a window could not be made, as the UI shows errors.
pub fn failed(e: tauri::Error) -> CommandError {
    CommandError::internal(format!("cannot open a new window: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_launch_names_its_files_relative_to_where_it_ran() {
        let args = ["--flag", "a.mesh", "/abs/b.mesh", "notes.txt"].map(String::from);
        assert_eq!(
            paths_in(args, Path::new("/home/me")),
            [
                PathBuf::from("/home/me/a.mesh"),
                PathBuf::from("/abs/b.mesh"),
                PathBuf::from("/home/me/notes.txt"),
            ]
        );
        assert!(paths_in(["-psn_0_1234".to_owned()], Path::new("/")).is_empty());
    }
}
