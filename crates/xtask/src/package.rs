//! `cargo xtask package`: the Linux packages an architect installs, a `.deb` and an `.rpm`
//! holding the desktop app and the `meshwright` command, built by Tauri's bundler from
//! the release build, with both programs' manual pages (`--debug`: from the debug build the test run already has, which
//! is quicker and checked the same way but for stripping), then checked
//! (`package_check`). Bundles that need tools fetched from the internet (AppImage, MSI,
//! NSIS, DMG) are configured in `tauri.conf.json` and built by the release workflow.
//!
//! It must not change the app's configuration: what goes into a package is
//! `tauri.conf.json`'s `bundle` section; this stages the two files it names under
//! `target/package/` (the CLI binary and the Debian changelog) and runs the bundler.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::{exec, package_check, paths, setup, system, tools};

/// The workspace's version: the app's, the CLI's and the packages'.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The Debian package's name (Tauri's: the product name in kebab case).
const DEB_NAME: &str = "meshwright";

/// The maintainer, as in the workspace's `authors`.
const MAINTAINER: &str = "Meshwright <hello@meshwright.dev>";

/// Debian packages the checks need besides the build's.
const CHECK_PACKAGES: &[&str] = &["lintian", "desktop-file-utils", "rpm", "help2man"];

/// Each program with the one-line summary its manual page gives.
const MANUALS: [(&str, &str); 2] = [
    (
        "meshwright",
        "check, import and export a data mesh's manifests",
    ),
    ("meshwright-app", "model a data mesh visually"),
];

/// How the packages are built: the profile and thus how strictly they are checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// What users install.
    Release,
    /// The test run's: the debug build, unstripped.
    Debug,
}

impl Profile {
    fn dir(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Debug => "debug",
        }
    }
}

/// The packages built, once collected under `target/package/`.
pub struct Built {
    /// `meshwright_<version>_amd64.deb`.
    pub deb: PathBuf,
    /// `meshwright-<version>-1.x86_64.rpm`.
    pub rpm: PathBuf,
}

/// `cargo xtask package [--debug]`.
pub fn run(args: &[String]) -> Result<()> {
    let profile = match args {
        [] => Profile::Release,
        [flag] if flag == "--debug" => Profile::Debug,
        _ => bail!("usage: cargo xtask package [--debug]"),
    };
    let built = build(profile)?;
    package_check::check(&built, profile)?;
    println!(
        "packages ready:\n  {}\n  {}\ninstall with: sudo apt install {}",
        built.deb.display(),
        built.rpm.display(),
        relative(&built.deb).display()
    );
    Ok(())
}

/// Builds the UI, the CLI and the bundles, and collects them under `target/package/`.
pub fn build(profile: Profile) -> Result<Built> {
    if !cfg!(target_os = "linux") {
        bail!(
            "`cargo xtask package` builds the Linux packages; macOS and Windows bundles come \
             from the release workflow (.github/workflows/release.yml)"
        );
    }
    let mut packages = setup::TAURI_BUILD_PACKAGES.to_vec();
    packages.extend(CHECK_PACKAGES);
    system::ensure("building and checking the Linux packages", &packages)?;
    setup::node_modules().context("preparing ui/")?;
    exec::run(tools::npm().args(["run", "build"])).context("building the UI")?;

    // Both programs first: their manual pages are made from their own --help.
    let mut programs = tools::cargo();
    programs.args([
        "build",
        "-p",
        "mesh-cli",
        "-p",
        "meshwright-app",
        "--locked",
    ]);
    if profile == Profile::Release {
        programs.arg("--release");
    }
    exec::run(&mut programs).context("building the app and the meshwright command")?;
    let staging = staging_dir();
    fs::create_dir_all(&staging).with_context(|| staging.display().to_string())?;
    let built = target_dir().join(profile.dir());
    fs::copy(built.join("meshwright"), staging.join("meshwright"))
        .with_context(|| format!("staging {}", built.join("meshwright").display()))?;
    for (program, summary) in MANUALS {
        write_manual(
            &built.join(program),
            summary,
            &staging.join(format!("{program}.1.gz")),
        )?;
    }
    write_changelog(&staging.join("changelog.gz"))?;

    let mut bundle = tauri_cli()?;
    bundle
        .args(["build", "--ci", "--bundles", "deb,rpm"])
        .current_dir(paths::root().join("src-tauri"));
    if profile == Profile::Debug {
        bundle.arg("--debug");
    }
    exec::run(&mut bundle).context("bundling the app")?;

    let bundles = target_dir().join(profile.dir()).join("bundle");
    let deb = collect(
        &bundles.join(format!("deb/Meshwright_{VERSION}_amd64.deb")),
        &format!("{DEB_NAME}_{VERSION}_amd64.deb"),
    )?;
    let rpm = collect(
        &bundles.join(format!("rpm/Meshwright-{VERSION}-1.x86_64.rpm")),
        &format!("{DEB_NAME}-{VERSION}-1.x86_64.rpm"),
    )?;
    Ok(Built { deb, rpm })
}

/// Where packaging stages its inputs and collects its outputs; `tauri.conf.json` names
/// the staged files relative to `src-tauri/`, so it is the repository's `target/`.
pub fn staging_dir() -> PathBuf {
    paths::root().join("target").join("package")
}

/// Cargo's target folder (`$CARGO_TARGET_DIR`, else `target/`).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| paths::root().join("target"), PathBuf::from)
}

/// The Tauri CLI from ui/'s dev dependencies (`@tauri-apps/cli`, installed by `npm ci`).
fn tauri_cli() -> Result<std::process::Command> {
    let cli = paths::ui().join("node_modules/.bin/tauri");
    if !cli.is_file() {
        bail!(
            "{} is missing: `npm ci` in ui/ installs it (@tauri-apps/cli)",
            cli.display()
        );
    }
    let mut cmd = std::process::Command::new(cli);
    // The CLI runs cargo itself.
    tools::lean_in_ci(&mut cmd);
    Ok(cmd)
}

/// Copies a bundle to `target/package/` under the name Debian and Fedora users expect
/// (the package name, lower case), replacing an older one.
fn collect(built: &Path, name: &str) -> Result<PathBuf> {
    let to = staging_dir().join(name);
    fs::copy(built, &to).with_context(|| format!("collecting {}", built.display()))?;
    Ok(to)
}

/// The Debian changelog of this version (Debian policy wants one in every package),
/// dated `$SOURCE_DATE_EPOCH` for reproducible packages, else now.
fn write_changelog(path: &Path) -> Result<()> {
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now)
        .to_rfc2822();
    let text = format!(
        "{DEB_NAME} ({VERSION}) unstable; urgency=medium\n\n  \
         * Meshwright {VERSION}: the desktop app and the meshwright command.\n\n \
         -- {MAINTAINER}  {date}\n"
    );
    gzip(text.as_bytes(), path)
}

/// The manual page of `program`, made by help2man from its `--help` and `--version`
/// and gzipped as Debian policy wants.
fn write_manual(program: &Path, summary: &str, path: &Path) -> Result<()> {
    let page = exec::stdout_of(
        std::process::Command::new("help2man")
            .args(["--no-info", "--name", summary])
            .arg(program),
    )
    .with_context(|| format!("help2man could not read {}'s --help", program.display()))?;
    gzip(format!("{page}\n").as_bytes(), path)
}

/// Writes `bytes` gzipped at the best compression to `path`.
fn gzip(bytes: &[u8], path: &Path) -> Result<()> {
    let file = fs::File::create(path).with_context(|| path.display().to_string())?;
    let mut gz = GzEncoder::new(file, Compression::best());
    gz.write_all(bytes)?;
    gz.finish()?;
    Ok(())
}

/// `path` relative to the current folder when it is inside it, for the install hint.
fn relative(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| Path::new(".").join(p)))
        .unwrap_or_else(|| path.to_owned())
}
