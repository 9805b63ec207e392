//! `meshwright impact` on the demo mesh: the JSON lists what the core's graph reaches
//! (each product once, with its distance, domain and owner team), the depth and
//! direction limit it, `--what-if remove` names every input reading the removed port,
//! and an unknown name exits 2 with the closest names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{fails_with, meshwright};
use mesh_core::graph::MeshGraph;
use mesh_core::model::{DependencySource, Mesh};
use mesh_core::{Access, Store};
use serde_json::Value;

/// The demo mesh in a fresh folder (kept alive by the returned guard), and its model.
fn demo() -> (tempfile::TempDir, std::path::PathBuf, Mesh) {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo(dir.path());
    let mesh = saved(&file);
    (dir, file, mesh)
}

fn name_of(mesh: &Mesh, id: uuid::Uuid) -> String {
    let product = mesh.products.iter().find(|p| p.id == id).unwrap();
    product.name.clone()
}

fn saved(file: &std::path::Path) -> Mesh {
    Store::open(file, Access::ReadOnly).unwrap().load().unwrap()
}

fn json(file: &std::path::Path, args: &[&str]) -> Value {
    let out = meshwright()
        .arg("impact")
        .arg(file)
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn names(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn impact_json_is_the_graphs_closure_with_distances_domains_and_teams() {
    let (_dir, file, mesh) = demo();
    let graph = MeshGraph::build(&mesh);
    let orders = mesh.products.iter().find(|p| p.name == "orders").unwrap();
    let name_of = |id| name_of(&mesh, id);

    let all = json(&file, &["orders"]);
    let expected: BTreeSet<String> = graph
        .downstream(orders.id)
        .into_iter()
        .map(name_of)
        .collect();
    assert_eq!(names(&all["downstream"]), expected);
    let direct: BTreeSet<String> = graph
        .consumers(orders.id)
        .into_iter()
        .map(name_of)
        .collect();
    let first = &all["downstream"][0];
    assert_eq!(first["distance"], 1);
    assert!(direct.contains(first["name"].as_str().unwrap()));
    assert!(first["domain"].is_string() && first.get("ownerTeam").is_some());

    let near = json(&file, &["orders", "--downstream", "--depth", "1"]);
    assert_eq!(names(&near["downstream"]), direct);
    assert_eq!(near["upstream"], Value::Array(vec![]));
}

#[test]
fn what_if_remove_names_every_input_reading_the_port() {
    let (_dir, file, mesh) = demo();
    let orders = mesh.products.iter().find(|p| p.name == "orders").unwrap();
    let port = mesh
        .output_ports
        .iter()
        .find(|o| o.product_id == orders.id && o.name == "orders")
        .unwrap();
    let name_of = |id| name_of(&mesh, id);
    let readers: BTreeSet<(String, String)> = mesh
        .input_ports
        .iter()
        .filter(
            |i| matches!(i.source, DependencySource::OutputPort { port_id } if port_id == port.id),
        )
        .map(|i| (name_of(i.product_id), i.name.clone()))
        .collect();
    let answer = json(&file, &["orders/orders", "--what-if", "remove"]);
    let breaking = answer["whatIf"]["breaking"].as_array().unwrap();
    let inputs: BTreeSet<(String, String)> = breaking
        .iter()
        .map(|b| {
            let consumer = b["consumer"]["name"].as_str().unwrap().to_owned();
            (consumer, b["inputPort"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(breaking.len(), readers.len());
    assert_eq!(inputs, readers);
    assert!(
        answer["whatIf"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["ruleId"] == "DM-DEP-014"),
        "the readers would name a provider that is gone"
    );
    // Nothing was changed.
    assert_eq!(saved(&file), mesh);
}

#[test]
fn an_unknown_name_exits_2_with_the_closest_names() {
    let (_dir, file, _) = demo();
    let mut cmd = meshwright();
    cmd.arg("impact").arg(&file).arg("order");
    fails_with(
        &mut cmd,
        &["no data product named \"order\"", "did you mean orders"],
    );
    let mut cmd = meshwright();
    cmd.arg("impact").arg(&file).arg("orders/ordrs");
    fails_with(
        &mut cmd,
        &["no output port of orders named", "did you mean orders"],
    );
}
