//! The session: nothing open, the kept model following edits, undo and redo, the
//! generation, and cancelled opens.

use chrono::NaiveDate;
use mesh_app::{CancelToken, HistoryStep, Session, file};
use mesh_core::create::{NewEntity, Place};
use mesh_core::governance::PolicyEdit;
use mesh_core::store::EditOp;
use mesh_core::{Access, ErrorKind};

use super::demo_session;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn has_cycle(session: &Session) -> bool {
    session
        .check(today())
        .unwrap()
        .findings
        .iter()
        .any(|f| f.rule_id == "DM-DEP-001" && f.entity.name == "campaign-performance")
}

#[test]
fn nothing_open_is_a_typed_answer() {
    let session = Session::new();
    assert!(session.current().unwrap().is_none());
    for kind in [
        session.check(today()).map(|_| ()).unwrap_err().kind,
        session
            .history(HistoryStep::Undo)
            .map(|_| ())
            .unwrap_err()
            .kind,
        session.snapshot().map(|_| ()).unwrap_err().kind,
    ] {
        assert_eq!(kind, ErrorKind::NoMeshOpen);
    }
}

#[test]
fn the_kept_model_and_generation_follow_edits_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    assert!(has_cycle(&session));
    let (mesh, start) = session.snapshot().unwrap();
    let product = mesh
        .products
        .iter()
        .find(|p| p.name == "campaign-performance")
        .unwrap();

    // A position is no content: the generation stays.
    let position = serde_json::from_value(serde_json::json!({ "entityId": product.id,
        "view": "mesh", "x": 1.0, "y": 2.0 }))
    .unwrap();
    session
        .apply(vec![EditOp::SetPosition(position)], None)
        .unwrap();
    assert_eq!(session.generation().unwrap(), start);

    session
        .apply(vec![EditOp::DeleteProduct(product.id)], None)
        .unwrap();
    assert!(!has_cycle(&session));
    assert!(session.generation().unwrap() > start);
    assert!(session.history(HistoryStep::Undo).unwrap().is_some());
    assert!(has_cycle(&session));
    assert!(session.history(HistoryStep::Redo).unwrap().is_some());
    assert!(!has_cycle(&session));
    // The kept model equals the file's.
    let (kept, _) = session.snapshot().unwrap();
    assert_eq!(kept, session.current().unwrap().unwrap().mesh);
    // Nothing more to redo is no error.
    assert!(session.history(HistoryStep::Redo).unwrap().is_none());
}

#[test]
fn a_policy_edit_is_worked_out_by_the_core_and_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let waive = PolicyEdit::Waive {
        rule: "DM-DEP-001".into(),
        entity: "campaign-performance".into(),
        reason: " Split planned ".into(),
        expires: None,
    };
    let applied = session.edit_policy(&waive).unwrap();
    assert_eq!(applied.label, "Waive DM-DEP-001 on campaign-performance");
    let policy = session.policy().unwrap();
    assert_eq!(policy.waivers.len(), 1);
    assert_eq!(policy.waivers[0].reason, "Split planned");
    let cycle = session.check(today()).unwrap();
    assert!(
        cycle
            .findings
            .iter()
            .any(|f| f.rule_id == "DM-DEP-001" && f.waived.is_some()),
        "the finding is waived"
    );

    // A parameter that does not read as its kind is refused, naming it; nothing changes.
    let bad = PolicyEdit::SetParam {
        rule: "DM-DEP-005".into(),
        name: "max_upstream".into(),
        text: Some("many".into()),
    };
    let err = session.edit_policy(&bad).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(
        err.message.contains("max_upstream: expected"),
        "{}",
        err.message
    );
    assert_eq!(session.policy().unwrap(), policy);

    session.history(HistoryStep::Undo).unwrap();
    assert!(session.policy().unwrap().waivers.is_empty());
}

#[test]
fn a_created_entity_has_the_core_defaults_and_is_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let (mesh, _) = session.snapshot().unwrap();
    let domain = mesh.domains[0].id;
    let place = Place {
        view: "mesh".into(),
        x: 24.0,
        y: 300.0,
    };
    let created = session
        .create(&NewEntity::Product { domain_id: domain }, Some(&place))
        .unwrap();
    assert_eq!(created.applied.label, "New data product");
    let (kept, _) = session.snapshot().unwrap();
    let product = kept.products.iter().find(|p| p.id == created.id).unwrap();
    assert_eq!(
        (product.name.as_str(), product.version.as_str()),
        ("new-data-product", "0.1.0")
    );
    assert_eq!(
        kept.output_ports
            .iter()
            .filter(|p| p.product_id == created.id)
            .count(),
        1
    );
    assert!(
        kept.positions
            .iter()
            .any(|p| p.entity_id == created.id && p.y == 300.0)
    );
    assert_eq!(kept, session.current().unwrap().unwrap().mesh);

    // A second one takes the next free name; a missing domain is a typed error.
    let again = session
        .create(&NewEntity::Product { domain_id: domain }, None)
        .unwrap();
    let (kept, _) = session.snapshot().unwrap();
    let second = kept.products.iter().find(|p| p.id == again.id).unwrap();
    assert_eq!(second.name, "new-data-product-2");
    let missing = NewEntity::OutputPort {
        product_id: uuid::Uuid::nil(),
    };
    assert_eq!(
        session.create(&missing, None).unwrap_err().kind,
        ErrorKind::NotFound
    );

    session.history(HistoryStep::Undo).unwrap();
    session.history(HistoryStep::Undo).unwrap();
    assert!(
        !session
            .snapshot()
            .unwrap()
            .0
            .products
            .iter()
            .any(|p| p.id == created.id)
    );
}

#[test]
fn a_cancelled_or_overtaken_open_answers_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = demo_session(dir.path());
    let first = session.begin_open();
    session.cancel_open();
    let err = file::open(&path, Access::ReadWrite, &first).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled);

    let older = session.begin_open();
    let newer = session.begin_open();
    assert!(older.is_cancelled(), "a newer open overtakes the older one");
    assert!(file::open(&path, Access::ReadWrite, &newer).is_ok());
    assert!(file::open(&path, Access::ReadWrite, &CancelToken::silent()).is_ok());
}

#[test]
fn a_new_mesh_is_empty_with_the_default_namespace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.mesh");
    let (_, mesh) = file::create(&path, "Fresh".into()).unwrap();
    assert_eq!(mesh.info.name, "Fresh");
    assert_eq!(mesh.info.namespace, file::DEFAULT_NAMESPACE);
    assert!(mesh.products.is_empty());
    let err = file::create(&path, "Again".into()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadFile);
}
