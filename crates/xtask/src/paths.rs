//! Where things are: the workspace root, the optional folders whose existence switches steps
//! on, the cargo target folder, and the platform data folder that holds the demo mesh.
//!
//! It only computes paths; it must not create, read or delete anything.

use std::env;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The app identifier: the data folder's name on every platform, as Tauri's
/// `app_data_dir` names it, so the CLI and the desktop app find the same demo mesh.
const APP_IDENTIFIER: &str = "dev.meshwright.app";

/// The demo mesh's file name inside the data folder.
const DEMO_FILE: &str = "demo.mesh";

/// The workspace root.
pub fn root() -> PathBuf {
    // xtask sits at <root>/crates/xtask. The compile-time manifest folder, unlike the current
    // directory, makes `cargo xtask` behave the same from any subfolder of the repository.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The web front end; its steps run only once `ui/package.json` exists.
pub fn ui() -> PathBuf {
    root().join("ui")
}

/// The front end's package manifest, whose presence switches the ui steps on.
pub fn ui_manifest() -> PathBuf {
    ui().join("package.json")
}

/// The desktop shell's manifest, whose presence makes `run` open the desktop app.
pub fn desktop_manifest() -> PathBuf {
    root().join("src-tauri").join("Cargo.toml")
}

/// The end-to-end crate's manifest, whose presence switches the end-to-end steps on.
pub fn e2e_manifest() -> PathBuf {
    root().join("tests").join("Cargo.toml")
}

/// The demo mesh in the platform data folder.
pub fn demo_mesh() -> Result<PathBuf> {
    Ok(data_dir()?.join(DEMO_FILE))
}

/// The platform data folder for Meshwright.
fn data_dir() -> Result<PathBuf> {
    if cfg!(windows) {
        let appdata = env::var_os("APPDATA").context("APPDATA is not set")?;
        return Ok(PathBuf::from(appdata).join(APP_IDENTIFIER));
    }
    let home =
        home().context("HOME is not set, so the data folder for the demo mesh is unknown")?;
    if cfg!(target_os = "macos") {
        return Ok(home
            .join("Library/Application Support")
            .join(APP_IDENTIFIER));
    }
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    let data_home = env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .unwrap_or_else(|| home.join(".local/share"));
    Ok(data_home.join(APP_IDENTIFIER))
}

/// The user's home folder.
pub fn home() -> Option<PathBuf> {
    // Not std::env::home_dir: it is deprecated on the workspace's minimum Rust (1.85).
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    env::var_os(var)
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
}
