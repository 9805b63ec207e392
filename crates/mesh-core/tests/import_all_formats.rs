//! Every format together and each one alone: a tree exported with every format (by
//! domain and not), imported into a new mesh file and exported again, gives the same
//! bytes for every file; a tree of DPDS descriptors only, or of Backstage catalogs
//! only, imports on its own; and when formats disagree, the precedence decides and the
//! disagreement is reported.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::import::Action;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, layout};
use mesh_core::model::{DependencySource, Mesh, MeshInfo, Status};

/// Every document of `formats`, placed as `meshwright export` places them.
fn export(mesh: &Mesh, formats: &[Format], by_domain: bool) -> BTreeMap<String, String> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, formats);
    layout::place(&ctx, docs, by_domain)
        .unwrap()
        .into_iter()
        .map(|p| (p.path, p.text))
        .collect()
}

/// `mesh` with every person's id replaced by one derived from the username: no format
/// carries people's ids (an import derives them), so meshes compare by username.
fn by_username(mut mesh: Mesh) -> Mesh {
    let ids: std::collections::HashMap<uuid::Uuid, uuid::Uuid> = mesh
        .people
        .iter()
        .map(|p| {
            (
                p.id,
                uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, p.username.as_bytes()),
            )
        })
        .collect();
    for p in &mut mesh.people {
        p.id = ids[&p.id];
    }
    for t in &mut mesh.teams {
        for m in &mut t.members {
            m.person_id = ids.get(&m.person_id).copied().unwrap_or(m.person_id);
        }
    }
    for p in &mut mesh.products {
        p.accountable_person_id = p.accountable_person_id.and_then(|id| ids.get(&id).copied());
    }
    mesh
}

/// The mesh as the store returns it (sorted), so both exports see the same order.
fn stored(tmp: &Path, mesh: &Mesh) -> Mesh {
    let source = Store::create_from(&tmp.join("source.mesh"), mesh, &mut |_, _| {})
        .unwrap()
        .load()
        .unwrap();
    by_username(source)
}

fn info(namespace: &str) -> MeshInfo {
    MeshInfo {
        namespace: namespace.into(),
        ..common::info("copy")
    }
}

/// Exports `formats`, imports the tree into a new mesh, checks every entity was
/// created and no format disagreed, and returns the first export, the copy and its store.
fn import_tree(
    tmp: &Path,
    source: &Mesh,
    formats: &[Format],
    by_domain: bool,
) -> (BTreeMap<String, String>, Mesh, Store, PathBuf) {
    let first = export(source, formats, by_domain);
    let repos = tmp.join("repos");
    common::write_tree(&repos, &first);
    let mut store = Store::create(&tmp.join("copy.mesh"), &info(&source.info.namespace)).unwrap();
    let report = common::import(&mut store, std::slice::from_ref(&repos), false);
    assert!(report.applied);
    assert_eq!(
        report.plan.count(Action::Create),
        report.plan.entities.len()
    );
    assert!(
        report.plan.disagreements.is_empty(),
        "{:#?}",
        report.plan.disagreements
    );
    let copy = by_username(store.load().unwrap());
    (first, copy, store, repos)
}

fn round_trip(original: &Mesh, by_domain: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let source = stored(tmp.path(), original);
    let (first, copy, mut store, repos) = import_tree(tmp.path(), &source, &Format::ALL, by_domain);
    assert_eq!(copy.products.len(), source.products.len());
    assert_eq!(copy.domains, source.domains, "domains come back whole");
    assert_eq!(copy.teams, source.teams, "teams come back whole");
    assert_eq!(copy.source_systems, source.source_systems);
    assert_eq!(copy.products, source.products);
    assert_eq!(copy.output_ports, source.output_ports);
    assert_eq!(copy.input_ports, source.input_ports);
    common::same_files(&first, &export(&copy, &Format::ALL, by_domain));

    // Importing the same tree again changes nothing.
    let again = common::import(&mut store, &[repos], true);
    let changed: Vec<_> = again
        .plan
        .entities
        .iter()
        .filter(|e| e.action != Action::Unchanged)
        .collect();
    assert!(changed.is_empty(), "{changed:?}");
}

#[test]
fn the_demo_mesh_round_trips_through_every_format_by_domain() {
    round_trip(&demo_mesh(), true);
}

#[test]
fn the_demo_mesh_round_trips_through_every_format_in_one_tree() {
    round_trip(&demo_mesh(), false);
}

fn generated() -> Mesh {
    generate(&GenerateOptions {
        products: 400,
        domains: None,
        seed: 7,
    })
}

#[test]
fn a_generated_mesh_round_trips_through_every_format_by_domain() {
    round_trip(&generated(), true);
}

#[test]
fn a_generated_mesh_round_trips_through_every_format_in_one_tree() {
    round_trip(&generated(), false);
}

#[test]
fn a_mesh_with_repository_folders_and_unowned_domains_and_products_round_trips() {
    let mut mesh = demo_mesh();
    for (i, d) in mesh.domains.iter_mut().enumerate() {
        d.repo_folder = Some(format!("repos/{}-data", d.name));
        if i % 2 == 0 {
            d.owner_team_id = None;
        }
    }
    // The first domain and its products own nothing: the export writes Backstage's
    // placeholder owner, which an import must not take for a team.
    let first = mesh.domains[0].id;
    for p in mesh.products.iter_mut().filter(|p| p.domain_id == first) {
        p.owner_team_id = None;
    }
    mesh.products[1].accountable_person_id = None;
    round_trip(&mesh, true);
}

#[test]
fn dpds_descriptors_alone_import_products_ports_dependencies_and_source_systems() {
    let tmp = tempfile::tempdir().unwrap();
    let source = stored(tmp.path(), &demo_mesh());
    let (first, copy, _, _) = import_tree(tmp.path(), &source, &[Format::Dpds], false);
    // DPDS names domains and teams without their ids: products compare by those names.
    let named = |m: &Mesh| {
        let domains: std::collections::HashMap<_, _> =
            m.domains.iter().map(|d| (d.id, d.name.clone())).collect();
        let teams: std::collections::HashMap<_, _> =
            m.teams.iter().map(|t| (t.id, t.name.clone())).collect();
        m.products
            .iter()
            .map(|p| {
                let team = p.owner_team_id.map(|t| teams[&t].clone());
                let domain = domains[&p.domain_id].clone();
                let mut p = p.clone();
                p.domain_id = uuid::Uuid::nil();
                p.owner_team_id = None;
                (p, domain, team)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(named(&copy), named(&source));
    // The ports' contracts, bodies included, come from the ODCS documents the
    // descriptors carry in `promises.api`.
    assert_eq!(copy.output_ports, source.output_ports);
    assert!(
        copy.output_ports
            .iter()
            .any(|p| !p.contract_body.schema.is_empty())
    );
    assert_eq!(copy.input_ports, source.input_ports);
    assert_eq!(copy.source_systems, source.source_systems);
    let names = |m: &Mesh| m.domains.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&copy), names(&source));
    assert!(!copy.teams.is_empty());
    common::same_files(&first, &export(&copy, &[Format::Dpds], false));
}

#[test]
fn backstage_catalogs_alone_import_domains_teams_products_ports_and_dependencies() {
    let tmp = tempfile::tempdir().unwrap();
    let source = stored(tmp.path(), &demo_mesh());
    let (first, copy, _, _) = import_tree(tmp.path(), &source, &[Format::Backstage], true);
    assert_eq!(copy.domains, source.domains);
    assert_eq!(copy.teams, source.teams);
    assert_eq!(copy.source_systems, source.source_systems);
    assert_eq!(copy.products, source.products);
    // The ports' contracts, bodies included, come from the ODCS documents the APIs
    // carry as their definitions.
    assert_eq!(copy.output_ports, source.output_ports);
    assert!(
        copy.output_ports
            .iter()
            .any(|p| !p.contract_body.schema.is_empty())
    );
    assert_eq!(copy.input_ports, source.input_ports);
    let dependencies = copy
        .input_ports
        .iter()
        .filter(|i| matches!(i.source, DependencySource::OutputPort { .. }))
        .count();
    assert!(dependencies > 20, "{dependencies}");
    common::same_files(&first, &export(&copy, &[Format::Backstage], true));
}

#[test]
fn odps_wins_over_dpds_and_backstage_and_the_disagreement_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let source = stored(tmp.path(), &demo_mesh());
    let repos = tmp.path().join("repos");
    let docs = export(&source, &Format::ALL, true);
    common::write_tree(&repos, &docs);
    let product = &source.products[0];
    let retired = if product.status == Status::Retired {
        Status::Active
    } else {
        Status::Retired
    };
    // The product's DPDS descriptor says another status; everything else agrees.
    let (path, text) = docs
        .iter()
        .find(|(p, _)| p.ends_with(&format!("/{}.dpds.json", product.name)))
        .unwrap();
    // The first `x-status` is the product's (`info` comes before the ports).
    let edited = text.replacen(
        &format!("\"x-status\": \"{}\"", product.status.as_str()),
        &format!("\"x-status\": \"{}\"", retired.as_str()),
        1,
    );
    assert_ne!(&edited, text);
    std::fs::write(repos.join(path), edited).unwrap();

    let mut store =
        Store::create(&tmp.path().join("copy.mesh"), &info(&source.info.namespace)).unwrap();
    let report = common::import(&mut store, std::slice::from_ref(&repos), true);
    let lines: Vec<String> = report
        .plan
        .disagreements
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].contains(&format!("data product {}", product.name)),
        "{lines:?}"
    );
    assert!(
        lines[0].contains("field `status`") && lines[0].contains("keeping ODPS"),
        "{lines:?}"
    );
    common::import(&mut store, &[repos], false);
    let copy = store.load().unwrap();
    assert_eq!(
        copy.product_by_name(&product.name).unwrap().status,
        product.status
    );
}

#[test]
fn dpds_and_backstage_fill_what_odps_does_not_carry() {
    let tmp = tempfile::tempdir().unwrap();
    let source = stored(tmp.path(), &demo_mesh());
    let repos = tmp.path().join("repos");
    let odps = export(&source, &[Format::Odps, Format::Odcs], true);
    common::write_tree(&repos, &odps);
    let info = info(&source.info.namespace);
    let mut bitol_only = Store::create(&tmp.path().join("bitol.mesh"), &info).unwrap();
    common::import(&mut bitol_only, std::slice::from_ref(&repos), false);
    let bitol_only = bitol_only.load().unwrap();
    // ODPS names domains and source systems but holds none of their details.
    assert_ne!(bitol_only.domains, source.domains);
    assert_ne!(bitol_only.source_systems, source.source_systems);

    let others = export(&source, &[Format::Dpds, Format::Backstage], true);
    common::write_tree(&repos, &others);
    let mut store = Store::create(&tmp.path().join("all.mesh"), &info).unwrap();
    common::import(&mut store, &[repos], false);
    let copy = by_username(store.load().unwrap());
    assert_eq!(copy.domains, source.domains);
    assert_eq!(copy.source_systems, source.source_systems);
    assert_eq!(copy.teams, source.teams);
    assert_eq!(copy.products, source.products);
}
