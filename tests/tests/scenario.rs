//! Scenarios end to end: start one, add a product and remove a dependency in its to-be,
//! the Changes mode marks both, the Problems panel shows what it adds, the as-is is
//! untouched until Apply, and Apply is one undoable edit of the as-is.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::{Access, Store};
use meshwright_e2e::*;

const PRODUCTS: &str = "[data-testid=product-node]";
const EDGES: &str = "[data-testid=dependency-edge]";

/// Waits until the status bar counts `products` data products.
async fn counts(app: &App, products: usize) -> WebDriverResult<()> {
    let text = format!(" {products} products");
    app.wait_within("[data-testid=status-counts]", TIMEOUT, |t| {
        t.contains(&text)
    })
    .await
    .map(drop)
}

fn count_in(path: &std::path::Path) -> (usize, usize) {
    let mesh = Store::open(path, Access::ReadOnly).unwrap().load().unwrap();
    (mesh.products.len(), mesh.input_ports.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scenario_is_drawn_compared_applied_and_undone() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (path, demo) = demo_file(dir.path());
    let (products, inputs) = (demo.products.len(), demo.input_ports.len());
    let app = App::launch(Some(&path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.wait_laid_out().await?;
    counts(&app, products).await?;

    // Start a scenario by name.
    app.click("[data-testid=scenario-new]").await?;
    app.wait("[data-testid=scenario-name]")
        .await?
        .send_keys("Streaming")
        .await?;
    app.click("[data-testid=scenario-start]").await?;
    app.wait("[data-testid=scenario-bar][data-scenario=Streaming]")
        .await?;
    app.wait("[data-testid=scenario-mode][data-mode=to-be]")
        .await?;

    // A product added and a dependency removed go into the to-be.
    app.click("[data-testid=domain-item]").await?;
    app.click("[data-testid=new-product]").await?;
    counts(&app, products + 1).await?;
    let selected =
        format!("return document.querySelector('{PRODUCTS}.is-selected')?.dataset.id ?? null;");
    app.wait_true(
        &selected.replace("?? null", "!== undefined"),
        "the new product is selected",
    )
    .await?;
    let added = app.eval(&selected).await?.as_str().unwrap().to_owned();
    assert!(demo.products.iter().all(|p| p.id.to_string() != added));
    let removed = app
        .eval(&format!(
            "const e = document.querySelector('{EDGES}'); e.dispatchEvent(new MouseEvent('click', {{ bubbles: true }})); return e.dataset.id;"
        ))
        .await?;
    let removed = removed.as_str().unwrap().to_owned();
    app.click("[data-testid=delete-selected]:not([disabled])")
        .await?;
    app.wait_true(
        &format!("return !document.querySelector(\"{EDGES}[data-id='{removed}']\");"),
        "the dependency is gone from the to-be",
    )
    .await?;
    // Nothing of it is in the as-is yet.
    assert_eq!(count_in(&path), (products, inputs));

    // The Changes mode marks both; the Problems panel says what the scenario adds.
    app.eval("document.querySelector('[data-testid=scenario-mode] [data-mode=changes]').click(); return 1;")
        .await?;
    app.wait(&format!(
        "[data-testid=product-node][data-id='{added}'][data-change=added]"
    ))
    .await?;
    app.wait(&format!(
        "[data-testid=dependency-edge][data-id='{removed}'][data-change=removed]"
    ))
    .await?;
    app.click("[data-testid=toggle-problems]").await?;
    let delta = app.wait("[data-testid=scenario-delta]").await?;
    let new: usize = delta.attr("data-new").await?.unwrap().parse().unwrap();
    assert!(new > 0, "a new product without owner or ports has findings");
    app.wait_count("[data-testid=scenario-finding-new]", |n| n == new)
        .await?;
    app.picture("scenario-changes").await?;

    // Apply: the as-is has both changes, as one step of its history.
    app.click("[data-testid=scenario-apply]").await?;
    app.wait("[data-testid=scenario-bar]:not([data-scenario])")
        .await?;
    counts(&app, products + 1).await?;
    assert_eq!(count_in(&path), (products + 1, inputs - 1));
    app.click("[data-testid=undo]").await?;
    counts(&app, products).await?;
    assert_eq!(count_in(&path), (products, inputs));
    app.quit().await
}

/// File > Compare With…: another copy of the mesh with a product renamed, one added and
/// one removed; the Changes mode marks each, and stopping shows the mesh as it is.
#[tokio::test(flavor = "multi_thread")]
async fn another_version_of_the_file_is_compared_in_the_changes_mode() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (path, demo) = demo_file(dir.path());
    let other_path = dir.path().join("colleague.mesh");
    let mut other = demo.clone();
    let renamed = other.products[0].id;
    other.products[0].display_name = "Renamed by a colleague".into();
    let mut added = other.products[1].clone();
    added.id = mesh_core::model::DataProduct::proposed("x".into(), "x".into(), added.domain_id).id;
    added.name = "colleagues-product".into();
    // Drawn below the product it was copied from.
    let mut placed: Vec<_> = other
        .positions
        .iter()
        .filter(|p| p.entity_id == other.products[1].id)
        .cloned()
        .collect();
    for p in &mut placed {
        p.entity_id = added.id;
        p.y += 600.0;
    }
    other.positions.extend(placed);
    let added_id = added.id;
    other.products.push(added);
    // One product gone, with its ports and what read them.
    let gone = other.products[2].id;
    let gone_ports: Vec<_> = other
        .output_ports
        .iter()
        .filter(|p| p.product_id == gone)
        .map(|p| p.id)
        .collect();
    other.products.retain(|p| p.id != gone);
    other.output_ports.retain(|p| p.product_id != gone);
    other.input_ports.retain(|i| {
        i.product_id != gone
            && !matches!(i.source, mesh_core::model::DependencySource::OutputPort { port_id } if gone_ports.contains(&port_id))
    });
    drop(Store::create_from(&other_path, &other, &mut |_, _| {}).unwrap());

    let app = App::launch(Some(&path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.ctrl('k').await?;
    app.wait("[data-testid=palette-input]").await?;
    app.press("Compare with").await?;
    app.wait("[data-testid=palette-item][data-id=compare-with]")
        .await?;
    app.press(Key::Enter).await?;
    let field = app.wait("[data-testid=compare-path]").await?;
    field.send_keys(other_path.display().to_string()).await?;
    app.click("[data-testid=compare-run]").await?;
    app.wait("[data-testid=scenario-bar][data-comparing]")
        .await?;
    // Read in one script: the summary is drawn again as the changes land.
    app.wait("[data-testid=compare-summary]").await?;
    let count = app
        .eval("return +document.querySelector('[data-testid=compare-summary]').dataset.count;")
        .await?
        .as_u64()
        .unwrap();
    assert!(count >= 3, "{count} entities differ");
    for (id, mark) in [(renamed, "changed"), (added_id, "added"), (gone, "removed")] {
        app.click(&format!("[data-testid=product-item][data-id='{id}']"))
            .await?;
        app.wait(&format!("{PRODUCTS}[data-id='{id}'][data-change={mark}]"))
            .await?;
    }
    app.picture("compare-with").await?;
    app.click("[data-testid=compare-stop]").await?;
    app.wait("[data-testid=scenario-bar]:not([data-comparing])")
        .await?;
    app.wait_count(&format!("{PRODUCTS}[data-change]"), |n| n == 0)
        .await?;
    counts(&app, demo.products.len()).await?;
    app.quit().await
}
