//! The desktop app end to end, in a real window: first start on the demo mesh, drawing
//! and editing a mesh with undo and redo, persistence across a relaunch, and a large mesh.
//! Timings are recorded to `artifacts/e2e/perf.txt` for README, never asserted.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Instant;

use mesh_core::model::DependencySource;
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const DOMAINS: &str = "[data-testid=domain-group]";
const PRODUCTS: &str = "[data-testid=product-node]";
const EDGES: &str = "[data-testid=dependency-edge]";
const TEAMS: &str = "[data-testid=team-item]";

/// What the mesh file holds now.
fn saved(path: &Path) -> mesh_core::model::Mesh {
    Store::open(path, Access::ReadOnly).unwrap().load().unwrap()
}

/// The last edit's round trip (send → committed → store → painted), as the UI measured it.
async fn last_edit_ms(app: &App) -> WebDriverResult<f64> {
    let v = app
        // It is recorded in the frame after the edit: wait for that frame.
        .eval(
            "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
             return window.__meshwright && window.__meshwright.lastEditMs;",
        )
        .await?;
    Ok(v.as_f64().expect("window.__meshwright.lastEditMs"))
}

/// Milliseconds from process start to the first painted canvas, as the app reports them.
async fn startup_ms(app: &App) -> WebDriverResult<f64> {
    let v = app
        .eval(
            "const info = await window.__TAURI_INTERNALS__.invoke('app_info');
             return { started: info.startedAtMs, painted: window.__meshwright && window.__meshwright.paintedAt };",
        )
        .await?;
    let started = v["started"].as_f64().expect("startedAtMs");
    let painted = v["painted"]
        .as_f64()
        .expect("window.__meshwright.paintedAt");
    Ok(painted - started)
}

/// Replaces a text field's value and commits it with Enter.
async fn type_into(app: &App, field: &str, text: &str) -> WebDriverResult<()> {
    let input = app.wait(&format!("[data-testid=field-{field}]")).await?;
    input.clear().await?;
    input.send_keys(text).await?;
    input.send_keys(Key::Enter).await
}

#[tokio::test]
async fn first_start_opens_the_demo_mesh() -> WebDriverResult<()> {
    let data = tempfile::tempdir().unwrap();
    let app = App::launch(None, data.path()).await?;
    app.wait_painted().await?;
    let products = app.wait_count(PRODUCTS, |n| n >= 20).await?;
    assert_eq!(app.wait_count(DOMAINS, |n| n == 6).await?, 6);
    assert!(
        app.wait_count(EDGES, |n| n >= 30).await? >= 30,
        "the demo's dependencies are drawn"
    );
    let title = app.driver.title().await?;
    assert!(!title.is_empty());
    record("start to demo painted", startup_ms(&app).await?);
    // The first open lays the demo out and keeps the positions as one undoable edit.
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Auto layout")
    })
    .await?;
    let domain = app.wait(DOMAINS).await?;
    app.wait_still(&domain).await?;
    // The subdomain (Fulfilment & Logistics) is drawn inside its parent (Orders &
    // Checkout), and listed indented under it in the sidebar.
    let nested = app
        .eval(
            "const box = (name) => [...document.querySelectorAll('[data-testid=domain-group]')]
               .find((g) => g.querySelector('.domain-group__slug')?.textContent === name)?.getBoundingClientRect();
             const inner = box('fulfilment'), outer = box('orders');
             return !!inner && !!outer && inner.left > outer.left && inner.right < outer.right
               && inner.top > outer.top && inner.bottom < outer.bottom;",
        )
        .await?;
    assert_eq!(
        nested,
        serde_json::json!(true),
        "fulfilment is inside orders"
    );
    let indented = app
        .eval(
            "return [...document.querySelectorAll('[data-testid=domain-item]')]
               .filter((e) => e.getAttribute('data-depth') === '1').map((e) => e.textContent);",
        )
        .await?;
    assert_eq!(indented, serde_json::json!(["Fulfilment & Logistics"]));
    app.screenshot("demo").await;
    app.quit().await?;
    // The demo was created in the app's data folder, and it is a real mesh file.
    let demo = saved(&data.path().join("demo.mesh"));
    assert_eq!(demo.products.len(), products);
    Ok(())
}

#[tokio::test]
async fn draw_edit_undo_redo_and_relaunch() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("drawn.mesh");
    empty_mesh(&mesh, "End to end");
    let data = dir.path().join("data");

    let app = App::launch(Some(&mesh), &data).await?;
    app.wait("[data-testid=canvas]").await?;

    // A domain, renamed in the inspector.
    eprintln!("step: domain");
    app.click("[data-testid=new-domain]").await?;
    app.wait_count(DOMAINS, |n| n == 1).await?;
    type_into(&app, "name", "sales").await?;
    app.wait_count("[data-testid=field-error-name]", |n| n == 0)
        .await?;
    // Its export folder: one that would leave the export root is refused on the field.
    type_into(&app, "repoFolder", "../outside").await?;
    let error = app.wait("[data-testid=field-error-repoFolder]").await?;
    assert!(!error.text().await?.is_empty(), "the refusal says why");
    type_into(&app, "repoFolder", "repos/sales").await?;
    app.wait_count("[data-testid=field-error-repoFolder]", |n| n == 0)
        .await?;

    // A team.
    eprintln!("step: team");
    app.click("[data-testid=new-team]").await?;
    app.wait_count(TEAMS, |n| n == 1).await?;

    // Two products in the domain, chosen in the sidebar.
    eprintln!("step: products");
    app.click("[data-testid=domain-item]").await?;
    app.click("[data-testid=new-product]").await?;
    app.wait_count(PRODUCTS, |n| n == 1).await?;
    app.click("[data-testid=domain-item]").await?;
    app.click("[data-testid=new-product]").await?;
    app.wait_count(PRODUCTS, |n| n == 2).await?;

    // Drag from the first product's output port to the second product's input.
    eprintln!("step: connect");
    let products = app.driver.find_all(By::Css(PRODUCTS)).await?;
    let provider_id = products[0].attr("data-id").await?.expect("data-id");
    let consumer_id = products[1].attr("data-id").await?.expect("data-id");
    app.drag_dependency(&provider_id, &consumer_id).await?;
    app.wait_count(EDGES, |n| n == 1).await?;

    // A bad value is refused with the core's reason next to the field.
    eprintln!("step: inspector");
    app.click(&format!(
        "[data-testid=product-node][data-id='{consumer_id}']"
    ))
    .await?;
    type_into(&app, "version", "banana").await?;
    let error = app.wait("[data-testid=field-error-version]").await?;
    assert!(
        error.text().await?.contains("semantic version"),
        "{}",
        error.text().await?
    );
    type_into(&app, "version", "2.0.0").await?;
    app.wait_count("[data-testid=field-error-version]", |n| n == 0)
        .await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Update")
    })
    .await?;
    record("edit round trip, small mesh", last_edit_ms(&app).await?);

    // Undo the version change and the dependency, then redo the dependency.
    eprintln!("step: undo and redo");
    app.click("[data-testid=undo]").await?;
    app.click("[data-testid=undo]").await?;
    app.wait_count(EDGES, |n| n == 0).await?;
    app.click("[data-testid=redo]").await?;
    app.wait_count(EDGES, |n| n == 1).await?;
    app.screenshot("drawn").await;
    app.quit().await?;

    // Everything is in the file...
    let saved_mesh = saved(&mesh);
    assert_eq!(saved_mesh.domains.len(), 1);
    assert_eq!(saved_mesh.domains[0].name, "sales");
    assert_eq!(saved_mesh.teams.len(), 1);
    assert_eq!(saved_mesh.products.len(), 2);
    let deps: Vec<_> = saved_mesh
        .input_ports
        .iter()
        .filter(|i| matches!(i.source, DependencySource::OutputPort { .. }))
        .collect();
    assert_eq!(deps.len(), 1);
    assert!(
        saved_mesh.products.iter().all(|p| p.version != "2.0.0"),
        "the version change was undone"
    );

    // ...and in the window after a relaunch.
    let app = App::launch(Some(&mesh), &data).await?;
    app.wait_painted().await?;
    app.wait_count(DOMAINS, |n| n == 1).await?;
    app.wait_count(PRODUCTS, |n| n == 2).await?;
    app.wait_count(EDGES, |n| n == 1).await?;
    app.wait_count(TEAMS, |n| n == 1).await?;
    // The redo branch survived too: undo state comes from the file.
    app.click("[data-testid=undo]").await?;
    app.wait_count(EDGES, |n| n == 0).await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_large_generated_mesh_opens_and_zooms() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.mesh");
    generated_mesh(&path, 2000, 7);

    // The first open lays the mesh out and saves the positions as one edit.
    let data = dir.path().join("data");
    let app = App::launch(Some(&path), &data).await?;
    app.wait_painted_within(std::time::Duration::from_secs(120))
        .await?;
    record(
        "start to 2,000-product mesh painted, first open (before any layout)",
        startup_ms(&app).await?,
    );
    let laid_out = Instant::now();
    app.wait_within(
        "[data-testid=status-undo]",
        std::time::Duration::from_secs(120),
        |text| text.contains("Auto layout"),
    )
    .await?;
    record(
        "2,000-product auto layout saved (after first paint)",
        laid_out.elapsed().as_secs_f64() * 1000.0,
    );
    app.quit().await?;

    // Opening it again, laid out, is what an architect does every day.
    let app = App::launch(Some(&path), &data).await?;
    app.wait_painted_within(std::time::Duration::from_secs(120))
        .await?;
    record(
        "start to 2,000-product mesh painted, laid out",
        startup_ms(&app).await?,
    );

    // Only what is visible is rendered, so the DOM holds far fewer nodes than the mesh.
    let drawn = app.wait_count(PRODUCTS, |n| n >= 1).await?;
    eprintln!("2,000-product mesh: {drawn} product nodes in the DOM");

    // One edit on the large mesh, through the inspector: selecting a node must not
    // freeze the window, and the round trip is measured as on the small mesh.
    eprintln!("step: edit on the large mesh");
    let id = product_in_view(&app).await?;
    let node = format!("[data-testid=product-node][data-id='{id}']");
    app.click(&node).await?;
    app.wait_within("[data-testid=inspector]", TIMEOUT, |_| true)
        .await?;
    app.wait_count("[data-testid=inspector][data-kind=product]", |n| n == 1)
        .await?;
    type_into(&app, "displayName", "Renamed on a large mesh").await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Update")
    })
    .await?;
    record(
        "edit round trip, 2,000 products, first edit after opening",
        last_edit_ms(&app).await?,
    );
    // Further edits, once the opening's governance check has arrived: the median.
    let mut times = Vec::new();
    for i in 1..=5 {
        let name = format!("Renamed again {i}");
        app.eval("window.__meshwright.lastEditMs = null; return 1;")
            .await?;
        type_into(&app, "displayName", &name).await?;
        let deadline = Instant::now() + TIMEOUT;
        let ms = loop {
            let v = app.eval("return window.__meshwright.lastEditMs;").await?;
            if let Some(ms) = v.as_f64() {
                break ms;
            }
            assert!(Instant::now() < deadline, "edit {i} was never shown");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        let shown = app
            .eval(&format!(
                "return document.querySelector(\"{node}\").textContent;"
            ))
            .await?;
        assert!(shown.as_str().unwrap_or("").contains(&name), "{shown}");
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    record(
        "edit round trip, 2,000 products, median of 5 more",
        times[2],
    );

    // Zooming out until every product is visible switches to the simplified drawing:
    // plain rectangles and one line per pair of domains instead of 8,000 edges.
    eprintln!("step: zoom to fit");
    let zoom = Instant::now();
    app.click("[data-testid=zoom-fit]").await?;
    let drawn = app.wait_count(PRODUCTS, |n| n >= 1000).await?;
    let v = app
        .eval("await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return 1;")
        .await?;
    assert_eq!(
        v,
        serde_json::json!(1),
        "the window still answers after zooming"
    );
    record(
        "zoom to fit on 2,000 products, simplified drawing (click to painted)",
        zoom.elapsed().as_secs_f64() * 1000.0,
    );
    eprintln!("zoomed out: {drawn} product nodes in the DOM");
    app.wait_count("[data-testid=canvas][data-detail=low]", |n| n == 1)
        .await?;
    app.wait_count("[data-testid=product-node][data-detail=low]", |n| {
        n >= drawn
    })
    .await?;
    app.wait_count(EDGES, |n| n == 0).await?;
    app.wait_count("[data-testid=domain-link]", |n| n >= 1)
        .await?;
    app.screenshot("large-zoomed-out").await;

    // Picking a product in the sidebar zooms in on it: the full drawing comes back.
    eprintln!("step: zoom in again");
    let item = app.wait("[data-testid=product-item]").await?;
    let picked = item.attr("data-id").await?.expect("a product item id");
    let label = item.text().await?;
    item.click().await?;
    app.wait_count("[data-testid=canvas][data-detail=full]", |n| n == 1)
        .await?;
    app.wait_count(EDGES, |n| n >= 1).await?;
    app.wait_within(
        &format!("[data-testid=product-node][data-id='{picked}']"),
        TIMEOUT,
        |t| t.contains(&label),
    )
    .await?;
    app.screenshot("large").await;
    app.quit().await?;
    Ok(())
}

/// A domain given a parent in the inspector is drawn inside it, below what the parent
/// holds; a new product in the parent goes below it; undo puts it back beside it.
#[tokio::test]
async fn a_domain_moved_under_another_is_drawn_inside_it() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("nested.mesh");
    empty_mesh(&mesh, "End to end");
    let data = dir.path().join("data");
    let app = App::launch(Some(&mesh), &data).await?;
    app.wait("[data-testid=canvas]").await?;

    app.click("[data-testid=new-domain]").await?;
    app.wait_count(DOMAINS, |n| n == 1).await?;
    let parent = app
        .wait(DOMAINS)
        .await?
        .attr("data-id")
        .await?
        .expect("data-id");
    app.click("[data-testid=new-product]").await?;
    app.wait_count(PRODUCTS, |n| n == 1).await?;
    app.click("[data-testid=new-domain]").await?;
    app.wait_count(DOMAINS, |n| n == 2).await?;
    // The new domain is selected: give it the first as its parent.
    app.click(&format!(
        "[data-testid=field-parentId] option[value='{parent}']"
    ))
    .await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Update")
    })
    .await?;
    app.wait_true(
        &drawn_inside(&parent),
        "the subdomain is drawn inside its parent, below its product",
    )
    .await?;
    app.wait_count("[data-testid=domain-item][data-depth='1']", |n| n == 1)
        .await?;

    // A new product in the parent goes below the subdomain, not under it.
    app.click(&format!("[data-testid=domain-item][data-id='{parent}']"))
        .await?;
    app.click("[data-testid=new-product]").await?;
    app.wait_count(PRODUCTS, |n| n == 2).await?;
    app.wait_true(
        &format!(
            "{BOXES}
             const added = [...document.querySelectorAll('[data-testid=product-node]')]
               .map((p) => p.getBoundingClientRect()).sort((a, b) => b.top - a.top)[0];
             return added.top >= inner.bottom && added.bottom < outer.bottom;",
            BOXES = boxes(&parent)
        ),
        "the new product is drawn below the subdomain, inside the parent",
    )
    .await?;
    app.screenshot("subdomain").await;
    app.click("[data-testid=undo]").await?;
    app.wait_count(PRODUCTS, |n| n == 1).await?;

    // One undo: the parent and the place go back together.
    app.click("[data-testid=undo]").await?;
    app.wait_count("[data-testid=domain-item][data-depth='1']", |n| n == 0)
        .await?;
    assert_eq!(
        app.eval(&drawn_inside(&parent)).await?,
        serde_json::json!(false)
    );
    app.quit().await?;
    let saved_mesh = saved(&mesh);
    assert!(saved_mesh.domains.iter().all(|d| d.parent_id.is_none()));
    Ok(())
}

/// Script lines that set `outer` to `parent`'s box and `inner` to the other domain's.
fn boxes(parent: &str) -> String {
    format!(
        "const groups = [...document.querySelectorAll('[data-testid=domain-group]')];
         const outer = groups.find((g) => g.getAttribute('data-id') === '{parent}').getBoundingClientRect();
         const inner = groups.find((g) => g.getAttribute('data-id') !== '{parent}').getBoundingClientRect();"
    )
}

/// A script answering whether the one other domain is drawn inside `parent`, below its
/// product.
fn drawn_inside(parent: &str) -> String {
    format!(
        "{}
         const product = document.querySelector('[data-testid=product-node]').getBoundingClientRect();
         return inner.left > outer.left && inner.right < outer.right && inner.top > outer.top
           && inner.bottom < outer.bottom && inner.top >= product.bottom;",
        boxes(parent)
    )
}

/// Laying out a large mesh shows progress with a Cancel button: cancelling keeps the
/// mesh as it was (nothing saved, nothing to undo), and a later layout still works.
#[tokio::test]
async fn a_long_layout_can_be_cancelled() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unlaid.mesh");
    generated_mesh(&path, 4000, 11);

    let data = dir.path().join("data");
    let app = App::launch(Some(&path), &data).await?;
    // The first open lays the mesh out; cancel it while it runs. A release build lays
    // 4,000 products out in about a second, faster than WebDriver's find-then-click,
    // so the page itself clicks Cancel as soon as it shows.
    eprintln!("step: cancel the first layout");
    let clicked = app
        .eval(
            "const until = Date.now() + 20000;
             while (Date.now() < until) {
               const cancel = document.querySelector('[data-testid=cancel-layout]');
               if (cancel) { cancel.click(); return 'cancel'; }
               const undo = document.querySelector('[data-testid=status-undo]')?.textContent ?? '';
               if (undo.includes('Auto layout')) return 'the layout finished first';
               await new Promise(r => setTimeout(r, 2));
             }
             return 'no Cancel within 20 s';",
        )
        .await?;
    assert_eq!(clicked, serde_json::json!("cancel"), "the layout's Cancel");
    app.wait_count("[data-testid=layout-progress]", |n| n == 0)
        .await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Nothing to undo")
    })
    .await?;
    // Still drawn (in the unplaced grid) and usable.
    app.wait_count(PRODUCTS, |n| n >= 1).await?;
    assert!(
        saved(&path).positions.is_empty(),
        "a cancelled layout saves nothing"
    );

    eprintln!("step: lay out again");
    app.click("[data-testid=auto-layout]").await?;
    app.wait_within(
        "[data-testid=status-undo]",
        std::time::Duration::from_secs(120),
        |t| t.contains("Auto layout"),
    )
    .await?;
    app.quit().await?;
    assert!(
        saved(&path).positions.len() >= 4000,
        "the second layout saved every product's position"
    );
    Ok(())
}

/// A product node fully in view and clear of the minimap, as a person would pick one.
async fn product_in_view(app: &App) -> WebDriverResult<String> {
    let first = app.wait(PRODUCTS).await?;
    app.wait_still(&first).await?;
    let id = app
        .eval(
            "const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
             const m = document.querySelector('.react-flow__minimap')?.getBoundingClientRect();
             const clear = (r) => r.left > c.left && r.top > c.top && r.right < c.right && r.bottom < c.bottom
               && !(m && r.right > m.left && r.bottom > m.top);
             const n = [...document.querySelectorAll('[data-testid=product-node]')].find((e) => clear(e.getBoundingClientRect()));
             return n ? n.getAttribute('data-id') : null;",
        )
        .await?;
    Ok(id.as_str().expect("a product node in view").to_owned())
}
