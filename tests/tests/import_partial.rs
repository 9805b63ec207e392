//! A partial landscape imported in the real window: a product reading a contract that
//! no file and no mesh holds, and a contract published on its own. File > Import shows
//! them kept (1 unresolved, 1 unattached, per file) with the warning at its line and
//! column, imports anyway; the canvas draws the unresolved input as a dangling reference
//! that selects the input, and the Contracts panel lists the contract, attaches it to an
//! output port (stored in the file) and detaches it again.
//!
//! Native file dialogs cannot be driven through WebDriver, so the folder is typed into
//! the dialog's path field, which *Add folder…* fills in normal use.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::model::DependencySource;
use mesh_core::{Access, Store};
use meshwright_e2e::*;

// A product whose input reads a contract kept in another repository (as in
// datacontract/dataproduct-cli's references fixture), with one output port.
const CONSUMER: &str = "apiVersion: v1.1.0
kind: DataProduct
id: orders-product
name: orders
status: active
domain: sales
inputPorts:
  - name: raw-orders
    version: 2.0.0
    contractId: shop-orders-contract
outputPorts:
  - name: orders
    version: 1.0.0
";

// A contract published on its own, naming no data product (as in datacontract-cli's
// postgres fixture).
const STANDALONE: &str = "apiVersion: v3.1.0
kind: DataContract
id: postgres
name: postgres
version: 0.0.1
status: active
schema:
  - name: my_table
    physicalType: table
    properties:
      - name: field_one
        logicalType: string
";

async fn attr(app: &App, css: &str, name: &str) -> WebDriverResult<String> {
    Ok(app.wait(css).await?.attr(name).await?.unwrap_or_default())
}

/// The text of the first element matching `css` as the DOM holds it (WebDriver's text
/// leaves out what a cell clips).
async fn text_of(app: &App, css: &str) -> WebDriverResult<String> {
    app.wait(css).await?;
    let text = app
        .eval(&format!(
            "return document.querySelector(\"{css}\").textContent;"
        ))
        .await?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

/// The kept counts of the report on show: (unresolved, unattached).
async fn kept_counts(app: &App) -> WebDriverResult<(String, String)> {
    Ok((
        attr(app, "[data-testid=import-unresolved]", "data-count").await?,
        attr(app, "[data-testid=import-unattached]", "data-count").await?,
    ))
}

#[tokio::test]
async fn a_partial_landscape_imports_with_dangling_references_and_contracts_to_attach()
-> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let manifests = dir.path().join("landscape");
    std::fs::create_dir_all(&manifests).unwrap();
    let consumer = manifests.join("orders.odps.yaml");
    let contract = manifests.join("postgres.odcs.yaml");
    std::fs::write(&consumer, CONSUMER).unwrap();
    std::fs::write(&contract, STANDALONE).unwrap();
    let mesh_path = dir.path().join("partial.mesh");
    empty_mesh(&mesh_path, "Partial landscape");

    let app = App::launch(Some(&mesh_path), &dir.path().join("data")).await?;
    app.wait("[data-testid=canvas]").await?;

    eprintln!("step: check the folder: kept counts, per file, the warning");
    app.click("[data-testid=import-manifests]").await?;
    app.wait("[data-testid=import-dialog]").await?;
    app.wait("[data-testid=import-paths]")
        .await?
        .send_keys(manifests.display().to_string())
        .await?;
    app.click("[data-testid=import-preview-button]").await?;
    app.wait("[data-testid=import-report]").await?;
    assert_eq!(kept_counts(&app).await?, ("1".into(), "1".into()));
    assert_eq!(
        app.driver
            .find_all(By::Css("[data-testid=import-problem]"))
            .await?
            .len(),
        0
    );
    let warnings = app
        .driver
        .find_all(By::Css("[data-testid=import-warning]"))
        .await?;
    assert_eq!(warnings.len(), 1);
    let warning = warnings[0].text().await?;
    let place = format!("{}:10:5: inputPorts[0].contractId: ", consumer.display());
    assert!(
        warning.starts_with(&place) && warning.contains("shop-orders-contract"),
        "{warning}"
    );
    let file_row = |path: &std::path::Path| {
        format!("[data-testid=import-file][data-path='{}']", path.display())
    };
    assert_eq!(
        attr(&app, &file_row(&consumer), "data-unresolved").await?,
        "1"
    );
    assert_eq!(
        attr(&app, &file_row(&consumer), "data-unattached").await?,
        "0"
    );
    assert_eq!(
        attr(&app, &file_row(&contract), "data-unattached").await?,
        "1"
    );
    assert!(
        app.wait(&file_row(&contract))
            .await?
            .text()
            .await?
            .contains("1 kept unattached")
    );
    // Warnings do not block the import.
    let apply = app.wait("[data-testid=import-apply]").await?;
    assert!(apply.is_enabled().await?);
    app.picture("import-partial-check").await?;

    eprintln!("step: import; the report after it says the same");
    apply.click().await?;
    app.wait("[data-testid=import-done]").await?;
    assert_eq!(kept_counts(&app).await?, ("1".into(), "1".into()));
    app.wait("[data-testid=import-warning]").await?;
    app.picture("import-partial-done").await?;
    app.click("[data-testid=import-cancel-dialog]").await?;
    app.wait_count("[data-testid=import-dialog]", |n| n == 0)
        .await?;
    let stored = Store::open(&mesh_path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(stored.products.len(), 1);
    assert_eq!(stored.contracts.len(), 1);
    assert!(matches!(
        &stored.input_ports[0].source,
        DependencySource::Unresolved { reference } if reference == "shop-orders-contract"
    ));
    let port = &stored.output_ports[0];

    eprintln!("step: the dangling reference on the canvas selects its input");
    app.click("[data-testid=auto-layout]").await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
        t.contains("Auto layout")
    })
    .await?;
    let dangling_css = "[data-testid=dangling-ref][data-reference=shop-orders-contract]";
    let dangling = app.wait(dangling_css).await?;
    app.wait_true(
        &format!(
            "return document.querySelector('{dangling_css} .dangling-ref__text')?.textContent === 'shop-orders-contract';"
        ),
        "the dangling reference is labelled with its reference",
    )
    .await?;
    // Drawn apart from dependencies: dashed, in the warning colour, left of its product.
    let look = app
        .eval(&format!(
            "const ref = document.querySelector('{dangling_css}');
             const label = ref.querySelector('.dangling-ref__label');
             const node = ref.closest('[data-testid=product-node]');
             return [getComputedStyle(label).borderTopStyle,
                     ref.getBoundingClientRect().right <= node.getBoundingClientRect().left + 3];"
        ))
        .await?;
    assert_eq!(
        look,
        serde_json::json!(["dashed", true]),
        "dashed, left of the node"
    );
    // The fit animation may still be running; click once it has stopped.
    app.wait_still(&dangling).await?;
    dangling.click().await?;
    app.wait("[data-testid=inspector][data-kind=inputPort]")
        .await?;
    app.wait(&format!("{dangling_css}.is-selected")).await?;
    app.wait_within("[data-testid=field-source]", TIMEOUT, |t| {
        t.contains("unresolved: shop-orders-contract")
    })
    .await?;
    app.picture("import-partial-canvas").await?;

    eprintln!("step: the Contracts panel lists the contract; attach it to the port");
    app.click("[data-testid=toggle-contracts]").await?;
    app.wait("[data-testid=contracts-panel]").await?;
    let row_css = "[data-testid=contract-row][data-contract-id=postgres]";
    app.wait(row_css).await?;
    app.picture("import-partial-contracts-list").await?;
    let text = text_of(&app, row_css).await?;
    for part in ["postgres", "0.0.1", "ODCS", "unattached"] {
        assert!(text.contains(part), "{part} in {text}");
    }
    app.click(&format!("{row_css} [data-testid=contract-attach]"))
        .await?;
    let option_css = format!(
        "[data-testid=contract-port-option][data-port-id='{}']",
        port.id
    );
    let option = app.wait(&option_css).await?;
    let label = text_of(&app, &option_css).await?;
    assert!(label.contains(" / orders"), "{label}");
    app.picture("import-partial-contracts-attach").await?;
    option.click().await?;
    app.wait(&format!("{row_css}[data-port-id='{}']", port.id))
        .await?;
    let attached = text_of(&app, &format!("{row_css} [data-testid=contract-attached]")).await?;
    assert!(
        attached.contains(" / orders") && !attached.contains("unattached"),
        "{attached}"
    );
    assert_eq!(
        app.driver
            .find_all(By::Css("[data-testid=contract-error]"))
            .await?
            .len(),
        0
    );
    app.picture("import-partial-contracts").await?;
    let stored = Store::open(&mesh_path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(stored.contracts[0].output_port_id, Some(port.id));
    assert_eq!(
        stored.output_ports[0]
            .contract
            .as_ref()
            .map(|c| c.contract_id.as_str()),
        Some("postgres"),
        "the core points the port at the contract in the same edit"
    );

    eprintln!("step: detach; undo attaches it again");
    app.click(&format!("{row_css} [data-testid=contract-detach]"))
        .await?;
    app.wait(&format!("{row_css}[data-port-id='']")).await?;
    app.click("[data-testid=undo]").await?;
    app.wait(&format!("{row_css}[data-port-id='{}']", port.id))
        .await?;
    app.quit().await?;
    Ok(())
}
