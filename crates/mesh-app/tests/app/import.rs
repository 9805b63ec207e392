//! The import flow: paths checked, a dry run that writes nothing, one undoable edit the
//! kept model follows, problems as part of the report, a typed cancel, and the header
//! of a mesh an import creates.

use std::path::Path;

use mesh_app::import::{self, ImportAction};
use mesh_app::{CancelToken, HistoryStep, Session, TaskPhase, file};
use mesh_core::ErrorKind;
use mesh_core::manifests::{ExportSettings, Format, plan_export, write};
use mesh_core::model::EntityKind;

use super::{demo_session, recording};

/// The demo's manifests in every format, in `folder`.
fn demo_manifests(folder: &Path) -> Vec<String> {
    let settings = ExportSettings {
        formats: Format::ALL.to_vec(),
        options: Default::default(),
        by_domain: true,
        prune: false,
    };
    let demo = mesh_core::demo::demo_mesh();
    let plan = plan_export(
        &demo,
        folder,
        &settings,
        &mut |_, _| {},
        &Default::default(),
    )
    .unwrap();
    write::write(&plan, &mut |_, _| {}, &Default::default()).unwrap();
    vec![folder.display().to_string()]
}

fn empty_session(dir: &Path) -> Session {
    let session = Session::new();
    let (store, mesh) = file::create(&dir.join("empty.mesh"), "Empty".into()).unwrap();
    session.install(store, mesh).unwrap();
    session
}

#[test]
fn paths_must_be_given_in_full() {
    let blank = import::paths(&[" ".into()]).unwrap_err();
    assert_eq!(
        (blank.kind, blank.field.as_deref()),
        (ErrorKind::Invalid, Some("paths"))
    );
    let relative = import::paths(&["in/here".into()]).unwrap_err();
    assert!(relative.message.starts_with("in/here must be a full path"));
}

#[test]
fn a_dry_run_writes_nothing_and_the_import_is_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let paths = demo_manifests(&dir.path().join("manifests"));
    let session = empty_session(dir.path());
    let (mut token, reports) = recording(&session);
    let dry = import::run(&session, &paths, true, &mut token).unwrap();
    let phases: Vec<TaskPhase> = reports.lock().unwrap().iter().map(|r| r.0).collect();
    assert_eq!(phases.first(), Some(&TaskPhase::Reading));
    assert_eq!(phases.last(), Some(&TaskPhase::Applying));
    assert!(dry.applied.is_none());
    assert!(dry.report.problems.is_empty());
    let products = dry
        .report
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Product);
    assert_eq!(products.clone().count(), 28);
    assert!(products.clone().all(|e| e.action == ImportAction::Create));
    assert_eq!(
        dry.report.totals.created as usize,
        dry.report.entities.len()
    );
    // The dialog's counts per kind, products first, and its change count.
    let first = &dry.report.by_kind[0];
    assert_eq!(first.kind, EntityKind::Product);
    assert_eq!((first.created, first.updated, first.unchanged), (28, 0, 0));
    let counted: u32 = dry.report.by_kind.iter().map(|k| k.created).sum();
    assert_eq!(counted as usize, dry.report.entities.len());
    assert_eq!(dry.report.changes as usize, dry.report.entities.len());
    let generation = session.generation().unwrap();
    assert!(
        session.snapshot().unwrap().0.products.is_empty(),
        "a dry run writes nothing"
    );

    let done = import::run(&session, &paths, false, &mut CancelToken::silent()).unwrap();
    let applied = done.applied.expect("one edit");
    assert!(applied.label.starts_with("Import "));
    assert!(session.generation().unwrap() > generation);
    let (kept, _) = session.snapshot().unwrap();
    assert_eq!(kept.products.len(), 28, "the kept model follows the import");
    assert_eq!(kept, session.current().unwrap().unwrap().mesh);
    session.history(HistoryStep::Undo).unwrap();
    assert!(session.snapshot().unwrap().0.products.is_empty());
}

#[test]
fn problems_are_part_of_the_report_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let bad = dir.path().join("bad.odps.yaml");
    std::fs::write(
        &bad,
        "apiVersion: v1.0.0\nkind: DataProduct\nid: bad\nstatus: 5\n",
    )
    .unwrap();
    let paths = [bad.display().to_string()];
    let result = import::run(&session, &paths, false, &mut CancelToken::silent()).unwrap();
    assert!(result.applied.is_none());
    let problem = &result.report.problems[0];
    assert_eq!((problem.line, problem.column), (Some(4), Some(1)));
    assert_eq!(problem.field.as_deref(), Some("status"));
    assert_eq!(
        result.report.documents, 1,
        "what was read is still reported"
    );
}

#[test]
fn a_cancelled_import_answers_cancelled_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let paths = demo_manifests(&dir.path().join("manifests"));
    let session = empty_session(dir.path());
    let mut token = session.begin_task(|_: TaskPhase, _: usize, _: usize| {});
    session.cancel_task();
    let err = import::run(&session, &paths, false, &mut token).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled);
    assert_eq!(err.message, "Import cancelled: nothing was changed.");
    assert!(session.snapshot().unwrap().0.products.is_empty());
}

#[test]
fn a_mesh_created_for_an_import_takes_a_valid_tenant() {
    let path = Path::new("/tmp/orders.mesh");
    let info = import::new_mesh_info(path, Some("com.acme".into()));
    assert_eq!(
        (info.name.as_str(), info.namespace.as_str()),
        ("orders", "com.acme")
    );
    let info = import::new_mesh_info(path, Some("not a namespace!".into()));
    assert_eq!(info.namespace, file::DEFAULT_NAMESPACE);
    assert_eq!(
        import::new_mesh_info(path, None).namespace,
        file::DEFAULT_NAMESPACE
    );
}
