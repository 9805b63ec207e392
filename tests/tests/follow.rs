//! A window follows its file: another process (this test, as the CLI would) commits to
//! the open mesh, and the window shows the change without a restart and says what
//! changed; the window's undo then refuses to take back its own edit of that product,
//! which would overwrite the other process's change; and `meshwright import` into the
//! open file shows its new product in the window without a restart.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use meshwright_e2e::*;

/// Waits for a toast saying `text`; earlier toasts may still be shown above it.
async fn toast_says(app: &App, text: &str) -> WebDriverResult<()> {
    app.wait_true(
        &format!(
            "return [...document.querySelectorAll('[data-testid=toast]')].some(t => t.textContent.includes({}));",
            serde_json::to_string(text).unwrap()
        ),
        text,
    )
    .await
}

#[tokio::test]
async fn a_change_made_elsewhere_shows_in_the_open_window() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (file, mesh) = demo_file(dir.path());
    let app = App::launch(Some(&file), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    let mut product = mesh
        .products
        .iter()
        .find(|p| p.name == "orders")
        .unwrap()
        .clone();
    app.wait(&format!(
        "[data-testid=product-node][data-id='{}']",
        product.id
    ))
    .await?;

    // The first open lays the demo out, as the window's own edit: let it land first, so
    // the version below is the window's newest edit.
    app.wait_laid_out().await?;

    // The window's own edit of it: its version. The layout moves the node (and may fit
    // the view) after its edit lands: click once it is still.
    let node = app
        .wait(&format!(
            "[data-testid=product-node][data-id='{}']",
            product.id
        ))
        .await?;
    app.wait_still(&node).await?;
    node.click().await?;
    let version = app.wait("[data-testid=field-version]").await?;
    version.clear().await?;
    version.send_keys("9.9.9").await?;
    version.send_keys(Key::Enter).await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Update")
    })
    .await?;
    product.version = "9.9.9".into();

    // Another process renames it, as `meshwright import` into the file would.
    product.display_name = "Orders (renamed elsewhere)".into();
    let mut store = Store::open(&file, Access::ReadWrite).unwrap();
    store
        .apply(vec![EditOp::SaveProduct(product.clone())], None)
        .unwrap();
    drop(store);

    // The toast first: it goes after a few seconds.
    app.wait_within("[data-testid=toast]", TIMEOUT, |t| {
        t.contains("Changed elsewhere: data products: 1 changed")
    })
    .await?;
    app.wait_true(
        &format!(
            "return document.querySelector(\"[data-testid=product-node][data-id='{}']\")?.textContent.includes('Orders (renamed elsewhere)') === true;",
            product.id
        ),
        "the node shows the new name",
    )
    .await?;
    app.picture("follow-changed-elsewhere").await?;

    // Undo here would write the window's old snapshot over the rename: refused, said so.
    app.click("[data-testid=undo]:not([disabled])").await?;
    toast_says(&app, "changed in another window or program").await?;
    let saved = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    let kept = saved.products.iter().find(|p| p.id == product.id).unwrap();
    assert_eq!(kept.display_name, "Orders (renamed elsewhere)");
    assert_eq!(kept.version, "9.9.9");

    // `meshwright import` into the open file: the window shows the new product.
    let manifest = root().join("../shared/schemas/bitol-odps-example-simple.odps.yaml");
    let out = std::process::Command::new(debug_binary("meshwright", "mesh-cli"))
        .arg("import")
        .arg(&manifest)
        .arg("--into")
        .arg(&file)
        .output()
        .expect("run meshwright import");
    assert!(out.status.success(), "{out:?}");
    toast_says(&app, "data products: 1 added").await?;
    let products = mesh.products.len() + 1;
    app.wait_within("[data-testid=status-counts]", TIMEOUT, |t| {
        t.contains(&format!(" {products} products"))
    })
    .await?;
    app.quit().await
}
