//! The governance policy stored in a real mesh file: set through an edit, undone and
//! redone like any other, kept across a reopen, and refused whole when invalid.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::governance::Policy;
use mesh_core::store::EditOp;
use mesh_core::{Access, Error, Store};

#[test]
fn set_policy_is_undoable_and_persistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.mesh");
    let mut store =
        Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap();
    assert_eq!(store.policy().unwrap(), Policy::default());
    let policy =
        Policy::from_yaml("rules:\n  DM-DEP-005:\n    params:\n      max_upstream: 3\n").unwrap();
    let applied = store
        .apply(vec![EditOp::SetPolicy(policy.clone())], None)
        .unwrap();
    assert_eq!(applied.label, "Update governance policy");
    assert_eq!(store.policy().unwrap(), policy);
    store.undo().unwrap();
    assert_eq!(store.policy().unwrap(), Policy::default());
    store.redo().unwrap();
    drop(store);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.policy().unwrap(), policy);
}

#[test]
fn an_invalid_policy_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.mesh");
    let mut store =
        Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap();
    let mut policy = Policy::default();
    policy.rules.insert(
        "DM-DEP-005".into(),
        mesh_core::governance::RuleConfig {
            params: [("max_upstream".to_owned(), serde_json::json!(-1))].into(),
            ..Default::default()
        },
    );
    let err = store
        .apply(vec![EditOp::SetPolicy(policy)], None)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Invalid { name, .. } if name == "DM-DEP-005"),
        "{err}"
    );
    assert!(err.to_string().contains("max_upstream"));
    assert_eq!(store.policy().unwrap(), Policy::default());
    assert!(store.undo_state().unwrap().undo.is_none());
}
