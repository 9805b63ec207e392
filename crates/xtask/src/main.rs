//! `cargo xtask`: Meshwright's task runner, so that the README needs exactly two commands
//! (`cargo xtask run` and `cargo xtask test`) on a fresh Debian/Ubuntu machine with Rust and
//! Node installed. Every task does its own set-up or says precisely what is missing.
//!
//! This file only dispatches on the task name and turns an error into one line and a non-zero
//! exit code; it must not do any task's work itself.

mod bench;
mod dev;
mod exec;
mod package;
mod package_check;
mod paths;
mod run;
mod setup;
mod steps;
mod system;
mod test;
mod tools;

use std::process::ExitCode;

/// Shown for `help`, for no task at all, and (on stderr) for an unknown task.
const USAGE: &str = "\
Usage: cargo xtask <task>

Tasks:
  run                build and open the desktop app on the demo mesh
  dev                the app against Vite's dev server: UI edits show at once (hot reload)
  test               the whole suite, stopping at the first failing step: UI build, fmt,
                     clippy, cargo tests, UI type check, lint (Biome) and tests, end-to-end
                     tests, the Linux packages (built from the debug build and checked)
  package [--debug]  the Linux packages (.deb, .rpm) of the release build, checked with
                     lintian and desktop-file-validate, in target/package/
  bench [-- ARGS]    the mesh-core scale benchmark (prints a markdown table);
                     ARGS after `--` go to the benchmark harness
  help               this text

Each task installs what it needs (apt packages, `npm ci`, tauri-driver) when it can,
and otherwise names exactly what is missing and how to install it.
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();

    let result = match task.as_deref() {
        None | Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("run") => no_arguments("run", &rest).and_then(|()| run::run()),
        Some("dev") => no_arguments("dev", &rest).and_then(|()| dev::run()),
        Some("test") => no_arguments("test", &rest).and_then(|()| test::run()),
        Some("bench") => bench::run(&rest),
        Some("package") => package::run(&rest),
        Some(other) => {
            eprintln!("error: unknown task `{other}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `{:#}` joins the context chain with ": ", which keeps the error on one line
            // that names the failing step first.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Rejects stray arguments rather than silently ignoring them, so a typo such as
/// `cargo xtask test clippy` does not run the whole suite while looking like it ran one step.
fn no_arguments(task: &str, rest: &[String]) -> anyhow::Result<()> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => anyhow::bail!("`cargo xtask {task}` takes no arguments (got `{arg}`)"),
    }
}
