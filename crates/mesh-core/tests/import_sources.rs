//! Reading import inputs: every kind of bad file is reported with its path (and line
//! and column where it has one) and nothing else is returned for it; folders are walked
//! in order; the official examples are recognised.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use mesh_core::manifests::import::source::{CANCELLED, MAX_FILE_BYTES, Sources};
use mesh_core::manifests::import::{Detected, read_sources};

fn read(paths: &[PathBuf]) -> Sources {
    read_sources(paths, &mut |_, _| {}, &Default::default())
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

const ODPS: &str = "apiVersion: v1.0.0\nkind: DataProduct\nid: orders\nstatus: active\n";

#[test]
fn malformed_yaml_names_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad.odps.yaml",
        "apiVersion: v1.0.0\nkind: DataProduct\nid: [unclosed\n",
    );
    let got = read(std::slice::from_ref(&path));
    assert!(got.documents.is_empty());
    let e = &got.errors[0];
    assert_eq!(e.path, path);
    assert!(e.line.is_some_and(|l| l >= 3), "{e}");
    assert!(e.to_string().contains("malformed YAML"), "{e}");
}

#[test]
fn malformed_json_names_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad.dpd.json",
        "{\n  \"dataProductDescriptor\": \"1.0.0\",\n  \"info\": }\n",
    );
    let got = read(std::slice::from_ref(&path));
    let e = &got.errors[0];
    assert_eq!((e.line, e.column), (Some(3), Some(11)), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:3:11: malformed JSON", path.display())),
        "{e}"
    );
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.odps.yaml");
    // A sparse 50 MB file: refused from its size alone.
    fs::File::create(&path)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let got = read(std::slice::from_ref(&path));
    assert!(got.documents.is_empty());
    let e = got.errors[0].to_string();
    assert!(
        e.contains("50.0 MiB") && e.contains(&format!("{} MiB limit", MAX_FILE_BYTES >> 20)),
        "{e}"
    );
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from("apiVersion: v1.0.0\nkind: DataProduct\nid: x\nstatus: active\n");
    text.push_str("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bomb.odps.yaml", &text);
    let got = read(&[path]);
    assert!(got.documents.is_empty());
    assert!(
        got.errors[0]
            .reason
            .contains("exceeds the limits for untrusted YAML"),
        "{}",
        got.errors[0]
    );
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!("{ODPS}deep: {}{}\n", "[".repeat(500), "]".repeat(500));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "deep.odps.yaml", &text);
    let got = read(&[path]);
    assert!(got.documents.is_empty());
    assert!(
        got.errors[0].reason.contains("exceeds the limits"),
        "{}",
        got.errors[0]
    );
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.odps.yaml");
    fs::write(&path, b"id: caf\xe9\n").unwrap();
    let got = read(&[path]);
    assert!(
        got.errors[0].reason.contains("not UTF-8"),
        "{}",
        got.errors[0]
    );
}

#[test]
fn a_named_file_of_unknown_format_fails_and_a_walked_one_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let compose = write(
        dir.path(),
        "repo/docker-compose.yaml",
        "services:\n  db:\n    image: postgres\n",
    );
    write(
        dir.path(),
        "repo/dataproducts/orders/orders.odps.yaml",
        ODPS,
    );
    let named = read(std::slice::from_ref(&compose));
    assert!(
        named.errors[0]
            .reason
            .contains("not ODPS, ODCS, DPDS or Backstage"),
        "{}",
        named.errors[0]
    );

    let walked = read(&[dir.path().join("repo")]);
    assert!(walked.errors.is_empty(), "{:?}", walked.errors);
    assert_eq!(walked.skipped.len(), 1);
    assert_eq!(walked.skipped[0].0, compose);
    assert_eq!(walked.documents.len(), 1);
    assert_eq!(walked.documents[0].format, Detected::Odps);
}

#[test]
fn folders_are_walked_in_name_order_without_hidden_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/b.odps.yaml", &ODPS.replace("orders", "b"));
    write(dir.path(), "a/a.odps.yaml", &ODPS.replace("orders", "a"));
    write(dir.path(), ".git/config.yaml", "broken: [");
    write(dir.path(), "a/notes.txt", "not a manifest");
    let got = read(&[dir.path().to_path_buf()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let ids: Vec<_> = got
        .documents
        .iter()
        .map(|d| d.value["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn a_missing_path_is_an_error() {
    let got = read(&[PathBuf::from("/nonexistent/meshwright/repos")]);
    assert!(got.errors[0].to_string().contains("does not exist"));
}

#[test]
fn every_document_of_a_catalog_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata: {name: sales}\n---\n\
                apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: orders}\n";
    let path = write(dir.path(), "catalog-info.yaml", text);
    let got = read(&[path]);
    assert_eq!(got.documents.len(), 2);
    assert_eq!(got.documents[1].index, 1);
    assert!(
        got.documents
            .iter()
            .all(|d| d.format == Detected::Backstage)
    );
}

#[test]
fn the_official_examples_are_recognised() {
    let Some(schemas) = common::schemas() else {
        return;
    };
    let cases = [
        ("bitol-odps-example-customer.odps.yaml", Detected::Odps),
        ("bitol-odps-example-simple.odps.yaml", Detected::Odps),
        ("bitol-odcs-example-full.odcs.yaml", Detected::Odcs),
        (
            "bitol-odcs-example-postgresql-adventureworks.odcs.yaml",
            Detected::Odcs,
        ),
        ("dpds-example-minimal.dpd.json", Detected::Dpds),
        ("dpds-example-tripexecution.dpd.json", Detected::Dpds),
        ("backstage-example-catalog-info.yaml", Detected::Backstage),
    ];
    for (name, format) in cases {
        let got = read(&[schemas.join(name)]);
        assert!(got.errors.is_empty(), "{name}: {:?}", got.errors);
        assert!(!got.documents.is_empty(), "{name}");
        assert!(got.documents.iter().all(|d| d.format == format), "{name}");
    }
}

#[test]
fn a_walked_catalog_of_a_service_is_skipped_and_a_named_one_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: web}\n\
                spec: {type: service, owner: team-a, lifecycle: production}\n";
    let path = write(dir.path(), "service/catalog-info.yaml", text);
    let walked = read(&[dir.path().to_path_buf()]);
    assert!(walked.documents.is_empty() && walked.errors.is_empty());
    assert_eq!(walked.skipped.len(), 1);
    assert!(
        walked.skipped[0].1.contains("no Domain, Group or System"),
        "{:?}",
        walked.skipped
    );
    let named = read(&[path]);
    assert_eq!(named.documents.len(), 1);
}

/// A folder of `n` small product files.
fn folder_of(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        write(
            dir.path(),
            &format!("p{i:03}.odps.yaml"),
            &ODPS.replace("orders", &format!("p{i}")),
        );
    }
    dir
}

#[test]
fn a_cancelled_read_stops_before_the_next_file_and_reports_only_that() {
    // Cancelled before it starts: on the parallel path (64 files or more), nothing read.
    let dir = folder_of(80);
    let cancel = AtomicBool::new(true);
    let got = read_sources(&[dir.path().to_path_buf()], &mut |_, _| {}, &cancel);
    assert!(got.documents.is_empty());
    assert_eq!(got.errors.len(), 1, "{:?}", got.errors);
    assert_eq!(got.errors[0].reason, CANCELLED);

    // Cancelled after the second file, on the one-thread path: the third is not read.
    let dir = folder_of(5);
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let got = read_sources(
        &[dir.path().to_path_buf()],
        &mut |done, total| {
            seen.push((done, total));
            if done == 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(got.documents.is_empty());
    assert_eq!(got.errors.len(), 1, "{:?}", got.errors);
    assert_eq!(got.errors[0].reason, CANCELLED);
    assert_eq!(seen[..2], [(1, 5), (2, 5)]);

    // Not cancelled: every file read.
    let got = read_sources(
        &[dir.path().to_path_buf()],
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    assert_eq!(got.documents.len(), 5);
    assert!(got.errors.is_empty());
}
