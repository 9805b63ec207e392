//! `cargo xtask test`: plans the whole suite (format, lints, cargo tests, then the ui/ and
//! end-to-end steps once those folders exist) and hands it to `steps` to run in order.
//!
//! It only decides which steps apply and in what order; it must not run anything itself,
//! and it must not set or clear environment variables such as CI that tests rely on.

use std::ffi::OsString;
use std::process::{Command, Stdio};

use anyhow::Result;

use crate::steps::Plan;
use crate::{package, package_check, paths, setup, system, tools};

/// The end-to-end test crate in tests/.
pub const E2E_PACKAGE: &str = "meshwright-e2e";

/// Plans and runs the suite; the error names the first failing step.
pub fn run() -> Result<()> {
    // CI is inherited by every step, not set here: tests that need ../shared/schemas read it
    // to fail rather than skip in CI, and a developer's machine must keep skipping.
    if let Some(ci) = std::env::var_os("CI") {
        println!("CI={} (passed through to every step)", ci.to_string_lossy());
    }

    let mut plan = Plan::default();
    plan_ui_build(&mut plan);
    plan_cargo(&mut plan);
    plan_ui(&mut plan);
    plan_e2e(&mut plan);
    plan_package(&mut plan);
    plan.run()
}

/// Installs the UI's packages and builds it: the desktop crate embeds `ui/dist` at compile
/// time, so clippy and the Rust tests need it before they start.
fn plan_ui_build(plan: &mut Plan) {
    if !paths::ui_manifest().is_file() {
        return;
    }
    plan.step(
        "ui deps",
        "npm ci (when node_modules is missing or older than package-lock.json)",
        setup::node_modules,
    );
    let mut build = tools::npm();
    build.args(["run", "build"]);
    plan.command("ui build", build);
}

/// Formatting, lints and the workspace's tests.
fn plan_cargo(plan: &mut Plan) {
    // Once src-tauri is a workspace member, clippy and the tests compile it, which needs the
    // GTK/WebKit headers before anything else.
    if paths::desktop_manifest().is_file() && cfg!(target_os = "linux") {
        plan.step(
            "desktop packages",
            setup::TAURI_BUILD_PACKAGES.join(" "),
            || system::ensure("building the desktop app", setup::TAURI_BUILD_PACKAGES),
        );
    }
    cargo_step(
        plan,
        "fmt",
        Some(("fmt", "rustfmt")),
        &["fmt", "--all", "--check"],
    );
    cargo_step(
        plan,
        "clippy",
        Some(("clippy", "clippy")),
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            // Lint the end-to-end tests too, which only this feature compiles.
            "--features",
            "meshwright-e2e/e2e",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    );
    if cfg!(target_os = "linux") {
        plan.step(
            "diagram tools",
            setup::DIAGRAM_TEST_PACKAGES.join(" "),
            || system::ensure("the diagram tests", setup::DIAGRAM_TEST_PACKAGES),
        );
    }
    cargo_step(
        plan,
        "cargo test",
        None,
        &["test", "--workspace", "--locked"],
    );
}

/// The front end's type check and unit tests, once ui/package.json exists.
fn plan_ui(plan: &mut Plan) {
    if !paths::ui_manifest().is_file() {
        plan.skip("ui", "no ui/package.json yet");
        return;
    }
    let mut typecheck = tools::npm();
    typecheck.args(["run", "typecheck"]);
    plan.command("ui typecheck", typecheck);
    // Biome: the format as committed, and lint errors (a11y findings are warnings).
    let mut lint = tools::npm();
    lint.args(["run", "lint"]);
    plan.command("ui lint", lint);
    let mut vitest = tools::npm();
    // Vitest watches for changes when stdin is a terminal, which would never return; with no
    // stdin it runs once whatever the `test` script says.
    vitest.arg("test").stdin(Stdio::null());
    plan.command("ui test", vitest);
}

/// The end-to-end tests through tauri-driver, once tests/Cargo.toml exists.
fn plan_e2e(plan: &mut Plan) {
    if !paths::e2e_manifest().is_file() {
        plan.skip("e2e", "no tests/Cargo.toml yet");
        return;
    }
    if !cfg!(target_os = "linux") {
        // tauri-driver has no macOS driver, and Windows would need msedgedriver set-up that
        // this project does not do.
        plan.skip(
            "e2e",
            "end-to-end tests run on Linux only (WebKitWebDriver)",
        );
        return;
    }
    let packages = setup::e2e_packages();
    plan.step("e2e packages", packages.join(" "), move || {
        system::ensure("the end-to-end tests", &packages)
    });
    plan.step(
        "tauri-driver",
        "cargo install tauri-driver --locked (when missing)",
        setup::tauri_driver,
    );
    // The tests launch the built binary; build it first so the build's time is not
    // counted as the app's start-up time.
    let mut build = tools::cargo();
    build.args(["build", "-p", crate::run::DESKTOP_PACKAGE, "--locked"]);
    plan.command("e2e app build", build);
    plan.command("e2e", e2e_command());
}

/// The Linux packages, bundled from the debug build the end-to-end tests just used and
/// checked as `cargo xtask package` checks the release ones (but for stripping).
fn plan_package(plan: &mut Plan) {
    if !cfg!(target_os = "linux") {
        plan.skip(
            "package",
            "the packages built here are Linux ones (.deb, .rpm)",
        );
        return;
    }
    plan.step(
        "package",
        "cargo xtask package --debug (bundle, unpack, lintian, desktop-file-validate, rpm -qlp)",
        || {
            let built = package::build(package::Profile::Debug)?;
            package_check::check(&built, package::Profile::Debug)
        },
    );
}

/// The end-to-end cargo test, under `xvfb-run -a` when there is no display and
/// `dbus-run-session` when there is no session bus (the one-window-per-file tests launch
/// the app twice, and the second launch finds the first over that bus).
fn e2e_command() -> Command {
    let mut line: Vec<OsString> = Vec::new();
    if !setup::has_session_bus() {
        line.extend(["dbus-run-session".into(), "--".into()]);
    }
    if !setup::has_display() {
        // `-a` picks a free display number, so parallel CI jobs on one host do not collide.
        line.extend(["xvfb-run".into(), "-a".into()]);
    }
    line.push(tools::cargo().get_program().to_owned());
    line.extend(
        [
            "test",
            "-p",
            E2E_PACKAGE,
            "--features",
            "e2e",
            "--locked",
            "--",
            "--test-threads=1",
        ]
        .map(OsString::from),
    );
    let mut cmd = Command::new(&line[0]);
    cmd.args(&line[1..]).current_dir(paths::root());
    // The tests start tauri-driver by name, and `cargo install` may just have put it in a
    // folder that is not on PATH yet.
    cmd.env("PATH", tools::path_with_cargo_bin());
    tools::lean_in_ci(&mut cmd);
    cmd
}

/// Adds a cargo step, checking first that the rustup component behind it is installed so
/// that a missing component gets its install command instead of cargo's generic error.
fn cargo_step(plan: &mut Plan, name: &str, component: Option<(&str, &str)>, args: &[&str]) {
    let mut cmd = tools::cargo();
    cmd.args(args);
    let detail = crate::exec::describe(&cmd);
    let component = component.map(|(sub, comp)| (sub.to_owned(), comp.to_owned()));
    plan.step(name, detail, move || {
        if let Some((subcommand, component)) = component {
            tools::require_cargo_component(&subcommand, &component)?;
        }
        crate::exec::run(&mut cmd)
    });
}
