//! Finding and checking the programs the tasks call: cargo and its rustfmt and clippy
//! components, Node.js (20 or newer), npm, and any binary on PATH or in cargo's bin folder.
//!
//! It only checks, and reports precisely what is missing and how to get it; it must not
//! install anything (that is `setup` and `system`).

use std::env;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Result, bail};

use crate::{exec, paths};

/// The oldest Node.js major version the front end supports.
pub const MIN_NODE_MAJOR: u32 = 20;

/// A `cargo` command in the workspace root.
pub fn cargo() -> Command {
    // cargo sets CARGO to its own binary when it runs xtask. Reusing it keeps every step on
    // the toolchain the user invoked (e.g. `cargo +nightly xtask test`).
    let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(paths::root());
    lean_in_ci(&mut cmd);
    cmd
}

/// In CI, turns off cargo's incremental caches for a command that builds. A clean clone
/// builds each crate once, so the caches would only cost disk: gigabytes across the
/// workspace's test binaries, on a CI machine that once ran out of space while bundling.
pub fn lean_in_ci(cmd: &mut Command) {
    if env::var_os("CI").is_some_and(|ci| !ci.is_empty()) {
        cmd.env("CARGO_INCREMENTAL", "0");
    }
}

/// An `npm` command in `ui/`.
pub fn npm() -> Command {
    // On Windows npm is a batch file, and Command does not try the .cmd extension itself.
    let mut cmd = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    cmd.current_dir(paths::ui());
    cmd
}

/// Fails with the `rustup` command to run when a cargo subcommand (`fmt`, `clippy`) that
/// comes from a rustup component is not installed.
pub fn require_cargo_component(subcommand: &str, component: &str) -> Result<()> {
    if exec::succeeds(cargo().args([subcommand, "--version"])) {
        Ok(())
    } else {
        bail!(
            "`cargo {subcommand}` is not installed; add it with `rustup component add {component}`"
        )
    }
}

/// Fails unless `node` is on PATH and at least [`MIN_NODE_MAJOR`], then checks `npm` too.
pub fn require_node_and_npm() -> Result<()> {
    let Some(version) = exec::stdout_of(Command::new("node").arg("--version")) else {
        bail!("`node` was not found on PATH; {}", install_hint("node"));
    };
    let major = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse::<u32>().ok());
    match major {
        Some(major) if major >= MIN_NODE_MAJOR => {}
        _ => bail!(
            "Node.js {version} is too old or unrecognised; {}",
            install_hint("node")
        ),
    }
    if exec::stdout_of(npm().arg("--version")).is_none() {
        bail!(
            "`npm` was not found on PATH (Node.js {version} is); {}",
            install_hint("npm")
        );
    }
    Ok(())
}

/// Where `program` is, looking on PATH and then in cargo's bin folder, since `cargo install`
/// puts binaries there even when it is not on PATH yet.
pub fn find_program(program: &str) -> Option<PathBuf> {
    let file = format!("{program}{}", env::consts::EXE_SUFFIX);
    let path = env::var_os("PATH").unwrap_or_default();
    env::split_paths(&path)
        .chain(cargo_bin_dir())
        .map(|dir| dir.join(&file))
        .find(|candidate| candidate.is_file())
}

/// PATH with cargo's bin folder appended, for commands that must find binaries that
/// `cargo install` just put there.
pub fn path_with_cargo_bin() -> OsString {
    let path = env::var_os("PATH").unwrap_or_default();
    let dirs = env::split_paths(&path).chain(cargo_bin_dir());
    env::join_paths(dirs).unwrap_or(path)
}

/// How to get a program that was not found, for error messages.
pub fn install_hint(program: &str) -> String {
    match program {
        "cargo" => "install Rust from https://rustup.rs".to_owned(),
        "node" | "npm" => format!(
            "install Node.js {MIN_NODE_MAJOR} or newer with npm (https://nodejs.org, or NodeSource's \
             apt repository on Debian/Ubuntu)"
        ),
        "xvfb-run" => "install the Debian package `xvfb`, or run with a DISPLAY".to_owned(),
        "dbus-run-session" => {
            "install the Debian package `dbus`, or run inside a D-Bus session".to_owned()
        }
        _ => "install it and run the task again".to_owned(),
    }
}

/// `$CARGO_HOME/bin`, defaulting to `~/.cargo/bin` as rustup does.
fn cargo_bin_dir() -> Option<PathBuf> {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| paths::home().map(|home| home.join(".cargo")))?;
    Some(home.join("bin"))
}
