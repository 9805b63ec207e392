//! `cargo xtask run`: does the desktop app's set-up (system packages, `npm ci`, the UI
//! build it embeds), then builds and opens it. On first start the app creates the demo
//! mesh in its data folder and opens it.
//!
//! It must not test anything.

use anyhow::{Context, Result};

use crate::{exec, paths, setup, system, tools};

/// The desktop app's cargo package, in src-tauri/.
pub const DESKTOP_PACKAGE: &str = "meshwright-app";

/// Set-up for the desktop app, then `cargo run` on it.
pub fn run() -> Result<()> {
    // macOS and Windows need only their SDKs (Xcode tools, WebView2), which Rust's own
    // set-up already requires; the GTK/WebKit headers are a Linux-only need.
    if cfg!(target_os = "linux") {
        system::ensure("building the desktop app", setup::TAURI_BUILD_PACKAGES)?;
    }
    setup::node_modules().context("preparing ui/")?;
    exec::run(tools::npm().args(["run", "build"])).context("building the UI")?;
    println!(
        "opening Meshwright; the demo mesh is {}",
        paths::demo_mesh()?.display()
    );
    exec::run(tools::cargo().args(["run", "-p", DESKTOP_PACKAGE]))
        .context("running the desktop app")
}
