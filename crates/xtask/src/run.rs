//! `cargo xtask run`: builds and opens the desktop app on the demo mesh, doing the app's
//! set-up first. Until src-tauri/ exists it builds the CLI instead and shows the demo mesh's
//! statistics, so the command works from the first day.
//!
//! It must not test anything, and the CLI branch must stay small: it is a stand-in that
//! goes away once the desktop app lands.

use std::fs;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{exec, paths, setup, system, tools};

/// The desktop app's cargo package, in src-tauri/.
pub const DESKTOP_PACKAGE: &str = "meshwright-app";

/// The CLI's cargo package and the binary it builds.
const CLI_PACKAGE: &str = "mesh-cli";

/// The CLI binary's name (without platform extension).
const CLI_BINARY: &str = "meshwright";

/// Opens the desktop app, or the CLI stand-in when there is no desktop app yet.
pub fn run() -> Result<()> {
    if paths::desktop_manifest().is_file() {
        desktop()
    } else {
        cli_stand_in()
    }
}

/// Set-up for the desktop app, then `cargo run` on it.
fn desktop() -> Result<()> {
    // macOS and Windows need only their SDKs (Xcode tools, WebView2), which Rust's own
    // set-up already requires; the GTK/WebKit headers are a Linux-only need.
    if cfg!(target_os = "linux") {
        system::ensure("building the desktop app", setup::TAURI_BUILD_PACKAGES)?;
    }
    if paths::ui_manifest().is_file() {
        setup::node_modules().context("preparing ui/")?;
    }
    exec::run(tools::cargo().args(["run", "-p", DESKTOP_PACKAGE]))
        .context("running the desktop app")
}

/// Builds the CLI, creates the demo mesh once, and prints its statistics.
fn cli_stand_in() -> Result<()> {
    println!("src-tauri/ does not exist yet, so this builds the CLI and shows the demo mesh");
    exec::run(tools::cargo().args(["build", "--release", "-p", CLI_PACKAGE]))
        .context("building the CLI")?;
    let cli = paths::target_dir()
        .join("release")
        .join(format!("{CLI_BINARY}{}", std::env::consts::EXE_SUFFIX));
    let demo = paths::demo_mesh()?;

    if !demo.exists() {
        if let Some(folder) = demo.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("creating the data folder {}", folder.display()))?;
        }
        exec::run(Command::new(&cli).arg("new").arg(&demo).arg("--demo"))
            .context("creating the demo mesh")?;
    }
    exec::run(Command::new(&cli).arg("stats").arg(&demo)).context("showing the demo mesh")?;
    println!(
        "\nThe desktop window arrives with the desktop app (src-tauri/); the demo mesh is {}",
        demo.display()
    );
    Ok(())
}
