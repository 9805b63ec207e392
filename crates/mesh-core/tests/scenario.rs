//! Scenarios kept in a mesh file: a to-be edited in memory under the store's rules,
//! kept beside the as-is, and applied to it directly or by the three-way merge.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::demo::demo_mesh;
use mesh_core::diff::records::records;
use mesh_core::model::{DataProduct, DependencySource, Mesh};
use mesh_core::scenario::{ApplyPlan, Scenario};
use mesh_core::store::EditOp;
use mesh_core::{ErrorKind, Store};

fn demo_file(dir: &tempfile::TempDir) -> Store {
    Store::create_from(&dir.path().join("demo.mesh"), &demo_mesh(), &mut |_, _| {}).unwrap()
}

/// A to-be with one product added and one dependency removed, made through a store in
/// memory as the app does.
fn sketched(as_is: &Store) -> (Scenario, String, uuid::Uuid) {
    let mesh = as_is.load().unwrap();
    let mut scenario = Scenario::start("  Move to streaming ", &mesh).unwrap();
    let mut to_be = Store::in_memory(as_is.path(), &mesh, &as_is.policy().unwrap()).unwrap();
    let domain = mesh.domains[0].id;
    let product =
        DataProduct::proposed("streaming-orders".into(), "Streaming orders".into(), domain);
    let removed = mesh
        .input_ports
        .iter()
        .find(|i| matches!(i.source, DependencySource::OutputPort { .. }))
        .unwrap()
        .id;
    to_be
        .apply(vec![EditOp::SaveProduct(product)], None)
        .unwrap();
    to_be
        .apply(vec![EditOp::DeleteInputPort(removed)], None)
        .unwrap();
    scenario.to_be = to_be.load().unwrap();
    as_is.save_scenario(&scenario).unwrap();
    (scenario, "streaming-orders".into(), removed)
}

fn apply(store: &mut Store, scenario: &Scenario) -> Mesh {
    let as_is = store.load().unwrap();
    match scenario.plan_apply(&as_is).unwrap() {
        ApplyPlan::Ops(ops) => {
            store.apply(ops, Some("Apply scenario".into())).unwrap();
        }
        ApplyPlan::Conflicts(c) => panic!("unexpected conflicts: {c:?}"),
    }
    store.load().unwrap()
}

#[test]
fn a_scenario_is_kept_beside_the_as_is_and_applied_as_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_file(&dir);
    let before = store.load().unwrap();
    let (scenario, name, removed) = sketched(&store);
    assert_eq!(scenario.name, "Move to streaming");
    // Kept, and the as-is untouched.
    let kept = store.scenario("Move to streaming").unwrap().unwrap();
    assert_eq!(kept, scenario);
    assert_eq!(records(&store.load().unwrap()), records(&before));
    let summary = kept.summary();
    assert_eq!((summary.added, summary.removed), (1, 1));
    // Applied: the as-is is the to-be, in one step of the history.
    let after = apply(&mut store, &kept);
    assert_eq!(records(&after), records(&scenario.to_be));
    assert!(after.products.iter().any(|p| p.name == name));
    assert!(after.input_ports.iter().all(|i| i.id != removed));
    store.undo().unwrap();
    assert_eq!(records(&store.load().unwrap()), records(&before));
}

#[test]
fn a_scenario_merges_with_what_changed_in_the_as_is_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_file(&dir);
    let (scenario, name, _) = sketched(&store);
    // The as-is moves on elsewhere: another product is renamed.
    let mut other = store.load().unwrap().products[3].clone();
    other.display_name = "Renamed in the as-is".into();
    store
        .apply(vec![EditOp::SaveProduct(other.clone())], None)
        .unwrap();
    let after = apply(&mut store, &scenario);
    assert!(after.products.iter().any(|p| p.name == name));
    let renamed = after.products.iter().find(|p| p.id == other.id).unwrap();
    assert_eq!(renamed.display_name, "Renamed in the as-is");
}

#[test]
fn conflicting_changes_are_listed_and_nothing_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_file(&dir);
    let mesh = store.load().unwrap();
    let mut scenario = Scenario::start("rename", &mesh).unwrap();
    let target = mesh.products[0].id;
    scenario.to_be.products[0].display_name = "Scenario name".into();
    let mut as_is = mesh.clone();
    as_is.products[0].display_name = "As-is name".into();
    let ApplyPlan::Conflicts(conflicts) = scenario.plan_apply(&as_is).unwrap() else {
        panic!("a conflict was expected");
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].id, target);
    assert_eq!(conflicts[0].field.as_deref(), Some("displayName"));
}

#[test]
fn scenario_names_are_checked_and_unique() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_file(&dir);
    let mesh = store.load().unwrap();
    for bad in ["", "   ", "tab\there", &"x".repeat(81)] {
        let e = Scenario::start(bad, &mesh).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Invalid, "{bad:?}");
    }
    store
        .save_scenario(&Scenario::start("a", &mesh).unwrap())
        .unwrap();
    let e = store
        .save_scenario(&Scenario::start("a", &mesh).unwrap())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert_eq!(store.scenarios().unwrap().len(), 1);
    let id = store.scenarios().unwrap()[0].id;
    assert!(store.delete_scenario(id).unwrap());
    assert!(store.scenarios().unwrap().is_empty());
}

#[test]
fn the_edit_between_two_meshes_orders_moves_before_removals() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_file(&dir);
    let from = store.load().unwrap();
    let mut to = from.clone();
    // A domain goes after its products move to another; a product goes with its ports
    // and whatever reads them.
    let (gone, kept) = (to.domains[0].id, to.domains[1].id);
    to.domains
        .retain(|d| d.id != gone && d.parent_id != Some(gone));
    let moved: Vec<_> = from
        .domains
        .iter()
        .filter(|d| d.id == gone || d.parent_id == Some(gone))
        .map(|d| d.id)
        .collect();
    for p in &mut to.products {
        if moved.contains(&p.domain_id) {
            p.domain_id = kept;
        }
    }
    let dropped = to.products.pop().unwrap().id;
    let ports: Vec<_> = to
        .output_ports
        .iter()
        .filter(|p| p.product_id == dropped)
        .map(|p| p.id)
        .collect();
    to.output_ports.retain(|p| p.product_id != dropped);
    to.input_ports.retain(|i| {
        i.product_id != dropped
            && !matches!(i.source, DependencySource::OutputPort { port_id } if ports.contains(&port_id))
    });
    to.positions
        .retain(|p| p.entity_id != dropped && p.entity_id != gone);
    let ops = mesh_core::scenario::ops::ops_between(&from, &to);
    store.apply(ops, None).unwrap();
    assert_eq!(records(&store.load().unwrap()), records(&to));
}

#[test]
fn an_edit_in_a_scenario_keeps_only_its_to_be() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_file(&dir);
    let (scenario, _, _) = sketched(&store);
    let mut to_be = scenario.to_be.clone();
    to_be.products.pop();
    assert!(store.save_scenario_to_be(scenario.id, &to_be).unwrap());
    let kept = store.scenario(&scenario.name).unwrap().unwrap();
    assert_eq!(kept.to_be, to_be);
    assert_eq!(kept.base, scenario.base, "the as-is it began from stays");
    assert_eq!(kept.created, scenario.created);
    // A scenario the file does not hold (discarded meanwhile) is not created again.
    assert!(
        !store
            .save_scenario_to_be(uuid::Uuid::new_v4(), &to_be)
            .unwrap()
    );
}
