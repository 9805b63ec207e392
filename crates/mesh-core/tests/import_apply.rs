//! Applying an import plan: the whole plan is one edit (one undo step), and a plan that
//! fails anywhere leaves the mesh exactly as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::{Incoming, plan};
use mesh_core::manifests::{ExportSettings, Format, plan_export, write};
use mesh_core::model::Mesh;
use uuid::Uuid;

fn incoming(mesh: &Mesh) -> Incoming {
    let at = PathBuf::from("repos");
    Incoming {
        people: mesh
            .people
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
        teams: mesh.teams.iter().map(|e| (at.clone(), e.clone())).collect(),
        domains: mesh
            .domains
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
        source_systems: mesh
            .source_systems
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
        products: mesh
            .products
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
        output_ports: mesh
            .output_ports
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
        input_ports: mesh
            .input_ports
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
        contracts: mesh
            .contracts
            .iter()
            .map(|e| (at.clone(), e.clone()))
            .collect(),
    }
}

#[test]
fn a_plan_applies_as_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("copy.mesh"), &common::info("copy")).unwrap();
    let demo = demo_mesh();
    let plan = plan(&store.load().unwrap(), &incoming(&demo)).unwrap();
    store
        .apply(plan.ops, Some("Import 28 data products".into()))
        .unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.products, demo.products);
    assert_eq!(loaded.output_ports, demo.output_ports);
    assert_eq!(loaded.input_ports, demo.input_ports);
    assert_eq!(loaded.teams, demo.teams);

    store.undo().unwrap();
    assert!(store.load().unwrap().products.is_empty());
}

/// What a host (the desktop app) gets back from an import: the edit as recorded, which
/// patches a model loaded before it into the file's state, and which one undo reverses.
#[test]
fn an_import_returns_its_edit_and_one_undo_reverses_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let settings = ExportSettings {
        formats: vec![Format::Odps, Format::Odcs],
        options: Default::default(),
        by_domain: false,
        prune: false,
    };
    let demo = demo_mesh();
    let export = plan_export(&demo, &out, &settings, &mut |_, _| {}, &Default::default()).unwrap();
    write::write(&export, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();

    let mut store = Store::create(&dir.path().join("empty.mesh"), &common::info("empty")).unwrap();
    let before = store.load().unwrap();
    let report = common::import(&mut store, &[out], false);
    let edit = report.edit.expect("an applied import reports its edit");
    assert!(edit.label.starts_with("Import "), "{}", edit.label);
    assert_eq!(edit.undo.undo.as_deref(), Some(edit.label.as_str()));
    let mut patched = before.clone();
    edit.patch(&mut patched);
    let loaded = store.load().unwrap();
    assert_eq!(patched, loaded);
    assert_eq!(loaded.products.len(), demo.products.len());

    let undone = store.undo_applied().unwrap();
    assert_eq!(undone.label, edit.label);
    let mut back = patched;
    undone.patch(&mut back);
    assert_eq!(back, before);
    assert_eq!(store.load().unwrap(), before);

    // A dry run and an import that changes nothing record no edit.
    store.redo_applied().unwrap();
    let again = [dir.path().join("export")];
    assert!(common::import(&mut store, &again, true).edit.is_none());
    assert!(common::import(&mut store, &again, false).edit.is_none());
}

#[test]
fn a_plan_that_fails_anywhere_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("copy.mesh"), &common::info("copy")).unwrap();
    let demo = demo_mesh();
    let mut broken = incoming(&demo);
    // The last product points at a domain no file declares.
    broken.products.last_mut().unwrap().1.domain_id = Uuid::new_v4();
    let before = store.load().unwrap();
    let plan = plan(&before, &broken).unwrap();
    assert!(store.apply(plan.ops, None).is_err());
    assert_eq!(store.load().unwrap(), before);
}
