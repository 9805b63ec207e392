//! Debian/Ubuntu system packages: check each one with `dpkg-query`, install the missing ones
//! with `apt-get` (as root, or through passwordless sudo), and otherwise fail naming exactly
//! the missing packages and the command that installs them.
//!
//! It does not know which packages a task needs (callers pass the list), and it must not
//! change anything but missing packages: no upgrades, no recommends, no removals.

use std::env;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};

use crate::{exec, tools};

/// Set to `1` to skip the check, for non-Debian systems where the packages (or their
/// equivalents) were installed by hand and dpkg cannot confirm it.
pub const SKIP_ENV: &str = "XTASK_SKIP_SYSTEM_PACKAGES";

/// Whether `apt-get update` already ran in this process; once is enough for several installs.
static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// Makes sure every package in `packages` is installed, installing what is missing when
/// this process may; `purpose` says what they are for in messages.
pub fn ensure(purpose: &str, packages: &[&str]) -> Result<()> {
    if env::var_os(SKIP_ENV).is_some_and(|value| value == "1") {
        println!("{SKIP_ENV}=1: not checking system packages for {purpose}");
        return Ok(());
    }
    if tools::find_program("dpkg-query").is_none() {
        bail!(
            "{purpose} needs the Debian/Ubuntu packages {} (or your system's equivalents); this \
             system has no dpkg-query to check them, so install them by hand and re-run with {SKIP_ENV}=1",
            packages.join(" ")
        );
    }

    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|pkg| !installed(pkg))
        .collect();
    if missing.is_empty() {
        println!(
            "system packages for {purpose}: all {} installed",
            packages.len()
        );
        return Ok(());
    }
    let list = missing.join(" ");
    let by_hand = format!("sudo apt-get install -y --no-install-recommends {list}");
    if tools::find_program("apt-get").is_none() {
        bail!(
            "missing system packages for {purpose}: {list}; this system has no apt-get, so install them by hand"
        );
    }
    let use_sudo = if is_root() {
        false
    } else if exec::succeeds(Command::new("sudo").args(["-n", "true"])) {
        true
    } else {
        bail!("missing system packages for {purpose}: {list}; install them with: {by_hand}");
    };

    println!("installing missing system packages for {purpose}: {list}");
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        exec::run(&mut apt_get(use_sudo, &["update"])).context("apt-get update")?;
    }
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend(&missing);
    exec::run(&mut apt_get(use_sudo, &args))
        .with_context(|| format!("installing {list} (by hand: {by_hand})"))?;

    // apt-get can succeed without installing a package (e.g. a virtual package name), which
    // would otherwise only show up later as a confusing build error.
    let still_missing: Vec<&str> = missing.into_iter().filter(|pkg| !installed(pkg)).collect();
    if !still_missing.is_empty() {
        bail!(
            "apt-get finished but these are still not installed: {}",
            still_missing.join(" ")
        );
    }
    Ok(())
}

/// Whether dpkg reports `package` as installed.
fn installed(package: &str) -> bool {
    exec::stdout_of(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        // "install ok installed" or "hold ok installed"; also matches when several
        // architectures of a package print their statuses back to back.
        .is_some_and(|status| status.contains("ok installed"))
}

/// Whether this process runs as root, so apt-get needs no sudo.
fn is_root() -> bool {
    exec::stdout_of(Command::new("id").arg("-u")).is_some_and(|uid| uid == "0")
}

/// An apt-get command that never stops to ask questions.
fn apt_get(use_sudo: bool, args: &[&str]) -> Command {
    // Packages such as tzdata, pulled in by the GTK stack, otherwise prompt and hang CI. sudo
    // resets the environment, so the variable goes through `env` rather than Command::env.
    let mut cmd = if use_sudo {
        let mut cmd = Command::new("sudo");
        cmd.args(["-n", "env"]);
        cmd
    } else {
        Command::new("env")
    };
    cmd.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"])
        .args(args);
    cmd
}
