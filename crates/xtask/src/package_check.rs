//! Checks of the built Linux packages, as an installed system would see them: the `.deb`
//! unpacked (`dpkg-deb -x`) holds both binaries, which print the workspace's version,
//! their manual pages,
//! a desktop entry `desktop-file-validate` accepts and that opens `.mesh` files, the
//! MIME type for them, and the icons at every size; `lintian` finds no error; the
//! `.rpm`'s file list (`rpm -qlp`) holds the same files.
//!
//! It must not build anything; `package` does.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use quick_xml::XmlVersion;
use quick_xml::events::Event;

use crate::exec;
use crate::package::{Built, Profile, VERSION};

/// The two programs, where both packages install them.
const BINARIES: [&str; 2] = ["/usr/bin/meshwright-app", "/usr/bin/meshwright"];

/// The desktop entry Tauri writes (named after the product).
const DESKTOP: &str = "/usr/share/applications/Meshwright.desktop";

/// The shared-mime-info file declaring `application/x-meshwright`.
const MIME_XML: &str = "/usr/share/mime/packages/meshwright.xml";

/// The MIME type of a `.mesh` file.
const MIME_TYPE: &str = "application/x-meshwright";

/// The icon theme sizes the packages fill (`tauri.conf.json`'s `bundle.icon`).
const ICON_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

/// Runs every check; the first failure names the package, the file and what is wrong.
pub fn check(built: &Built, profile: Profile) -> Result<()> {
    let unpacked = tempfile::tempdir().context("a folder to unpack the .deb into")?;
    let root = unpacked.path();
    exec::run(Command::new("dpkg-deb").arg("-x").arg(&built.deb).arg(root))?;
    let deb = built.deb.display();

    for file in expected_files() {
        if !inside(root, &file).is_file() {
            bail!("{deb}: {file} is missing");
        }
    }
    for binary in BINARIES {
        let name = binary.rsplit('/').next().unwrap_or(binary);
        let printed = exec::stdout_of(Command::new(inside(root, binary)).arg("--version"));
        let expected = format!("{name} {VERSION}");
        if printed.as_deref() != Some(expected.as_str()) {
            bail!("{deb}: `{binary} --version` printed {printed:?}, not {expected:?}");
        }
    }
    let desktop = inside(root, DESKTOP);
    exec::run(Command::new("desktop-file-validate").arg(&desktop))?;
    desktop_entry_opens_meshes(&fs::read_to_string(&desktop)?)
        .with_context(|| format!("{deb}: {DESKTOP}"))?;
    mime_xml_declares_meshes(&fs::read_to_string(inside(root, MIME_XML))?)
        .with_context(|| format!("{deb}: {MIME_XML}"))?;

    let mut lintian = Command::new("lintian");
    lintian.args(["--fail-on", "error", "--tag-display-limit", "0"]);
    if profile == Profile::Debug {
        // A debug build keeps its symbols by definition; the release package is stripped
        // (`profile.release.strip`) and checked without this exception.
        lintian.args(["--suppress-tags", "unstripped-binary-or-object"]);
    }
    exec::run(lintian.arg(&built.deb)).with_context(|| format!("lintian on {deb}"))?;

    let listed = exec::stdout_of(Command::new("rpm").arg("-qlp").arg(&built.rpm))
        .with_context(|| format!("`rpm -qlp {}` failed", built.rpm.display()))?;
    let listed: BTreeSet<&str> = listed.lines().collect();
    for file in expected_files() {
        if !listed.contains(file.as_str()) {
            bail!("{}: {file} is missing", built.rpm.display());
        }
    }
    println!("checked {deb} and {}", built.rpm.display());
    Ok(())
}

/// Every file both packages must install.
fn expected_files() -> Vec<String> {
    let mut files: Vec<String> = BINARIES.iter().map(|b| b.to_string()).collect();
    files.push(DESKTOP.into());
    files.push(MIME_XML.into());
    files.extend(BINARIES.iter().map(|b| {
        let name = b.rsplit('/').next().unwrap_or(b);
        format!("/usr/share/man/man1/{name}.1.gz")
    }));
    files.extend(
        ICON_SIZES
            .iter()
            .map(|s| format!("/usr/share/icons/hicolor/{s}x{s}/apps/meshwright-app.png")),
    );
    files
}

/// `file` (absolute in the package) inside the unpacked folder.
fn inside(root: &Path, file: &str) -> std::path::PathBuf {
    root.join(file.trim_start_matches('/'))
}

/// The entry passes the files it is given to the app and claims the mesh type.
fn desktop_entry_opens_meshes(entry: &str) -> Result<()> {
    let value = |key: &str| {
        entry
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
    };
    let exec = value("Exec").context("no Exec line")?;
    if !exec
        .split_whitespace()
        .any(|arg| arg == "%F" || arg == "%f")
    {
        bail!("Exec={exec} does not pass the opened files (%F)");
    }
    let types = value("MimeType").context("no MimeType line")?;
    if !types.split(';').any(|t| t == MIME_TYPE) {
        bail!("MimeType={types} does not name {MIME_TYPE}");
    }
    Ok(())
}

/// The shared-mime-info XML declares the mesh type with the `*.mesh` glob.
fn mime_xml_declares_meshes(xml: &str) -> Result<()> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut in_type, mut declared, mut globbed) = (false, false, false);
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .and_then(|a| a.normalized_value(XmlVersion::Explicit1_0).ok())
                        .map(|v| v.into_owned())
                };
                match e.local_name().into_inner() {
                    "mime-type" => {
                        in_type = attr("type").as_deref() == Some(MIME_TYPE);
                        declared |= in_type;
                    }
                    "glob" if in_type => globbed |= attr("pattern").as_deref() == Some("*.mesh"),
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().into_inner() == "mime-type" => in_type = false,
            Event::Eof => break,
            _ => {}
        }
    }
    match (declared, globbed) {
        (true, true) => Ok(()),
        (false, _) => bail!("no mime-type {MIME_TYPE}"),
        (true, false) => bail!("{MIME_TYPE} has no *.mesh glob"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desktop_entry_must_pass_files_and_claim_the_type() {
        let good = "[Desktop Entry]\nExec=meshwright-app %F\nMimeType=application/x-meshwright;\n";
        desktop_entry_opens_meshes(good).unwrap();
        let no_files = good.replace(" %F", "");
        assert!(desktop_entry_opens_meshes(&no_files).is_err());
        let other_type = good.replace("x-meshwright", "x-other");
        assert!(desktop_entry_opens_meshes(&other_type).is_err());
    }

    #[test]
    fn the_mime_xml_must_declare_the_type_with_its_glob() {
        let shipped = include_str!("../../../packaging/linux/meshwright.xml");
        mime_xml_declares_meshes(shipped).unwrap();
        assert!(mime_xml_declares_meshes(&shipped.replace("*.mesh", "*.mash")).is_err());
        assert!(mime_xml_declares_meshes(&shipped.replace(MIME_TYPE, "text/plain")).is_err());
    }
}
