//! Manifests in the real window: the Export dialog previews, writes and (after a product
//! is deleted, and only once confirmed) prunes files in a temporary folder, checked on
//! disk; File > Import checks a folder exported from another mesh (a bad file named at
//! its line and column, a field two formats disagree on shown with the value kept),
//! imports it into an empty mesh, the products appear on the canvas, and one undo takes
//! the import back.
//!
//! Native file dialogs cannot be driven through WebDriver, so the tests type the folder
//! into the dialogs' path fields, which the Browse buttons fill in normal use.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use mesh_core::manifests::{ExportSettings, Format, plan_export, write};
use mesh_core::model::{DependencySource, Mesh};
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const PRODUCTS: &str = "[data-testid=product-node]";

/// The count a preview tab shows, once the preview has arrived.
async fn preview_count(app: &App, change: &str) -> WebDriverResult<usize> {
    let tab = app
        .wait(&format!("[data-testid=export-preview-{change}]"))
        .await?;
    Ok(tab
        .attr("data-count")
        .await?
        .and_then(|n| n.parse().ok())
        .expect("a count"))
}

/// Waits until the dialog shows a finished preview (the write button is there).
async fn wait_preview(app: &App) -> WebDriverResult<()> {
    wait_preview_within(app, TIMEOUT).await
}

/// The same, for a preview of thousands of files.
async fn wait_preview_within(app: &App, limit: std::time::Duration) -> WebDriverResult<()> {
    let phase = "[data-testid=export-dialog][data-phase=preview]";
    app.wait_within(phase, limit, |_| true).await.map(drop)
}

/// A script that clicks `button`, then the progress bar's Cancel as soon as it shows
/// while the dialog is in `phase`, and answers `cancel`. WebDriver round trips are
/// slower than the work, so both clicks happen in the page, which is polled rather
/// than given a fixed number of frames (a loaded machine may not paint in time). React
/// may commit the click's update only after the script first waits, so the dialog
/// counts as past `phase` only once it was seen in it. If the bar never shows, the
/// answer is the dialog's phase and error.
fn click_then_cancel(button: &str, phase: &str) -> String {
    format!(
        "document.querySelector('[data-testid={button}]').click();
         const dialog = () => document.querySelector('[data-testid=export-dialog]');
         const until = Date.now() + 10000;
         let cancel = null;
         let seen = false;
         while (Date.now() < until) {{
           cancel = document.querySelector('[data-testid=export-progress-cancel]');
           if (cancel) break;
           const now = dialog()?.dataset.phase;
           if (now === '{phase}') seen = true;
           else if (seen) break;
           await new Promise(r => setTimeout(r, 2));
         }}
         if (cancel) {{ cancel.click(); return 'cancel'; }}
         const error = document.querySelector('[data-testid=export-error]');
         return `phase ${{dialog()?.dataset.phase}}: ${{error ? error.textContent : 'no error'}}`;"
    )
}

/// A product no other product reads from: deleting it changes no other product's files.
fn leaf_product(mesh: &Mesh) -> (String, String) {
    let read: BTreeSet<_> = mesh
        .input_ports
        .iter()
        .filter_map(|i| match &i.source {
            DependencySource::OutputPort { port_id } => Some(*port_id),
            _ => None,
        })
        .collect();
    let product = mesh
        .products
        .iter()
        .find(|p| {
            mesh.output_ports
                .iter()
                .filter(|o| o.product_id == p.id)
                .all(|o| !read.contains(&o.id))
        })
        .expect("the demo has a product nobody reads from");
    (product.id.to_string(), product.name.clone())
}

/// Every file under `dir`, relative, `/`-separated.
fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            rel.replace('\\', "/")
        })
        .collect()
}

#[tokio::test]
async fn export_previews_writes_then_prunes_only_when_confirmed() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh_path = dir.path().join("demo.mesh");
    let demo = mesh_core::demo::demo_mesh();
    drop(Store::create_from(&mesh_path, &demo, &mut |_, _| {}).unwrap());
    let out = dir.path().join("registry export");
    let app = App::launch(Some(&mesh_path), &dir.path().join("data")).await?;
    app.wait_painted().await?;

    eprintln!("step: open the dialog, type the folder, preview");
    app.click("[data-testid=export-manifests]").await?;
    app.wait("[data-testid=export-dialog]").await?;
    let folder = app.wait("[data-testid=export-folder]").await?;
    folder.send_keys(out.display().to_string()).await?;
    folder.send_keys(Key::Enter).await?;
    wait_preview(&app).await?;
    let added = preview_count(&app, "added").await?;
    assert!(added > demo.products.len(), "{added} files to add");
    for change in ["changed", "removed", "unchanged", "conflict"] {
        assert_eq!(preview_count(&app, change).await?, 0, "{change}");
    }
    assert!(!out.exists(), "a preview writes nothing");
    // The first file's diff is shown as text: a new file comes from /dev/null.
    let diff = app
        .wait_within("[data-testid=export-diff] .diff-view__text", TIMEOUT, |t| {
            t.contains("+++ b/")
        })
        .await?;
    assert!(diff.text().await?.starts_with("--- /dev/null"));
    let files = app
        .driver
        .find_all(By::Css("[data-testid=export-file]"))
        .await?;
    assert_eq!(files.len(), added.min(400));
    files[1].click().await?;
    let second = files[1].attr("data-path").await?.unwrap();
    app.wait(&format!("[data-testid=export-diff][data-path='{second}']"))
        .await?;
    app.picture("export-dialog-preview").await?;

    eprintln!("step: write, check the files on disk");
    app.click("[data-testid=export-write]").await?;
    let summary = app.wait("[data-testid=export-summary]").await?;
    assert_eq!(
        summary.attr("data-written").await?.as_deref(),
        Some(added.to_string().as_str())
    );
    assert!(summary.text().await?.contains(&out.display().to_string()));
    app.picture("export-dialog-written").await?;
    let written = files_under(&out);
    assert!(written.contains(".meshwright-export.json"));
    for product in &demo.products {
        let odps = out.join(format!("dataproducts/{0}/{0}.odps.yaml", product.name));
        let text = std::fs::read_to_string(&odps).expect("an ODPS file per product");
        assert!(text.starts_with("apiVersion: v1.1.0\n"), "{text}");
        assert!(text.contains("kind: DataProduct\n"), "{text}");
        assert!(text.contains(&format!("id: {}\n", product.id)), "{text}");
    }
    assert!(
        written.iter().any(|f| f.ends_with(".odcs.yaml")),
        "ODCS contracts are written too"
    );
    assert_eq!(written.len(), added + 1, "the files and the export index");

    eprintln!("step: reopen: everything is unchanged");
    app.click("[data-testid=export-cancel-dialog]").await?;
    app.wait_count("[data-testid=export-dialog]", |n| n == 0)
        .await?;
    app.click("[data-testid=export-manifests]").await?;
    wait_preview(&app).await?;
    assert_eq!(preview_count(&app, "unchanged").await?, added);
    assert_eq!(preview_count(&app, "added").await?, 0);
    let write_button = app.wait("[data-testid=export-write]").await?;
    assert!(!write_button.is_enabled().await?, "nothing to write");
    app.click("[data-testid=export-cancel-dialog]").await?;

    eprintln!("step: delete a product; its files are listed as removed");
    let (id, name) = leaf_product(&demo);
    let node = app.wait(&format!("{PRODUCTS}[data-id='{id}']")).await?;
    app.wait_still(&node).await?;
    node.click().await?;
    app.click("[data-testid=delete-selected]").await?;
    app.wait_count(&format!("{PRODUCTS}[data-id='{id}']"), |n| n == 0)
        .await?;
    app.click("[data-testid=export-manifests]").await?;
    wait_preview(&app).await?;
    let own: BTreeSet<String> = written
        .iter()
        .filter(|f| f.starts_with(&format!("dataproducts/{name}/")))
        .cloned()
        .collect();
    assert!(!own.is_empty());
    assert_eq!(preview_count(&app, "removed").await?, own.len());
    assert_eq!(preview_count(&app, "changed").await?, 0);
    // The removed tab opens first and lists exactly the deleted product's files.
    let listed: BTreeSet<String> = {
        let mut paths = BTreeSet::new();
        for f in app
            .driver
            .find_all(By::Css("[data-testid=export-file][data-change=removed]"))
            .await?
        {
            paths.insert(f.attr("data-path").await?.unwrap());
        }
        paths
    };
    assert_eq!(listed, own);
    let prune = app.wait("[data-testid=export-prune]").await?;
    assert!(!prune.is_selected().await?, "removing is never the default");
    assert!(
        !app.wait("[data-testid=export-write]")
            .await?
            .is_enabled()
            .await?
    );
    app.picture("export-dialog-removed").await?;

    eprintln!("step: confirm, write, the files are gone");
    app.click("[data-testid=export-removed]").await?;
    assert!(prune.is_selected().await?);
    app.click("[data-testid=export-write]").await?;
    let summary = app.wait("[data-testid=export-summary]").await?;
    assert_eq!(
        summary.attr("data-removed").await?.as_deref(),
        Some(own.len().to_string().as_str())
    );
    let after = files_under(&out);
    assert!(after.iter().all(|f| !own.contains(f)), "{after:?}");
    assert!(!out.join(format!("dataproducts/{name}")).exists());
    assert_eq!(after.len(), written.len() - own.len());
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn export_refusals_are_shown_with_the_file_and_cause() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh_path = dir.path().join("demo.mesh");
    let demo = mesh_core::demo::demo_mesh();
    drop(Store::create_from(&mesh_path, &demo, &mut |_, _| {}).unwrap());
    // A file Meshwright did not write where the export would write one.
    let out = dir.path().join("out");
    let product = &demo.products[0].name;
    let odps = format!("dataproducts/{product}/{product}.odps.yaml");
    std::fs::create_dir_all(out.join(format!("dataproducts/{product}"))).unwrap();
    std::fs::write(out.join(&odps), "hand written\n").unwrap();

    let app = App::launch(Some(&mesh_path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.click("[data-testid=export-manifests]").await?;
    let folder = app.wait("[data-testid=export-folder]").await?;
    folder.send_keys("relative/folder").await?;
    app.click("[data-testid=export-preview-button]").await?;
    app.wait_within(".option-row.has-error .field-error", TIMEOUT, |t| {
        t.contains("full path")
    })
    .await?;

    folder.clear().await?;
    folder.send_keys(out.display().to_string()).await?;
    app.click("[data-testid=export-preview-button]").await?;
    wait_preview(&app).await?;
    assert_eq!(preview_count(&app, "conflict").await?, 1);
    app.wait("[data-testid=export-conflicts]").await?;
    assert!(
        !app.wait("[data-testid=export-write]")
            .await?
            .is_enabled()
            .await?
    );
    app.picture("export-dialog-conflict").await?;
    assert_eq!(
        std::fs::read_to_string(out.join(&odps)).unwrap(),
        "hand written\n"
    );

    // A folder that cannot be created: a file stands where it would be.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "x").unwrap();
    folder.clear().await?;
    folder
        .send_keys(blocked.join("out").display().to_string())
        .await?;
    app.click("[data-testid=export-preview-button]").await?;
    let error = app.wait("[data-testid=export-error]").await?;
    assert_eq!(error.attr("data-kind").await?.as_deref(), Some("io"));
    let path = app
        .wait("[data-testid=export-error-path]")
        .await?
        .text()
        .await?;
    assert!(path.starts_with(&blocked.display().to_string()), "{path}");
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn import_a_folder_from_another_mesh_then_undo() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    // The other mesh's export: every format, one tree per domain (one product each in
    // ODPS, DPDS, Backstage and DataHub).
    let manifests = dir.path().join("manifests");
    let demo = mesh_core::demo::demo_mesh();
    let settings = ExportSettings {
        formats: Format::ALL.to_vec(),
        options: Default::default(),
        by_domain: true,
        prune: false,
    };
    let plan = plan_export(
        &demo,
        &manifests,
        &settings,
        &mut |_, _| {},
        &Default::default(),
    )
    .unwrap();
    write::write(&plan, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    // One DPDS descriptor says another status than its product's ODPS file.
    let disputed = &demo.products[0];
    let descriptor = files_under(&manifests)
        .into_iter()
        .find(|f| f.ends_with(&format!("/{}.dpds.json", disputed.name)))
        .unwrap();
    let descriptor = manifests.join(descriptor);
    let text = std::fs::read_to_string(&descriptor).unwrap();
    let status = format!("\"x-status\": \"{}\"", disputed.status.as_str());
    let other = if disputed.status.as_str() == "retired" {
        "active"
    } else {
        "retired"
    };
    std::fs::write(
        &descriptor,
        text.replacen(&status, &format!("\"x-status\": \"{other}\""), 1),
    )
    .unwrap();
    // And a file with a status of the wrong type on its sixth line.
    let bad = manifests.join("bad.odps.yaml");
    std::fs::write(
        &bad,
        "apiVersion: v1.1.0\nkind: DataProduct\nid: bad\nname: Bad\nversion: 1.0.0\nstatus: 5\ndomain: sales\n",
    )
    .unwrap();
    let mesh_path = dir.path().join("empty.mesh");
    empty_mesh(&mesh_path, "Import target");

    let app = App::launch(Some(&mesh_path), &dir.path().join("data")).await?;
    app.wait("[data-testid=canvas]").await?;
    assert_eq!(app.driver.find_all(By::Css(PRODUCTS)).await?.len(), 0);

    eprintln!("step: choose the folder, check it");
    app.click("[data-testid=import-manifests]").await?;
    app.wait("[data-testid=import-dialog]").await?;
    app.wait("[data-testid=import-paths]")
        .await?
        .send_keys(manifests.display().to_string())
        .await?;
    app.click("[data-testid=import-preview-button]").await?;
    let problem = app.wait("[data-testid=import-problem]").await?;
    assert_eq!(
        problem.attr("data-path").await?.as_deref(),
        Some(bad.display().to_string().as_str())
    );
    assert_eq!(problem.attr("data-line").await?.as_deref(), Some("6"));
    let text = problem.text().await?;
    assert!(
        text.contains(&format!("{}:6:1", bad.display())) && text.contains("status"),
        "{text}"
    );
    assert!(
        !app.wait("[data-testid=import-apply]")
            .await?
            .is_enabled()
            .await?
    );
    app.picture("import-dialog-problem").await?;
    std::fs::remove_file(&bad).unwrap();
    app.click("[data-testid=import-recheck]").await?;
    app.wait_count("[data-testid=import-problem]", |n| n == 0)
        .await?;
    // Read through a script: the report is drawn again when the check's answer lands, and
    // an element found before that would be stale.
    app.wait_true(
        &format!(
            "return document.querySelector('[data-testid=import-count][data-kind=product]')?.getAttribute('data-create') === '{}';",
            demo.products.len()
        ),
        "every product to be created",
    )
    .await?;
    assert_eq!(
        app.driver
            .find_all(By::Css("[data-testid=import-problem]"))
            .await?
            .len(),
        0
    );
    // DataHub files import too: nothing in the tree is skipped.
    let read = app.wait("[data-testid=import-read]").await?;
    assert!(!read.text().await?.contains("skipped"), "DataHub files");
    let disagreement = app.wait("[data-testid=import-disagreement]").await?;
    assert_eq!(
        disagreement.attr("data-name").await?.as_deref(),
        Some(disputed.name.as_str())
    );
    assert_eq!(
        disagreement.attr("data-field").await?.as_deref(),
        Some("status")
    );
    let said = disagreement.text().await?;
    assert!(
        said.contains(&format!("Kept: ODPS says \"{}\"", disputed.status.as_str()))
            && said.contains(&format!("DPDS says \"{other}\"")),
        "{said}"
    );
    app.picture("import-dialog-report").await?;
    // Nothing is written by the check.
    assert!(
        Store::open(&mesh_path, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap()
            .products
            .is_empty()
    );

    eprintln!("step: import; the products appear on the canvas");
    app.click("[data-testid=import-apply]").await?;
    app.wait("[data-testid=import-done]").await?;
    app.picture("import-dialog-done").await?;
    app.click("[data-testid=import-cancel-dialog]").await?;
    app.wait_count(PRODUCTS, |n| n >= 1).await?;
    let counts = format!("{} products", demo.products.len());
    app.wait_within("[data-testid=status-counts]", TIMEOUT, |t| {
        t.contains(&counts)
    })
    .await?;
    let first = &demo.products[0].id;
    app.wait(&format!("{PRODUCTS}[data-id='{first}']")).await?;
    app.picture("import-canvas").await?;
    let stored = Store::open(&mesh_path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(stored.products.len(), demo.products.len());

    eprintln!("step: one undo takes the whole import back");
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Import")
    })
    .await?;
    app.click("[data-testid=undo]").await?;
    app.wait_count(PRODUCTS, |n| n == 0).await?;
    app.wait_within("[data-testid=status-counts]", TIMEOUT, |t| {
        t.contains("0 products")
    })
    .await?;
    let stored = Store::open(&mesh_path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert!(stored.products.is_empty());
    assert!(stored.teams.is_empty());
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_large_export_shows_progress_and_can_be_cancelled() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.mesh");
    generated_mesh(&path, 2000, 7);
    let out = dir.path().join("out");
    let app = App::launch(Some(&path), &dir.path().join("data")).await?;
    // A debug build writes every format of 2,000 products, now with their contract
    // schemas: generous limits, since this checks progress and Cancel, not speed.
    let long = std::time::Duration::from_secs(300);
    app.wait_painted_within(long).await?;
    // The first open lays the mesh out in the window; let it finish before timing a cancel.
    app.wait_within("[data-testid=status-undo]", long, |t| {
        t.contains("Auto layout")
    })
    .await?;

    app.click("[data-testid=export-manifests]").await?;
    app.click("[data-testid=export-format-all]").await?;
    app.click("[data-testid=export-by-domain]").await?;
    let folder = app.wait("[data-testid=export-folder]").await?;
    folder.send_keys(out.display().to_string()).await?;

    eprintln!("step: a preview of thousands of files can be cancelled too");
    let shown = app
        .eval(&click_then_cancel("export-preview-button", "previewing"))
        .await?;
    assert_eq!(shown, serde_json::json!("cancel"), "the preview's Cancel");
    let error = app.wait("[data-testid=export-error]").await?;
    assert_eq!(error.attr("data-kind").await?.as_deref(), Some("cancelled"));
    app.wait("[data-testid=export-dialog][data-phase=choose]")
        .await?;
    assert!(!out.exists() || files_under(&out).is_empty());

    app.click("[data-testid=export-preview-button]").await?;
    wait_preview_within(&app, long).await?;
    let total = preview_count(&app, "added").await?;
    assert!(total > 8000, "{total}");

    let shown = app
        .eval(&click_then_cancel("export-write", "writing"))
        .await?;
    assert_eq!(
        shown,
        serde_json::json!("cancel"),
        "the progress bar with Cancel"
    );
    let error = app.wait("[data-testid=export-error]").await?;
    assert_eq!(error.attr("data-kind").await?.as_deref(), Some("cancelled"));
    app.picture("export-dialog-cancelled").await?;
    let written = files_under(&out);
    assert!(written.contains(".meshwright-export.json"));
    let kept = written.len() - 1;
    assert!(kept < total, "{kept} of {total}");

    eprintln!("step: what was written before the cancel is known; the rest is added");
    app.click("[data-testid=export-preview-button]").await?;
    wait_preview_within(&app, long).await?;
    assert_eq!(preview_count(&app, "unchanged").await?, kept);
    assert_eq!(preview_count(&app, "added").await?, total - kept);
    app.click("[data-testid=export-write]").await?;
    // Whether the bar is still up by the time the picture is taken depends on the machine.
    app.screenshot("export-dialog-progress").await;
    let summary = app.wait("[data-testid=export-summary]").await?;
    assert_eq!(
        summary.attr("data-written").await?.as_deref(),
        Some((total - kept).to_string().as_str())
    );
    assert_eq!(files_under(&out).len(), total + 1);
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn export_commits_to_each_domain_repository() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (mesh_path, demo) = demo_file(dir.path());
    let out = dir.path().join("repos");
    // Every domain folder is a repository with one commit, checked out on main.
    let mut repos = Vec::new();
    for d in &demo.domains {
        let folder = out.join(d.repo_folder.as_deref().unwrap_or(&d.name));
        std::fs::create_dir_all(&folder).unwrap();
        let repo = git2::Repository::init(&folder).unwrap();
        let mut config = repo.config().unwrap();
        config.set_str("user.name", "Ada Architect").unwrap();
        config.set_str("user.email", "ada@example.com").unwrap();
        repos.push((d.name.clone(), repo));
    }
    let app = App::launch(Some(&mesh_path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.click("[data-testid=export-manifests]").await?;
    let folder = app.wait("[data-testid=export-folder]").await?;
    folder.send_keys(out.display().to_string()).await?;
    app.click("[data-testid=export-by-domain]").await?;
    app.click("[data-testid=export-git]").await?;
    let branch = app.wait("[data-testid=export-branch]").await?;
    branch.send_keys("review/northwind").await?;
    app.click("[data-testid=export-preview-button]").await?;
    wait_preview(&app).await?;
    app.click("[data-testid=export-write]").await?;
    app.wait("[data-testid=export-summary]").await?;
    app.wait_count("[data-testid=export-repo]", |n| n == repos.len())
        .await?;
    app.picture("export-git").await?;
    for (name, repo) in &repos {
        let row = app
            .wait(&format!("[data-testid=export-repo][data-folder='{name}']"))
            .await?;
        let shown = row.attr("data-commit").await?.unwrap();
        let tip = repo
            .find_branch("review/northwind", git2::BranchType::Local)
            .unwrap()
            .get()
            .peel_to_commit()
            .unwrap();
        assert_eq!(shown, tip.id().to_string(), "{name}");
        let files = files_under(repo.workdir().unwrap())
            .into_iter()
            .filter(|f| !f.starts_with(".git/"))
            .count();
        assert_eq!(files, 0, "{name}: the work tree is left alone");
    }
    app.quit().await
}
