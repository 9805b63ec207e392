//! The Table view in the real window: a workshop's entry by keyboard only (a domain, two
//! teams and ten data products, then the same products on the canvas and in
//! `meshwright stats`); pastes through the system clipboard (a block naming a new team,
//! created on confirmation and undone in one step; a block with one bad cell, shown at
//! its row and cell with nothing written); a bad cell edit shown at its cell; a
//! missing team created from a cell. Also the time the view takes to show a
//! 10,000-product mesh (a figure for README, not an assertion).

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use mesh_core::{Access, Store};
use meshwright_e2e::*;

async fn count(app: &App, css: &str) -> WebDriverResult<usize> {
    Ok(app.driver.find_all(By::Css(css)).await?.len())
}

/// The texts of one column's cells, in the order the rows are drawn.
async fn column(app: &App, key: &str) -> WebDriverResult<Vec<String>> {
    let texts = app
        .eval(&format!(
            "return [...document.querySelectorAll('[data-testid=table-row]')]
               .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
               .map(r => r.querySelector('[data-testid=cell-{key}]').textContent);"
        ))
        .await?;
    Ok(serde_json::from_value(texts).unwrap())
}

/// Waits until the active sheet is `kind` with `rows` rows.
async fn sheet(app: &App, kind: &str, rows: usize) -> WebDriverResult<()> {
    app.wait(&format!(
        "[data-testid=table-grid][data-kind={kind}][data-rows='{rows}']"
    ))
    .await
    .map(|_| ())
}

/// Puts `text` on the system clipboard the way a user copies from a spreadsheet:
/// selected in a text field, then Ctrl+C.
async fn copy_to_clipboard(app: &App, text: &str) -> WebDriverResult<()> {
    let literal = serde_json::to_string(text).unwrap();
    app.eval(&format!(
        "const t = document.createElement('textarea'); t.id = 'e2e-clipboard';
         t.value = {literal}; document.body.appendChild(t); t.focus(); t.select(); return 1;"
    ))
    .await?;
    app.ctrl('c').await?;
    app.eval("document.getElementById('e2e-clipboard').remove(); return 1;")
        .await?;
    Ok(())
}

fn stats(mesh: &Path) -> serde_json::Value {
    let out = std::process::Command::new(debug_binary("meshwright", "mesh-cli"))
        .args(["stats", "--json"])
        .arg(mesh)
        .output()
        .expect("run meshwright stats");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("stats --json prints JSON")
}

fn load(mesh: &Path) -> mesh_core::model::Mesh {
    Store::open(mesh, Access::ReadOnly).unwrap().load().unwrap()
}

const TEN: [&str; 10] = [
    "Orders",
    "Payments",
    "Refunds",
    "Shipments",
    "Returns",
    "Invoices",
    "Carts",
    "Coupons",
    "Reviews",
    "Wishlists",
];

#[tokio::test]
async fn a_workshop_types_a_domain_two_teams_and_ten_products_by_keyboard_only()
-> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("workshop.mesh");
    empty_mesh(&mesh, "Workshop");
    let app = App::launch(Some(&mesh), &dir.path().join("data")).await?;
    app.wait("[data-testid=canvas]").await?;

    eprintln!("step: Ctrl+2 shows the table; Ctrl+Page Up goes to the domains sheet");
    app.ctrl('2').await?;
    sheet(&app, "products", 0).await?;
    app.ctrl(Key::PageUp).await?;
    sheet(&app, "domains", 0).await?;
    app.press("Sales" + Key::Enter).await?;
    sheet(&app, "domains", 1).await?;

    eprintln!("step: two teams, one after the other");
    app.ctrl(Key::PageUp).await?;
    sheet(&app, "teams", 0).await?;
    app.press("Checkout" + Key::Enter).await?;
    sheet(&app, "teams", 1).await?;
    app.press("Growth" + Key::Enter).await?;
    sheet(&app, "teams", 2).await?;
    assert_eq!(column(&app, "name").await?, ["checkout", "growth"]);

    eprintln!("step: ten products: display name, Tab to the domain and the owner team, Enter");
    app.ctrl(Key::PageUp).await?;
    sheet(&app, "ports", 0).await?;
    app.ctrl(Key::PageUp).await?;
    sheet(&app, "products", 0).await?;
    for (i, name) in TEN.iter().enumerate() {
        let team = if i % 2 == 0 { "checkout" } else { "growth" };
        // The first names its domain; the others take the row above's.
        let domain = if i == 0 { "sales" } else { "" };
        app.press(name.to_string() + Key::Tab + Key::Tab).await?;
        sheet(&app, "products", i + 1).await?;
        app.press(domain.to_string() + Key::Tab + team + Key::Enter)
            .await?;
        app.wait_true(
            &format!(
                "return [...document.querySelectorAll('[data-testid=table-row] [data-testid=cell-ownerTeam]')]
                   .filter(c => c.textContent === '{team}').length === {};",
                i / 2 + 1
            ),
            "the owner team is stored",
        )
        .await?;
    }
    assert_eq!(column(&app, "displayName").await?, TEN);
    assert_eq!(column(&app, "domain").await?, ["sales"; 10]);
    assert_eq!(
        column(&app, "ownerTeam").await?,
        (0..10)
            .map(|i| if i % 2 == 0 { "checkout" } else { "growth" })
            .collect::<Vec<_>>()
    );
    assert_eq!(column(&app, "name").await?[0], "orders");
    // The active cell is back on the empty row, ready for the eleventh.
    app.wait("[data-testid=table-new-row] [data-testid=cell-displayName].is-active")
        .await?;
    app.picture("table-workshop").await?;

    eprintln!("step: sort by a column, filter another");
    app.click("[data-testid=sort-displayName]").await?;
    let mut sorted = TEN.to_vec();
    sorted.sort();
    app.wait_true(
        "return document.querySelector('[data-testid=table-row] [data-testid=cell-displayName]') !== null;",
        "rows are drawn",
    )
    .await?;
    assert_eq!(column(&app, "displayName").await?, sorted);
    app.wait("[data-testid=filter-ownerTeam]")
        .await?
        .send_keys("grow")
        .await?;
    sheet(&app, "products", 5).await?;
    app.wait("[data-testid=filter-ownerTeam]")
        .await?
        .send_keys(Key::Backspace + Key::Backspace + Key::Backspace + Key::Backspace)
        .await?;
    sheet(&app, "products", 10).await?;

    eprintln!("step: the canvas draws the ten products; the command line counts them");
    app.ctrl('1').await?;
    app.wait_count("[data-testid=product-node]", |n| n == 10)
        .await?;
    app.picture("table-workshop-canvas").await?;
    let figures = stats(&mesh);
    assert_eq!(figures["domains"], 1, "{figures}");
    assert_eq!(figures["teams"], 2, "{figures}");
    assert_eq!(figures["products"], 10, "{figures}");
    let stored = load(&mesh);
    let checkout = stored.teams.iter().find(|t| t.name == "checkout").unwrap();
    assert_eq!(
        stored
            .products
            .iter()
            .filter(|p| p.owner_team_id == Some(checkout.id))
            .count(),
        5
    );
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn pastes_are_all_or_nothing_and_one_undo_step() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("demo.mesh");
    drop(Store::create_from(&mesh, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
    let before = load(&mesh);
    let products = before.products.len();
    let app = App::launch(Some(&mesh), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.click("[data-testid=view-table]").await?;
    app.click("[data-testid=table-tab-products]").await?;
    sheet(&app, "products", products).await?;

    eprintln!("step: five rows with a header naming a new team: confirm, then one undo");
    let block = "Display name\tDomain\tOwner team\tVersion\r\n\
                 Gift cards\torders\tWorkshop Crew\t1.0.0\r\n\
                 Loyalty points\torders\tWorkshop Crew\t1.0.0\r\n\
                 Store credit\torders\tWorkshop Crew\t1.0.0\r\n\
                 Vouchers\torders\tWorkshop Crew\t1.0.0\r\n\
                 Price alerts\torders\tcustomer-data\t1.0.0\r\n";
    copy_to_clipboard(&app, block).await?;
    // To the empty row: Ctrl+End, then Home.
    app.click("[data-testid=table-row] [data-testid=cell-displayName]")
        .await?;
    app.ctrl(Key::End).await?;
    app.press(Key::Home).await?;
    app.wait("[data-testid=table-new-row] [data-testid=cell-displayName].is-active")
        .await?;
    app.ctrl('v').await?;
    let offer = app.wait("[data-testid=cell-create-missing]").await?;
    assert!(
        offer.text().await?.contains("Workshop Crew"),
        "{}",
        offer.text().await?
    );
    assert_eq!(load(&mesh).products.len(), products, "nothing written yet");
    app.picture("table-paste-offer").await?;
    app.press(Key::Enter).await?;
    sheet(&app, "products", products + 5).await?;
    let stored = load(&mesh);
    assert_eq!(stored.products.len(), products + 5);
    assert!(stored.teams.iter().any(|t| t.title == "Workshop Crew"));
    // One undo takes back the five products and the team.
    app.ctrl('z').await?;
    sheet(&app, "products", products).await?;
    let stored = load(&mesh);
    assert_eq!(stored.products.len(), products);
    assert_eq!(stored.teams.len(), before.teams.len());

    eprintln!("step: a block with one bad cell pasted over rows: marked, nothing written");
    copy_to_clipboard(&app, "2.0.0\nnot a version\n3.0.0\n").await?;
    // Back to the top: the first row drawn is then the first row shown.
    app.eval(
        "document.querySelector('.sheet__scroll').scrollTop = 0;
         await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return 1;",
    )
    .await?;
    app.click("[data-testid=table-row] [data-testid=cell-version]")
        .await?;
    let ids: Vec<String> = serde_json::from_value(
        app.eval(
            "return [...document.querySelectorAll('[data-testid=table-row]')]
               .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
               .slice(0, 3).map(r => r.dataset.id);",
        )
        .await?,
    )
    .unwrap();
    app.wait("[data-testid=table-row] [data-testid=cell-version].is-active")
        .await?;
    app.ctrl('v').await?;
    let problem = app
        .wait("[data-testid=paste-problem]")
        .await?
        .text()
        .await?;
    assert!(problem.starts_with("Row 2, Version:"), "{problem}");
    app.wait(&format!(
        "[data-testid=table-row][data-id='{}'] [data-testid=cell-version][data-problem]",
        ids[1]
    ))
    .await?;
    assert_eq!(
        count(&app, "[data-testid=cell-create-missing]").await?,
        0,
        "nothing to create fixes a bad version"
    );
    app.picture("table-paste-problem").await?;
    let stored = load(&mesh);
    for product in &before.products {
        let now = stored.products.iter().find(|p| p.id == product.id).unwrap();
        assert_eq!(now.version, product.version, "{} unchanged", product.name);
    }

    eprintln!("step: a bad cell edit shows the core's message there and writes nothing");
    app.press("x.y" + Key::Enter).await?;
    let error = app.wait("[data-testid=cell-error]").await?.text().await?;
    assert!(!error.is_empty());
    app.wait("[data-testid=cell-editor]").await?;
    app.picture("table-cell-error").await?;
    app.press(Key::Escape).await?;
    let stored = load(&mesh);
    let edited = stored
        .products
        .iter()
        .find(|p| p.id.to_string() == ids[0])
        .unwrap();
    let original = before.products.iter().find(|p| p.id == edited.id).unwrap();
    assert_eq!(edited.version, original.version);

    eprintln!("step: a team that does not exist, typed in a cell, is created on confirmation");
    app.press(Key::Left + Key::Left + Key::Left).await?;
    app.wait("[data-testid=table-row] [data-testid=cell-ownerTeam].is-active")
        .await?;
    app.press("Night Shift" + Key::Enter).await?;
    let offer = app.wait("[data-testid=cell-create-missing]").await?;
    assert!(offer.text().await?.contains("team 'Night Shift'"));
    app.press(Key::Enter).await?;
    app.wait_true(
        &format!(
            "return document.querySelector(\"[data-testid=table-row][data-id='{}'] [data-testid=cell-ownerTeam]\")?.textContent === 'night-shift';",
            ids[0]
        ),
        "the new team owns the product",
    )
    .await?;
    assert!(load(&mesh).teams.iter().any(|t| t.name == "night-shift"));

    eprintln!("step: Ctrl+C copies the active row with a header, for a spreadsheet");
    app.click(&format!(
        "[data-testid=table-row][data-id='{}'] [data-testid=cell-ownerTeam]",
        ids[0]
    ))
    .await?;
    app.ctrl('c').await?;
    app.eval(
        "const t = document.createElement('textarea'); t.id = 'e2e-read';
         document.body.appendChild(t); t.focus(); return 1;",
    )
    .await?;
    app.ctrl('v').await?;
    app.wait_true(
        "return document.getElementById('e2e-read').value.includes('night-shift');",
        "the copied row is pasted",
    )
    .await?;
    let copied = app
        .eval("return document.getElementById('e2e-read').value;")
        .await?;
    let lines: Vec<&str> = copied.as_str().unwrap().lines().collect();
    assert_eq!(lines.len(), 2, "{copied}");
    assert!(
        lines[0].starts_with("Display name\tName\tDomain\tOwner team\t"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1].split('\t').nth(3), Some("night-shift"));

    eprintln!("step: a selection made elsewhere picks the sheet and shows its row");
    let team = app
        .eval(
            "const item = [...document.querySelectorAll('[data-testid=team-item]')].pop();
             item.click(); return item.dataset.id;",
        )
        .await?;
    app.wait(&format!(
        "[data-testid=table-grid][data-kind=teams] [data-testid=table-row][data-id='{}'].is-selected",
        team.as_str().unwrap()
    ))
    .await?;
    let product = app
        .eval(
            "const item = [...document.querySelectorAll('[data-testid=product-item]')].pop();
             item.click(); return item.dataset.id;",
        )
        .await?;
    let row = format!(
        "[data-testid=table-grid][data-kind=products] [data-testid=table-row][data-id='{}']",
        product.as_str().unwrap()
    );
    app.wait(&format!(
        "{row}.is-selected [data-testid=cell-displayName].is-active"
    ))
    .await?;
    app.wait_true(
        &format!(
            "const r = document.querySelector(\"{row}\").getBoundingClientRect();
             const s = document.querySelector('.sheet__scroll').getBoundingClientRect();
             return r.top >= s.top && r.bottom <= s.bottom;"
        ),
        "the selected row is scrolled into view",
    )
    .await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_table_of_ten_thousand_products_shows_and_scrolls() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("large.mesh");
    generated_mesh(&mesh, 10_000, 7);
    let app = App::launch(Some(&mesh), &dir.path().join("data")).await?;
    app.wait_painted_within(Duration::from_secs(120)).await?;
    // Let the first governance check of 10,000 products land before measuring.
    tokio::time::sleep(Duration::from_secs(5)).await;
    // From the canvas, which the switch takes down first; then the sheet alone: from the
    // teams tab to the 10,000 products.
    let shown = |leave: &str, arrive: &str, rows: &str| {
        format!(
            "document.querySelector('[data-testid={leave}]').click();
             await new Promise(r => setTimeout(r, 1500));
             const t0 = performance.now();
             document.querySelector('[data-testid={arrive}]').click();
             await new Promise(r => {{ const check = () => document.querySelector('{rows}') ? r() : requestAnimationFrame(check); check(); }});
             await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
             return performance.now() - t0;"
        )
    };
    let products = "[data-testid=table-grid][data-kind=products] [data-testid=table-row]";
    let from_canvas = app
        .eval(&shown("view-canvas", "view-table", products))
        .await?;
    record(
        "table view shows, from the canvas (10,000 products)",
        from_canvas.as_f64().unwrap(),
    );
    let from_teams = app
        .eval(&shown("table-tab-teams", "table-tab-products", products))
        .await?;
    record(
        "table products tab shows, from the teams tab (10,000 products)",
        from_teams.as_f64().unwrap(),
    );
    let rows = count(&app, "[data-testid=table-row]").await?;
    assert!(rows < 200, "only the visible rows are drawn, not {rows}");
    // Scroll as a wheel does (100 px a frame, 120 frames), then a screen a frame (60
    // frames); the worst frame of each counts. Short runs: a script running for most of
    // a minute on a loaded machine makes WebKitWebDriver fail to read its result.
    let scroll = |step: &str, frames: &str| {
        format!(
            "const s = document.querySelector('.sheet__scroll'); let worst = 0; let last = performance.now();
             for (let i = 0; i < {frames} && s.scrollTop + s.clientHeight < s.scrollHeight - 1; i++) {{
               s.scrollTop += {step};
               await new Promise(r => requestAnimationFrame(r));
               const now = performance.now(); worst = Math.max(worst, now - last); last = now;
             }}
             return worst;"
        )
    };
    let wheel = app.eval(&scroll("100", "120")).await?;
    record(
        "table scroll 100 px a frame, worst frame (10,000 products)",
        wheel.as_f64().unwrap(),
    );
    let pages = app.eval(&scroll("s.clientHeight", "60")).await?;
    record(
        "table scroll a screen a frame, worst frame (10,000 products)",
        pages.as_f64().unwrap(),
    );
    // The empty row for a new product comes after the last one.
    app.eval("const s = document.querySelector('.sheet__scroll'); s.scrollTop = s.scrollHeight; return 1;")
        .await?;
    app.wait("[data-testid=table-new-row]").await?;
    app.picture("table-large").await?;
    app.quit().await?;
    Ok(())
}
