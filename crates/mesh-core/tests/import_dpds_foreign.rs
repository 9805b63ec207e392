//! DPDS descriptors other tools wrote: names that are not slugs and fully qualified
//! names the exporter would not derive come back as written, an input port may name a
//! port by the name its descriptor gave it, and descriptors of one name are one product
//! only when their fully qualified names agree.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mesh_core::Store;
use mesh_core::manifests::{ExportContext, ExportOptions, dpds};
use mesh_core::model::{DependencySource, Mesh, MeshInfo};
use serde_json::{Value, json};

const TRIP_FQN: &str = "urn:dpds:com.company-xyz:dataproducts:tripExecution:1";
const EVENTS_FQN: &str =
    "urn:dpds:com.company-xyz:dataproducts:tripExecution:1:outputports:tripEvents";

/// A descriptor as the specification's examples write one.
fn trip() -> Value {
    json!({
        "dataProductDescriptor": "1.0.0",
        "info": {
            "fullyQualifiedName": TRIP_FQN,
            "name": "tripExecution",
            "version": "1.2.3",
            "domain": "Transport Management",
            "owner": {"id": "john.doe@company-xyz.com", "name": "John Doe"}
        },
        "interfaceComponents": {
            "inputPorts": [],
            "outputPorts": [{
                "fullyQualifiedName": EVENTS_FQN,
                "name": "tripEvents",
                "version": "1.2.0",
                "displayName": "Trip Events"
            }]
        }
    })
}

/// A descriptor of our own reading `provider` by its fully qualified name.
fn consumer(provider: &str) -> Value {
    json!({
        "dataProductDescriptor": "1.0.0",
        "info": {
            "fullyQualifiedName": "urn:dpds:com.example:dataproducts:billing:1",
            "name": "billing",
            "version": "1.0.0",
            "domain": "finance",
            "owner": {"id": "jane@example.com"}
        },
        "interfaceComponents": {
            "inputPorts": [{"name": "trips", "version": "1.2.0", "x-dependsOn": provider}],
            "outputPorts": []
        }
    })
}

fn write(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    path
}

fn new_store(dir: &Path, name: &str) -> Store {
    let info = MeshInfo {
        namespace: "com.example".into(),
        ..common::info(name)
    };
    Store::create(&dir.join(format!("{name}.mesh")), &info).unwrap()
}

/// Every DPDS descriptor of `mesh` by file name, as text.
fn export(mesh: &Mesh) -> BTreeMap<String, String> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    dpds::documents(&ctx)
        .into_iter()
        .map(|d| (d.file_name, d.text))
        .collect()
}

fn exported(mesh: &Mesh, product: &str) -> Value {
    let text = &export(mesh)[&format!("{product}.dpds.json")];
    serde_json::from_str(text).unwrap()
}

#[test]
fn names_come_back_as_written_until_the_model_renames_them() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "trip.json", &trip());
    let mut store = new_store(tmp.path(), "a");
    common::import(&mut store, &[file], false);
    let mut mesh = store.load().unwrap();
    // The model holds slugs.
    assert_eq!(mesh.products[0].name, "tripexecution");
    assert_eq!(mesh.output_ports[0].name, "tripevents");
    assert!(
        mesh.domains
            .iter()
            .any(|d| d.name == "transport-management")
    );

    let doc = exported(&mesh, "tripexecution");
    assert_eq!(doc["info"]["name"], json!("tripExecution"));
    assert_eq!(doc["info"]["domain"], json!("Transport Management"));
    assert_eq!(doc["info"]["fullyQualifiedName"], json!(TRIP_FQN));
    let port = &doc["interfaceComponents"]["outputPorts"][0];
    assert_eq!(port["name"], json!("tripEvents"));
    assert_eq!(port["fullyQualifiedName"], json!(EVENTS_FQN));
    assert_eq!(doc["interfaceComponents"]["inputPorts"], json!([]));
    let text = serde_json::to_string(&doc).unwrap();
    assert!(!text.contains(dpds::ORIGINALS), "{text}");

    // Renamed in Meshwright, the product gets the derived names again; its port, not
    // renamed, keeps its name but not the fully qualified name under the old product.
    mesh.products[0].name = "trip-execution".into();
    let doc = exported(&mesh, "trip-execution");
    assert_eq!(doc["info"]["name"], json!("trip-execution"));
    assert_eq!(
        doc["info"]["fullyQualifiedName"],
        json!("urn:dpds:com.example:dataproducts:trip-execution:1")
    );
    assert_eq!(doc["info"]["domain"], json!("Transport Management"));
    let port = &doc["interfaceComponents"]["outputPorts"][0];
    assert_eq!(port["name"], json!("tripEvents"));
    assert_eq!(
        port["fullyQualifiedName"],
        json!("urn:dpds:com.example:dataproducts:trip-execution:1:outputports:tripevents")
    );
    // A new major version is another fully qualified name.
    mesh.products[0].name = "tripexecution".into();
    mesh.products[0].version = "2.0.0".into();
    let doc = exported(&mesh, "tripexecution");
    assert_eq!(doc["info"]["name"], json!("tripExecution"));
    assert_eq!(
        doc["info"]["fullyQualifiedName"],
        json!("urn:dpds:com.example:dataproducts:tripexecution:2")
    );
}

#[test]
fn an_input_reads_a_port_by_its_original_name_in_the_import_and_in_the_mesh() {
    let tmp = tempfile::tempdir().unwrap();
    let provider = write(tmp.path(), "trip.json", &trip());
    let reader = write(tmp.path(), "billing.json", &consumer(EVENTS_FQN));
    let reads_events = |mesh: &Mesh| {
        let port = mesh.output_ports.iter().find(|p| p.name == "tripevents");
        let input = mesh.input_ports.iter().find(|i| i.name == "trips").unwrap();
        assert_eq!(
            input.source,
            DependencySource::OutputPort {
                port_id: port.unwrap().id
            }
        );
    };

    // Both in one import.
    let mut together = new_store(tmp.path(), "together");
    common::import(&mut together, &[provider.clone(), reader.clone()], false);
    let mesh = together.load().unwrap();
    reads_events(&mesh);

    // The provider imported first, the reader into the mesh that holds it.
    let mut apart = new_store(tmp.path(), "apart");
    common::import(&mut apart, &[provider], false);
    common::import(&mut apart, &[reader], false);
    reads_events(&apart.load().unwrap());

    // The reader's export names the port as its own descriptor does, and the export
    // imports into a new mesh and exports again byte for byte.
    let first = export(&mesh);
    let doc: Value = serde_json::from_str(&first["billing.dpds.json"]).unwrap();
    assert_eq!(
        doc["interfaceComponents"]["inputPorts"][0]["x-dependsOn"],
        json!(EVENTS_FQN)
    );
    let repo = tmp.path().join("repo");
    common::write_tree(&repo, &first);
    let mut copy = new_store(tmp.path(), "copy");
    common::import(&mut copy, std::slice::from_ref(&repo), false);
    let copied = copy.load().unwrap();
    reads_events(&copied);
    common::same_files(&first, &export(&copied));
    // The original files imported again change nothing.
    let again = common::import(&mut together, &[tmp.path().join("trip.json")], true);
    assert!(again.plan.ops.is_empty(), "{:?}", again.plan.entities);
}

#[test]
fn descriptors_of_one_name_are_one_product_only_when_their_fqns_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let mut other = trip();
    other["info"]["fullyQualifiedName"] = json!("urn:dpds:it.quantyca:dataproducts:tripExecution");
    other["info"]["version"] = json!("1.0.0");
    other["info"]["domain"] = json!("sampleDomain");
    other["interfaceComponents"]["outputPorts"] = json!([]);
    // A file of one more port of the first product.
    let mut port_file = trip();
    port_file["interfaceComponents"]["outputPorts"][0]["name"] = json!("tripStatus");
    port_file["interfaceComponents"]["outputPorts"][0]["fullyQualifiedName"] =
        json!(format!("{TRIP_FQN}:outputports:tripStatus"));
    let files = vec![
        write(tmp.path(), "a-trip.json", &trip()),
        write(tmp.path(), "b-other.json", &other),
        write(tmp.path(), "c-port.json", &port_file),
    ];
    let mut store = new_store(tmp.path(), "a");
    common::import(&mut store, &files, false);
    let mesh = store.load().unwrap();
    let mut names: Vec<&str> = mesh.products.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["tripexecution", "tripexecution-2"]);
    let first = mesh.product_by_name("tripexecution").unwrap();
    let mut ports: Vec<&str> = mesh
        .output_ports
        .iter()
        .filter(|p| p.product_id == first.id)
        .map(|p| p.name.as_str())
        .collect();
    ports.sort_unstable();
    assert_eq!(ports, ["tripevents", "tripstatus"]);
    assert_eq!(first.version, "1.2.3");

    let doc = exported(&mesh, "tripexecution-2");
    assert_eq!(doc["info"]["name"], json!("tripExecution"));
    assert_eq!(doc["info"]["version"], json!("1.0.0"));
    assert_eq!(doc["info"]["domain"], json!("sampleDomain"));
    assert_eq!(
        doc["info"]["fullyQualifiedName"],
        json!("urn:dpds:it.quantyca:dataproducts:tripExecution")
    );

    // Imported again, each descriptor finds its product by its fully qualified name.
    let again = common::import(&mut store, &files, true);
    assert!(again.plan.ops.is_empty(), "{:?}", again.plan.entities);
}
