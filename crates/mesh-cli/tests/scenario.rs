//! `meshwright scenario` on real files: list, show (what it changes, as the diff's JSON),
//! apply (into the as-is, dropping it; with conflicts exit 1 and nothing written), and
//! discard.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use common::{demo, meshwright};
use mesh_core::scenario::Scenario;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use predicates::prelude::*;

/// Keeps a scenario `name` in the file whose to-be renames the first product to `title`.
fn keep_scenario(path: &Path, name: &str, title: &str) -> uuid::Uuid {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let mut scenario = Scenario::start(name, &store.load().unwrap()).unwrap();
    scenario.to_be.products[0].display_name = title.into();
    store.save_scenario(&scenario).unwrap();
    scenario.to_be.products[0].id
}

fn title_of(path: &Path, id: uuid::Uuid) -> String {
    let mesh = Store::open(path, Access::ReadOnly).unwrap().load().unwrap();
    mesh.products
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
        .display_name
}

#[test]
fn a_kept_scenario_is_listed_shown_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let id = keep_scenario(&path, "Rebrand", "Rebranded");
    meshwright()
        .args(["scenario", "list"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("Rebrand").and(predicates::str::contains("1 changed")));
    let out = meshwright()
        .args(["scenario", "show"])
        .arg(&path)
        .args(["Rebrand", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities = diff["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0]["id"], id.to_string());
    assert_eq!(entities[0]["fields"][0]["after"], "Rebranded");
    meshwright()
        .args(["scenario", "apply"])
        .arg(&path)
        .arg("Rebrand")
        .assert()
        .success();
    assert_eq!(title_of(&path, id), "Rebranded");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(store.scenarios().unwrap().is_empty());
}

#[test]
fn a_conflicting_scenario_is_not_applied_and_an_unknown_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let id = keep_scenario(&path, "Rebrand", "Rebranded");
    {
        let mut store = Store::open(&path, Access::ReadWrite).unwrap();
        let mut product = store
            .load()
            .unwrap()
            .products
            .into_iter()
            .find(|p| p.id == id)
            .unwrap();
        product.display_name = "Renamed in the as-is".into();
        store
            .apply(vec![EditOp::SaveProduct(product)], None)
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    meshwright()
        .args(["scenario", "apply"])
        .arg(&path)
        .arg("Rebrand")
        .assert()
        .code(1)
        .stderr(
            predicates::str::contains("not applied").and(predicates::str::contains("displayName")),
        );
    assert_eq!(title_of(&path, id), "Renamed in the as-is");
    assert_eq!(
        Store::open(&path, Access::ReadOnly)
            .unwrap()
            .scenarios()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(fs::read(&path).unwrap().len(), before.len());
    meshwright()
        .args(["scenario", "show"])
        .arg(&path)
        .arg("missing")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no scenario named"));
    meshwright()
        .args(["scenario", "discard"])
        .arg(&path)
        .arg("Rebrand")
        .assert()
        .success();
    assert!(
        Store::open(&path, Access::ReadOnly)
            .unwrap()
            .scenarios()
            .unwrap()
            .is_empty()
    );
}
