//! Helpers the CLI test files share: the binary, the demo mesh, one-line failures and
//! the shared schema folder.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `meshwright` binary of this build.
pub fn meshwright() -> Command {
    Command::cargo_bin("meshwright").expect("binary built")
}

/// `meshwright new DIR/demo.mesh --demo`.
pub fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("demo.mesh");
    meshwright()
        .arg("new")
        .arg(&path)
        .arg("--demo")
        .assert()
        .success();
    path
}

/// Asserts a failure with exit code 2 and one line on stderr holding every needle.
pub fn fails_with(cmd: &mut Command, needles: &[&str]) {
    let out = cmd.assert().code(2).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line expected: {stderr:?}"
    );
    for n in needles {
        assert!(stderr.contains(n), "expected {n:?} in {stderr:?}");
    }
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
}

/// The shared schema folder's file, or `None` with a printed reason outside CI. With
/// `CI` set a missing file fails the test.
pub fn shared(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/schemas")
        .join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing and CI is set: the schema check cannot be skipped",
        path.display()
    );
    eprintln!("skipped schema validation: {} not found", path.display());
    None
}

/// Makes the file at `path` claim the next schema version, as a newer Meshwright writes.
#[allow(dead_code)] // not every test file uses it
pub fn bump_schema_version(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    // `user_version` is the big-endian u32 at offset 60 of the SQLite header.
    let v = u32::from_be_bytes(bytes[60..64].try_into().unwrap());
    bytes[60..64].copy_from_slice(&(v + 1).to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}
