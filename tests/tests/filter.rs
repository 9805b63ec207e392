//! The products view's filter, end to end: a domain chosen in the filter bar shows as a
//! chip; the canvas draws only the core's visible products with stubs counting their
//! hidden neighbours; the Table and Ownership views show the same filter; the filter is
//! saved in the mesh file and back after a relaunch; removing the chip shows everything.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::diagram::View;
use mesh_core::filter::{self, ViewFilter};
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const PRODUCTS: &str = "[data-testid=product-node]";

#[tokio::test]
async fn a_domain_filter_applies_to_every_view_and_is_saved_with_the_mesh() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (file, mesh) = demo_file(dir.path());
    let orders = mesh.domains.iter().find(|d| d.name == "orders").unwrap();
    let want = filter::apply(
        &mesh,
        &[],
        &ViewFilter {
            domains: vec![orders.id],
            ..ViewFilter::default()
        },
    );
    assert!(
        !want.stubs.is_empty(),
        "the orders domain has neighbours elsewhere"
    );
    let data = dir.path().join("data");

    let app = App::launch(Some(&file), &data).await?;
    app.wait_painted().await?;
    // The first open lays the demo out, moves every node and fits the view to them: a
    // filter chosen before that lands is zoomed away from again.
    app.wait_laid_out().await?;
    app.wait_count(PRODUCTS, |n| n == mesh.products.len())
        .await?;

    eprintln!("step: choose the orders domain in the filter bar");
    app.click("[data-testid=filter-add]").await?;
    app.click(&format!(
        "[data-testid=filter-domain] option[value='{}']",
        orders.id
    ))
    .await?;
    app.wait_count("[data-testid=filter-chip]", |n| n == 1)
        .await?;
    // Read in one script: the canvas fits to the filtered domains meanwhile, and nodes
    // coming into view are new elements.
    let mut expected: Vec<String> = want.products.iter().map(|id| id.to_string()).collect();
    expected.sort();
    app.wait_true(
        &format!(
            "return JSON.stringify([...document.querySelectorAll('{PRODUCTS}')]
               .map(n => n.getAttribute('data-id')).sort()) === '{}';",
            serde_json::to_string(&expected).unwrap()
        ),
        "the canvas draws the core's visible products",
    )
    .await?;
    // Stubs are drawn at full detail, once the fit to the filtered domains has zoomed in.
    app.wait_count("[data-testid=filter-stub]", |n| n == want.stubs.len())
        .await?;
    let stubs = app
        .eval(&format!(
            "return Object.fromEntries([...document.querySelectorAll('{PRODUCTS}')]
               .map(n => [n.getAttribute('data-id'), n.querySelector('[data-testid=filter-stub]')])
               .filter(([, s]) => s)
               .map(([id, s]) => [id, [+s.dataset.upstream, +s.dataset.downstream]]));"
        ))
        .await?;
    let core: serde_json::Map<String, serde_json::Value> = want
        .stubs
        .iter()
        .map(|s| {
            (
                s.product_id.to_string(),
                serde_json::json!([s.upstream, s.downstream]),
            )
        })
        .collect();
    assert_eq!(
        stubs,
        serde_json::Value::Object(core),
        "stubs as the core counts them"
    );
    let count = app.wait("[data-testid=filter-count]").await?.text().await?;
    assert_eq!(
        count,
        format!(
            "{} of {} products",
            want.products.len(),
            mesh.products.len()
        )
    );
    app.wait_still(&app.wait(PRODUCTS).await?).await?;
    app.picture("filter-canvas").await?;

    eprintln!("step: the file holds the filter");
    let saved = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .view_filter(View::Products.as_str())
        .unwrap();
    assert_eq!(saved.domains, vec![orders.id]);

    eprintln!("step: the Table view lists the same products");
    app.click("[data-testid=view-table]").await?;
    app.wait(&format!(
        "[data-testid=table-grid][data-kind=products][data-rows='{}']",
        want.products.len()
    ))
    .await?;

    eprintln!("step: the Ownership matrix counts them over the drawn domains");
    app.click("[data-testid=view-ownership]").await?;
    app.wait(&format!(
        "[data-testid=matrix][data-products='{}']",
        want.products.len()
    ))
    .await?;
    app.wait_count("[data-testid=matrix] th.matrix__domain", |n| {
        n == want.domains.len()
    })
    .await?;
    app.picture("filter-ownership").await?;
    app.click("[data-testid=view-canvas]").await?;
    app.quit().await?;

    eprintln!("step: relaunched, the filter is back; removing its chip shows everything");
    let app = App::launch(Some(&file), &data).await?;
    app.wait_painted().await?;
    app.wait_count("[data-testid=filter-chip]", |n| n == 1)
        .await?;
    app.wait_count(PRODUCTS, |n| n == want.products.len())
        .await?;
    app.click("[data-testid=filter-chip-remove]").await?;
    app.wait_count("[data-testid=filter-chip]", |n| n == 0)
        .await?;
    app.wait_count(PRODUCTS, |n| n == mesh.products.len())
        .await?;
    app.wait_count("[data-testid=filter-stub]", |n| n == 0)
        .await?;
    app.quit().await?;
    let saved = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .view_filter(View::Products.as_str())
        .unwrap();
    assert!(saved.is_empty());
    Ok(())
}
