//! How imported documents find each other and the open mesh: inputs by contract id
//! across files and against the mesh, a contract for a port only the mesh holds, a
//! team matched by name, a domain created from its slug, ids derived from non-UUID ids.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::Action;
use mesh_core::model::{DependencySource, EntityKind};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const PROVIDER: &str = "apiVersion: v1.1.0
kind: DataProduct
id: provider-product
name: Provider
version: 1.0.0
status: active
domain: supply-chain
outputPorts:
  - name: stock
    version: 2.0.0
    type: tables
    contractId: stock-contract
team:
  name: Platform Team
  members:
    - username: ada
      name: Ada Lovelace
      role: owner
";

const CONSUMER: &str = "apiVersion: v1.1.0
kind: DataProduct
id: consumer-product
name: Consumer
version: 1.0.0
status: draft
domain: supply-chain
inputPorts:
  - name: stock
    version: 2.0.0
    contractId: stock-contract
";

#[test]
fn inputs_resolve_by_contract_id_across_files_and_ids_derive_from_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    // The consumer's file comes first: resolution waits for every file.
    write(&dir, "a-consumer.odps.yaml", CONSUMER);
    write(&dir, "b-provider.odps.yaml", PROVIDER);
    let mut store = Store::create(&tmp.path().join("m.mesh"), &common::info("m")).unwrap();
    common::import(&mut store, std::slice::from_ref(&dir), false);
    let mesh = store.load().unwrap();
    let provider = mesh.product_by_name("provider").unwrap();
    let consumer = mesh.product_by_name("consumer").unwrap();
    let port = mesh
        .output_ports
        .iter()
        .find(|p| p.product_id == provider.id)
        .unwrap();
    assert_eq!(port.port_type.as_str(), "table");
    let input = mesh
        .input_ports
        .iter()
        .find(|i| i.product_id == consumer.id)
        .unwrap();
    assert_eq!(
        input.source,
        DependencySource::OutputPort { port_id: port.id }
    );
    let domain = mesh
        .domains
        .iter()
        .find(|d| d.name == "supply-chain")
        .unwrap();
    assert_eq!(domain.title, "Supply Chain");
    let team = mesh
        .teams
        .iter()
        .find(|t| t.name == "platform-team")
        .unwrap();
    assert_eq!(team.title, "Platform Team");
    assert_eq!(provider.owner_team_id, Some(team.id));
    assert_eq!(mesh.people[0].display_name, "Ada Lovelace");

    // The same files again: the derived ids land on the same entities.
    let again = common::import(&mut store, &[dir], true);
    assert!(again.plan.ops.is_empty());
    assert_eq!(
        again.plan.count(Action::Unchanged),
        again.plan.entities.len()
    );
}

#[test]
fn inputs_and_contracts_reach_ports_only_the_mesh_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store =
        Store::create_from(&tmp.path().join("demo.mesh"), &demo_mesh(), &mut |_, _| {}).unwrap();
    let before = store.load().unwrap();
    let port = before
        .output_ports
        .iter()
        .find(|p| p.contract.is_some())
        .unwrap()
        .clone();
    let contract = port.contract.clone().unwrap();
    let owner = before
        .products
        .iter()
        .find(|p| p.id == port.product_id)
        .unwrap();
    let existing_team = before
        .teams
        .iter()
        .find(|t| Some(t.id) == owner.owner_team_id)
        .unwrap();
    let dir = tmp.path().join("in");
    let version = contract.version.clone().unwrap_or(port.version.clone());
    write(
        &dir,
        "newcomer.odps.yaml",
        &format!(
            "apiVersion: v1.1.0\nkind: DataProduct\nid: newcomer\nname: Newcomer\nversion: 1.0.0\nstatus: active\ndomain: {domain}\ninputPorts:\n  - name: upstream\n    version: {version}\n    contractId: {id}\nteam:\n  name: {team}\n",
            domain = before.domains[0].name,
            id = contract.contract_id,
            team = existing_team.name,
        ),
    );
    write(
        &dir,
        "contract.odcs.yaml",
        &format!(
            "apiVersion: v3.1.0\nkind: DataContract\nid: {id}\nversion: {version}\nstatus: {status}\nslaProperties:\n  - property: freshness\n    value: 3\n    unit: h\n",
            id = contract.contract_id,
            status = contract.status.unwrap_or(port.status).as_str(),
        ),
    );
    let report = common::import(&mut store, &[dir], false);
    let after = store.load().unwrap();
    let newcomer = after.product_by_name("newcomer").unwrap();
    let input = after
        .input_ports
        .iter()
        .find(|i| i.product_id == newcomer.id)
        .unwrap();
    assert_eq!(
        input.source,
        DependencySource::OutputPort { port_id: port.id }
    );
    // The existing team, matched by name, keeps its id: no second team appears.
    assert_eq!(newcomer.owner_team_id, Some(existing_team.id));
    assert_eq!(after.teams.len(), before.teams.len());
    assert_eq!(after.domains.len(), before.domains.len());
    let updated = after.output_ports.iter().find(|p| p.id == port.id).unwrap();
    assert_eq!(updated.service_levels.len(), 1);
    assert_eq!(updated.service_levels[0].property, "freshness");
    let port_update = report
        .plan
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::OutputPort)
        .unwrap();
    assert_eq!(port_update.action, Action::Update);
}
