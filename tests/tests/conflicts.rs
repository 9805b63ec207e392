//! A merge's conflicts in the real window: a mesh opened with the report a `git merge`
//! left beside it shows the Conflicts panel; taking their side is one undoable edit and
//! removes the report; a report edited into invalid YAML is shown with its line and kept.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::diff::conflicts;
use mesh_core::diff::merge;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use meshwright_e2e::*;

fn title(path: &std::path::Path, id: &str) -> String {
    let mesh = Store::open(path, Access::ReadOnly).unwrap().load().unwrap();
    mesh.products
        .into_iter()
        .find(|p| p.id.to_string() == id)
        .unwrap()
        .display_name
}

#[tokio::test(flavor = "multi_thread")]
async fn conflicts_left_by_a_merge_are_resolved_in_the_window() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (path, base) = demo_file(dir.path());
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.products[0].display_name = "Ours".into();
    theirs.products[0].display_name = "Theirs".into();
    let merged = merge::merge(&base, &ours, &theirs).unwrap();
    let id = ours.products[0].id.to_string();
    Store::open(&path, Access::ReadWrite)
        .unwrap()
        .apply(
            vec![EditOp::SaveProduct(merged.mesh.products[0].clone())],
            None,
        )
        .unwrap();
    let report = conflicts::report_path(&path);
    std::fs::write(&report, conflicts::to_yaml(&merged.conflicts).unwrap()).unwrap();

    let app = App::launch(Some(&path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.wait_laid_out().await?;
    app.wait("[data-testid=conflicts-panel] [data-testid=conflicts-count][data-count='1']")
        .await?;
    let row = app
        .wait(&format!(
            "[data-testid=conflict-row][data-id='{id}'][data-field=displayName]"
        ))
        .await?;
    let text = row.text().await?;
    assert!(text.contains("Ours") && text.contains("Theirs"), "{text}");
    app.picture("merge-conflicts").await?;
    row.find(By::Css("[data-testid=conflict-theirs]"))
        .await?
        .click()
        .await?;
    app.wait_true(
        "return !document.querySelector('[data-testid=conflicts-panel]');",
        "the panel closes with no conflict left",
    )
    .await?;
    assert_eq!(title(&path, &id), "Theirs");
    assert!(!report.exists());
    app.click("[data-testid=undo]:not([disabled])").await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        !t.contains("Resolve conflict")
    })
    .await?;
    assert_eq!(title(&path, &id), "Ours");
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_report_that_is_not_one_is_shown_with_its_line_and_kept() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_file(dir.path());
    let report = conflicts::report_path(&path);
    let text = "conflicts:\n  - kind: product\n    id: [unclosed\n";
    std::fs::write(&report, text).unwrap();
    let app = App::launch(Some(&path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    let error = app
        .wait_within("[data-testid=conflicts-error]", TIMEOUT, |t| {
            t.contains("line")
        })
        .await?;
    assert!(error.text().await?.contains("demo.mesh.conflicts.yaml"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), text);
    app.quit().await
}
