//! The export flow: a request checked field by field, a preview kept with its
//! generation, diffs, writing exactly the preview once, stale previews, pruning only
//! when asked, progress and cancel.

use std::path::Path;

use mesh_app::export::{self, ExportFormat, ExportRequest, FileChange, OdcsChoice, OdpsChoice};
use mesh_app::{CancelToken, TaskPhase};
use mesh_core::ErrorKind;
use mesh_core::store::EditOp;

use super::{demo_session, recording};

fn request(folder: &Path, formats: &[ExportFormat]) -> ExportRequest {
    ExportRequest {
        folder: folder.display().to_string(),
        formats: formats.to_vec(),
        odps_version: OdpsChoice::V1_1_0,
        odcs_version: OdcsChoice::V3_1_0,
        by_domain: false,
        git: None,
    }
}

fn paths(preview: &export::ExportPreview, change: FileChange) -> Vec<String> {
    let files = preview.files.iter().filter(|f| f.change == change);
    files.map(|f| f.path.clone()).collect()
}

#[test]
fn a_request_is_refused_under_the_field_at_fault() {
    let field = |r: &ExportRequest| {
        let e = export::settings(r).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
        e.field.unwrap()
    };
    let odps = [ExportFormat::Odps];
    assert_eq!(field(&request(Path::new("  "), &odps)), "folder");
    assert_eq!(field(&request(Path::new("relative/out"), &odps)), "folder");
    assert_eq!(field(&request(&std::env::temp_dir(), &[])), "formats");
    let (root, settings) = export::settings(&request(&std::env::temp_dir(), &odps)).unwrap();
    assert_eq!(root, std::env::temp_dir());
    assert!(!settings.prune, "removals are asked when writing");
}

#[test]
fn writes_the_preview_once_refuses_a_stale_one_and_prunes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let out = dir.path().join("out");
    let req = request(&out, &[ExportFormat::Odps, ExportFormat::Odcs]);
    let (mut token, reports) = recording(&session);
    let preview = export::preview(&session, &req, &mut token).unwrap();
    assert_eq!(reports.lock().unwrap()[0], (TaskPhase::Planning, 0, 0));
    let added = paths(&preview, FileChange::Added);
    assert_eq!(added.len(), preview.files.len());
    assert!(!out.exists(), "a preview writes nothing");
    let first = &added[0];
    let diff = export::diff(&session, first).unwrap();
    assert!(
        diff.starts_with(&format!("--- /dev/null\n+++ b/{first}\n")),
        "{diff}"
    );
    let missing = export::diff(&session, "nowhere.yaml").unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound);

    let summary = export::write(&session, false, &mut CancelToken::silent()).unwrap();
    assert_eq!(summary.written as usize, added.len());
    assert!(out.join(first).is_file());
    let again = export::write(&session, false, &mut CancelToken::silent()).unwrap_err();
    assert_eq!(again.kind, ErrorKind::Stale);

    // An edit of an entity after the preview makes it stale.
    export::preview(&session, &req, &mut CancelToken::silent()).unwrap();
    let (mesh, _) = session.snapshot().unwrap();
    let product = &mesh.products[0];
    session
        .apply(vec![EditOp::DeleteProduct(product.id)], None)
        .unwrap();
    let stale = export::write(&session, true, &mut CancelToken::silent()).unwrap_err();
    assert_eq!(stale.kind, ErrorKind::Stale);

    // The deleted product's files are removed only when asked.
    let preview = export::preview(&session, &req, &mut CancelToken::silent()).unwrap();
    let removed = paths(&preview, FileChange::Removed);
    assert!(!removed.is_empty());
    let kept = export::write(&session, false, &mut CancelToken::silent()).unwrap();
    assert_eq!((kept.kept as usize, kept.removed), (removed.len(), 0));
    export::preview(&session, &req, &mut CancelToken::silent()).unwrap();
    let pruned = export::write(&session, true, &mut CancelToken::silent()).unwrap();
    assert_eq!(pruned.removed as usize, removed.len());
    assert!(removed.iter().all(|p| !out.join(p).exists()));
}

#[test]
fn a_cancelled_export_answers_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let req = request(&dir.path().join("out"), &[ExportFormat::Dpds]);
    let token = &mut session.begin_task(|_: TaskPhase, _: usize, _: usize| {});
    session.cancel_task();
    let err = export::preview(&session, &req, token).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled);
    assert!(
        err.message.contains("nothing was written"),
        "{}",
        err.message
    );

    export::preview(&session, &req, &mut CancelToken::silent()).unwrap();
    let (mut token, _) = recording(&session);
    session.cancel_task();
    let err = export::write(&session, false, &mut token).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled);
}

#[test]
fn an_export_by_domain_commits_into_the_folders_that_are_git_repositories() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let root = dir.path().join("repos");
    // Only orders is a repository; the other domains get plain folders.
    let orders = root.join("orders");
    std::fs::create_dir_all(&orders).unwrap();
    let repo = git2::Repository::init(&orders).unwrap();
    let mut config = repo.config().unwrap();
    config.set_str("user.name", "Ada Architect").unwrap();
    config.set_str("user.email", "ada@example.com").unwrap();
    let mut req = request(&root, &[ExportFormat::Odps]);
    req.by_domain = true;
    req.git = Some(export::GitChoice {
        branch: Some("review/one".into()),
        push: false,
    });
    export::preview(&session, &req, &mut CancelToken::silent()).unwrap();
    let summary = export::write(&session, false, &mut CancelToken::silent()).unwrap();
    assert_eq!(summary.repos.len(), 1);
    let done = &summary.repos[0];
    assert_eq!(
        (done.folder.as_str(), done.branch.as_str()),
        ("orders", "review/one")
    );
    assert!(done.commit.is_some() && done.files > 0);
    assert!(!done.products.added.is_empty());
    let branch = repo
        .find_branch("review/one", git2::BranchType::Local)
        .unwrap();
    assert_eq!(
        branch.get().peel_to_commit().unwrap().id().to_string(),
        *done.commit.as_ref().unwrap()
    );
    // The repository's work tree holds nothing; the plain folders hold their files.
    let in_orders = std::fs::read_dir(&orders).unwrap().count();
    assert_eq!(in_orders, 1, "only .git");
    assert!(root.join("finance/dataproducts").is_dir());
    assert!(summary.written > 0);

    // Without one folder per domain the request is refused under its field.
    req.by_domain = false;
    assert_eq!(
        export::settings(&req).unwrap_err().field.as_deref(),
        Some("git")
    );
}
