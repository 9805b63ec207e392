//! Governance in the real window: drawing the dependency that closes a cycle makes the
//! cycle finding appear in the Problems panel with severity badges on the canvas; the
//! finding is focused by a click and waived with a reason, and stays listed as waived.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use mesh_core::model::Mesh;
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const EDGES: &str = "[data-testid=dependency-edge]";
const CYCLE: &str = "[data-testid=finding][data-rule=DM-DEP-001]";

const DOMAIN: &str = "00000000-0000-4000-8000-000000000001";
const TEAM: &str = "00000000-0000-4000-8000-000000000002";
const ORDERS: &str = "00000000-0000-4000-8000-0000000000a1";
const BILLING: &str = "00000000-0000-4000-8000-0000000000b1";

/// Two products in one domain, each with an output port; billing already reads
/// orders, so one more dependency (orders reading billing) closes a cycle.
fn two_products(path: &Path) {
    let product = |id: &str, name: &str| {
        serde_json::json!({ "id": id, "name": name, "displayName": name, "version": "1.0.0",
            "domainId": DOMAIN, "ownerTeamId": TEAM, "status": "active", "archetype": "aggregate" })
    };
    let port = |id: &str, product: &str, name: &str| {
        serde_json::json!({ "id": id, "productId": product, "name": name, "version": "1.0.0",
            "type": "table", "visibility": "domain", "status": "active" })
    };
    let at = |id: &str, x: f64, y: f64| serde_json::json!({ "entityId": id, "view": "mesh", "x": x, "y": y });
    let mesh: Mesh = serde_json::from_value(serde_json::json!({
        "info": { "name": "Governance e2e", "namespace": "com.example.gov" },
        "people": [],
        "teams": [{ "id": TEAM, "name": "core", "title": "Core" }],
        "domains": [{ "id": DOMAIN, "name": "sales", "title": "Sales", "ownerTeamId": TEAM }],
        "sourceSystems": [],
        "products": [product(ORDERS, "orders"), product(BILLING, "billing")],
        "outputPorts": [
            port("00000000-0000-4000-8000-0000000000a2", ORDERS, "orders"),
            port("00000000-0000-4000-8000-0000000000b2", BILLING, "invoices"),
        ],
        "inputPorts": [{ "id": "00000000-0000-4000-8000-0000000000b3", "productId": BILLING,
            "name": "orders", "source": { "kind": "outputPort", "portId": "00000000-0000-4000-8000-0000000000a2" } }],
        "positions": [at(DOMAIN, 0.0, 0.0), at(BILLING, 24.0, 46.0), at(ORDERS, 360.0, 46.0)],
    }))
    .expect("a valid test mesh");
    drop(Store::create_from(path, &mesh, &mut |_, _| {}).expect("create the test mesh"));
}

async fn badge(app: &App, node: &str) -> WebDriverResult<Option<String>> {
    let found = app
        .driver
        .find_all(By::Css(format!(
            "[data-id='{node}'] [data-testid=severity-badge]"
        )))
        .await?;
    match found.first() {
        Some(b) => b.attr("data-severity").await,
        None => Ok(None),
    }
}

#[tokio::test]
async fn a_drawn_cycle_is_reported_badged_focused_and_waived() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("cycle.mesh");
    two_products(&mesh);
    let app = App::launch(Some(&mesh), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.wait_count(EDGES, |n| n == 1).await?;

    eprintln!("step: open the Problems panel");
    app.click("[data-testid=toggle-problems]").await?;
    app.wait("[data-testid=problems-panel]").await?;
    // The report has arrived (the counts are filled in) and holds no cycle yet.
    app.wait("[data-testid=finding], [data-testid=no-findings]")
        .await?;
    assert_eq!(app.driver.find_all(By::Css(CYCLE)).await?.len(), 0);
    // Ports kept inside the domain need no contract: before the cycle nothing is an error.
    for node in [ORDERS, BILLING, DOMAIN] {
        assert_ne!(badge(&app, node).await?.as_deref(), Some("error"), "{node}");
    }

    eprintln!("step: draw the dependency that closes the cycle");
    // The minimap sits over the canvas's lower right corner; a drag must not start on it.
    app.click("[data-testid=toggle-minimap]").await?;
    app.drag_dependency(BILLING, ORDERS).await?;
    app.wait_count(EDGES, |n| n == 2).await?;

    eprintln!("step: the cycle is reported, with badges");
    let cycle = app.wait(CYCLE).await?;
    assert_eq!(cycle.attr("data-severity").await?.as_deref(), Some("error"));
    assert_eq!(cycle.attr("data-waived").await?.as_deref(), Some("false"));
    let entity = cycle
        .attr("data-entity-id")
        .await?
        .expect("the cycle names a product");
    assert!(entity == ORDERS || entity == BILLING, "{entity}");
    app.screenshot("governance-cycle").await;
    let message = cycle
        .find(By::Css(".finding__message"))
        .await?
        .attr("title")
        .await?
        .unwrap_or_default();
    assert!(message.contains("cycle"), "{message}");
    assert_eq!(badge(&app, &entity).await?.as_deref(), Some("error"));
    let other = if entity == ORDERS { BILLING } else { ORDERS };
    assert!(
        badge(&app, other).await?.is_some(),
        "both products carry a badge"
    );
    assert_eq!(badge(&app, DOMAIN).await?.as_deref(), Some("error"));

    eprintln!("step: a click selects the product");
    app.click(&format!("{CYCLE} [data-testid=finding-focus]"))
        .await?;
    app.wait_count(
        &format!("[data-testid=product-node][data-id='{entity}'].is-selected"),
        |n| n == 1,
    )
    .await?;

    eprintln!("step: waive it with a reason");
    app.click(&format!("{CYCLE} [data-testid=finding-waive]"))
        .await?;
    let submit = app.wait("[data-testid=waive-submit]").await?;
    assert!(!submit.is_enabled().await?, "no waiver without a reason");
    app.wait("[data-testid=waive-reason]")
        .await?
        .send_keys("Split planned in GOV-7")
        .await?;
    app.click("[data-testid=waive-submit]").await?;
    app.wait_count(&format!("{CYCLE}[data-waived=true]"), |n| n == 1)
        .await?;
    let waived = app
        .wait(&format!("{CYCLE} [data-testid=finding-waived]"))
        .await?;
    // The reason is shown (and in full as the tooltip, since a long one is clipped).
    let reason = waived.attr("title").await?.unwrap_or_default();
    assert_eq!(reason, "Split planned in GOV-7");
    app.wait_within("[data-testid=count-waived]", TIMEOUT, |t| t != "0")
        .await?;
    // An accepted finding raises no badge.
    assert_ne!(badge(&app, &entity).await?.as_deref(), Some("error"));
    app.screenshot("governance").await;

    eprintln!("step: undo takes the waiver back");
    app.click("[data-testid=undo]").await?;
    app.wait_count(&format!("{CYCLE}[data-waived=false]"), |n| n == 1)
        .await?;
    app.click("[data-testid=redo]").await?;
    app.wait_count(&format!("{CYCLE}[data-waived=true]"), |n| n == 1)
        .await?;
    app.quit().await?;

    // The waiver is in the file's policy.
    let policy = Store::open(&mesh, Access::ReadOnly)
        .unwrap()
        .policy()
        .unwrap();
    assert_eq!(policy.waivers.len(), 1);
    assert_eq!(policy.waivers[0].rule, "DM-DEP-001");
    assert_eq!(policy.waivers[0].reason, "Split planned in GOV-7");
    Ok(())
}

#[tokio::test]
async fn the_policy_editor_switches_rules_and_checks_custom_rules_as_typed() -> WebDriverResult<()>
{
    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("policy.mesh");
    two_products(&mesh);
    let app = App::launch(Some(&mesh), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.click("[data-testid=toggle-problems]").await?;
    const DOC: &str = "[data-testid=finding][data-rule=DM-DOC-001]";
    const CUSTOM: &str = "[data-testid=finding][data-rule=ACME-RULE-001]";
    app.wait_count(DOC, |n| n > 0).await?;

    eprintln!("step: switch a rule off");
    app.click("[data-testid=open-policy-editor]").await?;
    app.wait("[data-testid=policy-editor]").await?;
    app.click("[data-testid=rule-row][data-rule=DM-DOC-001] [data-testid=rule-enabled]")
        .await?;
    app.wait_count(DOC, |n| n == 0).await?;

    eprintln!("step: a custom rule is checked as it is typed");
    app.click("[data-testid=custom-add]").await?;
    app.retype("[data-testid=custom-assert]", "product.fanIn <")
        .await?;
    app.wait("[data-testid=custom-problem-assert]").await?;
    assert_eq!(
        app.eval("return document.querySelector('[data-testid=custom-save]').disabled;")
            .await?,
        serde_json::json!(true),
        "a rule with a problem cannot be saved"
    );
    app.retype("[data-testid=custom-assert]", "team.x < 1")
        .await?;
    let problem = app
        .wait_within("[data-testid=custom-problem-assert]", TIMEOUT, |t| {
            t.contains("unknown variable team")
        })
        .await?;
    drop(problem);
    app.retype("[data-testid=custom-assert]", "product.fanIn < 1")
        .await?;
    app.wait_count("[data-testid=custom-problem-assert]", |n| n == 0)
        .await?;
    app.screenshot("governance-policy").await;
    app.click("[data-testid=custom-save]").await?;
    app.wait("[data-testid=custom-rule][data-rule=ACME-RULE-001]")
        .await?;
    app.click("[data-testid=policy-close]").await?;

    eprintln!("step: the custom rule reports, and undo takes it back");
    // orders is read by billing, so it is the one product with consumers.
    let found = app.wait(CUSTOM).await?;
    assert_eq!(found.attr("data-entity").await?.as_deref(), Some("orders"));
    app.wait_count(CUSTOM, |n| n == 1).await?;
    app.click("[data-testid=undo]").await?;
    app.wait_count(CUSTOM, |n| n == 0).await?;
    app.click("[data-testid=undo]").await?;
    app.wait_count(DOC, |n| n > 0).await?;
    app.quit().await?;
    Ok(())
}
