//! The workshop side of the app in a real window, on the demo mesh, in one launch whose
//! checks each start from the canvas with nothing selected and leave it so: the view
//! switch (buttons and Ctrl+1/2/3, the selection following), the command palette
//! (Ctrl+K: find a product by part of its name and jump to it, run a command by name,
//! arrows, Escape giving focus back), presentation mode (F11: side panels gone, product
//! names readable at Fit in the 1440×900 window, Escape and F11 leave) and quick create
//! (N beside the selected product, N in the selected domain, the name field ready to
//! type), whose products are then read back from the mesh file.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use mesh_core::model::{DataProduct, Mesh};
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const PRODUCTS: &str = "[data-testid=product-node]";
const INSPECTED_PRODUCT: &str = "[data-testid=inspector][data-kind=product]";

/// The smallest on-screen size of a product name that counts as readable on a projector.
const READABLE_PX: f64 = 14.0;

fn saved(path: &Path) -> Mesh {
    Store::open(path, Access::ReadOnly).unwrap().load().unwrap()
}

/// The product whose display name or slug is `name`.
fn product<'m>(mesh: &'m Mesh, name: &str) -> &'m DataProduct {
    mesh.products
        .iter()
        .find(|p| p.display_name == name || p.name == name)
        .unwrap_or_else(|| panic!("the mesh has {name}"))
}

fn product_id(mesh: &Mesh, display_name: &str) -> String {
    product(mesh, display_name).id.to_string()
}

/// Types `keys` into whatever has the focus.
async fn gone(app: &App, css: &str) -> WebDriverResult<()> {
    app.wait_count(css, |n| n == 0).await.map(|_| ())
}

/// The `data-testid` of the focused element.
async fn focused(app: &App) -> WebDriverResult<String> {
    let v = app
        .eval("return document.activeElement?.getAttribute('data-testid') ?? '';")
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// Waits until the inspector shows the product `id` (its id is in no field: the slug is).
async fn inspector_shows(app: &App, slug: &str) -> WebDriverResult<()> {
    app.wait(INSPECTED_PRODUCT).await?;
    app.wait_true(
        &format!("return document.querySelector('[data-testid=field-name]')?.value === '{slug}';"),
        &format!("the inspector shows {slug}"),
    )
    .await
}

/// Clicks the product node `id` once the canvas has stopped moving.
async fn click_product(app: &App, id: &str) -> WebDriverResult<()> {
    let node = app.wait(&format!("{PRODUCTS}[data-id='{id}']")).await?;
    app.wait_still(&node).await?;
    node.click().await
}

/// Back to the canvas with nothing selected, so the next check starts where a user would:
/// the whole mesh fitted, then a click on the empty top left corner of the pane.
async fn reset(app: &App) -> WebDriverResult<()> {
    app.ctrl('1').await?;
    app.wait("[data-testid=canvas]").await?;
    app.click("[data-testid=zoom-fit]").await?;
    let domain = app.wait("[data-testid=domain-group]").await?;
    app.wait_still(&domain).await?;
    let pane = app.wait(".react-flow__pane").await?;
    let rect = pane.rect().await?;
    app.driver
        .action_chain()
        .move_to_element_with_offset(&pane, 8 - rect.width as i64 / 2, 8 - rect.height as i64 / 2)
        .click()
        .perform()
        .await?;
    app.wait_count("[data-testid=inspector][data-kind=mesh]", |n| n == 1)
        .await?;
    Ok(())
}

#[tokio::test]
async fn workshop_views_palette_presentation_and_quick_create() -> WebDriverResult<()> {
    let data = tempfile::tempdir().unwrap();
    let app = App::launch(None, data.path()).await?;
    app.wait_painted().await?;
    // The first open lays the demo out; the checks start once it has been fitted.
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Auto layout")
    })
    .await?;
    let domain = app.wait("[data-testid=domain-group]").await?;
    app.wait_still(&domain).await?;
    let file = data.path().join("demo.mesh");
    let demo = saved(&file);
    let clv = product_id(&demo, "Customer Lifetime Value");
    let c360 = product_id(&demo, "Customer 360");

    eprintln!("step: the view switch keeps the selection");
    click_product(&app, &c360).await?;
    inspector_shows(&app, "customer-360").await?;
    app.click("[data-testid=view-table]").await?;
    app.wait("[data-testid=table-view]").await?;
    gone(&app, "[data-testid=canvas]").await?;
    inspector_shows(&app, "customer-360").await?;
    app.ctrl('3').await?;
    app.wait("[data-testid=ownership-view]").await?;
    gone(&app, "[data-testid=table-view]").await?;
    inspector_shows(&app, "customer-360").await?;
    app.ctrl('2').await?;
    app.wait("[data-testid=table-view]").await?;
    app.ctrl('1').await?;
    app.wait("[data-testid=canvas]").await?;
    gone(&app, "[data-testid=table-view]").await?;
    inspector_shows(&app, "customer-360").await?;
    app.wait(&format!("{PRODUCTS}[data-id='{c360}'].is-selected"))
        .await?;
    app.click("[data-testid=view-ownership]").await?;
    app.wait("[data-testid=ownership-view]").await?;
    app.click("[data-testid=view-canvas]").await?;
    app.wait(&format!("{PRODUCTS}[data-id='{c360}'].is-selected"))
        .await?;
    reset(&app).await?;

    eprintln!("step: the palette finds a product by part of its name and jumps to it");
    app.ctrl('k').await?;
    app.wait("[data-testid=palette]").await?;
    assert_eq!(focused(&app).await?, "palette-input");
    // Words out of order and a letter missing: "lifetime custmer".
    app.press("lifetime custmer").await?;
    app.wait_true(
        &format!("return document.querySelector('[data-testid=palette-item]')?.getAttribute('data-id') === '{clv}';"),
        "Customer Lifetime Value is the best match",
    )
    .await?;
    app.press(Key::Enter).await?;
    gone(&app, "[data-testid=palette]").await?;
    inspector_shows(&app, "customer-lifetime-value").await?;
    // Jumping on the canvas brings it into view, zoomed in to the full drawing (whose
    // node replaces the label's).
    app.wait_count("[data-testid=canvas][data-detail=full]", |n| n == 1)
        .await?;
    let node = app
        .wait(&format!(
            ".product-node.is-selected[data-id='{clv}']:not([data-detail])"
        ))
        .await?;
    app.wait_still(&node).await?;
    reset(&app).await?;

    eprintln!("step: the palette runs a command by name, with the arrows too");
    app.ctrl('k').await?;
    app.wait("[data-testid=palette-input]").await?;
    app.press("ownership view").await?;
    app.wait("[data-testid=palette-item][data-id=view-ownership]")
        .await?;
    app.wait_true(
        "return document.querySelector('[data-testid=palette-item]')?.getAttribute('data-id') === 'view-ownership';",
        "the view switch is the best match",
    )
    .await?;
    app.press(Key::Enter).await?;
    app.wait("[data-testid=ownership-view]").await?;
    gone(&app, "[data-testid=palette]").await?;
    app.ctrl('k').await?;
    app.press("switch to").await?;
    app.wait_count("[data-testid=palette-item][data-kind=command]", |n| n >= 3)
        .await?;
    // The second row, reached with the arrow key, is the one Enter runs.
    let second = app
        .eval("return document.querySelectorAll('[data-testid=palette-item]')[1].getAttribute('data-id');")
        .await?;
    let second = second.as_str().unwrap().to_owned();
    app.press(Key::Down).await?;
    app.wait(&format!(
        "[data-testid=palette-item][data-id={second}][data-selected=true]"
    ))
    .await?;
    app.press(Key::Enter).await?;
    let view = second.trim_start_matches("view-");
    app.wait(&format!(".app[data-view={view}]")).await?;
    eprintln!("arrow and Enter ran {second}");
    reset(&app).await?;

    eprintln!("step: Escape closes the palette and gives the focus back");
    app.eval("document.querySelector('[data-testid=view-table]').focus(); return 1;")
        .await?;
    app.ctrl('k').await?;
    app.wait("[data-testid=palette-input]").await?;
    app.press("orders").await?;
    app.press(Key::Escape).await?;
    gone(&app, "[data-testid=palette]").await?;
    app.wait_true(
        "return document.activeElement?.getAttribute('data-testid') === 'view-table';",
        "the focus is back on the button that had it",
    )
    .await?;
    app.wait("[data-testid=canvas]").await?;
    reset(&app).await?;

    eprintln!("step: presentation mode");
    app.press(Key::F11).await?;
    app.wait("[data-testid=presentation]").await?;
    gone(&app, "aside.sidebar").await?;
    gone(&app, "[data-testid=inspector]").await?;
    // Entering refits the larger canvas; measure once it has stopped moving.
    let domain = app.wait("[data-testid=domain-group]").await?;
    app.wait_still(&domain).await?;
    app.click("[data-testid=zoom-fit]").await?;
    app.wait_still(&domain).await?;
    let sizes = app
        .eval(
            "const canvas = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
             const zoom = Number(/scale\\(([^)]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]);
             const nodes = [...document.querySelectorAll('[data-testid=product-node]')];
             const names = nodes.map((n) => n.querySelector('.product-label__name'));
             const px = names.filter(Boolean).map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom);
             const clipped = names.filter((e) => e && e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent);
             return { zoom, nodes: nodes.length, labels: px.length, min: Math.min(...px),
                      canvas: canvas.width, window: window.innerWidth, height: window.innerHeight, clipped };",
        )
        .await?;
    eprintln!("presentation at Fit: {sizes}");
    let total = demo.products.len() as u64;
    assert_eq!(
        sizes["nodes"].as_u64(),
        Some(total),
        "the whole demo is drawn"
    );
    assert_eq!(
        sizes["labels"].as_u64(),
        Some(total),
        "every product is a name label"
    );
    let min = sizes["min"].as_f64().unwrap();
    assert!(
        min >= READABLE_PX,
        "product names are {min:.1} px on screen"
    );
    let (canvas, window) = (
        sizes["canvas"].as_f64().unwrap(),
        sizes["window"].as_f64().unwrap(),
    );
    assert!((canvas - window).abs() < 1.0, "the canvas spans the window");
    app.screenshot("workshop-presentation").await;
    app.press(Key::Escape).await?;
    gone(&app, "[data-testid=presentation]").await?;
    app.wait("aside.sidebar").await?;
    app.wait("[data-testid=inspector]").await?;
    // The palette's command enters it too; F11 leaves (a second F11 straight after the
    // first would count as the native menu's copy of the same key press).
    app.ctrl('k').await?;
    app.press("presentation").await?;
    app.wait("[data-testid=palette-item][data-id=presentation]")
        .await?;
    app.click("[data-testid=palette-item][data-id=presentation]")
        .await?;
    app.wait("[data-testid=presentation]").await?;
    app.press(Key::F11).await?;
    gone(&app, "[data-testid=presentation]").await?;
    app.wait("[data-testid=inspector]").await?;
    reset(&app).await?;

    eprintln!("step: quick create beside the selected product, then in the selected domain");
    click_product(&app, &c360).await?;
    inspector_shows(&app, "customer-360").await?;
    app.press("n").await?;
    app.wait_true(
        "return document.activeElement?.getAttribute('data-testid') === 'field-displayName'
           && document.activeElement.value === 'New data product';",
        "the new product's display name has the focus",
    )
    .await?;
    // Typing replaces the proposed display name; Enter commits it, and the name (slug)
    // follows it, as nobody has edited the name.
    app.press("Quick Sibling").await?;
    app.press(Key::Enter).await?;
    inspector_shows(&app, "quick-sibling").await?;
    app.screenshot("workshop-quick-create").await;
    reset(&app).await?;
    // A domain picked in the palette, then N.
    let finance = demo
        .domains
        .iter()
        .find(|d| d.name == "finance")
        .unwrap()
        .id;
    app.ctrl('k').await?;
    app.press("finance").await?;
    app.click(&format!("[data-testid=palette-item][data-id='{finance}']"))
        .await?;
    app.wait("[data-testid=inspector][data-kind=domain]")
        .await?;
    // The palette gives the focus back to where it was; N is not typed into a field.
    app.wait_true(
        "return !['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName);",
        "no text field has the focus",
    )
    .await?;
    app.press("n").await?;
    app.wait_true(
        "return document.activeElement?.getAttribute('data-testid') === 'field-displayName';",
        "the new product's display name has the focus",
    )
    .await?;
    app.press("Quick in Domain").await?;
    app.press(Key::Enter).await?;
    inspector_shows(&app, "quick-in-domain").await?;
    app.quit().await?;

    let after = saved(&file);
    let c360_domain = product(&demo, "Customer 360").domain_id;
    assert_eq!(product(&after, "quick-sibling").domain_id, c360_domain);
    assert_eq!(product(&after, "quick-in-domain").domain_id, finance);
    assert_eq!(after.products.len(), demo.products.len() + 2);
    Ok(())
}
