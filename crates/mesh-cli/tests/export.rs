//! `meshwright export` on real files: the tree it writes validates against the official
//! schemas, a re-export changes nothing, dry runs list changes with diffs and write
//! nothing, prune deletes only Meshwright's files, and errors exit 2 on one line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{demo, fails_with, meshwright, shared};
use mesh_core::{Access, Store};
use serde_json::Value;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn export(mesh: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = meshwright();
    cmd.arg("export")
        .arg(mesh)
        .arg("--out")
        .arg(out)
        .args(extra);
    cmd
}

/// Every file under `root`, relative, sorted.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn edit_demo(
    mesh: &Path,
    f: impl FnOnce(&mut mesh_core::store::Edit<'_>, &mesh_core::model::Mesh),
) {
    let mut store = Store::open(mesh, Access::ReadWrite).unwrap();
    let snapshot = store.load().unwrap();
    store
        .edit(|e| {
            f(e, &snapshot);
            Ok(())
        })
        .unwrap();
}

#[test]
fn all_formats_by_domain_write_a_tree_that_validates_and_re_export_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let repos = dir.path().join("repos");
    let text = stdout(&mut export(
        &mesh,
        &repos,
        &["--format", "all", "--by-domain"],
    ));
    assert!(text.contains("written"), "{text}");
    let tree = files(&repos);
    assert!(
        tree.iter()
            .any(|(p, _)| p == "orders/dataproducts/orders/orders.odps.yaml")
    );
    let schema = |name| {
        shared(name)
            .map(|p| serde_json::from_str::<Value>(&fs::read_to_string(p).unwrap()).unwrap())
    };
    let odps = schema("bitol-odps-v1.1.0.schema.json");
    let odcs = schema("bitol-odcs-v3.1.0.schema.json");
    let mut checked = 0;
    for (path, bytes) in &tree {
        let schema = if path.ends_with(".odps.yaml") {
            &odps
        } else if path.ends_with(".odcs.yaml") {
            &odcs
        } else {
            continue;
        };
        let Some(schema) = schema else { continue };
        let value: Value = serde_saphyr::from_slice(bytes).unwrap();
        let validator = jsonschema::validator_for(schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        checked += 1;
    }
    if odps.is_some() {
        assert!(checked > 28, "only {checked} files validated");
    }

    let dry = stdout(&mut export(
        &mesh,
        &repos,
        &["--format", "all", "--by-domain", "--dry-run"],
    ));
    assert!(dry.contains("0 added, 0 changed, 0 removed"), "{dry}");
    assert!(
        dry.contains("unchanged  orders/dataproducts/orders/orders.odps.yaml"),
        "{dry}"
    );
    let again = stdout(&mut export(
        &mesh,
        &repos,
        &["--format", "all", "--by-domain"],
    ));
    assert!(again.contains(" 0 written"), "{again}");
    assert_eq!(files(&repos), tree, "a re-export changes no byte");
}

#[test]
fn dry_run_lists_changes_with_a_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let out = dir.path().join("out");
    stdout(&mut export(&mesh, &out, &["--format", "odps,odcs"]));
    let before = files(&out);
    edit_demo(&mesh, |e, m| {
        let mut p = m.product_by_name("orders").unwrap().clone();
        p.display_name = "All Orders".into();
        e.save_product(p).unwrap();
    });
    let dry = stdout(&mut export(
        &mesh,
        &out,
        &["--format", "odps", "--format", "odcs", "--dry-run"],
    ));
    assert!(
        dry.contains("changed    dataproducts/orders/orders.odps.yaml"),
        "{dry}"
    );
    assert!(
        dry.contains("--- a/dataproducts/orders/orders.odps.yaml"),
        "{dry}"
    );
    assert!(dry.contains("+name: All Orders"), "{dry}");
    assert!(
        dry.contains("dry run, nothing written: 0 added, 1 changed"),
        "{dry}"
    );
    assert_eq!(files(&out), before, "a dry run writes nothing");
}

#[test]
fn files_of_a_deleted_product_go_only_with_prune() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let out = dir.path().join("out");
    stdout(&mut export(&mesh, &out, &["--format", "odps"]));
    fs::write(out.join("README.md"), "ours\n").unwrap();
    edit_demo(&mesh, |e, m| {
        e.delete_product(m.product_by_name("ad-spend").unwrap().id)
            .unwrap();
    });
    let kept = stdout(&mut export(&mesh, &out, &["--format", "odps"]));
    assert!(kept.contains("pass --prune"), "{kept}");
    assert!(
        kept.contains("dataproducts/ad-spend/ad-spend.odps.yaml"),
        "{kept}"
    );
    assert!(
        out.join("dataproducts/ad-spend/ad-spend.odps.yaml")
            .is_file()
    );
    let pruned = stdout(&mut export(&mesh, &out, &["--format", "odps", "--prune"]));
    assert!(pruned.contains("1 removed"), "{pruned}");
    assert!(!out.join("dataproducts/ad-spend").exists());
    assert_eq!(fs::read_to_string(out.join("README.md")).unwrap(), "ours\n");
}

#[test]
fn versions_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let out = dir.path().join("out");
    stdout(&mut export(
        &mesh,
        &out,
        &[
            "--format",
            "odps,odcs",
            "--odps-version",
            "1.0.0",
            "--odcs-version",
            "3.2.0",
        ],
    ));
    let odps = fs::read_to_string(out.join("dataproducts/orders/orders.odps.yaml")).unwrap();
    assert!(odps.starts_with("apiVersion: v1.0.0\n"), "{odps}");
    let odcs = fs::read_to_string(out.join("dataproducts/orders/orders.orders.odcs.yaml")).unwrap();
    assert!(odcs.starts_with("apiVersion: v3.2.0\n"), "{odcs}");
}

#[test]
fn errors_exit_2_on_one_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let out = dir.path().join("out");
    fails_with(
        &mut export(
            &dir.path().join("missing.mesh"),
            &out,
            &["--format", "odps"],
        ),
        &["missing.mesh"],
    );
    meshwright()
        .arg("export")
        .arg(&mesh)
        .args(["--format", "odps", "--odps-version", "9.9.9", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    meshwright()
        .arg("export")
        .arg(&mesh)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    // A hand-written file where the export would write: refused, left as it was.
    let theirs = out.join("dataproducts/orders/orders.odps.yaml");
    fs::create_dir_all(theirs.parent().unwrap()).unwrap();
    fs::write(&theirs, "mine\n").unwrap();
    fails_with(
        &mut export(&mesh, &out, &["--format", "odps"]),
        &[
            "dataproducts/orders/orders.odps.yaml",
            "not written by Meshwright",
        ],
    );
    assert_eq!(files(&out).len(), 1);
    let dry = stdout(&mut export(&mesh, &out, &["--format", "odps", "--dry-run"]));
    assert!(
        dry.contains("conflict   dataproducts/orders/orders.odps.yaml"),
        "{dry}"
    );
}
