//! Running external programs with inherited stdio, and turning a failure to start or a
//! non-zero exit into a one-line error that shows the command.
//!
//! It must not decide what to run or when; callers build the commands.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use anyhow::{Result, bail};

use crate::tools;

/// Runs `cmd` with the terminal's stdin, stdout and stderr, failing unless it exits with 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = describe(cmd);
    let status = cmd.status().map_err(|err| spawn_error(cmd, &shown, &err))?;
    if status.success() {
        Ok(())
    } else {
        bail!("`{shown}` {}", exit_text(status))
    }
}

/// Whether `cmd` starts and exits with 0, with all its output discarded: for probes
/// such as `sudo -n true` whose only answer is the exit code.
pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The trimmed stdout of `cmd` when it starts and exits with 0, else `None`; stderr is
/// discarded because probes such as `dpkg-query` complain there about unknown packages.
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    let output = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The command as a user would type it, for step headers and error messages.
pub fn describe(cmd: &Command) -> String {
    // `$CARGO` is a long toolchain path; its file name is what the user recognises.
    let program = Path::new(cmd.get_program());
    let program = program.file_stem().unwrap_or(program.as_os_str());
    let mut parts = vec![program.to_string_lossy().into_owned()];
    let cargo = std::env::var_os("CARGO");
    parts.extend(cmd.get_args().map(|arg| {
        // Wrappers such as `xvfb-run` take cargo as an argument; show it as typed, too.
        if Some(arg) == cargo.as_deref() {
            "cargo".to_owned()
        } else {
            arg.to_string_lossy().into_owned()
        }
    }));
    parts.join(" ")
}

/// The error for a command that could not even start, with an install hint when the
/// program is simply not there.
fn spawn_error(cmd: &Command, shown: &str, err: &io::Error) -> anyhow::Error {
    if err.kind() == io::ErrorKind::NotFound {
        let program = cmd.get_program().to_string_lossy();
        anyhow::anyhow!(
            "`{program}` was not found on PATH; {}",
            tools::install_hint(&program)
        )
    } else {
        anyhow::anyhow!("could not start `{shown}`: {err}")
    }
}

/// How a finished command ended, in words.
fn exit_text(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "was killed by a signal".to_owned(),
    }
}
