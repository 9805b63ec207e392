//! An output port's contract body (schema, quality rules, servers, terms) through ODCS:
//! the official Bitol examples in `../shared/schemas` import with their schema in the
//! model (not in the extension bag), export with the same schema, servers and
//! description, validate against ODCS v3.1.0, and export → import → export gives the
//! same bytes; an edited body is written and read back; a kept contract attached to a
//! port fills the port's body; a schema breaking a rule of the model stays as written
//! with a warning. With `CI` set a missing schema folder fails the test; otherwise the
//! tests needing it are skipped with a message.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use mesh_core::Store;
use mesh_core::manifests::import::{ImportOptions, run};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format};
use mesh_core::model::{LogicalType, Mesh, OutputPort, SchemaProperty};
use serde_json::{Value, json};

/// YAML as JSON Schema sees it: YAML 1.2 booleans only, like the import reads it.
fn yaml(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).unwrap()
}

/// A value with every mapping's keys sorted: the exporter writes the model's keys in
/// its own order, the values must be the same.
fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let s: std::collections::BTreeMap<_, _> =
                m.iter().map(|(k, v)| (k.clone(), sorted(v))).collect();
            serde_json::to_value(s).unwrap()
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        v => v.clone(),
    }
}

/// A product with one output port naming the contract `id`, so the contract attaches.
fn companion(id: &str) -> String {
    let doc = json!({
        "apiVersion": "v1.1.0",
        "kind": "DataProduct",
        "id": "0b9d8f00-5a8c-4c3e-9a43-3f0c7d2b9e01",
        "name": "Example providers",
        "version": "1.0.0",
        "status": "active",
        "domain": "seller",
        "outputPorts": [{"name": "port-0", "version": "1.0.0", "type": "table", "contractId": id}],
    });
    serde_saphyr::to_string(&doc).unwrap()
}

/// A new store in `dir` with `files` (name, text) imported.
fn imported(dir: &Path, files: &[(&str, String)]) -> Store {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in files {
        std::fs::write(input.join(name), text).unwrap();
    }
    let mut store = Store::create(&dir.join("m.mesh"), &common::info("bodies")).unwrap();
    common::import(&mut store, &[input], false);
    store
}

/// The ODCS texts of a mesh, by file name.
fn odcs(mesh: &Mesh) -> Vec<(String, String)> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    manifests::documents(&ctx, &[Format::Odcs])
        .into_iter()
        .map(|d| (d.file_name, d.text))
        .collect()
}

fn port_of<'m>(mesh: &'m Mesh, contract_id: &str) -> &'m OutputPort {
    mesh.output_ports
        .iter()
        .find(|p| {
            p.contract
                .as_ref()
                .is_some_and(|c| c.contract_id == contract_id)
        })
        .unwrap()
}

fn example(dir: &Path, name: &str) -> (String, Value) {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let doc = yaml(&text);
    (text, doc)
}

#[test]
fn the_official_examples_import_with_their_schema_in_the_model_and_export_it_again() {
    let Some(dir) = common::schemas() else {
        return;
    };
    let schema: Value = common::load(&dir, "bitol-odcs-v3.1.0.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    for name in [
        "bitol-odcs-example-full.odcs.yaml",
        "bitol-odcs-example-postgresql-adventureworks.odcs.yaml",
    ] {
        let (text, original) = example(&dir, name);
        let id = original["id"].as_str().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let store = imported(
            tmp.path(),
            &[
                ("contract.odcs.yaml", text),
                ("providers.odps.yaml", companion(id)),
            ],
        );
        let mesh = store.load().unwrap();
        let port = port_of(&mesh, id);
        let body = &port.contract_body;

        // The schema is the model's, not the bag's.
        let objects = original["schema"].as_array().unwrap();
        assert_eq!(body.schema.len(), objects.len(), "{name}");
        for (object, written) in body.schema.iter().zip(objects) {
            assert_eq!(object.name, written["name"].as_str().unwrap(), "{name}");
            assert_eq!(
                object.properties.len(),
                written["properties"].as_array().map_or(0, Vec::len),
                "{name}: {}",
                object.name
            );
        }
        let bag = port.extensions.get("odcs");
        for key in ["schema", "servers"] {
            assert!(
                bag.and_then(|b| b.get(key)).is_none(),
                "{name}: {key} is in the bag"
            );
        }

        // The export holds the same schema, servers and description, and is valid.
        let texts = odcs(&mesh);
        assert_eq!(texts.len(), 1);
        let exported = yaml(&texts[0].1);
        for key in ["schema", "servers", "description"] {
            assert_eq!(
                sorted(&exported[key]),
                sorted(&original[key]),
                "{name}: {key} changed on the way"
            );
        }
        let errors: Vec<String> = validator
            .iter_errors(&exported)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");

        // Export → import → export is stable.
        let again = tempfile::tempdir().unwrap();
        let second = imported(
            again.path(),
            &[
                ("contract.odcs.yaml", texts[0].1.clone()),
                ("providers.odps.yaml", companion(id)),
            ],
        );
        let reloaded = second.load().unwrap();
        assert_eq!(port_of(&reloaded, id).contract_body, *body, "{name}");
        assert_eq!(odcs(&reloaded), texts, "{name}");
    }
}

#[test]
fn the_full_example_keeps_its_keys_and_values_in_the_model() {
    let Some(dir) = common::schemas() else {
        return;
    };
    let (text, original) = example(&dir, "bitol-odcs-example-full.odcs.yaml");
    let id = original["id"].as_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let store = imported(
        tmp.path(),
        &[
            ("contract.odcs.yaml", text),
            ("providers.odps.yaml", companion(id)),
        ],
    );
    let mesh = store.load().unwrap();
    let body = &port_of(&mesh, id).contract_body;
    let tbl = &body.schema[0];
    assert_eq!(tbl.physical_name.as_deref(), Some("tbl_1"));
    assert_eq!(tbl.quality[0].metric.as_deref(), Some("rowCount"));
    assert_eq!(
        tbl.quality[0].must_be_greater_than,
        Some(serde_json::Number::from(1_000_000))
    );
    let rcvr = tbl.properties.iter().find(|p| p.name == "rcvr_id").unwrap();
    assert_eq!(rcvr.primary_key, Some(true));
    assert_eq!(rcvr.primary_key_position, Some(1));
    assert_eq!(rcvr.logical_type.as_deref(), Some("string"));
    assert_eq!(rcvr.classification.as_deref(), Some("restricted"));
    assert_eq!(rcvr.extra["tags"], json!(["uid"]), "unmapped keys are kept");
    let server = &body.servers[0];
    assert_eq!(
        (
            server.server.as_str(),
            server.server_type.as_str(),
            server.port
        ),
        ("my-postgres", "postgres", Some(5432))
    );
    assert_eq!(body.terms.usage.as_deref(), Some("Predict sales over time"));
    assert_eq!(
        body.terms.limitations.as_deref(),
        Some("Data based on seller perspective, no buyer information")
    );
}

#[test]
fn an_edited_body_is_exported_and_imported_back() {
    let Some(dir) = common::schemas() else {
        return;
    };
    let (text, original) = example(&dir, "bitol-odcs-example-full.odcs.yaml");
    let id = original["id"].as_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = imported(
        tmp.path(),
        &[
            ("contract.odcs.yaml", text),
            ("providers.odps.yaml", companion(id)),
        ],
    );
    let mut port = port_of(&store.load().unwrap(), id).clone();
    let mut email = SchemaProperty::new("receiver_email", LogicalType::String);
    email.personal_data = true;
    port.contract_body.schema[1].properties.push(email);
    port.contract_body.schema[0].properties[0].logical_type = Some("timestamp".into());
    store.edit(|e| e.save_output_port(port.clone())).unwrap();
    let mesh = store.load().unwrap();
    let texts = odcs(&mesh);
    let exported = yaml(&texts[0].1);
    let receivers = &exported["schema"][1]["properties"];
    let added = receivers.as_array().unwrap().last().unwrap();
    assert_eq!(
        added,
        &json!({"name": "receiver_email", "logicalType": "string",
                "customProperties": [{"property": "personalData", "value": true}]})
    );
    assert_eq!(
        exported["schema"][0]["properties"][0]["logicalType"],
        "timestamp"
    );

    let again = tempfile::tempdir().unwrap();
    let second = imported(
        again.path(),
        &[
            ("contract.odcs.yaml", texts[0].1.clone()),
            ("providers.odps.yaml", companion(id)),
        ],
    );
    assert_eq!(
        port_of(&second.load().unwrap(), id).contract_body,
        port.contract_body
    );
}

const SHOP: &str = "apiVersion: v1.1.0
kind: DataProduct
id: 7d4c3a52-2f43-4bde-a0a8-1a35ec6e2a10
name: shop
version: 1.0.0
status: active
domain: sales
outputPorts:
  - name: shop-orders
    version: 1.0.0
    type: table
";

const SHOP_CONTRACT: &str = "apiVersion: v3.1.0
kind: DataContract
id: shop-orders-v2
version: 2.0.0
status: active
dataProduct: shop
schema:
  - name: shop-orders
    id: orders_obj
    properties:
      - name: order_id
        logicalType: string
        primaryKey: true
        primaryKeyPosition: 1
slaProperties:
  - property: latency
    value: 1
    unit: d
    element: shop-orders.order_id
";

#[test]
fn a_kept_contract_fills_its_ports_body_and_is_written_as_it_came_until_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = imported(
        tmp.path(),
        &[
            ("shop.odps.yaml", SHOP.to_owned()),
            ("shop-orders.odcs.yaml", SHOP_CONTRACT.to_owned()),
        ],
    );
    let mesh = store.load().unwrap();
    assert_eq!(mesh.contracts.len(), 1, "the contract is kept whole");
    let mut port = mesh.output_ports[0].clone();
    assert_eq!(mesh.contracts[0].output_port_id, Some(port.id));
    let body = &port.contract_body;
    assert_eq!(body.schema[0].name, "shop-orders");
    assert_eq!(body.schema[0].properties[0].name, "order_id");

    let texts = odcs(&mesh);
    assert_eq!(yaml(&texts[0].1), yaml(SHOP_CONTRACT), "written as it came");

    port.contract_body.schema[0]
        .properties
        .push(SchemaProperty::new("total", LogicalType::Number));
    store.edit(|e| e.save_output_port(port.clone())).unwrap();
    let exported = yaml(&odcs(&store.load().unwrap())[0].1);
    let mut expected = yaml(SHOP_CONTRACT);
    expected["schema"][0]["properties"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "total", "logicalType": "number"}));
    assert_eq!(
        sorted(&exported),
        sorted(&expected),
        "the edit, and the rest as it came"
    );
}

const BAD_TYPE: &str = "apiVersion: v3.1.0
kind: DataContract
id: odd-types
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: customer_id
        logicalType: varchar
";

#[test]
fn a_schema_breaking_a_rule_stays_as_written_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [
        ("c.odcs.yaml", BAD_TYPE.to_owned()),
        ("providers.odps.yaml", companion("odd-types")),
    ];
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in &files {
        std::fs::write(input.join(name), text).unwrap();
    }
    let mut store = Store::create(&tmp.path().join("m.mesh"), &common::info("odd")).unwrap();
    let report = common::import(&mut store, std::slice::from_ref(&input), false);
    let warning = report
        .plan
        .warnings
        .iter()
        .find(|w| w.field.as_deref() == Some("schema.orders.properties.customer_id.logicalType"))
        .unwrap_or_else(|| panic!("{:?}", report.plan.warnings));
    assert!(warning.reason.contains("\"varchar\""), "{}", warning.reason);
    let mesh = store.load().unwrap();
    let port = port_of(&mesh, "odd-types");
    assert!(port.contract_body.schema.is_empty());
    let exported = yaml(&odcs(&mesh)[0].1);
    assert_eq!(
        exported["schema"],
        yaml(BAD_TYPE)["schema"],
        "kept as written"
    );

    // Strict refuses it.
    let mut strict = Store::create(&tmp.path().join("s.mesh"), &common::info("odd")).unwrap();
    let options = ImportOptions {
        dry_run: false,
        strict: true,
    };
    let errors = run(
        &mut strict,
        &[PathBuf::from(&input)],
        options,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(
        errors.iter().any(|e| e.reason.contains("\"varchar\"")),
        "{errors:?}"
    );
}

/// A Backstage catalog of one data product whose one API is of type `odcs`, its
/// definition `contract` as text, with none of Meshwright's annotations.
fn backstage_with(contract: &str) -> String {
    let system = json!({
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "System",
        "metadata": {"name": "example-providers"},
        "spec": {"type": "data-product", "owner": "group:default/sellers", "domain": "seller"},
    });
    let api = json!({
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "API",
        "metadata": {"name": "example-providers.port-0"},
        "spec": {
            "type": "odcs",
            "lifecycle": "production",
            "owner": "group:default/sellers",
            "system": "example-providers",
            "definition": contract,
        },
    });
    [system, api]
        .iter()
        .map(|d| serde_saphyr::to_string(d).unwrap())
        .collect::<Vec<_>>()
        .join("---\n")
}

/// A DPDS descriptor of one product whose output port promises `contract` as an ODCS
/// `api`, without Meshwright's `x-` keys.
fn dpds_with(contract: &Value) -> String {
    let doc = json!({
        "dataProductDescriptor": "1.0.0",
        "info": {
            "fullyQualifiedName": "urn:dpds:bodies:dataproducts:example-providers:1",
            "name": "example-providers",
            "version": "1.0.0",
            "domain": "seller",
            "owner": {"id": "jane@example.com", "name": "Jane"},
        },
        "interfaceComponents": {"outputPorts": [{
            "fullyQualifiedName": "urn:dpds:bodies:dataproducts:example-providers:1:outputports:port-0",
            "name": "port-0",
            "version": "1.0.0",
            "promises": {"api": {
                "name": "providers",
                "description": "The providers' contract",
                "specification": "odcs",
                "specificationVersion": "3.1.0",
                "definition": contract,
            }},
        }]},
    });
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn a_contract_carried_by_a_backstage_api_or_a_dpds_port_fills_the_ports_body() {
    let Some(dir) = common::schemas() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (text, doc) = example(&dir, "bitol-odcs-example-full.odcs.yaml");
    let id = doc["id"].as_str().unwrap();
    // What the contract's own file gives the port.
    let own = imported(
        &tmp.path().join("own"),
        &[
            ("providers.odps.yaml", companion(id)),
            ("contract.odcs.yaml", text.clone()),
        ],
    );
    let own = own.load().unwrap();
    let expected = &port_of(&own, id).contract_body;
    assert!(!expected.schema.is_empty());

    let backstage = imported(
        &tmp.path().join("backstage"),
        &[("catalog-info.yaml", backstage_with(&text))],
    );
    let mesh = backstage.load().unwrap();
    let port = port_of(&mesh, id);
    assert_eq!(port.contract_body, *expected, "from the Backstage API");
    assert_eq!(
        port.contract.as_ref().unwrap().version.as_deref(),
        Some("1.1.0")
    );
    // The definition is read, not kept: the API writes the port's contract again.
    assert!(
        port.extensions
            .get("backstage")
            .is_none_or(|bag| bag.pointer("/spec/definition").is_none())
    );

    let dpds = imported(
        &tmp.path().join("dpds"),
        &[("providers.dpds.json", dpds_with(&doc))],
    );
    let mesh = dpds.load().unwrap();
    let port = port_of(&mesh, id);
    assert_eq!(port.contract_body, *expected, "from the DPDS port");
    // What the wrapper adds to the exporter's is kept, not the document again.
    let kept = port.extensions["dpds"].pointer("/promises/api").unwrap();
    assert_eq!(kept["description"], "The providers' contract");
    assert_eq!(kept["specificationVersion"], "3.1.0");
    assert!(kept.get("definition").is_none());
}
