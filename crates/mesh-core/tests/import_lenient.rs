//! Importing one format never clears what only another format carries: the demo
//! exported in every format and each format's files imported alone into the demo leave
//! the mesh as it was. Service levels live in the ODCS contracts, not in the ODPS
//! files, and an ODPS file alone must not empty them.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::Action;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, layout};
use mesh_core::model::Mesh;
use serde_json::{Value, json};

/// Every document of `formats`, placed as `meshwright export` places them.
fn export(mesh: &Mesh, formats: &[Format]) -> BTreeMap<String, String> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, formats);
    layout::place(&ctx, docs, false)
        .unwrap()
        .into_iter()
        .map(|p| (p.path, p.text))
        .collect()
}

/// YAML as the import reads it (YAML 1.2 booleans).
fn yaml(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).unwrap()
}

fn to_yaml(v: &Value) -> String {
    serde_saphyr::to_string(v).unwrap()
}

// Importing one format alone.

/// Which files of an export hold a format.
fn of_format(path: &str, format: Format) -> bool {
    match format {
        Format::Odps => path.ends_with(".odps.yaml"),
        Format::Odcs => path.ends_with(".odcs.yaml"),
        Format::Dpds => path.ends_with(".dpds.json"),
        Format::Backstage => path.ends_with("catalog-info.yaml"),
        Format::Datahub => path.ends_with(".datahub.yaml"),
    }
}

/// The demo, with what an import of other files would have left in its bags: a
/// contract's own fields on a port, which only its ODCS document carries.
fn demo() -> Mesh {
    let mut mesh = demo_mesh();
    let port = mesh
        .output_ports
        .iter_mut()
        .find(|p| p.contract.is_some() && !p.service_levels.is_empty())
        .unwrap();
    port.extensions.insert(
        "odcs".into(),
        json!({"servers": [{"server": "prod", "type": "postgres", "host": "db", "port": 5432, "database": "shop", "schema": "public"}]}),
    );
    mesh
}

/// A stored copy of `mesh` in `dir` and its state as loaded.
fn stored(dir: &Path, mesh: &Mesh) -> (Store, Mesh) {
    std::fs::create_dir_all(dir).unwrap();
    let store = Store::create_from(&dir.join("demo.mesh"), mesh, &mut |_, _| {}).unwrap();
    let loaded = store.load().unwrap();
    (store, loaded)
}

/// The paths (dotted) at which two meshes differ, with both values.
fn differences(before: &Mesh, after: &Mesh) -> Vec<String> {
    fn walk(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    let (p, q) = (
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                    );
                    walk(p, q, &format!("{at}.{k}"), out);
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(p, q, &format!("{at}[{i}]"), out);
                }
            }
            _ if a != b => out.push(format!("{at}: {a} -> {b}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(before).unwrap(),
        &serde_json::to_value(after).unwrap(),
        "",
        &mut out,
    );
    out
}

#[test]
fn importing_one_format_alone_changes_nothing_it_does_not_carry() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, source) = stored(&tmp.path().join("source"), &demo());
    let tree = export(&source, &Format::ALL);
    let root = tmp.path().join("export");
    common::write_tree(&root, &tree);
    for format in [Format::Odps, Format::Odcs, Format::Dpds, Format::Backstage] {
        let paths: Vec<PathBuf> = tree
            .keys()
            .filter(|p| of_format(p, format))
            .map(|p| root.join(p))
            .collect();
        assert!(!paths.is_empty(), "{format:?}");
        let (mut store, before) = stored(&tmp.path().join(format.name()), &source);
        let report = common::import(&mut store, &paths, false);
        let after = store.load().unwrap();
        let diff = differences(&before, &after);
        assert!(
            diff.is_empty(),
            "importing the {} files alone changed the mesh:\n{}",
            format.name(),
            diff.join("\n")
        );
        assert_eq!(after, before);
        assert_eq!(
            report.plan.count(Action::Unchanged),
            report.plan.entities.len(),
            "{}",
            format.name()
        );
    }
}

#[test]
fn an_edited_purpose_in_the_odps_file_alone_changes_only_that_field() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, before) = stored(&tmp.path().join("mesh"), &demo());
    let tree = export(&before, &Format::ALL);
    let (path, text) = tree
        .iter()
        .find(|(p, _)| p.ends_with("/orders.odps.yaml"))
        .unwrap();
    let product = before.products.iter().find(|p| p.name == "orders").unwrap();
    let purpose = product.description.purpose.clone().unwrap();
    let mut doc = yaml(text);
    doc["description"]["purpose"] = json!("Every order, as placed and as fulfilled.");
    let file = tmp.path().join("edited").join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, to_yaml(&doc)).unwrap();
    assert_ne!(purpose, "Every order, as placed and as fulfilled.");

    common::import(&mut store, &[file], false);
    let after = store.load().unwrap();
    let diff = differences(&before, &after);
    let at = before
        .products
        .iter()
        .position(|p| p.name == "orders")
        .unwrap();
    assert_eq!(
        diff,
        [format!(
            ".products[{at}].description.purpose: {} -> \"Every order, as placed and as fulfilled.\"",
            Value::from(purpose)
        )]
    );
    // Its ports kept their service levels.
    for port in after
        .output_ports
        .iter()
        .filter(|p| p.product_id == product.id)
    {
        let was = before
            .output_ports
            .iter()
            .find(|p| p.id == port.id)
            .unwrap();
        assert_eq!(port.service_levels, was.service_levels);
    }
    assert!(
        after
            .output_ports
            .iter()
            .any(|p| p.product_id == product.id && !p.service_levels.is_empty())
    );
}
