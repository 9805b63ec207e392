//! A merge's conflict report beside the open file: read, each conflict resolved by
//! keeping one side as one undoable edit, the report shrunk and then removed; a report
//! edited into invalid YAML answered with its line and kept.

use mesh_app::HistoryStep;
use mesh_app::conflicts::ConflictChoice;
use mesh_core::diff::conflicts::{self, Side};
use mesh_core::diff::merge;
use mesh_core::store::EditOp;

use super::demo_session;

#[test]
fn a_conflict_is_resolved_by_keeping_a_side_and_the_report_goes_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = demo_session(dir.path());
    let base = session.current().unwrap().unwrap().mesh;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.products[0].display_name = "Ours".into();
    theirs.products[0].display_name = "Theirs".into();
    theirs.products[1].version = "9.9.9".into();
    let merged = merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    // The open file holds the merge, our side's value in the conflict.
    let product = merged.mesh.products[0].clone();
    session
        .apply(vec![EditOp::SaveProduct(product.clone())], None)
        .unwrap();
    let report = conflicts::report_path(&path);
    std::fs::write(&report, conflicts::to_yaml(&merged.conflicts).unwrap()).unwrap();

    let shown = session.merge_conflicts().unwrap().unwrap();
    assert_eq!(shown.conflicts.len(), 1);
    let c = &shown.conflicts[0];
    let left = session
        .resolve_conflict(&ConflictChoice {
            kind: c.kind,
            id: c.id,
            field: c.field.clone(),
            side: Side::Theirs,
        })
        .unwrap();
    assert!(left.left.is_none());
    assert!(!report.exists());
    let applied = left.applied.unwrap();
    assert!(
        applied
            .undo
            .undo
            .unwrap()
            .starts_with("Resolve conflict in")
    );
    let now = session.current().unwrap().unwrap().mesh;
    assert_eq!(now.products[0].display_name, "Theirs");
    session.history(HistoryStep::Undo).unwrap().unwrap();
    let undone = session.current().unwrap().unwrap().mesh;
    assert_eq!(undone.products[0].display_name, "Ours");
    assert!(session.merge_conflicts().unwrap().is_none());
}

#[test]
fn a_report_that_is_not_one_names_its_line_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = demo_session(dir.path());
    let report = conflicts::report_path(&path);
    let text = "conflicts:\n  - kind: product\n    id: [not, a, uuid\n";
    std::fs::write(&report, text).unwrap();
    let e = session.merge_conflicts().unwrap_err();
    assert!(e.message.contains("conflicts.yaml"), "{}", e.message);
    assert!(e.message.contains("line"), "{}", e.message);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), text);
}
