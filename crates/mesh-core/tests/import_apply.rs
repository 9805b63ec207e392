//! Applying an import plan: the whole plan is one edit (one undo step), and a plan that
//! fails anywhere leaves the mesh exactly as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::PathBuf;

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::{Incoming, plan};
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
