//! Scenarios through the session: edits go to the to-be while it is shown, the file
//! keeps it, the changes carry the governance delta, apply is one undoable edit of the
//! as-is, and conflicts with the as-is stop it.

use mesh_app::HistoryStep;
use mesh_app::scenario::ScenarioApplied;
use mesh_core::diff::Change;
use mesh_core::model::{DataProduct, EntityKind};
use mesh_core::store::EditOp;

use super::demo_session;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

#[test]
fn edits_go_to_the_shown_scenario_and_apply_brings_them_into_the_as_is() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let as_is = session.current().unwrap().unwrap().mesh;
    let shown = session.start_scenario("Streaming").unwrap();
    assert_eq!(shown.scenario.as_deref(), Some("Streaming"));
    let product = DataProduct::proposed("stream".into(), "Stream".into(), as_is.domains[0].id);
    let id = product.id;
    session
        .apply(vec![EditOp::SaveProduct(product)], None)
        .unwrap();
    // The as-is does not have it; the scenario, shown again from the file, does.
    let back = session.show_scenario(None).unwrap();
    assert!(back.scenario.is_none());
    assert!(back.mesh.products.iter().all(|p| p.id != id));
    let again = session.show_scenario(Some("Streaming")).unwrap();
    assert!(again.mesh.products.iter().any(|p| p.id == id));
    let changes = session.scenario_changes(today()).unwrap();
    let added: Vec<_> = changes
        .diff
        .entities
        .iter()
        .filter(|e| e.change == Change::Added)
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!((added[0].kind, added[0].id), (EntityKind::Product, id));
    // A proposed product with no owner and no port is not a clean one.
    assert!(!changes.diff.findings_new.is_empty());
    let ScenarioApplied::Applied { snapshot } = session.apply_scenario().unwrap() else {
        panic!("no conflict was expected");
    };
    assert!(snapshot.scenario.is_none());
    assert!(snapshot.mesh.products.iter().any(|p| p.id == id));
    assert!(session.scenarios().unwrap().is_empty());
    assert_eq!(
        snapshot.undo.undo.as_deref(),
        Some("Apply scenario Streaming")
    );
    session.history(HistoryStep::Undo).unwrap().unwrap();
    let undone = session.current().unwrap().unwrap().mesh;
    assert!(undone.products.iter().all(|p| p.id != id));
}

#[test]
fn a_conflict_with_the_as_is_applies_nothing_and_keeps_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let mut product = session.current().unwrap().unwrap().mesh.products[0].clone();
    session.start_scenario("Rename").unwrap();
    product.display_name = "In the scenario".into();
    session
        .apply(vec![EditOp::SaveProduct(product.clone())], None)
        .unwrap();
    session.show_scenario(None).unwrap();
    product.display_name = "In the as-is".into();
    session
        .apply(vec![EditOp::SaveProduct(product.clone())], None)
        .unwrap();
    session.show_scenario(Some("Rename")).unwrap();
    let ScenarioApplied::Conflicts { conflicts } = session.apply_scenario().unwrap() else {
        panic!("a conflict was expected");
    };
    assert_eq!(conflicts[0].field.as_deref(), Some("displayName"));
    assert_eq!(session.scenarios().unwrap().len(), 1);
    let shown = session.current().unwrap().unwrap();
    assert_eq!(shown.scenario.as_deref(), Some("Rename"));
    session.show_scenario(None).unwrap();
    let as_is = session.current().unwrap().unwrap().mesh;
    let kept = as_is.products.iter().find(|p| p.id == product.id).unwrap();
    assert_eq!(kept.display_name, "In the as-is");
}

#[test]
fn a_scenario_name_in_use_or_unknown_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    session.start_scenario("A").unwrap();
    assert!(session.start_scenario("A").is_err());
    assert!(session.show_scenario(Some("missing")).is_err());
    assert!(session.discard_scenario("missing").is_err());
    let shown = session.discard_scenario("A").unwrap();
    assert!(shown.scenario.is_none());
}
