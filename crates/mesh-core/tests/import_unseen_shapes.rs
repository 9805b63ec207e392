//! Shapes of real manifests the importer met first on files outside the corpus
//! (`MESHWRIGHT_CORPUS`, see `realworld.rs`), each as a small document of our own
//! modelled on the public file named beside it: imported alone into a new mesh and
//! exported again in its format, every key comes back; documents Meshwright does not
//! read are refused with a reason that names what they are.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};

use common::realworld::keys_kept;
use mesh_core::Store;
use mesh_core::manifests::import::{self, ImportOptions};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, OdpsVersion};
use mesh_core::model::Mesh;
use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// YAML as the import reads it (YAML 1.2 booleans), every document of the text.
fn yaml(text: &str) -> Vec<Value> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_multiple_with_options::<Value>(text, options)
        .unwrap()
        .into_iter()
        .filter(|d| !d.is_null())
        .collect()
}

/// Imports `path` alone into a new mesh.
fn import_alone(dir: &Path, path: &Path) -> Mesh {
    let mut store = Store::create(&dir.join("new.mesh"), &common::info("unseen")).unwrap();
    common::import(&mut store, &[path.to_path_buf()], false);
    store.load().unwrap()
}

/// Every document `format` exports of `mesh`.
fn export(mesh: &Mesh, format: Format, options: ExportOptions) -> Vec<Value> {
    let ctx = ExportContext::new(mesh, options);
    manifests::documents(&ctx, &[format])
        .iter()
        .flat_map(|d| yaml(&d.text))
        .collect()
}

/// The keys of the one document of `text` that its one re-exported document lacks.
fn lost_keys(text: &str, format: Format, options: ExportOptions) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "doc.yaml", text);
    let mesh = import_alone(tmp.path(), &path);
    let [original] = yaml(text).try_into().unwrap();
    let again = export(&mesh, format, options);
    assert_eq!(again.len(), 1, "{again:?}");
    keys_kept(&original, &again[0])
}

/// Why importing `text` alone was refused, every reason on its own line.
fn refusal(name: &str, text: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), name, text);
    let mut store = Store::create(&tmp.path().join("bad.mesh"), &common::info("unseen")).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ImportOptions {
        dry_run: true,
        strict: false,
    };
    let errors = import::run(&mut store, &[path], options, &mut |_, _| {}, &cancel)
        .expect_err("the import should have been refused");
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Modelled on the Bitol ODPS `docs/examples/customer-data-product.odps.yaml` (main):
/// custom properties of a port, an input and the team come first in their lists, where
/// Meshwright writes its own fields first; the team's name is no slug.
#[test]
fn custom_properties_keep_their_place_before_meshwrights_own() {
    let text = r#"apiVersion: v1.0.0
kind: DataProduct
id: 6f0c3d1e-2a4b-4c5d-8e9f-0a1b2c3d4e5f
name: Parcels
status: active
domain: logistics
inputPorts:
  - name: depots
    version: 1.0.0
    contractId: depots-contract
    customProperties:
      - property: feedVersion
        value: "1.1.0"
outputPorts:
  - name: parcels
    version: 2.0.0
    customProperties:
      - property: feedVersion
        value: "2.0.0"
team:
  name: Parcel Team
  customProperties:
    - property: onCall
      value: "true"
"#;
    let options = ExportOptions {
        odps: OdpsVersion::V1_0_0,
        ..ExportOptions::default()
    };
    assert_eq!(lost_keys(text, Format::Odps, options), Vec::<String>::new());
}

/// Modelled on dataproduct-cli `tests/fixtures/lint/valid-dataproduct-v1.1.0.odps.yaml`:
/// v1.1.0 custom properties with a `vendor`, and `deprecated: false` said outright.
#[test]
fn a_vendor_and_an_explicit_deprecated_false_come_back() {
    let text = r#"apiVersion: v1.1.0
kind: DataProduct
id: 0b7e6f52-9c1d-4e8a-b3f2-7d6c5a4b3e21
status: active
name: Invoices
deprecated: false
outputPorts:
  - name: invoices
    type: tables
    deprecated: false
customProperties:
  - property: billingCode
    value: bc-12
    vendor: acme
    id: billing-code
"#;
    assert_eq!(
        lost_keys(text, Format::Odps, ExportOptions::default()),
        Vec::<String>::new()
    );
}

/// A product written deprecated still says so, whatever its file said before.
#[test]
fn a_deprecated_product_is_written_deprecated() {
    let text = "apiVersion: v1.1.0\nkind: DataProduct\nid: a\nname: A\nstatus: deprecated\n\
                deprecated: true\n";
    assert_eq!(
        lost_keys(text, Format::Odps, ExportOptions::default()),
        Vec::<String>::new()
    );
}

/// Modelled on dataproduct-cli `tests/fixtures/lint/v1.1.0-fields-in-v1.0.0.odps.yaml`:
/// a v1.0.0 document with v1.1.0's `type`.
#[test]
fn a_v1_0_0_product_with_a_type_keeps_it() {
    let text = "apiVersion: v1.0.0\nkind: DataProduct\nid: 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d\n\
                status: active\nname: Fleet\ntype: aggregate\n";
    let options = ExportOptions {
        odps: OdpsVersion::V1_0_0,
        ..ExportOptions::default()
    };
    assert_eq!(lost_keys(text, Format::Odps, options), Vec::<String>::new());
}

/// Modelled on backstage/backstage `packages/catalog-model/examples/acme/team-a-group.yaml`:
/// one User name in two namespaces is two entities, both kept.
#[test]
fn one_user_name_in_two_namespaces_imports_as_two_users() {
    let text = r#"apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: visitor
spec:
  memberOf: [crew]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: visitor
  namespace: staging
spec:
  memberOf: [group:default/crew]
"#;
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "users.yaml", text);
    let mesh = import_alone(tmp.path(), &path);
    let again = export(&mesh, Format::Backstage, ExportOptions::default());
    for original in yaml(text) {
        let namespace = original.pointer("/metadata/namespace");
        let back = again
            .iter()
            .find(|d| d["kind"] == "User" && d.pointer("/metadata/namespace") == namespace)
            .unwrap_or_else(|| panic!("{namespace:?} not re-exported: {again:?}"));
        assert_eq!(keys_kept(&original, back), Vec::<String>::new());
    }
    // In one namespace the name is still declared twice.
    let twice = text.replace("  namespace: staging\n", "");
    let path = write(tmp.path(), "twice.yaml", &twice);
    let mut store = Store::create(&tmp.path().join("bad.mesh"), &common::info("unseen")).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ImportOptions {
        dry_run: true,
        strict: false,
    };
    let errors = import::run(&mut store, &[path], options, &mut |_, _| {}, &cancel)
        .expect_err("a name twice in one namespace is refused");
    let text = errors[0].to_string();
    assert!(text.contains("twice.yaml:"), "{text}");
    assert!(text.contains("declared twice"), "{text}");
}

/// Modelled on bitol-io/open-data-contract-standard v2.2.2
/// `docs/examples/all/postgresql-adventureworks-contract.yaml`: an ODCS v2 contract
/// is kept whole as an unattached contract and written back as it came.
#[test]
fn an_odcs_v2_contract_is_kept_whole_and_written_back() {
    let v2 = "version: 1.0.0\nstandardVersion: 2.2.0\nuuid: 6aeafdc1-ed62-4c8f-bf0a-da1061c98cdb\n\
              kind: managedDataset\ndatasetName: adventureworks\nstatus: Development\n\
              dataset:\n  tables:\n  - table: department\n";
    assert_eq!(
        lost_keys(v2, Format::Odcs, ExportOptions::default()),
        Vec::<String>::new()
    );
    let tmp = tempfile::tempdir().unwrap();
    let mesh = import_alone(tmp.path(), &write(tmp.path(), "v2.yaml", v2));
    assert_eq!(
        mesh.contracts[0].contract_id,
        "6aeafdc1-ed62-4c8f-bf0a-da1061c98cdb"
    );
    assert_eq!(mesh.contracts[0].name.as_deref(), Some("adventureworks"));
    assert_eq!(mesh.contracts[0].output_port_id, None);
}

/// Modelled on opendatamesh-initiative/odm-specification-dpdescriptor
/// `examples/tripexecution/ports/trip-status-oport.json`: a document of a kind
/// Meshwright does not read says what it is.
#[test]
fn a_dpds_port_file_is_refused_by_name() {
    let port = r#"{"fullyQualifiedName": "urn:dpds:org.example:dataproducts:rides:1:outputports:status",
                   "name": "status", "version": "1.0.0"}"#;
    let why = refusal("doc.json", port);
    assert!(why.contains("DPDS component"), "{why}");
    assert!(why.contains("$ref"), "{why}");
}

/// Modelled on datacontract-cli `tests/fixtures/lint/invalid_datacontract.yaml`: a
/// required key missing at the root (here commented out) is refused with a place, the
/// document it is missing from.
#[test]
fn a_required_key_missing_at_the_root_is_refused_at_the_documents_start() {
    let text = "dataContractSpecification: 1.2.1\n#id: orders\ninfo:\n  title: Orders\n  \
                version: 0.0.1\n";
    let why = refusal("datacontract.yaml", text);
    assert!(
        why.contains("datacontract.yaml:1:1: field `id`: is required"),
        "{why}"
    );
}
