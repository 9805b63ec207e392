//! Every official Bitol example in `../shared/schemas` (ODPS products, ODCS contracts)
//! imports, and its re-export keeps every field it had and still validates against the
//! current schema (ODPS v1.1.0, ODCS v3.1.0).
//!
//! The examples' input ports name contracts that exist in no example, and the ODCS
//! examples belong to no example product, so the import gets one companion product
//! whose output ports declare those contract ids: the import refuses dangling
//! references by design. With `CI` set a missing schema folder fails the test;
//! otherwise the test is skipped with a message.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use mesh_core::Store;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format};
use serde_json::{Value, json};

fn examples(dir: &std::path::Path, prefix: &str, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(suffix)
        })
        .collect();
    found.sort();
    assert!(
        !found.is_empty(),
        "no {prefix}*{suffix} in {}",
        dir.display()
    );
    found
}

/// YAML as JSON Schema sees it: YAML 1.2 booleans only, like the import reads it.
fn yaml(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).unwrap()
}

fn yaml_file(path: &std::path::Path) -> Value {
    yaml(&std::fs::read_to_string(path).unwrap())
}

/// Every key path of a value; list items share their list's path (`a[].b`), since
/// the exporter writes lists in the mesh's order.
fn key_paths(v: &Value, at: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(path.clone());
                // Custom properties and service levels are lists of named entries:
                // each name must survive, not just the list's shape.
                if k == "property"
                    && let Value::String(name) = child
                {
                    out.insert(format!("{path}={name}"));
                }
                key_paths(child, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

fn missing_keys(original: &Value, exported: &Value) -> Vec<String> {
    let mut before = BTreeSet::new();
    let mut after = BTreeSet::new();
    key_paths(original, "", &mut before);
    key_paths(exported, "", &mut after);
    before.difference(&after).cloned().collect()
}

/// The companion product: one output port per contract id the examples need.
fn companion(contracts: &[(String, String)]) -> String {
    let ports: Vec<Value> = contracts
        .iter()
        .enumerate()
        .map(|(i, (id, version))| {
            json!({"name": format!("port-{i}"), "version": version, "type": "table", "contractId": id})
        })
        .collect();
    let doc = json!({
        "apiVersion": "v1.1.0",
        "kind": "DataProduct",
        "id": "0b9d8f00-5a8c-4c3e-9a43-3f0c7d2b9e01",
        "name": "Example providers",
        "version": "1.0.0",
        "status": "active",
        "domain": "seller",
        "outputPorts": ports,
    });
    serde_saphyr::to_string(&doc).unwrap()
}

fn export(mesh: &mesh_core::model::Mesh) -> Vec<String> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let mut texts: Vec<String> = manifests::documents(&ctx, &[Format::Odps, Format::Odcs])
        .into_iter()
        .map(|d| d.text)
        .collect();
    texts.sort();
    texts
}

fn validator(dir: &std::path::Path, name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn official_examples_import_and_re_export_with_every_field() {
    let Some(dir) = common::schemas() else {
        return;
    };
    let odps = examples(&dir, "bitol-odps-example-", ".odps.yaml");
    let odcs = examples(&dir, "bitol-odcs-example-", ".odcs.yaml");
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let mut contracts = Vec::new();
    for path in &odps {
        let doc = yaml_file(path);
        for port in doc["inputPorts"].as_array().into_iter().flatten() {
            contracts.push((
                port["contractId"].as_str().unwrap().to_owned(),
                port["version"].as_str().unwrap_or("1.0.0").to_owned(),
            ));
        }
        std::fs::copy(path, input.join(path.file_name().unwrap())).unwrap();
    }
    for path in &odcs {
        let doc = yaml_file(path);
        contracts.push((doc["id"].as_str().unwrap().to_owned(), "1.0.0".to_owned()));
        std::fs::copy(path, input.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.join("providers.odps.yaml"), companion(&contracts)).unwrap();

    let info = common::info("examples");
    let mut store = Store::create(&tmp.path().join("examples.mesh"), &info).unwrap();
    common::import(&mut store, &[input], false);
    let mesh = store.load().unwrap();
    let texts = export(&mesh);
    let exported: Vec<Value> = texts.iter().map(|t| yaml(t)).collect();
    for text in texts.iter().filter(|t| t.contains("kind: DataProduct")) {
        assert!(
            !text.contains("servers:"),
            "a contract's fields were copied into its product:\n{text}"
        );
    }

    // The re-export imported into another new mesh exports the same bytes again.
    let again = tmp.path().join("again");
    std::fs::create_dir_all(&again).unwrap();
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(again.join(format!("{i}.yaml")), text).unwrap();
    }
    let mut second = Store::create(&tmp.path().join("again.mesh"), &info).unwrap();
    common::import(&mut second, &[again], false);
    assert_eq!(export(&second.load().unwrap()), texts);

    let odps_schema = validator(&dir, "bitol-odps-v1.1.0.schema.json");
    let odcs_schema = validator(&dir, "bitol-odcs-v3.1.0.schema.json");
    let mut problems = Vec::new();
    for path in odps.iter().chain(&odcs) {
        let original = yaml_file(path);
        let kind = original["kind"].as_str().unwrap();
        let again = exported
            .iter()
            .find(|d| d["kind"] == original["kind"] && d["id"] == original["id"])
            .unwrap_or_else(|| panic!("{} was not re-exported", path.display()));
        let missing = missing_keys(&original, again);
        if !missing.is_empty() {
            problems.push(format!("{}: lost {missing:?}", path.display()));
        }
        let schema = if kind == "DataProduct" {
            &odps_schema
        } else {
            &odcs_schema
        };
        for e in schema.iter_errors(again) {
            problems.push(format!(
                "{}: re-export invalid: {e} at {}",
                path.display(),
                e.instance_path()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
