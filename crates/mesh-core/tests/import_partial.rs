//! Imports of partial landscapes, as organisations have them: a product reading
//! contracts held in another repository, standalone contracts, Data Contract
//! Specification files. What cannot be placed is kept (unresolved dependencies,
//! unattached contracts), reported per file, resolved by a later import, exported again
//! as it came; `--strict` refuses it as before.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::governance::{Policy, check};
use mesh_core::manifests::import::{ImportOptions, Kept, run};
use mesh_core::manifests::write::write;
use mesh_core::manifests::{ExportOptions, ExportSettings, Format, plan_export};
use mesh_core::model::{ContractFormat, DependencySource, Mesh};
use mesh_core::store::EditOp;
use serde_json::Value;

fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn new_store(dir: &Path, name: &str) -> Store {
    Store::create(&dir.join(format!("{name}.mesh")), &common::info(name)).unwrap()
}

/// Exports `formats` of `mesh` under `root`.
fn export(mesh: &Mesh, root: &Path, formats: &[Format]) {
    let settings = ExportSettings {
        formats: formats.to_vec(),
        options: ExportOptions::default(),
        by_domain: false,
        prune: false,
    };
    let cancel = AtomicBool::new(false);
    let plan = plan_export(mesh, root, &settings, &mut |_, _| {}, &cancel).unwrap();
    write(&plan, &mut |_, _| {}, &cancel).unwrap();
}

fn yaml(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The model without what an import does not carry (positions, the header each test
/// mesh names differently).
fn comparable(store: &Store) -> Mesh {
    let mut mesh = store.load().unwrap();
    mesh.positions.clear();
    mesh.info.name.clear();
    mesh
}

// Seen in datacontract/dataproduct-cli `tests/fixtures/references/dataproduct.odps.yaml`:
// a product whose input reads a contract kept in another repository.
const CONSUMER: &str = "apiVersion: v1.1.0
kind: DataProduct
id: orders-product
status: active
name: Orders
inputPorts:
  - id: raw-orders
    name: raw-orders
    version: 2.0.0
    contractId: shop-orders-contract
outputPorts:
  - id: orders
    name: orders
    contractId: orders-contract
";

const PROVIDER: &str = "apiVersion: v1.1.0
kind: DataProduct
id: shop-product
status: active
name: Shop
outputPorts:
  - id: shop-orders
    name: shop-orders
    version: 2.0.0
    contractId: shop-orders-contract
";

#[test]
fn an_input_reading_an_unknown_contract_is_kept_unresolved_with_a_warning_and_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_file(&tmp.path().join("in"), "orders.odps.yaml", CONSUMER);
    let mut store = new_store(tmp.path(), "mesh");
    let report = common::import(&mut store, std::slice::from_ref(&file), false);

    let mesh = store.load().unwrap();
    let input = &mesh.input_ports[0];
    assert_eq!(
        input.source,
        DependencySource::Unresolved {
            reference: "shop-orders-contract".into()
        }
    );
    assert_eq!(report.plan.kept(Kept::Unresolved), 1);
    let warning = report.plan.warnings[0].to_string();
    assert!(
        warning.contains("orders.odps.yaml:10:5")
            && warning.contains("inputPorts[0].contractId")
            && warning.contains("shop-orders-contract"),
        "{warning}"
    );
    let files = report.by_file();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].unresolved, 1);
    assert_eq!(files[0].created, report.plan.entities.len() as u32);

    // Governance reports it; the dangling-dependency rule does not (it is no edge).
    let findings = check(&mesh, &Policy::default(), chrono::NaiveDate::MIN).unwrap();
    let rules: Vec<&str> = findings
        .findings
        .iter()
        .filter(|f| f.entity.name.contains("raw-orders"))
        .map(|f| f.rule_id.as_str())
        .collect();
    assert_eq!(rules, ["DM-DEP-014"], "{findings:#?}");
}

#[test]
fn strict_refuses_an_unknown_provider_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_file(&tmp.path().join("in"), "orders.odps.yaml", CONSUMER);
    let mut store = new_store(tmp.path(), "mesh");
    let strict = ImportOptions {
        dry_run: false,
        strict: true,
    };
    let cancel = AtomicBool::new(false);
    let errors = run(&mut store, &[file], strict, &mut |_, _| {}, &cancel).unwrap_err();
    assert!(
        errors[0].to_string().contains("shop-orders-contract"),
        "{errors:?}"
    );
    assert!(store.load().unwrap().products.is_empty());
}

#[test]
fn consumers_first_then_providers_ends_like_one_import_in_either_order() {
    let tmp = tempfile::tempdir().unwrap();
    let consumer = write_file(&tmp.path().join("a"), "orders.odps.yaml", CONSUMER);
    let provider = write_file(&tmp.path().join("b"), "shop.odps.yaml", PROVIDER);

    let mut together = new_store(tmp.path(), "together");
    common::import(&mut together, &[consumer.clone(), provider.clone()], false);
    let mut consumers_first = new_store(tmp.path(), "consumers-first");
    common::import(&mut consumers_first, std::slice::from_ref(&consumer), false);
    let second = common::import(&mut consumers_first, std::slice::from_ref(&provider), false);
    let mut providers_first = new_store(tmp.path(), "providers-first");
    common::import(&mut providers_first, std::slice::from_ref(&provider), false);
    common::import(&mut providers_first, std::slice::from_ref(&consumer), false);

    let expected = comparable(&together);
    assert!(
        expected
            .input_ports
            .iter()
            .all(|i| matches!(i.source, DependencySource::OutputPort { .. })),
        "one import resolves everything"
    );
    assert_eq!(comparable(&consumers_first), expected);
    assert_eq!(comparable(&providers_first), expected);
    assert_eq!(second.plan.kept(Kept::Unresolved), 0);
}

#[test]
fn a_landscape_of_the_demo_imported_in_two_halves_ends_resolved_and_equal() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("export");
    export(&demo_mesh(), &root, &[Format::Odps, Format::Odcs]);
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root.join("dataproducts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    let (first, second) = folders.split_at(folders.len() / 2);

    let mut whole = new_store(tmp.path(), "whole");
    common::import(&mut whole, &folders, false);
    let mut kept_on_the_way = 0;
    for (name, a, b) in [("ab", first, second), ("ba", second, first)] {
        let mut halves = new_store(tmp.path(), name);
        let one = common::import(&mut halves, a, false);
        kept_on_the_way += one.plan.kept(Kept::Unresolved);
        common::import(&mut halves, b, false);
        let mesh = comparable(&halves);
        assert!(
            mesh.input_ports
                .iter()
                .all(|i| i.source.unresolved().is_none()),
            "{name}: every dependency resolved"
        );
        assert_eq!(mesh, comparable(&whole), "{name}");
    }
    assert!(kept_on_the_way > 0, "the halves read each other");
}

// Seen in datacontract/datacontract-cli `tests/fixtures/postgres/servicelevels.odcs.yaml`:
// a contract published on its own, naming no data product.
const STANDALONE: &str = "apiVersion: v3.0.0
kind: DataContract
id: postgres
name: postgres
version: 0.0.1
domain: my-domain-team
status: active
schema:
  - name: my_table
    physicalType: table
    properties:
      - name: field_one
        logicalType: string
slaProperties:
  - property: latency
    value: 1
    unit: d
    element: my_table.field_three
";

#[test]
fn a_standalone_contract_is_kept_unattached_and_exported_as_it_came() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_file(&tmp.path().join("in"), "postgres.odcs.yaml", STANDALONE);
    let mut store = new_store(tmp.path(), "mesh");
    let report = common::import(&mut store, std::slice::from_ref(&file), false);
    assert_eq!(report.plan.kept(Kept::Unattached), 1);
    assert_eq!(report.by_file()[0].unattached, 1);

    let mesh = store.load().unwrap();
    let contract = &mesh.contracts[0];
    assert_eq!(contract.contract_id, "postgres");
    assert_eq!(contract.version.as_deref(), Some("0.0.1"));
    assert_eq!(contract.output_port_id, None);
    assert_eq!(contract.format, ContractFormat::Odcs);

    let out = tmp.path().join("out");
    export(&mesh, &out, &[Format::Odcs]);
    assert_eq!(yaml(&out.join("contracts/postgres.odcs.yaml")), yaml(&file));

    // The same file again changes nothing; its export imports back to the same mesh.
    let again = common::import(&mut store, &[out.join("contracts")], false);
    assert!(again.plan.ops.is_empty(), "{:?}", again.plan.ops);

    // Strict refuses it as before.
    let mut strict_store = new_store(tmp.path(), "strict");
    let strict = ImportOptions {
        dry_run: false,
        strict: true,
    };
    let errors = run(
        &mut strict_store,
        &[file],
        strict,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .contains("is referenced by no output port")
    );
}

#[test]
fn a_contract_naming_its_product_and_port_attaches_to_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    write_file(
        &dir,
        "shop.odps.yaml",
        PROVIDER
            .replace("    contractId: shop-orders-contract\n", "")
            .as_str(),
    );
    let contract = write_file(
        &dir,
        "shop-orders.odcs.yaml",
        "apiVersion: v3.1.0
kind: DataContract
id: shop-orders-v2
version: 2.0.0
status: active
dataProduct: shop
schema:
  - name: shop-orders
",
    );
    let mut store = new_store(tmp.path(), "mesh");
    let report = common::import(&mut store, &[dir], false);
    assert_eq!(report.plan.kept(Kept::Unattached), 0);
    let mesh = store.load().unwrap();
    let port = &mesh.output_ports[0];
    assert_eq!(mesh.contracts[0].output_port_id, Some(port.id));
    assert_eq!(
        port.contract.as_ref().map(|c| c.contract_id.as_str()),
        Some("shop-orders-v2")
    );
    // The port's contract is the kept document, written where the port's contract goes.
    let out = tmp.path().join("out");
    export(&mesh, &out, &[Format::Odcs]);
    assert_eq!(
        yaml(&out.join("dataproducts/shop/shop.shop-orders.odcs.yaml")),
        yaml(&contract)
    );
}

// Seen in datacontract/datacontract-specification `examples/time-example/datacontract.yaml`.
const DCS: &str = "dataContractSpecification: 1.2.1
id: time-demo
info:
  title: Time Data Type Example
  version: 1.0.0
  owner: Data Contract Team
models:
  business_hours:
    type: table
    fields:
      opening_time:
        type: time
";

#[test]
fn a_data_contract_specification_file_is_kept_and_exported_in_its_own_format() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_file(&tmp.path().join("in"), "datacontract.yaml", DCS);
    let mut store = new_store(tmp.path(), "mesh");
    common::import(&mut store, std::slice::from_ref(&file), false);
    let mesh = store.load().unwrap();
    let contract = &mesh.contracts[0];
    assert_eq!(contract.format, ContractFormat::Dcs);
    assert_eq!(contract.name.as_deref(), Some("Time Data Type Example"));
    assert_eq!(contract.version.as_deref(), Some("1.0.0"));
    let out = tmp.path().join("out");
    export(&mesh, &out, &[Format::Odcs]);
    assert_eq!(
        yaml(&out.join("contracts/time-demo.datacontract.yaml")),
        yaml(&file)
    );
}

#[test]
fn attaching_a_kept_contract_points_the_port_at_it_and_undo_takes_both_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    write_file(&dir, "postgres.odcs.yaml", STANDALONE);
    write_file(&dir, "shop.odps.yaml", PROVIDER);
    let mut store = new_store(tmp.path(), "mesh");
    common::import(&mut store, &[dir], false);
    let before = store.load().unwrap();
    let mut contract = before.contracts[0].clone();
    let port = before.output_ports[0].clone();
    contract.output_port_id = Some(port.id);
    let applied = store
        .apply(vec![EditOp::SaveContract(contract.clone())], None)
        .unwrap();
    let after = store.load().unwrap();
    assert_eq!(after.contracts[0].output_port_id, Some(port.id));
    assert_eq!(
        after.output_ports[0].contract.as_ref().unwrap().contract_id,
        "postgres"
    );
    // The port takes the schema the document describes.
    let body = &after.output_ports[0].contract_body;
    assert_eq!(body.schema[0].name, "my_table");
    assert_eq!(body.schema[0].properties[0].name, "field_one");
    let mut patched = before.clone();
    applied.patch(&mut patched);
    assert_eq!(patched, after, "Applied carries both rows");

    // Deleting the port leaves the contract, unattached again.
    store
        .apply(vec![EditOp::DeleteOutputPort(port.id)], None)
        .unwrap();
    assert_eq!(store.load().unwrap().contracts[0].output_port_id, None);
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(store.load().unwrap(), before);
}

#[test]
fn an_unresolved_dependency_survives_every_format_of_our_own_export() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_file(&tmp.path().join("in"), "orders.odps.yaml", CONSUMER);
    let mut store = new_store(tmp.path(), "mesh");
    common::import(&mut store, std::slice::from_ref(&file), false);
    let mesh = store.load().unwrap();
    let out = tmp.path().join("out");
    export(&mesh, &out, &Format::ALL);
    let exported = yaml(&out.join("dataproducts/orders/orders.odps.yaml"));
    assert_eq!(
        exported.pointer("/inputPorts/0/contractId"),
        Some(&Value::from("shop-orders-contract")),
        "the ODPS file's own reference comes back"
    );
    // Each format alone imports back to the same model.
    for (format, pattern) in [
        ("odps", ".odps.yaml"),
        ("dpds", ".dpds.json"),
        ("backstage", "catalog-info.yaml"),
    ] {
        let files: Vec<PathBuf> = walk(&out)
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(pattern))
            .collect();
        assert!(!files.is_empty(), "{format}");
        let mut again = new_store(tmp.path(), &format!("again-{format}"));
        common::import(&mut again, &files, false);
        let inputs = again.load().unwrap().input_ports;
        assert_eq!(
            inputs[0].source,
            DependencySource::Unresolved {
                reference: "shop-orders-contract".into()
            },
            "{format}"
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn a_contract_imported_before_its_product_attaches_when_the_product_comes() {
    let tmp = tempfile::tempdir().unwrap();
    let contract = write_file(&tmp.path().join("a"), "postgres.odcs.yaml", STANDALONE);
    let product = write_file(
        &tmp.path().join("b"),
        "shop.odps.yaml",
        &PROVIDER.replace("shop-orders-contract", "postgres"),
    );
    let mut store = new_store(tmp.path(), "mesh");
    common::import(&mut store, std::slice::from_ref(&contract), false);
    let second = common::import(&mut store, std::slice::from_ref(&product), false);
    assert_eq!(second.plan.kept(Kept::Unattached), 0);
    let mesh = store.load().unwrap();
    let port = &mesh.output_ports[0];
    assert_eq!(mesh.contracts[0].output_port_id, Some(port.id));
    // The port's contract file is the document as it came.
    let out = tmp.path().join("out");
    export(&mesh, &out, &[Format::Odcs]);
    assert_eq!(
        yaml(&out.join("dataproducts/shop/shop.shop-orders.odcs.yaml")),
        yaml(&contract)
    );
    assert!(!out.join("contracts").exists(), "no longer unattached");
}

#[test]
fn detaching_or_moving_a_contract_clears_the_reference_of_the_port_it_leaves() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    write_file(&dir, "postgres.odcs.yaml", STANDALONE);
    write_file(&dir, "shop.odps.yaml", PROVIDER);
    write_file(&dir, "orders.odps.yaml", CONSUMER);
    let mut store = new_store(tmp.path(), "mesh");
    common::import(&mut store, &[dir], false);
    let mesh = store.load().unwrap();
    let port_of = |name: &str| {
        mesh.output_ports
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .clone()
    };
    let (shop, orders) = (port_of("shop-orders"), port_of("orders"));
    let mut contract = mesh.contracts[0].clone();
    let save = |store: &mut Store, c: &mesh_core::model::Contract| {
        store
            .apply(vec![EditOp::SaveContract(c.clone())], None)
            .unwrap();
        store.load().unwrap()
    };
    let named = |m: &Mesh, id| {
        m.output_ports
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.contract.as_ref().map(|c| c.contract_id.clone()))
    };
    // Attaching points the port at the kept contract, in place of the one it named.
    contract.output_port_id = Some(orders.id);
    let now = save(&mut store, &contract);
    assert_eq!(named(&now, orders.id).as_deref(), Some("postgres"));
    contract.output_port_id = Some(shop.id);
    let now = save(&mut store, &contract);
    assert_eq!(named(&now, orders.id), None, "moved away: cleared");
    assert_eq!(named(&now, shop.id).as_deref(), Some("postgres"));
    contract.output_port_id = None;
    let now = save(&mut store, &contract);
    assert_eq!(named(&now, shop.id), None, "detached: cleared");
}

#[test]
fn every_file_read_has_a_row_even_when_another_file_declared_its_entities_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("export");
    export(&demo_mesh(), &out, &[Format::Odps, Format::Dpds]);
    let mut store = new_store(tmp.path(), "mesh");
    let report = common::import(&mut store, std::slice::from_ref(&out), false);
    let files = report.by_file();
    assert_eq!(
        files.len(),
        walk(&out).len() - 1,
        "every manifest but the export index"
    );
    assert!(
        files
            .iter()
            .any(|f| f.path.extension().is_some_and(|e| e == "json")
                && f.created + f.updated + f.unchanged == 0)
    );
}

/// Moves every file of `from` whose name ends with `suffix` into `to`.
fn move_files(from: &Path, suffix: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in walk(from) {
        if file.to_string_lossy().ends_with(suffix) {
            std::fs::rename(&file, to.join(file.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn contracts_of_one_team_and_products_of_another_end_resolved_in_either_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("export");
    export(&demo_mesh(), &out, &[Format::Odps, Format::Odcs]);
    let contracts = tmp.path().join("contracts-team");
    let products = tmp.path().join("products-team");
    move_files(&out, ".odcs.yaml", &contracts);
    move_files(&out, ".odps.yaml", &products);
    for (name, first, second) in [
        ("contracts-first", &contracts, &products),
        ("products-first", &products, &contracts),
    ] {
        let mut store = new_store(tmp.path(), name);
        common::import(&mut store, std::slice::from_ref(first), false);
        let last = common::import(&mut store, std::slice::from_ref(second), false);
        let mesh = store.load().unwrap();
        assert!(
            mesh.input_ports
                .iter()
                .all(|i| i.source.unresolved().is_none()),
            "{name}: every dependency resolved"
        );
        assert!(
            mesh.contracts.iter().all(|c| c.output_port_id.is_some()),
            "{name}: every contract attached"
        );
        assert_eq!(
            last.plan.kept(Kept::Unresolved) + last.plan.kept(Kept::Unattached),
            0
        );
        assert_eq!(
            mesh.input_ports.len(),
            demo_mesh().input_ports.len(),
            "{name}"
        );
    }
}
