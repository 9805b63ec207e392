//! The Ownership view in the real window: on the demo mesh every cell's count is the
//! model's (teams × domains, and the unowned row), a cell opens its products, a product
//! dragged onto another team's row changes owner in the file as one edit that Ctrl+Z
//! undoes; on a generated 2,000-product mesh (80 domains) the time from the view switch
//! to a painted matrix is recorded to `artifacts/e2e/perf.txt`, never asserted.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::Path;

use mesh_core::{Access, Store};
use meshwright_e2e::*;

const CELLS: &str = "[data-testid=matrix-cell]";

fn saved(path: &Path) -> mesh_core::model::Mesh {
    Store::open(path, Access::ReadOnly).unwrap().load().unwrap()
}

/// Every matrix cell as the window shows it: (team, domain) → count.
async fn shown(app: &App) -> WebDriverResult<HashMap<(String, String), u64>> {
    let cells = app
        .eval(
            "return [...document.querySelectorAll('[data-testid=matrix-cell]')]
               .map(c => [c.dataset.team, c.dataset.domain, Number(c.textContent)]);",
        )
        .await?;
    Ok(cells
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                (
                    c[0].as_str().unwrap().to_owned(),
                    c[1].as_str().unwrap().to_owned(),
                ),
                c[2].as_u64().unwrap(),
            )
        })
        .collect())
}

/// The model's counts: (team, domain) → products; every team × domain pair present.
fn counted(mesh: &mesh_core::model::Mesh) -> HashMap<(String, String), u64> {
    let mut out = HashMap::new();
    for t in &mesh.teams {
        for d in &mesh.domains {
            let n = mesh
                .products
                .iter()
                .filter(|p| p.owner_team_id == Some(t.id) && p.domain_id == d.id)
                .count();
            out.insert((t.name.clone(), d.name.clone()), n as u64);
        }
    }
    out
}

async fn cell_count(app: &App, team: &str, domain: &str) -> WebDriverResult<String> {
    app.wait(&format!(
        "{CELLS}[data-team='{team}'][data-domain='{domain}']"
    ))
    .await?
    .text()
    .await
}

#[tokio::test]
async fn the_matrix_counts_the_model_and_a_dragged_product_changes_owner() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.mesh");
    drop(Store::create_from(&file, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
    let app = App::launch(Some(&file), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.click("[data-testid=view-ownership]").await?;
    let mesh = saved(&file);
    let want = counted(&mesh);
    app.wait_count(CELLS, |n| n == want.len()).await?;
    assert_eq!(shown(&app).await?, want);
    let unowned = app.wait("[data-testid=matrix-unowned]").await?;
    // The DOM's text: WebDriver's leaves out what a cell clips.
    let text = unowned.prop("textContent").await?.unwrap_or_default();
    assert!(text.contains("No owner"), "{text}");

    // The demo's checkout team owns the orders products; give one to customer-data.
    let (from, to, domain) = ("checkout-data", "customer-data", "orders");
    let before = want[&(from.to_owned(), domain.to_owned())];
    assert!(before > 0);
    app.click(&format!(
        "{CELLS}[data-team='{from}'][data-domain='{domain}']"
    ))
    .await?;
    let listed = app
        .wait_count("[data-testid=matrix-product]", |n| n as u64 == before)
        .await?;
    assert_eq!(listed as u64, before);
    let chip = app.wait("[data-testid=matrix-product]").await?;
    let moved = chip.attr("data-id").await?.unwrap();
    let handle = app
        .wait(&format!(
            "[data-testid=matrix-product][data-id='{moved}'] [data-testid=matrix-product-handle]"
        ))
        .await?;
    let target = app
        .wait(&format!(
            "[data-testid=matrix-row][data-team='{to}'] .matrix__team"
        ))
        .await?;
    app.driver
        .action_chain()
        .move_to_element_center(&handle)
        .click_and_hold()
        .move_by_offset(0, -12)
        .move_to_element_center(&target)
        .move_by_offset(4, 2)
        .release()
        .perform()
        .await?;
    app.wait_true(
        &format!(
            "return document.querySelector(\"{CELLS}[data-team='{to}'][data-domain='{domain}']\")?.textContent === '1'"
        ),
        "the product counted under its new team",
    )
    .await?;
    assert_eq!(
        cell_count(&app, from, domain).await?,
        (before - 1).to_string()
    );
    let owner = |mesh: &mesh_core::model::Mesh| {
        let p = mesh
            .products
            .iter()
            .find(|p| p.id.to_string() == moved)
            .unwrap();
        let team = p.owner_team_id;
        mesh.teams
            .iter()
            .find(|t| Some(t.id) == team)
            .map(|t| t.name.clone())
    };
    assert_eq!(
        owner(&saved(&file)).as_deref(),
        Some(to),
        "the move is in the file"
    );
    app.screenshot("ownership-matrix").await;

    // One undo puts it back.
    app.ctrl('z').await?;
    app.wait_true(
        &format!(
            "return document.querySelector(\"{CELLS}[data-team='{from}'][data-domain='{domain}']\")?.textContent === '{before}'"
        ),
        "the undone move counted under the old team",
    )
    .await?;
    assert_eq!(owner(&saved(&file)).as_deref(), Some(from));
    app.quit().await
}

#[tokio::test]
async fn a_2000_product_matrix_is_timed() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.mesh");
    generated_mesh(&file, 2_000, 7);
    let mesh = saved(&file);
    let app = App::launch(Some(&file), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    let ms = app
        .eval(
            "const t0 = performance.now();
             document.querySelector('[data-testid=view-ownership]').click();
             while (!document.querySelector('[data-testid=matrix-cell]')) await new Promise(r => requestAnimationFrame(r));
             await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
             return performance.now() - t0;",
        )
        .await?;
    record("ownership matrix, 2,000 products", ms.as_f64().unwrap());
    // Only the team rows in view are drawn, each with a cell per domain; scrolled to the
    // end, the last team's row is drawn with its counts.
    let rows = app
        .wait_count("[data-testid=matrix-row]", |n| n > 0)
        .await?;
    assert!(
        rows < mesh.teams.len(),
        "{rows} of {} rows drawn",
        mesh.teams.len()
    );
    assert_eq!(
        app.wait_count(CELLS, |n| n > 0).await?,
        rows * mesh.domains.len()
    );
    let mut last = mesh
        .teams
        .iter()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>();
    last.sort();
    let last = last.pop().unwrap();
    app.eval("const s = document.querySelector('.ownership__scroll'); s.scrollTop = s.scrollHeight; return true;")
        .await?;
    app.wait(&format!("[data-testid=matrix-row][data-team='{last}']"))
        .await?;
    app.quit().await
}
