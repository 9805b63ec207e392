//! Every official DPDS and Backstage example in `../shared/schemas` imports into a new
//! mesh, and its re-export holds every value it had and still validates.
//!
//! Values are compared leaf by leaf. The normalisations allowed are the documented
//! ones: DPDS `fullyQualifiedName`s are rebuilt from the mesh's namespace, the slug
//! and the major version, and names and domains that are not slugs become slugs;
//! Backstage owners the mesh holds as teams are written `group:<name>`. The trip
//! execution port file is a port, not a descriptor, so it is imported inline in a
//! descriptor (as DPDS allows). The Backstage `spotify` API holds a `$text` placeholder
//! that Backstage substitutes before validation, so it fails the API schema before
//! import as after; only entities that validated before are required to after. With
//! `CI` set a missing schema folder fails the tests; otherwise they are skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use mesh_core::Store;
use mesh_core::manifests::{ExportContext, ExportOptions, backstage, dpds};
use mesh_core::model::Mesh;
use serde_json::{Value, json};

/// Every leaf of `v` with its JSON Pointer (`/a/b/0/c`).
fn leaves(v: &Value, at: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                leaves(child, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, &format!("{at}/{i}"), out);
            }
        }
        leaf => out.push((at.to_owned(), leaf.clone())),
    }
}

/// The leaves of `original` that `exported` lacks or holds otherwise, less those
/// `normal` accepts (path, original value, exported value).
fn lost(
    original: &Value,
    exported: &Value,
    normal: impl Fn(&str, &Value, &Value) -> bool,
) -> Vec<String> {
    let mut all = Vec::new();
    leaves(original, "", &mut all);
    all.into_iter()
        .filter_map(|(path, value)| match exported.pointer(&path) {
            Some(v) if *v == value || normal(&path, &value, v) => None,
            Some(v) => Some(format!("{path}: {value} became {v}")),
            None => Some(format!("{path}: {value} was dropped")),
        })
        .collect()
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

fn import(files: &[(&str, String)], namespace: &str) -> Mesh {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in files {
        std::fs::write(input.join(name), text).unwrap();
    }
    let info = mesh_core::model::MeshInfo {
        namespace: namespace.into(),
        ..common::info("examples")
    };
    let mut store = Store::create(&tmp.path().join("x.mesh"), &info).unwrap();
    common::import(&mut store, &[input], false);
    store.load().unwrap()
}

#[test]
fn official_dpds_examples_import_and_re_export_every_value() {
    let Some(dir) = common::schemas() else { return };
    let schema = jsonschema::validator_for(&common::load(&dir, "dpds-1.0.0.schema.json")).unwrap();
    let minimal = common::load(&dir, "dpds-example-minimal.dpd.json");
    let trip = common::load(&dir, "dpds-example-tripexecution.dpd.json");
    // The port file, inline in a descriptor of its own.
    let port = common::load(&dir, "dpds-example-tripexecution-port-trip-status.json");
    let mut inline = minimal.clone();
    inline["info"]["name"] = json!("tripExecution");
    inline["interfaceComponents"]["outputPorts"] = json!([port]);
    let normal = |path: &str, before: &Value, after: &Value| {
        let (Some(before), Some(after)) = (before.as_str(), after.as_str()) else {
            return false;
        };
        let leaf = path.rsplit('/').next().unwrap();
        match leaf {
            "fullyQualifiedName" => {
                after.starts_with("urn:dpds:com.company-xyz:dataproducts:tripexecution:1")
            }
            "name" | "domain" => after == slug(before),
            _ => false,
        }
    };
    let mut problems = Vec::new();
    for (label, original) in [
        ("minimal", minimal),
        ("tripexecution", trip),
        ("inline port", inline),
    ] {
        let mesh = import(&[("x.dpd.json", original.to_string())], "com.company-xyz");
        assert_eq!(mesh.products.len(), 1, "{label}");
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let docs = dpds::documents(&ctx);
        let exported: Value = serde_json::from_str(&docs[0].text).unwrap();
        for p in lost(&original, &exported, normal) {
            problems.push(format!("{label}: {p}"));
        }
        for e in schema.iter_errors(&exported) {
            problems.push(format!(
                "{label}: re-export invalid: {e} at {}",
                e.instance_path()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_official_backstage_example_imports_and_re_exports_every_value() {
    let Some(dir) = common::schemas() else { return };
    let schemas = common::BackstageSchemas::load(&dir);
    let path = dir.join("backstage-example-catalog-info.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let originals: Vec<Value> = serde_saphyr::from_multiple(&text).unwrap();
    let mesh = import(&[("catalog-info.yaml", text.clone())], "com.example");
    assert_eq!(mesh.domains.len(), 2);
    assert_eq!(mesh.teams.len(), 1);
    assert_eq!(mesh.products.len(), 1, "the System is a data product");
    let artists = mesh.domains.iter().find(|d| d.name == "artists").unwrap();
    let audio = mesh.domains.iter().find(|d| d.name == "audio").unwrap();
    assert_eq!(artists.parent_id, Some(audio.id));
    assert_eq!(artists.owner_team_id, Some(mesh.teams[0].id));

    let ctx = ExportContext::new(&mesh, ExportOptions::default());
    let exported: Vec<Value> = backstage::documents(&ctx)
        .iter()
        .flat_map(|d| serde_saphyr::from_multiple::<Value>(&d.text).unwrap())
        .collect();
    // `audio`'s owner (`acme-corp`, no Group of the catalog) is written back as it was,
    // so no stand-in owner is needed.
    assert!(
        !exported
            .iter()
            .any(|e| e["metadata"]["name"] == backstage::UNOWNED_GROUP),
        "{exported:#?}"
    );
    let normal = |path: &str, before: &Value, after: &Value| {
        path.ends_with("/spec/owner")
            && after.as_str() == before.as_str().map(|b| format!("group:{b}")).as_deref()
    };
    let valid = |entity: &Value| {
        let kind = entity["kind"].as_str().unwrap();
        schemas.envelope.is_valid(entity) && schemas.kinds[kind].is_valid(entity)
    };
    let mut problems = Vec::new();
    for original in originals.iter().filter(|v| !v.is_null()) {
        let label = format!("{} {}", original["kind"], original["metadata"]["name"]);
        let Some(again) = exported.iter().find(|e| {
            e["kind"] == original["kind"] && e["metadata"]["name"] == original["metadata"]["name"]
        }) else {
            problems.push(format!("{label} was not re-exported"));
            continue;
        };
        for p in lost(original, again, normal) {
            problems.push(format!("{label}: {p}"));
        }
        if valid(original) && !valid(again) {
            problems.push(format!(
                "{label}: the re-export no longer validates: {again}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
