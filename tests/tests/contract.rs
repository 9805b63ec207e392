//! The contract editor end to end: with an output port selected, a three-column schema
//! typed by keyboard, a CREATE TABLE statement pasted, a statement that does not parse
//! refused with its line and column and nothing changed, every change an undoable edit;
//! then the export writes the schema into the port's ODCS contract, read back from disk.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::{Access, Store};
use meshwright_e2e::*;

/// Puts `text` into the paste box as a paste does, line breaks included (typed keys
/// would turn them into Enter presses).
async fn paste(app: &App, text: &str) -> WebDriverResult<()> {
    let text = serde_json::to_string(text).unwrap();
    app.eval(&format!(
        "const t = document.querySelector('[data-testid=contract-paste]');
         Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(t, {text});
         t.dispatchEvent(new Event('input', {{ bubbles: true }}));
         return true;"
    ))
    .await
    .map(drop)
}

/// The saved object `name` of the port `port`, as (column, logical type) pairs.
fn saved_columns(path: &std::path::Path, port: &str, name: &str) -> Vec<(String, String)> {
    let mesh = Store::open(path, Access::ReadOnly).unwrap().load().unwrap();
    let port = mesh
        .output_ports
        .iter()
        .find(|p| p.id.to_string() == port)
        .unwrap();
    let object = port.contract_body.schema.iter().find(|o| o.name == name);
    object
        .map(|o| {
            o.properties
                .iter()
                .map(|p| (p.name.clone(), p.logical_type.clone().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_schema_is_typed_pasted_and_exported_as_odcs() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (path, demo) = demo_file(dir.path());
    // A port with a contract: the export writes an ODCS document for it.
    let chosen = demo
        .output_ports
        .iter()
        .find(|p| p.contract.is_some())
        .unwrap();
    let (product, port) = (chosen.product_id.to_string(), chosen.id.to_string());
    let app = App::launch(Some(&path), &dir.path().join("data")).await?;
    app.wait_painted().await?;
    app.wait_laid_out().await?;

    // An output port selected: its contract editor.
    app.click(&format!("[data-testid=product-item][data-id='{product}']"))
        .await?;
    app.click(&format!("[data-testid=port-item][data-id='{port}']"))
        .await?;
    app.wait(&format!(
        "[data-testid=contract-editor][data-port='{port}']"
    ))
    .await?;

    // A new object, three columns typed by keyboard: name, Tab, type, Tab, description, Enter.
    let before = app
        .eval("return document.querySelectorAll('[data-testid=contract-object]').length;")
        .await?
        .as_u64()
        .unwrap();
    app.click("[data-testid=contract-add-object]").await?;
    app.wait_count("[data-testid=contract-object]", |n| n as u64 == before + 1)
        .await?;
    let object = app
        .eval("const tabs = document.querySelectorAll('[data-testid=contract-object]'); return tabs[tabs.length - 1].dataset.name;")
        .await?
        .as_str()
        .unwrap()
        .to_owned();
    app.wait(&format!(
        "[data-testid=contract-object][data-name='{object}'][aria-selected=true]"
    ))
    .await?;
    app.click("[data-testid=contract-new-name]").await?;
    for (name, kind, description) in [
        ("ticket_id", "string", "The ticket"),
        ("opened_at", "timestamp", ""),
        ("priority", "INT", "1 (urgent) to 5"),
    ] {
        app.press(name).await?;
        app.press(Key::Tab).await?;
        app.press(kind).await?;
        app.press(Key::Tab).await?;
        app.press(description).await?;
        app.press(Key::Enter).await?;
        app.wait(&format!(
            "[data-testid=contract-property][data-name={name}]"
        ))
        .await?;
    }
    assert_eq!(
        saved_columns(&path, &port, &object),
        [
            ("ticket_id".into(), "string".into()),
            ("opened_at".into(), "timestamp".into()),
            ("priority".into(), "integer".into()),
        ]
    );

    // A CREATE TABLE pasted: a new object with its key.
    paste(
        &app,
        "CREATE TABLE support.escalations (\n  escalation_id BIGINT PRIMARY KEY,\n  reason TEXT NOT NULL\n);",
    )
    .await?;
    app.click("[data-testid=contract-paste-apply]:not([disabled])")
        .await?;
    app.wait("[data-testid=contract-object][data-name=escalations]")
        .await?;
    assert_eq!(
        saved_columns(&path, &port, "escalations"),
        [
            ("escalation_id".into(), "integer".into()),
            ("reason".into(), "string".into())
        ]
    );

    // A statement that does not parse: its line and column, nothing written.
    let bytes = std::fs::read(&path).unwrap().len();
    let undo_before = app.wait("[data-testid=status-undo]").await?.text().await?;
    paste(&app, "CREATE TABLE broken (\n  id INT,,\n);").await?;
    app.click("[data-testid=contract-paste-apply]:not([disabled])")
        .await?;
    let error = app
        .wait_within("[data-testid=contract-error]", TIMEOUT, |t| {
            t.contains("line 2")
        })
        .await?;
    assert!(
        error.text().await?.contains("column"),
        "{}",
        error.text().await?
    );
    assert_eq!(
        app.wait("[data-testid=status-undo]").await?.text().await?,
        undo_before
    );
    assert_eq!(std::fs::read(&path).unwrap().len(), bytes);
    app.picture("contract-editor").await?;

    // Undo takes the pasted table back out; redo brings it again.
    app.click("[data-testid=undo]").await?;
    app.wait_count(
        "[data-testid=contract-object][data-name=escalations]",
        |n| n == 0,
    )
    .await?;
    app.click("[data-testid=redo]").await?;
    app.wait("[data-testid=contract-object][data-name=escalations]")
        .await?;

    // Export: the port's ODCS contract holds the typed and the pasted objects.
    let out = dir.path().join("export");
    app.click("[data-testid=export-manifests]").await?;
    // Backstage too, whose API of the port carries the contract.
    // (A toast from the undo above may cover the chip: clicked as a script does.)
    app.wait("[data-testid=export-format-backstage]").await?;
    app.eval(
        "document.querySelector('[data-testid=export-format-backstage]').click(); return true;",
    )
    .await?;
    app.wait_true(
        "return document.querySelector('[data-testid=export-format-backstage]').checked;",
        "Backstage chosen",
    )
    .await?;
    let folder = app.wait("[data-testid=export-folder]").await?;
    folder.send_keys(out.display().to_string()).await?;
    folder.send_keys(Key::Enter).await?;
    app.wait("[data-testid=export-dialog][data-phase=preview]")
        .await?;
    app.click("[data-testid=export-write]").await?;
    app.wait("[data-testid=export-summary]").await?;
    let contract = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".odcs.yaml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .find(|text| text.contains(&format!("name: {object}")))
        .expect("an ODCS file with the typed object");
    for expected in [
        "name: ticket_id",
        "name: opened_at",
        "logicalType: timestamp",
        "name: priority",
        "physicalType: INT",
        "name: escalations",
        "primaryKey: true",
    ] {
        assert!(
            contract.contains(expected),
            "{expected} missing in\n{contract}"
        );
    }
    // The port's Backstage API carries the same contract as its definition.
    let catalogs: String = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "catalog-info.yaml")
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        catalogs.contains("name: ticket_id") && catalogs.contains("type: odcs"),
        "no Backstage API carries the typed object"
    );

    app.click("[data-testid=export-cancel-dialog]").await?;
    app.wait_true(
        "return !document.querySelector('[data-testid=export-dialog]');",
        "the export dialog closed",
    )
    .await?;

    // A port without a contract id says the export needs one.
    let hints = app
        .eval("return document.querySelectorAll('[data-testid=contract-no-id]').length;")
        .await?;
    assert_eq!(hints, 0, "the chosen port has a contract");
    // The demo's ad-spend port has none.
    let bare = demo
        .output_ports
        .iter()
        .find(|p| p.contract.is_none())
        .expect("a demo port without a contract");
    app.click(&format!(
        "[data-testid=product-item][data-id='{}']",
        bare.product_id
    ))
    .await?;
    app.click(&format!("[data-testid=port-item][data-id='{}']", bare.id))
        .await?;
    app.wait(&format!(
        "[data-testid=contract-editor][data-port='{}'] [data-testid=contract-no-id]",
        bare.id
    ))
    .await?;
    let errors = app
        .eval("return document.querySelectorAll('[data-testid=contract-error]').length;")
        .await?;
    assert_eq!(errors, 0, "the refusal shown for the port before is gone");
    app.picture("contract-without-id").await?;
    app.quit().await
}
