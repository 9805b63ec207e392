//! A window follows its file: another process (this test, as the CLI would) commits to
//! the open mesh, and the window shows the change without a restart and says what
//! changed.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use meshwright_e2e::*;

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
    app.quit().await
}
