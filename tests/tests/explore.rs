//! Explaining the mesh, end to end: the impact of a selected product highlighted on the
//! canvas with the core's counts at each depth, everything else dimmed, and a what-if
//! removal listing the consumers that would break, also as the core says.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use mesh_core::graph::MeshGraph;
use mesh_core::impact::{self, Direction, ImpactTarget, WhatIfChange};
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const PRODUCTS: &str = "[data-testid=product-node]";

async fn count(app: &App, test_id: &str) -> WebDriverResult<usize> {
    let el = app.wait(&format!("[data-testid={test_id}]")).await?;
    Ok(el.attr("data-count").await?.unwrap().parse().unwrap())
}

/// Waits until the panel's `test_id` count reads `n`.
async fn count_is(app: &App, test_id: &str, n: usize) -> WebDriverResult<()> {
    app.wait_true(
        &format!("return document.querySelector('[data-testid={test_id}]')?.getAttribute('data-count') === '{n}';"),
        &format!("{test_id} = {n}"),
    )
    .await
}

#[tokio::test]
async fn impact_highlight_and_what_if_match_the_core() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.mesh");
    drop(Store::create_from(&file, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
    let mesh = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    let graph = MeshGraph::build(&mesh);
    let orders = mesh.products.iter().find(|p| p.name == "orders").unwrap();
    let target = ImpactTarget::Product { product: orders.id };
    let core = |depth| impact::impact(&mesh, &graph, target, Direction::Both, depth);

    let app = App::launch(Some(&file), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    let node = app
        .wait(&format!("{PRODUCTS}[data-id='{}']", orders.id))
        .await?;
    app.wait_still(&node).await?;
    node.click().await?;
    app.wait("[data-testid=toggle-impact]:not([disabled])")
        .await?
        .click()
        .await?;
    app.wait("[data-testid=impact-panel]").await?;

    eprintln!("step: every level, counts as the core's, the rest dimmed");
    let all = core(None);
    count_is(&app, "impact-downstream-count", all.downstream.len()).await?;
    assert_eq!(
        count(&app, "impact-upstream-count").await?,
        all.upstream.len()
    );
    let drawn = app.driver.find_all(By::Css(PRODUCTS)).await?.len();
    let dimmed = app
        .driver
        .find_all(By::Css(format!("{PRODUCTS}[data-impact=dimmed]")))
        .await?
        .len();
    let lit = 1 + all.upstream.len() + all.downstream.len();
    assert_eq!(
        dimmed,
        drawn - lit,
        "everything but the target and what it reaches fades"
    );
    app.picture("impact-all").await?;

    eprintln!("step: depth 1 is the direct neighbours");
    app.wait("[data-testid=impact-depth-1]")
        .await?
        .click()
        .await?;
    let near = core(Some(1));
    count_is(&app, "impact-downstream-count", near.downstream.len()).await?;
    assert!(near.downstream.len() < all.downstream.len());

    eprintln!("step: what if it were removed: the core's broken consumers");
    app.wait("[data-testid=what-if-remove]")
        .await?
        .click()
        .await?;
    let answer = impact::what_if(
        &mesh,
        &graph,
        &Store::open(&file, Access::ReadOnly)
            .unwrap()
            .policy()
            .unwrap(),
        chrono::Local::now().date_naive(),
        target,
        WhatIfChange::Remove,
    )
    .unwrap();
    count_is(&app, "what-if-breaking-count", answer.breaking.len()).await?;
    let rows = app
        .driver
        .find_all(By::Css("[data-testid=what-if-breaking]"))
        .await?;
    let mut shown = BTreeSet::new();
    for row in rows {
        shown.insert(row.attr("data-consumer").await?.unwrap());
    }
    let expected: BTreeSet<String> = answer
        .breaking
        .iter()
        .map(|b| b.consumer.name.clone())
        .collect();
    assert_eq!(shown, expected);
    app.picture("impact-what-if").await?;
    let after = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(
        after.products.len(),
        mesh.products.len(),
        "nothing was removed"
    );

    eprintln!("step: closing the panel lights everything again");
    app.wait("[data-testid=impact-close]")
        .await?
        .click()
        .await?;
    app.wait_count(&format!("{PRODUCTS}[data-impact]"), |n| n == 0)
        .await?;
    app.quit().await
}
