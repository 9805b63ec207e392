//! The importer reads values the way the standards allow, and importing one format never
//! clears what only another format carries.
//!
//! Where a standard leaves a field free (ODPS and ODCS `status`, ODPS port and product
//! `type`), known synonyms map case-insensitively and the original text comes back on
//! re-export; older shapes (ODPS v0.9's `team` as a bare list of members, products and
//! ports without `version`, inputs naming no provider) import and export as they were
//! written. A value of the wrong type is still an error with its place. Real files from
//! `../shared/realworld` that failed only for these reasons import now.
//!
//! Then the demo exported in every format and each format's files imported alone into
//! the demo leave the mesh as it was: service levels live in the ODCS contracts, not in
//! the ODPS files, and an ODPS file alone must not empty them.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::Action;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, OdpsVersion, layout};
use mesh_core::model::{Archetype, Mesh, PortType, Status};
use serde_json::{Value, json};

/// Every document of `formats`, placed as `meshwright export` places them.
fn export_with(
    mesh: &Mesh,
    formats: &[Format],
    options: ExportOptions,
) -> BTreeMap<String, String> {
    let ctx = ExportContext::new(mesh, options);
    let docs = manifests::documents(&ctx, formats);
    layout::place(&ctx, docs, false)
        .unwrap()
        .into_iter()
        .map(|p| (p.path, p.text))
        .collect()
}

fn export(mesh: &Mesh, formats: &[Format]) -> BTreeMap<String, String> {
    export_with(mesh, formats, ExportOptions::default())
}

/// YAML as the import reads it (YAML 1.2 booleans).
fn yaml(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).unwrap()
}

fn to_yaml(v: &Value) -> String {
    serde_saphyr::to_string(v).unwrap()
}

/// Writes `files` (name → text) into a new folder `name` under `dir`.
fn folder(dir: &Path, name: &str, files: &[(&str, String)]) -> PathBuf {
    let at = dir.join(name);
    std::fs::create_dir_all(&at).unwrap();
    for (file, text) in files {
        std::fs::write(at.join(file), text).unwrap();
    }
    at
}

/// Imports `paths` into a new mesh and returns its store.
fn import_new(dir: &Path, paths: &[PathBuf]) -> Store {
    let mut store = Store::create(&dir.join("new.mesh"), &common::info("lenient")).unwrap();
    common::import(&mut store, paths, false);
    store
}

fn import_errors(dir: &Path, paths: &[PathBuf]) -> Vec<String> {
    let mut store = Store::create(&dir.join("bad.mesh"), &common::info("lenient")).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let dry_run = mesh_core::manifests::import::ImportOptions {
        dry_run: true,
        strict: false,
    };
    let errors =
        mesh_core::manifests::import::run(&mut store, paths, dry_run, &mut |_, _| {}, &cancel)
            .expect_err("the import should have been refused");
    errors.iter().map(ToString::to_string).collect()
}

/// The one exported document whose `kind` is `kind` and `id` is `id`.
fn exported(texts: &BTreeMap<String, String>, kind: &str, id: &str) -> Value {
    texts
        .values()
        .map(|t| yaml(t))
        .find(|d| d["kind"] == kind && d["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in the export"))
}

const PRODUCT_ID: &str = "9d1e4a52-3f0b-4c1e-8f4e-6b0a1c2d3e4f";

/// An ODPS product (v1.1.0) with one output port under contract `contract`.
fn product_doc(status: &str, port_type: &str, product_type: &str, contract: &str) -> Value {
    json!({
        "apiVersion": "v1.1.0",
        "kind": "DataProduct",
        "id": PRODUCT_ID,
        "name": "Orders",
        "version": "1.0.0",
        "status": status,
        "domain": "sales",
        "type": product_type,
        "outputPorts": [
            {"name": "orders", "version": "1.0.0", "type": port_type, "contractId": contract}
        ]
    })
}

fn contract_doc(id: &str, status: &str) -> Value {
    json!({
        "apiVersion": "v3.1.0",
        "kind": "DataContract",
        "id": id,
        "version": "1.0.0",
        "status": status,
    })
}

#[test]
fn free_words_map_case_insensitively_and_re_export_as_written() {
    // (text, the status it means; `None`: no known meaning, the default stands)
    let words = [
        ("Development", Some(Status::Development)),
        ("in development", Some(Status::Development)),
        ("production", Some(Status::Active)),
        ("current", Some(Status::Active)),
        ("active", Some(Status::Active)),
        ("Active", Some(Status::Active)),
        ("draft", Some(Status::Draft)),
        ("Proposed", Some(Status::Proposed)),
        ("deprecated", Some(Status::Deprecated)),
        ("Retired", Some(Status::Retired)),
        ("decommissioned", Some(Status::Retired)),
        ("on hold", None),
    ];
    let types = [
        ("tables", PortType::Table),
        ("Topic", PortType::Stream),
        ("table", PortType::Table),
        ("dashboard", PortType::Other),
    ];
    let archetypes = [
        ("source-aligned", Some(Archetype::SourceAligned)),
        ("ConsumerAligned", Some(Archetype::ConsumerAligned)),
        ("aggregate", Some(Archetype::Aggregate)),
        ("platform", None),
    ];
    for (i, (word, meaning)) in words.iter().enumerate() {
        let (port_type, port_meaning) = types[i % types.len()];
        let (product_type, archetype) = archetypes[i % archetypes.len()];
        let contract = format!("orders-contract-{i}");
        let tmp = tempfile::tempdir().unwrap();
        let files = [
            (
                "orders.odps.yaml",
                to_yaml(&product_doc(word, port_type, product_type, &contract)),
            ),
            ("orders.odcs.yaml", to_yaml(&contract_doc(&contract, word))),
        ];
        let input = folder(tmp.path(), "in", &files);
        let mut store = import_new(tmp.path(), std::slice::from_ref(&input));
        let mesh = store.load().unwrap();
        let product = &mesh.products[0];
        assert_eq!(
            product.status,
            meaning.unwrap_or(Status::Active),
            "product status {word:?}"
        );
        assert_eq!(
            product.archetype, archetype,
            "product type {product_type:?}"
        );
        let port = &mesh.output_ports[0];
        assert_eq!(port.port_type, port_meaning, "port type {port_type:?}");
        let reference = port.contract.as_ref().unwrap();
        // The contract's status is its own only where it differs from the port's.
        assert_eq!(
            reference.status.unwrap_or(port.status),
            meaning.unwrap_or(port.status),
            "contract status {word:?}"
        );

        let texts = export(&mesh, &[Format::Odps, Format::Odcs]);
        let odps = exported(&texts, "DataProduct", PRODUCT_ID);
        assert_eq!(odps["status"], *word, "ODPS status {word:?}");
        assert_eq!(odps["type"], product_type, "ODPS type {product_type:?}");
        assert_eq!(odps["outputPorts"][0]["type"], port_type);
        let odcs = exported(&texts, "DataContract", &contract);
        assert_eq!(odcs["status"], *word, "ODCS status {word:?}");

        // The re-export imported again is the same mesh.
        let again = common::import(&mut store, &[input], true);
        assert_eq!(
            again.plan.count(Action::Unchanged),
            again.plan.entities.len(),
            "{word:?}: {:?}",
            again.plan.entities
        );
    }
}

#[test]
fn a_status_changed_in_the_mesh_is_written_as_the_model_word() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [
        (
            "orders.odps.yaml",
            to_yaml(&product_doc(
                "in development",
                "tables",
                "source-aligned",
                "c-1",
            )),
        ),
        (
            "orders.odcs.yaml",
            to_yaml(&contract_doc("c-1", "Development")),
        ),
    ];
    let input = folder(tmp.path(), "in", &files);
    let mut mesh = import_new(tmp.path(), &[input]).load().unwrap();
    mesh.products[0].status = Status::Retired;
    mesh.products[0].archetype = Some(Archetype::Aggregate);
    mesh.output_ports[0].port_type = PortType::Api;
    mesh.output_ports[0].status = Status::Deprecated;
    let texts = export(&mesh, &[Format::Odps, Format::Odcs]);
    let odps = exported(&texts, "DataProduct", PRODUCT_ID);
    assert_eq!(odps["status"], "retired");
    assert_eq!(odps["type"], "aggregate");
    assert_eq!(odps["outputPorts"][0]["type"], "api");
    let odcs = exported(&texts, "DataContract", "c-1");
    assert_eq!(odcs["status"], "deprecated");
}

#[test]
fn a_team_given_as_a_list_of_members_imports_and_is_written_back_as_that_list() {
    let tmp = tempfile::tempdir().unwrap();
    let members = json!([
        {"username": "ana@example.com", "name": "Ana", "role": "owner", "dateIn": "2024-01-01"},
        {"username": "bo@example.com", "role": "data steward"}
    ]);
    let doc = json!({
        "apiVersion": "v1.0.0",
        "kind": "DataProduct",
        "id": PRODUCT_ID,
        "name": "Orders",
        "status": "active",
        "team": members,
    });
    let input = folder(tmp.path(), "in", &[("orders.odps.yaml", to_yaml(&doc))]);
    let mut store = import_new(tmp.path(), std::slice::from_ref(&input));
    let mesh = store.load().unwrap();
    let [team] = mesh.teams.as_slice() else {
        panic!("{:?}", mesh.teams)
    };
    assert_eq!(mesh.products[0].owner_team_id, Some(team.id));
    assert_eq!(team.name, "orders-team");
    let roles: Vec<(&str, &str)> = team
        .members
        .iter()
        .map(|m| {
            let p = mesh.people.iter().find(|p| p.id == m.person_id).unwrap();
            (p.username.as_str(), m.role.as_str())
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("ana@example.com", "owner"),
            ("bo@example.com", "data steward")
        ]
    );

    let texts = export(&mesh, &[Format::Odps]);
    let odps = exported(&texts, "DataProduct", PRODUCT_ID);
    assert_eq!(
        odps["team"],
        json!([
            {"username": "ana@example.com", "name": "Ana", "role": "owner", "dateIn": "2024-01-01"},
            // A member without a name is shown by username; the export names it so.
            {"username": "bo@example.com", "name": "bo@example.com", "role": "data steward"}
        ])
    );
    let again = common::import(&mut store, &[input], true);
    assert_eq!(
        again.plan.count(Action::Unchanged),
        again.plan.entities.len()
    );
}

#[test]
fn missing_versions_get_defaults_and_are_not_invented_on_re_export() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = json!({
        "apiVersion": "v1.1.0",
        "kind": "DataProduct",
        "id": PRODUCT_ID,
        "name": "Orders",
        "status": "active",
        "outputPorts": [{"name": "orders", "type": "table"}, {"name": "returns", "version": "v2", "type": "table"}]
    });
    let input = folder(tmp.path(), "in", &[("orders.odps.yaml", to_yaml(&doc))]);
    let mut mesh = import_new(tmp.path(), &[input]).load().unwrap();
    assert_eq!(mesh.products[0].version, "0.0.0");
    let versions: Vec<&str> = mesh
        .output_ports
        .iter()
        .map(|p| p.version.as_str())
        .collect();
    assert_eq!(versions, ["1.0.0", "v2"]);
    let odps = exported(&export(&mesh, &[Format::Odps]), "DataProduct", PRODUCT_ID);
    assert!(odps.get("version").is_none(), "{odps:#}");
    assert!(odps["outputPorts"][0].get("version").is_none(), "{odps:#}");
    assert_eq!(odps["outputPorts"][1]["version"], "v2");
    // ODPS v1.0.0 requires a port's version: there the default is written.
    let old = ExportOptions {
        odps: OdpsVersion::V1_0_0,
        ..Default::default()
    };
    let odps = exported(
        &export_with(&mesh, &[Format::Odps], old),
        "DataProduct",
        PRODUCT_ID,
    );
    assert_eq!(odps["outputPorts"][0]["version"], "1.0.0");
    // A version set in the mesh is written.
    mesh.products[0].version = "1.2.0".into();
    let odps = exported(&export(&mesh, &[Format::Odps]), "DataProduct", PRODUCT_ID);
    assert_eq!(odps["version"], "1.2.0");

    // `v1.0.0` is held as 1.0.0 and written back as it was.
    let doc = json!({
        "apiVersion": "v1.0.0", "kind": "DataProduct", "id": PRODUCT_ID,
        "name": "Orders", "status": "active", "version": "v1.0.0"
    });
    let input = folder(tmp.path(), "v", &[("orders.odps.yaml", to_yaml(&doc))]);
    let mesh = import_new(&folder(tmp.path(), "v-mesh", &[]), &[input])
        .load()
        .unwrap();
    assert_eq!(mesh.products[0].version, "1.0.0");
    let odps = exported(&export(&mesh, &[Format::Odps]), "DataProduct", PRODUCT_ID);
    assert_eq!(odps["version"], "v1.0.0");
}

#[test]
fn an_input_naming_no_provider_is_kept_and_written_back() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = json!({
        "apiVersion": "v1.1.0",
        "kind": "DataProduct",
        "id": PRODUCT_ID,
        "name": "Orders",
        "status": "active",
        "inputPorts": [{"name": "clickstream", "description": "from somewhere"}],
        "outputPorts": [{"name": "orders", "version": "1.0.0", "type": "table"}]
    });
    let input = folder(tmp.path(), "in", &[("orders.odps.yaml", to_yaml(&doc))]);
    let mut store = import_new(tmp.path(), std::slice::from_ref(&input));
    let mesh = store.load().unwrap();
    assert!(mesh.input_ports.is_empty(), "{:?}", mesh.input_ports);
    let odps = exported(&export(&mesh, &[Format::Odps]), "DataProduct", PRODUCT_ID);
    assert_eq!(
        odps["inputPorts"],
        json!([{"name": "clickstream", "description": "from somewhere"}])
    );
    let again = common::import(&mut store, &[input], true);
    assert_eq!(
        again.plan.count(Action::Unchanged),
        again.plan.entities.len()
    );
}

#[test]
fn a_list_where_a_string_goes_is_still_an_error_with_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let odps = "apiVersion: v1.1.0\nkind: DataProduct\nid: orders\nstatus:\n  - active\n  - draft\nteam: 7\n";
    let odcs =
        "apiVersion: v3.1.0\nkind: DataContract\nid: c-1\nversion: 1.0.0\nstatus: [active]\n";
    let input = folder(
        tmp.path(),
        "in",
        &[
            ("orders.odps.yaml", odps.to_owned()),
            ("c.odcs.yaml", odcs.to_owned()),
        ],
    );
    let errors = import_errors(tmp.path(), std::slice::from_ref(&input));
    let at = |file: &str| input.join(file).display().to_string();
    let expect = [
        format!(
            "{}:4:1: field `status`: must be a string, not a list",
            at("orders.odps.yaml")
        ),
        format!(
            "{}:7:1: field `team`: must be a mapping or a list of members, not the number 7",
            at("orders.odps.yaml")
        ),
        format!(
            "{}:5:1: field `status`: must be a string, not a list",
            at("c.odcs.yaml")
        ),
    ];
    for line in &expect {
        assert!(
            errors.contains(line),
            "{line}\nnot in:\n{}",
            errors.join("\n")
        );
    }
}

/// A product whose output ports declare the contracts `contracts` (id, version): the
/// real files read or are contracts no file of theirs declares, and the import refuses
/// dangling references by design (as `import_examples.rs` does for the official ones).
fn companion(contracts: &[(&str, &str)]) -> String {
    let ports: Vec<Value> = contracts
        .iter()
        .enumerate()
        .map(|(i, (id, version))| {
            json!({"name": format!("port-{i}"), "version": version, "type": "table", "contractId": id})
        })
        .collect();
    to_yaml(&json!({
        "apiVersion": "v1.1.0",
        "kind": "DataProduct",
        "id": "0b9d8f00-5a8c-4c3e-9a43-3f0c7d2b9e01",
        "name": "Companion providers",
        "version": "1.0.0",
        "status": "active",
        "domain": "seller",
        "outputPorts": ports,
    }))
}

#[test]
fn real_files_that_failed_only_on_free_values_and_old_shapes_now_import() {
    let Some(dir) = common::realworld() else {
        return;
    };
    // bitol-io/open-data-product-standard, docs/examples (tag v0.9.0): `team` is a bare
    // list of members (line 81), the product has no `version`, its ports say `tables`.
    let product =
        dir.join("odps/open-data-product-standard-v0.9.0-customer-data-product.odps.yaml");
    // ODCS `status` as free text: `Development` (datacontract/datacontract-cli,
    // tests/fixtures/odcs_v3/adventureworks.odcs.yaml), `in development`
    // (bitol-io/open-data-contract-standard, docs/examples/server/azure-server.odcs.yaml)
    // and `current` (the same repository, docs/examples/all/full-example.odcs.yaml).
    let contracts = [
        (
            "odcs/datacontract-cli-adventureworks.odcs.yaml",
            "Development",
        ),
        (
            "odcs/open-data-contract-standard-azure-server.odcs.yaml",
            "in development",
        ),
        (
            "odcs/open-data-contract-standard-v3.0.0-full-example.odcs.yaml",
            "current",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let mut provided: Vec<(String, String)> = Vec::new();
    // The product reads four contracts no file declares.
    let original = yaml(&std::fs::read_to_string(&product).unwrap());
    for input in original["inputPorts"].as_array().unwrap() {
        provided.push((
            input["contractId"].as_str().unwrap().to_owned(),
            input["version"].as_str().unwrap().to_owned(),
        ));
    }
    let mut paths = vec![product.clone()];
    for (file, _) in &contracts {
        let path = dir.join(file);
        let doc = yaml(&std::fs::read_to_string(&path).unwrap());
        provided.push((doc["id"].as_str().unwrap().to_owned(), "1.0.0".to_owned()));
        paths.push(path);
    }
    let pairs: Vec<(&str, &str)> = provided
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let helper = folder(
        tmp.path(),
        "companion",
        &[("providers.odps.yaml", companion(&pairs))],
    );
    paths.push(helper);

    let mut store = import_new(tmp.path(), &paths);
    let mesh = store.load().unwrap();
    let customer = mesh
        .products
        .iter()
        .find(|p| p.id.to_string() == "fbe8d147-28db-4f1d-bedf-a3fe9f458427")
        .unwrap();
    assert_eq!(customer.status, Status::Draft);
    assert_eq!(
        mesh.input_ports
            .iter()
            .filter(|i| i.product_id == customer.id)
            .count(),
        4
    );
    let team = mesh
        .teams
        .iter()
        .find(|t| Some(t.id) == customer.owner_team_id)
        .unwrap();
    assert_eq!(team.members.len(), 2);

    let texts = export(&mesh, &[Format::Odps, Format::Odcs]);
    let again = exported(
        &texts,
        "DataProduct",
        "fbe8d147-28db-4f1d-bedf-a3fe9f458427",
    );
    assert!(again.get("version").is_none(), "{again:#}");
    assert!(again["team"].is_array(), "{:#}", again["team"]);
    let usernames = |team: &Value| -> Vec<String> {
        team.as_array()
            .unwrap()
            .iter()
            .map(|m| m["username"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(usernames(&again["team"]), usernames(&original["team"]));
    for (m, o) in again["team"]
        .as_array()
        .unwrap()
        .iter()
        .zip(original["team"].as_array().unwrap())
    {
        for key in ["name", "role", "description", "dateIn"] {
            assert_eq!(m[key], o[key], "team member {key}");
        }
    }
    for port in again["outputPorts"].as_array().unwrap() {
        assert_eq!(port["type"], "tables");
    }
    for (file, status) in contracts {
        let doc = yaml(&std::fs::read_to_string(dir.join(file)).unwrap());
        let id = doc["id"].as_str().unwrap();
        assert_eq!(
            exported(&texts, "DataContract", id)["status"],
            status,
            "{file}"
        );
    }
    // The files imported again change nothing.
    let report = common::import(&mut store, &paths, true);
    let changed: Vec<_> = report
        .plan
        .entities
        .iter()
        .filter(|e| e.action != Action::Unchanged)
        .collect();
    assert!(changed.is_empty(), "{changed:?}");
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

/// The demo, with what an import of other files would have left on a port: a
/// contract's own fields, which only its ODCS document carries, in the port's contract
/// body (a server) and in its bag (roles, which the model has no place for).
fn demo() -> Mesh {
    let mut mesh = demo_mesh();
    let port = mesh
        .output_ports
        .iter_mut()
        .find(|p| p.contract.is_some() && !p.service_levels.is_empty())
        .unwrap();
    port.contract_body.servers = serde_json::from_value(
        json!([{"server": "replica", "type": "postgres", "host": "db", "port": 5432, "database": "shop", "schema": "public"}]),
    )
    .unwrap();
    port.extensions.insert(
        "odcs".into(),
        json!({"roles": [{"role": "analyst", "access": "read"}]}),
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
