//! Export, import into a new mesh file, export again: the ODPS and ODCS documents of
//! the demo mesh and of a generated 1,000-product mesh come back byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::import::Action;
use mesh_core::manifests::{
    self, ExportContext, ExportOptions, Format, OdcsVersion, OdpsVersion, Scope,
};
use mesh_core::model::{Mesh, MeshInfo};

/// Every ODPS and ODCS document of `mesh`, keyed by `<product>/<file>`.
fn export(mesh: &Mesh, options: ExportOptions) -> BTreeMap<String, String> {
    let ctx = ExportContext::new(mesh, options);
    manifests::documents(&ctx, &[Format::Odps, Format::Odcs])
        .into_iter()
        .map(|d| {
            let Scope::Product(id) = d.scope else {
                panic!("Bitol documents belong to products")
            };
            (
                format!("{}/{}", ctx.products[&id].name, d.file_name),
                d.text,
            )
        })
        .collect()
}

fn round_trip(original: &Mesh, options: ExportOptions) {
    let tmp = tempfile::tempdir().unwrap();
    // The mesh as the store returns it (sorted), so both exports see the same order.
    let source = Store::create_from(&tmp.path().join("a.mesh"), original, &mut |_, _| {})
        .unwrap()
        .load()
        .unwrap();
    let first = export(&source, options);
    let repos = tmp.path().join("repos");
    common::write_tree(&repos, &first);

    let info = MeshInfo {
        name: "copy".into(),
        namespace: source.info.namespace.clone(),
        description: None,
        custom_properties: vec![],
        extensions: Default::default(),
    };
    let mut store = Store::create(&tmp.path().join("copy.mesh"), &info).unwrap();
    let report = common::import(&mut store, &[PathBuf::from(&repos)], false);
    assert!(report.applied);
    assert_eq!(
        report.plan.count(Action::Create),
        report.plan.entities.len()
    );
    let copy = store.load().unwrap();
    assert_eq!(copy.products.len(), source.products.len());
    assert_eq!(copy.input_ports.len(), source.input_ports.len());

    common::same_files(&first, &export(&copy, options));

    // Importing the same files again changes nothing.
    let again = common::import(&mut store, &[repos], true);
    assert!(
        again.plan.ops.is_empty(),
        "{:?}",
        again
            .plan
            .entities
            .iter()
            .filter(|e| e.action != Action::Unchanged)
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_demo_mesh_round_trips_byte_for_byte() {
    round_trip(&demo_mesh(), ExportOptions::default());
}

#[test]
fn the_demo_mesh_round_trips_through_odps_v1_0_0_and_odcs_v3_2_0() {
    round_trip(
        &demo_mesh(),
        ExportOptions {
            odps: OdpsVersion::V1_0_0,
            odcs: OdcsVersion::V3_2_0,
        },
    );
}

#[test]
fn a_generated_1000_product_mesh_round_trips_byte_for_byte() {
    round_trip(
        &generate(&GenerateOptions {
            products: 1000,
            domains: None,
            seed: 11,
        }),
        ExportOptions::default(),
    );
}
