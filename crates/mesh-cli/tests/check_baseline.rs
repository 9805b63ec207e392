//! `meshwright check --baseline OLD NEW` through the real binary: a column removed from
//! a port's contract under the same major version fails the check (exit 1, the finding
//! naming the port and the column, in text, JSON and SARIF) and passes once the major
//! version is bumped; a baseline that is a folder of manifests exported from the old
//! mesh; a baseline that cannot be read exits 2 naming it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{demo, fails_with, meshwright};
use mesh_core::model::OutputPort;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use serde_json::Value;

/// A policy turning off every built-in rule but the baseline comparison, so the exit
/// code tells about it alone (the demo has findings of its own on purpose).
fn only_baseline_rule(dir: &Path) -> PathBuf {
    let out = meshwright().args(["rules", "--json"]).output().unwrap();
    let rules: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut yaml = String::from("rules:\n");
    for r in rules.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        if id != "DM-CON-004" {
            yaml.push_str(&format!("  {id}:\n    enabled: false\n"));
        }
    }
    let path = dir.join("policy.yaml");
    fs::write(&path, yaml).unwrap();
    path
}

/// The first port of the mesh with a contract body, as stored.
fn port_with_body(file: &Path) -> OutputPort {
    let mesh = Store::open(file, Access::ReadOnly).unwrap().load().unwrap();
    mesh.output_ports
        .into_iter()
        .find(|p| !p.contract_body.schema.is_empty() && p.contract.is_some())
        .unwrap()
}

/// Removes the last column of the port's first object and sets its contract version;
/// answers `(port name, object.column)`.
fn drop_column(file: &Path, version: &str) -> (String, String) {
    let mut port = port_with_body(file);
    let object = &mut port.contract_body.schema[0];
    let column = format!("{}.{}", object.name, object.properties.pop().unwrap().name);
    port.contract.as_mut().unwrap().version = Some(version.into());
    let name = port.name.clone();
    let mut store = Store::open(file, Access::ReadWrite).unwrap();
    store
        .apply(vec![EditOp::SaveOutputPort(port)], None)
        .unwrap();
    (name, column)
}

fn set_contract_version(file: &Path, version: &str) {
    let mut port = port_with_body(file);
    port.contract.as_mut().unwrap().version = Some(version.into());
    let mut store = Store::open(file, Access::ReadWrite).unwrap();
    store
        .apply(vec![EditOp::SaveOutputPort(port)], None)
        .unwrap();
}

fn check(dir: &Path, baseline: &Path, file: &Path, format: &str, code: i32) -> String {
    let out = meshwright()
        .current_dir(dir)
        .arg("check")
        .arg("--baseline")
        .arg(baseline)
        .arg(file)
        .args(["--policy", "policy.yaml", "--format", format])
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The old mesh's contract version of the changed port, set to `1.0.0` so that the
/// test does not depend on the demo's versions.
fn old_mesh(dir: &Path) -> PathBuf {
    let old = demo(dir);
    set_contract_version(&old, "1.0.0");
    old
}

#[test]
fn a_removed_column_under_the_same_major_version_fails_and_a_new_major_passes() {
    let dir = tempfile::tempdir().unwrap();
    only_baseline_rule(dir.path());
    let old = old_mesh(dir.path());
    let new = dir.path().join("new.mesh");
    fs::copy(&old, &new).unwrap();
    // The same mesh as its own baseline: nothing to report.
    check(dir.path(), &old, &new, "text", 0);

    let (port, column) = drop_column(&new, "1.1.0");
    let text = check(dir.path(), &old, &new, "text", 1);
    assert!(text.contains("DM-CON-004"), "{text}");
    assert!(
        text.contains(&format!("/{port}@")) && text.contains(&format!("column {column} removed")),
        "{text}"
    );
    assert!(text.contains("1.0.0 → 1.1.0"), "{text}");

    let json: Value = serde_json::from_str(&check(dir.path(), &old, &new, "json", 1)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["ruleId"], "DM-CON-004");
    assert_eq!(findings[0]["severity"], "error");
    assert!(
        findings[0]["entity"]["name"]
            .as_str()
            .unwrap()
            .contains(&format!("/{port}@"))
    );
    let sarif: Value = serde_json::from_str(&check(dir.path(), &old, &new, "sarif", 1)).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "DM-CON-004");

    // Without the baseline the rule has nothing to compare with.
    meshwright()
        .current_dir(dir.path())
        .args(["check", "new.mesh", "--policy", "policy.yaml"])
        .assert()
        .code(0);

    set_contract_version(&new, "2.0.0");
    check(dir.path(), &old, &new, "text", 0);
}

#[test]
fn a_folder_of_exported_manifests_is_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    only_baseline_rule(dir.path());
    let old = old_mesh(dir.path());
    let main = dir.path().join("main");
    meshwright()
        .arg("export")
        .arg(&old)
        .args(["--format", "odps,odcs", "--out"])
        .arg(&main)
        .assert()
        .success();
    let new = dir.path().join("new.mesh");
    fs::copy(&old, &new).unwrap();
    // The export read back is the same mesh: no contract breaks.
    check(dir.path(), &main, &new, "text", 0);

    let (port, column) = drop_column(&new, "1.2.0");
    let text = check(dir.path(), &main, &new, "text", 1);
    assert!(
        text.contains(&format!("/{port}@")) && text.contains(&format!("column {column} removed")),
        "{text}"
    );
    set_contract_version(&new, "2.0.0");
    check(dir.path(), &main, &new, "text", 0);
}

#[test]
fn a_baseline_that_cannot_be_read_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let new = demo(dir.path());
    let missing = dir.path().join("nowhere.mesh");
    fails_with(
        meshwright()
            .arg("check")
            .arg("--baseline")
            .arg(&missing)
            .arg(&new),
        &["nowhere.mesh", "baseline", "no such file"],
    );
    let broken = dir.path().join("broken.mesh");
    fs::write(&broken, "not a database").unwrap();
    fails_with(
        meshwright()
            .arg("check")
            .arg("--baseline")
            .arg(&broken)
            .arg(&new),
        &["broken.mesh", "baseline"],
    );
    let folder = dir.path().join("repo");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("bad.odps.yaml"),
        "apiVersion: v1.0.0\nkind: DataProduct\nid: [\n",
    )
    .unwrap();
    fails_with(
        meshwright()
            .arg("check")
            .arg("--baseline")
            .arg(&folder)
            .arg(&new),
        &["bad.odps.yaml", "baseline"],
    );
}
