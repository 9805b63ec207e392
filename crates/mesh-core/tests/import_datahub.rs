//! DataHub data product files import as data products: the three files DataHub's own
//! tests use (read in place from `../shared/realworld/datahub`) each import alone into
//! a new mesh, and the DataHub export of that mesh holds every key and value they had
//! (compared as data: `version: 2.0` stays the number 2.0); so does a hand-written file
//! with owners, tags, links, ports and properties of every kind. The demo mesh's own
//! DataHub files import back without a change, into the demo and into a new mesh, and
//! custom properties of every type come back whole; DataHub only fills what the other
//! formats leave empty; files of the other formats are not taken for DataHub files; a
//! kept spelling gives way once the model says something else; and a malformed file
//! is refused with its path, line and column. With `CI` set a missing real-world
//! folder fails the tests; otherwise they are skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::{Action, Detected, read_sources, run};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, datahub, layout};
use mesh_core::model::{Mesh, OutputPort, Status};
use serde_json::Value;

/// The keys and values of `original` that `exported` lacks or holds otherwise, each
/// as `<path>: <what happened>`, found by walking both documents together. Mappings
/// compare key by key (order does not matter), lists item by item, scalars as data.
fn missing(original: &Value, exported: Option<&Value>, at: &str, out: &mut Vec<String>) {
    match (original, exported) {
        (Value::Object(want), Some(Value::Object(got))) => {
            for (key, value) in want {
                missing(value, got.get(key), &format!("{at}/{key}"), out);
            }
        }
        (Value::Array(want), Some(Value::Array(got))) if want.len() == got.len() => {
            for (i, item) in want.iter().enumerate() {
                missing(item, got.get(i), &format!("{at}/{i}"), out);
            }
        }
        (want, Some(got)) if want == got => {}
        (want, Some(got)) => out.push(format!("{at}: {want} became {got}")),
        (want, None) => out.push(format!("{at}: {want} was dropped")),
    }
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap()
}

/// A new, empty mesh file in `dir`.
fn new_store(dir: &Path, name: &str) -> Store {
    Store::create(&dir.join(format!("{name}.mesh")), &common::info(name)).unwrap()
}

/// Every DataHub document of `mesh`, placed as `meshwright export` places them.
fn export(mesh: &Mesh) -> BTreeMap<String, String> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, &[Format::Datahub]);
    layout::place(&ctx, docs, false)
        .unwrap()
        .into_iter()
        .map(|p| (p.path, p.text))
        .collect()
}

/// The one DataHub document of a one-product mesh, as data.
fn only_document(mesh: &Mesh) -> Value {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = datahub::documents(&ctx);
    assert_eq!(docs.len(), 1);
    yaml(&docs[0].text)
}

fn real_files() -> Option<Vec<PathBuf>> {
    let dir = common::realworld()?.join("datahub");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{}", dir.display());
    Some(files)
}

#[test]
fn each_real_datahub_file_imports_alone_and_re_exports_every_key() {
    let Some(files) = real_files() else { return };
    let mut problems = Vec::new();
    for path in files {
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        let original = yaml(&std::fs::read_to_string(&path).unwrap());
        let tmp = tempfile::tempdir().unwrap();
        let mut store = new_store(tmp.path(), "real");
        let report = common::import(&mut store, std::slice::from_ref(&path), false);
        assert!(report.applied, "{label}");
        let mesh = store.load().unwrap();
        assert_eq!(mesh.products.len(), 1, "{label}");
        let product = &mesh.products[0];
        assert_eq!(
            Some(product.display_name.as_str()),
            original["display_name"].as_str(),
            "{label}"
        );
        assert_eq!(
            product.description.purpose.as_deref(),
            original["description"].as_str(),
            "{label}"
        );
        assert_eq!(mesh.domains.len(), 1, "{label}");
        assert_eq!(mesh.domains[0].name, "marketing", "{label}");
        // `urn:li:corpuser:jdoe` as BUSINESS_OWNER is how the exporter writes the
        // accountable person.
        let person = mesh.people.iter().find(|p| p.username == "jdoe").unwrap();
        assert_eq!(product.accountable_person_id, Some(person.id), "{label}");
        // Containers and feature tables are no ports: they stay in the bag.
        assert!(mesh.output_ports.is_empty(), "{label}");

        let exported = only_document(&mesh);
        let mut lost = Vec::new();
        missing(&original, Some(&exported), "", &mut lost);
        problems.extend(lost.into_iter().map(|p| format!("{label}: {p}")));

        // The re-export, imported into the mesh it came from, changes nothing.
        let again = tmp.path().join("again.datahub.yaml");
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        std::fs::write(&again, &datahub::documents(&ctx)[0].text).unwrap();
        let report = common::import(&mut store, &[again], true);
        assert!(
            report.plan.ops.is_empty(),
            "{label}: {:?}",
            report.plan.entities
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_real_files_map_what_the_model_holds() {
    let Some(files) = real_files() else { return };
    let path = files
        .iter()
        .find(|p| p.ends_with("datahub-tests-dataproduct.yaml"))
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = new_store(tmp.path(), "real");
    common::import(&mut store, std::slice::from_ref(path), false);
    let mesh = store.load().unwrap();
    let product = &mesh.products[0];
    assert_eq!(product.name, "pet-of-the-week");
    assert_eq!(
        product.version, "2.0.0",
        "`version: 2.0` is the version 2.0.0"
    );
    assert_eq!(product.status, Status::Active);
    assert_eq!(product.tags, ["awesome"]);
    let bag = &product.extensions["datahub"];
    for key in ["id", "domain", "assets", "terms", "external_url"] {
        assert!(bag.get(key).is_some(), "{key} kept: {bag}");
    }
    assert!(bag.get("owners").is_none(), "the owners are mapped: {bag}");
    assert!(bag.get("tags").is_none(), "the tags are mapped: {bag}");
    assert_eq!(bag["properties"]["version"], serde_json::json!(2.0));
    assert_eq!(bag["properties"]["classification"], "pii");
}

#[test]
fn a_kept_spelling_gives_way_when_the_model_changes() {
    let Some(files) = real_files() else { return };
    let path = files
        .iter()
        .find(|p| p.ends_with("datahub-tests-dataproduct.yaml"))
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = new_store(tmp.path(), "real");
    common::import(&mut store, std::slice::from_ref(path), false);
    let mut mesh = store.load().unwrap();
    mesh.products[0].version = "3.1.0".into();
    mesh.products[0].name = "pets".into();
    mesh.products[0].tags.clear();
    let exported = only_document(&mesh);
    assert_eq!(exported["properties"]["version"], "3.1.0");
    assert_eq!(exported["id"], "urn:li:dataProduct:pets");
    assert!(exported.get("tags").is_none(), "{exported}");
    // What the model does not hold stays.
    assert_eq!(exported["domain"], "Marketing");
    assert_eq!(exported["properties"]["classification"], "pii");
    assert_eq!(exported["assets"].as_array().map(Vec::len), Some(3));
}

/// The demo mesh as the store returns it, in `dir`.
fn stored_demo(dir: &Path) -> Store {
    Store::create_from(&dir.join("demo.mesh"), &demo_mesh(), &mut |_, _| {}).unwrap()
}

#[test]
fn the_demo_meshs_datahub_files_import_back_without_a_change() {
    let tmp = tempfile::tempdir().unwrap();
    let mut demo = stored_demo(tmp.path());
    let source = demo.load().unwrap();
    let first = export(&source);
    let repos = tmp.path().join("repos");
    common::write_tree(&repos, &first);

    // Into the mesh they came from: nothing changes, nothing is skipped.
    let report = common::import(&mut demo, std::slice::from_ref(&repos), true);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.documents, source.products.len());
    let changed: Vec<_> = report
        .plan
        .entities
        .iter()
        .filter(|e| e.action != Action::Unchanged)
        .collect();
    assert!(changed.is_empty(), "{changed:#?}");
    assert!(report.plan.disagreements.is_empty());

    // Into a new mesh: products, ports and dependencies come back, and so does every file.
    let mut store = Store::create(&tmp.path().join("copy.mesh"), &source.info).unwrap();
    common::import(&mut store, std::slice::from_ref(&repos), false);
    let copy = store.load().unwrap();
    assert_eq!(copy.products.len(), source.products.len());
    // DataHub carries no contract body (only ODCS does): the ports compare without it.
    let bodiless = |ports: &[OutputPort]| {
        ports
            .iter()
            .map(|p| OutputPort {
                contract_body: Default::default(),
                ..p.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(bodiless(&copy.output_ports), bodiless(&source.output_ports));
    assert_eq!(copy.input_ports, source.input_ports);
    let ids = |m: &Mesh| m.products.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(ids(&copy), ids(&source));
    common::same_files(&first, &export(&copy));
    let again = common::import(&mut store, &[repos], true);
    assert!(again.plan.ops.is_empty(), "{:?}", again.plan.entities);
}

#[test]
fn datahub_fills_gaps_and_the_other_formats_win() {
    let tmp = tempfile::tempdir().unwrap();
    let source = stored_demo(tmp.path()).load().unwrap();
    let ctx = ExportContext::new(&source, ExportOptions::default());
    let docs = manifests::documents(&ctx, &[Format::Odps, Format::Datahub]);
    let mut tree: BTreeMap<String, String> = layout::place(&ctx, docs, false)
        .unwrap()
        .into_iter()
        .map(|p| (p.path, p.text))
        .collect();
    let product = &source.products[0];
    let (path, text) = tree
        .iter_mut()
        .find(|(p, _)| p.ends_with(&format!("/{}.datahub.yaml", product.name)))
        .unwrap();
    let edited = text.replacen(
        &format!("display_name: {}", product.display_name),
        "display_name: Renamed in DataHub",
        1,
    );
    assert_ne!(&edited, text, "{path}");
    *text = edited;
    let repos = tmp.path().join("repos");
    common::write_tree(&repos, &tree);
    let mut store = Store::create(&tmp.path().join("copy.mesh"), &source.info).unwrap();
    let report = common::import(&mut store, &[repos], false);
    let lines: Vec<String> = report
        .plan
        .disagreements
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].contains("field `displayName`") && lines[0].contains("keeping ODPS"),
        "{lines:?}"
    );
    let copy = store.load().unwrap();
    let again = copy.product_by_name(&product.name).unwrap();
    assert_eq!(again.display_name, product.display_name);
}

#[test]
fn files_of_the_other_formats_are_not_taken_for_datahub_files() {
    let Some(dir) = common::realworld() else {
        return;
    };
    for folder in ["odps", "odcs", "dpds", "backstage", "datacontract-spec"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let got = read_sources(
                std::slice::from_ref(&path),
                &mut |_, _| {},
                &AtomicBool::new(false),
            );
            assert!(
                got.documents.iter().all(|d| d.format != Detected::Datahub),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn a_malformed_datahub_file_names_path_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = new_store(tmp.path(), "bad");
    let path = tmp.path().join("orders.datahub.yaml");
    let text = "\
id:
  - orders
  - more
domain: urn:li:domain:sales
owners:
  - id: urn:li:corpuser:jdoe
  - 5
properties:
  meshwright.id: [1]
";
    std::fs::write(&path, text).unwrap();
    let errors: Vec<String> = run(
        &mut store,
        std::slice::from_ref(&path),
        mesh_core::manifests::import::ImportOptions::default(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .expect_err("a malformed file is refused")
    .iter()
    .map(ToString::to_string)
    .collect();
    let file = path.display().to_string();
    let expected = [
        format!("{file}:1:1: field `id`: must be a string, not a list"),
        format!("{file}:6:5: field `owners[0].type`: is required"),
        format!("{file}:7:5: field `owners[1]`: must be a urn or a mapping"),
        format!("{file}:9:3: field `properties.meshwright.id`: must be a string, not a list"),
    ];
    for want in &expected {
        assert!(
            errors.iter().any(|e| e.starts_with(want.as_str())),
            "expected {want:?} in {errors:#?}"
        );
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    assert!(store.load().unwrap().products.is_empty());
}

#[test]
fn a_hand_written_file_maps_what_it_can_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = new_store(tmp.path(), "hand");
    let path = tmp.path().join("orders.yaml");
    let text = "\
id: urn:li:dataProduct:orders
domain: urn:li:domain:sales
display_name: Orders
owners:
  - urn:li:corpGroup:order-team
  - id: urn:li:corpGroup:Order Team
    type: TECHNICAL_OWNER
  - id: urn:li:corpuser:ana
    type: BUSINESS_OWNER
  - id: bob
    type: DATA_STEWARD
tags: [gold, urn:li:tag:orders]
institutional_memory:
  elements:
    - url: https://wiki.example.com/orders
      description: https://wiki.example.com/orders
    - url: https://runbook.example.com/orders
      description: Runbook
assets:
  - urn:li:dataset:(urn:li:dataPlatform:snowflake,orders.daily.1.0.0,PROD)
  - urn:li:dataset:(urn:li:dataPlatform:snowflake,raw.orders,PROD)
  - urn:li:chart:(looker,orders)
output_ports:
  - urn:li:dataset:(urn:li:dataPlatform:snowflake,orders.daily.1.0.0,PROD)
  - urn:li:dataset:(urn:li:dataPlatform:snowflake,raw.orders,PROD)
properties:
  lifecycle: deprecated
  version: v1.2.0
  archetype: aggregate
  usage: 5
  custom.tier: 1
  custom.owner-note: 'ask in #orders'
  port.http: '8080'
";
    std::fs::write(&path, text).unwrap();
    common::import(&mut store, std::slice::from_ref(&path), false);
    let mesh = store.load().unwrap();
    let product = mesh.product_by_name("orders").unwrap();
    assert_eq!(product.status, Status::Deprecated);
    assert_eq!(product.version, "1.2.0");
    assert_eq!(product.description.usage.as_deref(), Some("5"));
    assert_eq!(product.tags, ["gold", "orders"]);
    assert_eq!(product.links.len(), 2);
    assert_eq!(
        product.links[0].title, None,
        "a description equal to the URL"
    );
    assert_eq!(product.links[1].title.as_deref(), Some("Runbook"));
    let custom: Vec<(&str, &Value)> = product
        .custom_properties
        .iter()
        .map(|c| (c.key.as_str(), &c.value))
        .collect();
    assert_eq!(
        custom,
        [
            ("tier", &serde_json::json!("1")),
            ("owner-note", &serde_json::json!("ask in #orders"))
        ]
    );
    // Two groups are TECHNICAL_OWNER: neither is the team. Ana is accountable.
    assert_eq!(product.owner_team_id, None);
    let ana = mesh.people.iter().find(|p| p.username == "ana").unwrap();
    assert_eq!(product.accountable_person_id, Some(ana.id));
    assert_eq!(mesh.domains[0].name, "sales");
    // The dataset of the exporter's form is a port; the other dataset is not.
    assert_eq!(mesh.output_ports.len(), 1);
    let port = &mesh.output_ports[0];
    assert_eq!(
        (port.name.as_str(), port.version.as_str()),
        ("daily", "1.0.0")
    );
    assert_eq!(port.custom_properties[0].value, "snowflake");

    let original = yaml(text);
    let exported = only_document(&mesh);
    let mut lost = Vec::new();
    missing(&original, Some(&exported), "", &mut lost);
    assert!(lost.is_empty(), "{}\n{exported:#}", lost.join("\n"));
}

#[test]
fn custom_properties_of_every_type_come_back_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let mut mesh = stored_demo(tmp.path()).load().unwrap();
    let custom =
        |key: &str, value: Value, description: Option<&str>| mesh_core::model::CustomProperty {
            key: key.into(),
            value,
            description: description.map(Into::into),
        };
    mesh.products[0].custom_properties = vec![
        custom("tier", serde_json::json!(1), Some("Support tier")),
        custom("cost-centre", serde_json::json!("CC-7"), None),
        custom("flags", serde_json::json!({"beta": true}), None),
    ];
    // Plain texts in key order need no more than the `custom.` properties.
    mesh.products[1].custom_properties = vec![
        custom("a", serde_json::json!("x"), None),
        custom("b", serde_json::json!("5"), None),
    ];
    let first = export(&mesh);
    let texts: Vec<&String> = first.values().collect();
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.contains("meshwright.customProperties"))
            .count(),
        1
    );
    let repos = tmp.path().join("repos");
    common::write_tree(&repos, &first);
    let mut store = Store::create(&tmp.path().join("copy.mesh"), &mesh.info).unwrap();
    common::import(&mut store, &[repos], false);
    let copy = store.load().unwrap();
    for product in &mesh.products[..2] {
        let again = copy.products.iter().find(|p| p.id == product.id).unwrap();
        assert_eq!(again.custom_properties, product.custom_properties);
    }
}
