//! Export to disk on real temporary folders: the layout, re-export changing nothing,
//! plans with diffs, prune only of Meshwright's own files, refusals of files in the
//! way and of links, cancellation and progress.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use mesh_core::Error;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::plan::{Change, Plan};
use mesh_core::manifests::write::{Written, write};
use mesh_core::manifests::{ExportOptions, ExportSettings, Format, plan_export};
use mesh_core::model::Mesh;

fn settings(by_domain: bool, prune: bool) -> ExportSettings {
    ExportSettings {
        formats: Format::ALL.to_vec(),
        options: ExportOptions::default(),
        by_domain,
        prune,
    }
}

/// The plan for exporting `mesh` under `root`, neither watched nor cancelled.
fn preview(mesh: &Mesh, root: &Path, by_domain: bool, prune: bool) -> mesh_core::Result<Plan> {
    plan_export(
        mesh,
        root,
        &settings(by_domain, prune),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
}

fn run(plan: &Plan) -> Written {
    write(plan, &mut |_, _| {}, &AtomicBool::new(false)).unwrap()
}

fn export(mesh: &Mesh, root: &Path, by_domain: bool, prune: bool) -> (Plan, Written) {
    let plan = preview(mesh, root, by_domain, prune).unwrap();
    let written = run(&plan);
    (plan, written)
}

/// A progress callback that records what it is told and sets `cancel` once `done`
/// reaches `n`.
fn cancel_at<'a>(
    n: usize,
    cancel: &'a AtomicBool,
    seen: &'a mut Vec<(usize, usize)>,
) -> impl FnMut(usize, usize) + 'a {
    move |done, total| {
        seen.push((done, total));
        if done == n {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// Every file under `root` with its modification time, sorted.
fn snapshot(root: &Path) -> Vec<(String, Vec<u8>, SystemTime)> {
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
                let mtime = fs::metadata(&path).unwrap().modified().unwrap();
                out.push((rel, fs::read(&path).unwrap(), mtime));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_demo_lands_in_the_documented_layout_and_a_re_export_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo_mesh();
    let (plan, written) = export(&mesh, dir.path(), true, false);
    assert_eq!(written.written, plan.entries.len());
    assert_eq!(plan.count(Change::Added), plan.entries.len());
    let orders = mesh.product_by_name("orders").unwrap();
    let domain = mesh
        .domains
        .iter()
        .find(|d| d.id == orders.domain_id)
        .unwrap();
    let odps = dir
        .path()
        .join(&domain.name)
        .join("dataproducts/orders/orders.odps.yaml");
    let text = fs::read_to_string(&odps).unwrap();
    assert!(text.starts_with("apiVersion: v1.1.0\n") && text.ends_with('\n'));
    assert!(!text.contains('\r'));
    assert!(
        dir.path()
            .join(&domain.name)
            .join("dataproducts/orders/orders.orders.odcs.yaml")
            .is_file()
    );
    let index = fs::read_to_string(dir.path().join(".meshwright-export.json")).unwrap();
    assert!(index.contains("dataproducts/orders/orders.odps.yaml"));

    let before = snapshot(dir.path());
    let (again, written) = export(&mesh, dir.path(), true, false);
    assert_eq!(written.written, 0);
    assert_eq!(again.count(Change::Unchanged), again.entries.len());
    assert_eq!(
        snapshot(dir.path()),
        before,
        "a re-export must change no byte and no modification time"
    );
}

#[test]
fn a_changed_product_shows_as_changed_with_a_unified_diff() {
    let dir = tempfile::tempdir().unwrap();
    let mut mesh = demo_mesh();
    export(&mesh, dir.path(), false, false);
    let p = mesh
        .products
        .iter_mut()
        .find(|p| p.name == "orders")
        .unwrap();
    p.display_name = "Orders (all channels)".into();
    let plan = preview(&mesh, dir.path(), false, false).unwrap();
    let changed: Vec<&str> = plan.paths(Change::Changed).collect();
    // The display name is in every format's product document and in the domain's catalog.
    assert_eq!(
        changed,
        [
            "dataproducts/orders/orders.datahub.yaml",
            "dataproducts/orders/orders.dpds.json",
            "dataproducts/orders/orders.odps.yaml",
            "domains/orders/catalog-info.yaml",
        ]
    );
    let entry = plan
        .entries
        .iter()
        .find(|e| e.change == Change::Changed && e.path.ends_with(".odps.yaml"))
        .unwrap();
    let diff = entry.diff();
    assert!(
        diff.contains("--- a/dataproducts/orders/orders.odps.yaml"),
        "{diff}"
    );
    assert!(diff.contains("-name: Orders\n"), "{diff}");
    assert!(diff.contains("+name: Orders (all channels)\n"), "{diff}");
    assert_eq!(run(&plan).written, 4);
}

#[test]
fn files_of_a_removed_product_are_listed_and_deleted_only_with_prune() {
    let dir = tempfile::tempdir().unwrap();
    let mut mesh = demo_mesh();
    export(&mesh, dir.path(), false, false);
    // A file of the user's own beside the export is never touched.
    let notes = dir.path().join("dataproducts/orders/NOTES.md");
    fs::write(&notes, "mine\n").unwrap();
    let gone = mesh.product_by_name("orders").unwrap().id;
    mesh.products.retain(|p| p.id != gone);
    mesh.output_ports.retain(|p| p.product_id != gone);
    mesh.input_ports.retain(|p| p.product_id != gone);

    let (plan, written) = export(&mesh, dir.path(), false, false);
    let removed: Vec<&str> = plan.paths(Change::Removed).collect();
    assert!(
        removed.contains(&"dataproducts/orders/orders.odps.yaml"),
        "{removed:?}"
    );
    assert_eq!(written.removed, 0);
    assert!(
        dir.path()
            .join("dataproducts/orders/orders.odps.yaml")
            .is_file()
    );

    let (plan, written) = export(&mesh, dir.path(), false, true);
    assert_eq!(written.removed, plan.count(Change::Removed));
    assert!(written.removed >= 2, "{written:?}");
    assert!(
        !dir.path()
            .join("dataproducts/orders/orders.odps.yaml")
            .exists()
    );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "mine\n");
    let index = fs::read_to_string(dir.path().join(".meshwright-export.json")).unwrap();
    assert!(!index.contains("dataproducts/orders/"), "{index}");

    // Without the user's file the product's folder goes with its files.
    fs::remove_file(&notes).unwrap();
    fs::remove_dir(dir.path().join("dataproducts/orders")).unwrap();
    let (plan, _) = export(&mesh, dir.path(), false, true);
    assert_eq!(plan.count(Change::Removed), 0);
}

#[test]
fn pruning_leaves_no_empty_folders_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut mesh = demo_mesh();
    export(&mesh, dir.path(), false, false);
    let gone = mesh.product_by_name("returns").unwrap().id;
    mesh.products.retain(|p| p.id != gone);
    mesh.output_ports.retain(|p| p.product_id != gone);
    mesh.input_ports.retain(|p| p.product_id != gone);
    export(&mesh, dir.path(), false, true);
    assert!(!dir.path().join("dataproducts/returns").exists());
    assert!(dir.path().join("dataproducts").is_dir());
}

#[test]
fn a_file_meshwright_did_not_write_is_a_conflict_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo_mesh();
    let theirs = dir.path().join("dataproducts/orders/orders.odps.yaml");
    fs::create_dir_all(theirs.parent().unwrap()).unwrap();
    fs::write(&theirs, "hand written\n").unwrap();
    let plan = preview(&mesh, dir.path(), false, false).unwrap();
    assert_eq!(
        plan.paths(Change::Conflict).collect::<Vec<_>>(),
        ["dataproducts/orders/orders.odps.yaml"]
    );
    let err = write(&plan, &mut |_, _| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(matches!(err, Error::Export { .. }), "{err}");
    assert!(
        err.to_string().contains("not written by Meshwright"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "hand written\n");
    assert!(!dir.path().join(".meshwright-export.json").exists());
    assert_eq!(snapshot(dir.path()).len(), 1, "nothing else was written");
}

#[test]
fn an_identical_file_without_index_is_adopted_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo_mesh();
    export(&mesh, dir.path(), false, false);
    fs::remove_file(dir.path().join(".meshwright-export.json")).unwrap();
    let (plan, written) = export(&mesh, dir.path(), false, false);
    assert_eq!(plan.count(Change::Unchanged), plan.entries.len());
    assert_eq!(written.written, 0);
    assert!(dir.path().join(".meshwright-export.json").is_file());
}

#[cfg(unix)]
#[test]
fn the_export_never_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("dataproducts")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("dataproducts/orders")).unwrap();
    let err = preview(&demo_mesh(), dir.path(), false, false).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn a_tampered_index_cannot_steer_deletions_outside_the_root() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["../victim.txt", "/etc/passwd", "C:/x", "a/NUL"] {
        fs::write(
            dir.path().join(".meshwright-export.json"),
            serde_json::json!({"generator": "meshwright", "files": [bad]}).to_string(),
        )
        .unwrap();
        let err = preview(&demo_mesh(), dir.path(), false, true).unwrap_err();
        assert!(matches!(err, Error::Export { .. }), "{bad}: {err}");
    }
    fs::write(dir.path().join(".meshwright-export.json"), "not json").unwrap();
    let err = preview(&demo_mesh(), dir.path(), false, true).unwrap_err();
    assert!(
        err.to_string().contains("not a Meshwright export index"),
        "{err}"
    );
}

#[test]
fn progress_counts_every_file_and_cancel_stops_with_an_index_of_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo_mesh();
    let plan = preview(&mesh, dir.path(), false, false).unwrap();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let err = write(&plan, &mut cancel_at(3, &cancel, &mut seen), &cancel).unwrap_err();
    assert!(matches!(err, Error::Cancelled));
    assert_eq!(
        seen,
        [
            (1, plan.entries.len()),
            (2, plan.entries.len()),
            (3, plan.entries.len())
        ]
    );
    let index: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join(".meshwright-export.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(index["files"].as_array().unwrap().len(), 3);
    // The next run finishes the job and counts the three as unchanged.
    let (plan, written) = export(&mesh, dir.path(), false, false);
    assert_eq!(plan.count(Change::Unchanged), 3);
    assert_eq!(written.written, plan.entries.len() - 3);
}

#[test]
fn by_domain_writes_each_domain_under_its_repository_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut mesh = demo_mesh();
    mesh.domains[0].repo_folder = Some("clones/first-repo".into());
    let first = mesh.domains[0].id;
    let product = mesh
        .products
        .iter()
        .find(|p| p.domain_id == first)
        .unwrap()
        .name
        .clone();
    export(&mesh, dir.path(), true, false);
    assert!(
        dir.path()
            .join(format!(
                "clones/first-repo/dataproducts/{product}/{product}.odps.yaml"
            ))
            .is_file()
    );
}

#[test]
fn a_preview_reports_progress_and_cancel_stops_it_before_the_next_file() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo_mesh();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let err = plan_export(
        &mesh,
        dir.path(),
        &settings(false, false),
        &mut cancel_at(2, &cancel, &mut seen),
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    let total = seen[0].1;
    assert!(total > 3, "{total}");
    assert_eq!(seen, [(0, total), (1, total), (2, total)]);

    // Cancelled before it starts: no file is compared.
    let err = plan_export(
        &mesh,
        dir.path(),
        &settings(false, false),
        &mut |_, _| panic!("no file is compared after a cancel"),
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");

    // Not cancelled: every file compared, the last report is the whole.
    let mut last = None;
    let plan = plan_export(
        &mesh,
        dir.path(),
        &settings(false, false),
        &mut |done, total| last = Some((done, total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(last, Some((total, total)));
    assert_eq!(plan.entries.len(), total);
    assert!(
        fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}
