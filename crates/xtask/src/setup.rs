//! Set-up shared by the tasks: the Debian packages for building and driving the Tauri app,
//! `npm ci` in ui/ when `node_modules` is missing or stale, and tauri-driver.
//!
//! Each function makes one thing ready and does nothing when it already is; none of them
//! builds or tests the project.

use std::env;
use std::fs;
use std::path::Path;

use anyhow::{Result, bail};

use crate::{exec, paths, tools};

/// Debian/Ubuntu packages needed to build a Tauri v2 app on Linux.
pub const TAURI_BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
];

/// Graphviz, whose `dot` renders every DOT diagram in the CLI's tests
/// (crates/mesh-cli/tests/diagram.rs; with `CI` set a missing `dot` fails them).
pub const DIAGRAM_TEST_PACKAGES: &[&str] = &["graphviz"];

/// The driver server (`WebKitWebDriver`) that `tauri-driver` forwards to on Linux.
const WEBDRIVER_PACKAGE: &str = "webkit2gtk-driver";

/// The virtual X server the end-to-end tests run under when there is no display.
const XVFB_PACKAGE: &str = "xvfb";

/// The session bus (`dbus-run-session`) the end-to-end tests run on when there is none:
/// a second launch of the app hands its files to the first over it.
const DBUS_PACKAGE: &str = "dbus";

/// Whether an X display is available; without one the app can only open under xvfb.
pub fn has_display() -> bool {
    env::var_os("DISPLAY").is_some_and(|display| !display.is_empty())
}

/// Whether a D-Bus session bus is there; without one the tests start their own.
pub fn has_session_bus() -> bool {
    env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|address| !address.is_empty())
}

/// Packages for the end-to-end tests: the app must build, `WebKitWebDriver` must exist, and
/// xvfb and dbus only matter when there is no display or session bus to run on.
pub fn e2e_packages() -> Vec<&'static str> {
    let mut packages = vec![WEBDRIVER_PACKAGE];
    if !has_display() {
        packages.push(XVFB_PACKAGE);
    }
    if !has_session_bus() {
        packages.push(DBUS_PACKAGE);
    }
    packages.extend(TAURI_BUILD_PACKAGES);
    packages
}

/// Runs `npm ci` in ui/ unless `node_modules` is already at least as new as `package-lock.json`.
pub fn node_modules() -> Result<()> {
    tools::require_node_and_npm()?;
    let ui = paths::ui();
    let lock = ui.join("package-lock.json");
    if !lock.is_file() {
        bail!(
            "ui/package-lock.json is missing and `npm ci` needs it; run `npm install` in ui/ \
             and commit the lock file"
        );
    }
    if node_modules_current(&ui, &lock) {
        println!("ui/node_modules is up to date with package-lock.json");
        return Ok(());
    }
    exec::run(tools::npm().arg("ci"))
}

/// Installs tauri-driver with cargo unless it is already on PATH or in cargo's bin folder.
pub fn tauri_driver() -> Result<()> {
    if let Some(found) = tools::find_program("tauri-driver") {
        println!("tauri-driver found at {}", found.display());
        return Ok(());
    }
    exec::run(tools::cargo().args(["install", "tauri-driver", "--locked"]))
}

/// Whether `node_modules` was installed after the lock file last changed.
fn node_modules_current(ui: &Path, lock: &Path) -> bool {
    // npm rewrites node_modules/.package-lock.json on every install, so its time says when
    // node_modules last matched a lock file; the folder's own time only changes when
    // top-level entries come or go, so it is just the fallback.
    let modules = ui.join("node_modules");
    let installed = fs::metadata(modules.join(".package-lock.json"))
        .or_else(|_| fs::metadata(&modules))
        .and_then(|meta| meta.modified());
    let locked = fs::metadata(lock).and_then(|meta| meta.modified());
    matches!((installed, locked), (Ok(installed), Ok(locked)) if installed >= locked)
}
