//! Which mesh the first window opens on: a path from the command line, else the most
//! recent file, else the demo mesh, created in the data folder on first start.

use std::path::{Path, PathBuf};

use mesh_app::CommandError;
use mesh_core::Store;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;
use crate::{recent, windows};

/// Overrides the data folder, so tests and scripted runs never touch the user's files.
pub const DATA_DIR_ENV: &str = "MESHWRIGHT_DATA_DIR";

/// The data folder: `$MESHWRIGHT_DATA_DIR`, else the platform's app data folder
/// (`~/.local/share/dev.meshwright.app` on Linux).
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    match data_dir_override() {
        Some(dir) => Ok(dir),
        None => app.path().app_data_dir(),
    }
}

/// `$MESHWRIGHT_DATA_DIR` when set: a scripted run keeps everything it writes there
/// (the demo, the recent list, the windows' places) and is an instance of its own.
pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV)
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
}

/// What a launch asks that is answered on the terminal, with no window: `--version`
/// (the workspace's version, as in the CLI, the bundles and the About box) and `--help`.
pub fn terminal_answer(args: impl IntoIterator<Item = String>) -> Option<String> {
    let name = "meshwright-app";
    let version = env!("CARGO_PKG_VERSION");
    args.into_iter().find_map(|arg| match arg.as_str() {
        "--version" | "-V" => Some(format!("{name} {version}\n")),
        "--help" | "-h" => Some(format!(
            "Meshwright {version}: model a data mesh visually.\n\n\
             Usage: {name} [FILE.mesh ...]\n\n\
             Opens each file in a window of its own (in the running app, if there is one);\n\
             with none, the most recent file, else the demo mesh.\n\n\
             Options:\n  -h, --help     this text\n  -V, --version  the version\n"
        )),
        _ => None,
    })
}

/// Opens the start-up mesh in the main window: the first file the arguments name (a
/// file the core refuses shows its error there), else the most recent file, else the
/// demo; further files named open in windows of their own. A failure is kept for the UI
/// to show; the app still starts.
pub fn open_initial<R: Runtime>(app: &AppHandle<R>, args: impl Iterator<Item = String>) {
    let state = app.state::<AppState>();
    let data_dir = state.data_dir().to_owned();
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut named = windows::paths_in(args, &cwd).into_iter();
    let first = match named.next() {
        Some(path) => Ok(path),
        None => recent_or_demo(&data_dir),
    };
    match first {
        Ok(path) => windows::open_into(app, windows::MAIN, &path),
        Err(e) => state.window(windows::MAIN).set_startup_error(e),
    }
    for path in named {
        if let Err(e) = windows::create(app, Some(&path)) {
            eprintln!(
                "meshwright: cannot open a window for {}: {e}",
                path.display()
            );
        }
    }
}

/// The most recent file, else the demo mesh (created in the data folder the first time).
fn recent_or_demo(data_dir: &Path) -> Result<PathBuf, CommandError> {
    if let Some(path) = recent::list(data_dir).into_iter().next() {
        return Ok(path);
    }
    let demo = data_dir.join("demo.mesh");
    if !demo.exists() {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| CommandError::internal(format!("{}: {e}", data_dir.display())))?;
        drop(Store::create_from(
            &demo,
            &mesh_core::demo::demo_mesh(),
            &mut |_, _| {},
        )?);
    }
    Ok(demo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_and_help_are_answered_without_a_window() {
        let answer = |a: &[&str]| terminal_answer(a.iter().map(|s| s.to_string()));
        assert_eq!(
            answer(&["--version"]).as_deref(),
            Some(concat!("meshwright-app ", env!("CARGO_PKG_VERSION"), "\n"))
        );
        assert!(answer(&["x.mesh", "-h"]).is_some_and(|t| t.contains("Usage: meshwright-app")));
        assert_eq!(answer(&["x.mesh"]), None);
    }
}
