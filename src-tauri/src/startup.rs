//! Which mesh the window opens on: a `.mesh` path from the command line, else the most
//! recent file, else the demo mesh, created in the data folder on first start.

use std::path::PathBuf;

use mesh_app::{CancelToken, CommandError, file};
use mesh_core::{Access, Store};
use tauri::{AppHandle, Manager, Runtime};

use crate::recent;
use crate::state::AppState;
use crate::window::install;

/// Overrides the data folder, so tests and scripted runs never touch the user's files.
pub const DATA_DIR_ENV: &str = "MESHWRIGHT_DATA_DIR";

/// The data folder: `$MESHWRIGHT_DATA_DIR`, else the platform's app data folder
/// (`~/.local/share/dev.meshwright.app` on Linux).
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => app.path().app_data_dir(),
    }
}

/// The start-up file from the arguments: the first one ending in `.mesh`.
fn from_args(args: impl Iterator<Item = String>) -> Option<PathBuf> {
    args.filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .find(|p| {
            p.extension()
                .is_some_and(|e| e == mesh_core::store::EXTENSION)
        })
}

/// Opens the start-up mesh. A failure is kept for the UI to show; the app still starts.
pub fn open_initial<R: Runtime>(app: &AppHandle<R>, args: impl Iterator<Item = String>) {
    let state = app.state::<AppState>();
    let data_dir = state.data_dir().to_owned();
    let result = (|| -> Result<(), CommandError> {
        let path = match from_args(args) {
            Some(path) => path,
            None => match recent::list(&data_dir).into_iter().next() {
                Some(path) => path,
                None => {
                    let demo = data_dir.join("demo.mesh");
                    if !demo.exists() {
                        std::fs::create_dir_all(&data_dir).map_err(|e| {
                            CommandError::internal(format!("{}: {e}", data_dir.display()))
                        })?;
                        drop(Store::create_from(
                            &demo,
                            &mesh_core::demo::demo_mesh(),
                            &mut |_, _| {},
                        )?);
                    }
                    demo
                }
            },
        };
        let (store, mesh) = file::open(&path, Access::ReadWrite, &CancelToken::silent())?;
        install(app, store, mesh)?;
        Ok(())
    })();
    if let Err(e) = result {
        state.set_startup_error(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_mesh_argument() {
        let args = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            from_args(args(&["--flag", "notes.txt", "a.mesh", "b.mesh"])),
            Some(PathBuf::from("a.mesh"))
        );
        assert_eq!(from_args(args(&["-psn_0_1234"])), None);
        assert_eq!(from_args(args(&[])), None);
    }
}
