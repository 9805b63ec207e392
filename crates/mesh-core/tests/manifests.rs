//! The Bitol exports of the demo mesh and of a generated 1,000-product mesh, read back
//! as YAML and checked against the official JSON Schemas in `../shared/schemas`;
//! every contract link of a product resolves to an exported contract; the same mesh
//! gives the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::HashSet;

use mesh_core::demo::demo_mesh;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::{
    self, Document, ExportContext, ExportOptions, Format, OdcsVersion, OdpsVersion,
};
use mesh_core::model::Mesh;
use serde_json::Value;

/// The shared schema file, or `None` when the folder is missing outside CI.
fn shared_schema(name: &str) -> Option<Value> {
    let path = common::schemas()?.join(name);
    Some(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
}

fn parse(doc: &Document) -> Value {
    serde_saphyr::from_str(&doc.text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}\n{}", doc.file_name, doc.text))
}

fn generated() -> Mesh {
    generate(&GenerateOptions {
        products: 1000,
        domains: None,
        seed: 7,
    })
}

fn export(mesh: &Mesh, options: ExportOptions, format: Format) -> Vec<Document> {
    let ctx = ExportContext::new(mesh, options);
    manifests::documents(&ctx, &[format])
}

fn assert_valid(schema_file: &str, docs: &[Document]) {
    let Some(schema) = shared_schema(schema_file) else {
        return;
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!docs.is_empty());
    for doc in docs {
        let value = parse(doc);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} against {schema_file}: {errors:#?}\n{}",
            doc.file_name,
            doc.text
        );
    }
}

#[test]
fn odps_validates_against_v1_1_0_and_v1_0_0() {
    for mesh in [demo_mesh(), generated()] {
        let default = export(&mesh, ExportOptions::default(), Format::Odps);
        assert_eq!(default.len(), mesh.products.len());
        assert_valid("bitol-odps-v1.1.0.schema.json", &default);
        let old = ExportOptions {
            odps: OdpsVersion::V1_0_0,
            ..Default::default()
        };
        assert_valid(
            "bitol-odps-v1.0.0.schema.json",
            &export(&mesh, old, Format::Odps),
        );
    }
}

#[test]
fn the_demos_contracts_write_quality_rules_servers_and_terms() {
    let docs = export(&demo_mesh(), ExportOptions::default(), Format::Odcs);
    let values: Vec<Value> = docs.iter().map(parse).collect();
    assert!(
        values
            .iter()
            .all(|v| v["servers"].as_array().is_some_and(|s| s.len() == 1))
    );
    assert!(values.iter().all(|v| v["schema"][0]["quality"].is_array()));
    let orders = values.iter().find(|v| v["id"] == "orders-v4").unwrap();
    assert!(orders["description"]["usage"].is_string());
    let personal = orders["schema"][0]["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "customer_id")
        .unwrap();
    assert_eq!(
        personal["customProperties"],
        serde_json::json!([{"property": "personalData", "value": true}])
    );
}

#[test]
fn odcs_validates_against_v3_1_0_and_v3_2_0() {
    for mesh in [demo_mesh(), generated()] {
        let default = export(&mesh, ExportOptions::default(), Format::Odcs);
        let with_contract = mesh
            .output_ports
            .iter()
            .filter(|p| p.contract.is_some())
            .count();
        assert_eq!(default.len(), with_contract);
        // Every contract describes its data, so the schema checks cover the body too.
        for doc in &default {
            let v = parse(doc);
            let objects = v["schema"].as_array();
            assert!(
                objects.is_some_and(|o| !o.is_empty()),
                "{} has no schema",
                doc.file_name
            );
            let key = objects
                .into_iter()
                .flatten()
                .flat_map(|o| o["properties"].as_array().into_iter().flatten())
                .any(|p| p["primaryKey"] == true);
            assert!(key, "{} has no primary key", doc.file_name);
        }
        assert_valid("bitol-odcs-v3.1.0.schema.json", &default);
        let new = ExportOptions {
            odcs: OdcsVersion::V3_2_0,
            ..Default::default()
        };
        let docs = export(&mesh, new, Format::Odcs);
        assert!(docs[0].text.starts_with("apiVersion: v3.2.0\n"));
        assert_valid("bitol-odcs-v3.2.0.schema.json", &docs);
    }
}

/// The value of a Bitol `customProperties` entry.
fn custom<'v>(item: &'v Value, property: &str) -> Option<&'v Value> {
    item["customProperties"]
        .as_array()?
        .iter()
        .find(|p| p["property"] == property)
        .map(|p| &p["value"])
}

#[test]
fn every_contract_link_resolves_to_an_exported_contract_beside_the_product() {
    for mesh in [demo_mesh(), generated()] {
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let docs = manifests::documents(&ctx, &[Format::Odps, Format::Odcs]);
        let mut beside = HashSet::new();
        let mut anywhere = HashSet::new();
        for d in docs.iter().filter(|d| d.file_name.ends_with(".odcs.yaml")) {
            let v = parse(d);
            let id = v["id"].as_str().unwrap().to_owned();
            let version = v["version"].as_str().unwrap().to_owned();
            beside.insert((d.scope, id.clone(), version.clone()));
            anywhere.insert((id, version));
        }
        let mut links = 0;
        for d in docs.iter().filter(|d| d.file_name.ends_with(".odps.yaml")) {
            let v = parse(d);
            for port in v["outputPorts"].as_array().into_iter().flatten() {
                if let Some(id) = port["contractId"].as_str() {
                    let version = custom(port, "contractVersion")
                        .and_then(Value::as_str)
                        .unwrap_or_else(|| port["version"].as_str().unwrap());
                    // The contract sits in the product's own folder.
                    assert!(
                        beside.contains(&(d.scope, id.to_owned(), version.to_owned())),
                        "{}: output port {} links to {id}@{version}, which is not exported beside it",
                        d.file_name,
                        port["name"]
                    );
                    links += 1;
                }
            }
            for port in v["inputPorts"].as_array().into_iter().flatten() {
                if let Some(id) = port["contractId"].as_str() {
                    let version = port["version"].as_str().unwrap();
                    assert!(
                        anywhere.contains(&(id.to_owned(), version.to_owned())),
                        "{}: input port {} links to {id}@{version}, which is not exported",
                        d.file_name,
                        port["name"]
                    );
                    links += 1;
                }
            }
        }
        assert!(links > mesh.products.len(), "only {links} links checked");
    }
}

#[test]
fn the_same_mesh_gives_the_same_bytes() {
    let mesh = generated();
    let a = export(&mesh, ExportOptions::default(), Format::Odps);
    let b = export(&mesh.clone(), ExportOptions::default(), Format::Odps);
    assert_eq!(a, b);
    let all = |m: &Mesh| {
        let ctx = ExportContext::new(m, ExportOptions::default());
        manifests::documents(&ctx, &Format::ALL)
    };
    assert_eq!(all(&mesh), all(&mesh));
    for d in all(&mesh) {
        assert!(d.text.ends_with('\n') && !d.text.ends_with("\n\n"));
        assert!(!d.text.contains('\r'));
    }
}

#[test]
fn odps_keeps_what_the_schema_has_no_field_for() {
    let mesh = demo_mesh();
    let docs = export(&mesh, ExportOptions::default(), Format::Odps);
    let product = mesh
        .products
        .iter()
        .find(|p| p.accountable_person_id.is_some())
        .unwrap();
    let doc = docs
        .iter()
        .find(|d| d.file_name == format!("{}.odps.yaml", product.name))
        .unwrap();
    let v = parse(doc);
    assert_eq!(v["id"], product.id.to_string());
    assert_eq!(v["name"], product.display_name.as_str());
    assert_eq!(custom(&v, "slug").unwrap(), product.name.as_str());
    let person = mesh
        .people
        .iter()
        .find(|p| Some(p.id) == product.accountable_person_id)
        .unwrap();
    assert_eq!(
        custom(&v, "accountablePerson").unwrap(),
        person.username.as_str()
    );
    let port = &v["outputPorts"][0];
    for key in ["status", "visibility", "containsPii"] {
        assert!(
            custom(port, key).is_some(),
            "output port lacks {key}: {port}"
        );
    }
}

/// Each exported ODCS contract by its id and version.
fn contracts_by_id(docs: &[Document]) -> std::collections::HashMap<(String, String), Value> {
    docs.iter()
        .map(parse)
        .map(|v| {
            (
                (
                    v["id"].as_str().unwrap().to_owned(),
                    v["version"].as_str().unwrap().to_owned(),
                ),
                v,
            )
        })
        .collect()
}

/// Validates `value` against the shared schema file, naming `what` on failure.
fn assert_value_valid(schema_file: &str, what: &str, value: &Value) {
    let Some(schema) = shared_schema(schema_file) else {
        return;
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} against {schema_file}: {errors:#?}"
    );
}

#[test]
fn backstage_apis_and_dpds_ports_carry_each_contract_as_its_odcs_document() {
    let mesh = demo_mesh();
    let contracts = contracts_by_id(&export(&mesh, ExportOptions::default(), Format::Odcs));
    assert!(!contracts.is_empty());

    // Backstage: an API of a port with a contract is of type `odcs`, its definition the
    // contract file's document.
    let mut carried = 0;
    for doc in export(&mesh, ExportOptions::default(), Format::Backstage) {
        let entities: Vec<Value> = serde_saphyr::from_multiple(&doc.text).unwrap();
        for api in entities.iter().filter(|e| e["kind"] == "API") {
            if api["spec"]["type"] != "odcs" {
                continue;
            }
            let text = api["spec"]["definition"].as_str().unwrap();
            let definition: Value = serde_saphyr::from_str(text).unwrap();
            let key = (
                definition["id"].as_str().unwrap().to_owned(),
                definition["version"].as_str().unwrap().to_owned(),
            );
            assert_eq!(definition, contracts[&key], "{}", api["metadata"]["name"]);
            assert!(
                definition["schema"]
                    .as_array()
                    .is_some_and(|s| !s.is_empty())
            );
            assert_value_valid("bitol-odcs-v3.1.0.schema.json", &key.0, &definition);
            carried += 1;
        }
    }
    assert_eq!(carried, contracts.len());

    // DPDS: `promises.api` names the contract, its definition the same document but for
    // the team, which DPDS gives `info.owner`.
    let mut carried = 0;
    for doc in export(&mesh, ExportOptions::default(), Format::Dpds) {
        let descriptor: Value = serde_json::from_str(&doc.text).unwrap();
        for port in descriptor["interfaceComponents"]["outputPorts"]
            .as_array()
            .unwrap()
        {
            let api = &port["promises"]["api"];
            if api.is_null() {
                continue;
            }
            assert_eq!(api["specification"], "odcs");
            let definition = &api["definition"];
            let key = (
                definition["id"].as_str().unwrap().to_owned(),
                definition["version"].as_str().unwrap().to_owned(),
            );
            assert_eq!(api["name"], key.0.as_str());
            let mut expected = contracts[&key].clone();
            let map = expected.as_object_mut().unwrap();
            map.shift_remove("team");
            map.shift_remove("support");
            assert_eq!(definition, &expected, "{}", port["name"]);
            assert_value_valid("bitol-odcs-v3.1.0.schema.json", &key.0, definition);
            carried += 1;
        }
    }
    assert_eq!(carried, contracts.len());
}
