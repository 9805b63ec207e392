//! Backstage entities Meshwright does not model, and references it cannot resolve, are
//! kept rather than refused: entities of no System or Domain in the mesh header,
//! written back into the mesh's own `catalog-info.yaml` at the export root; a Domain or
//! System named but found nowhere kept as written; a scaffolder Template skipped with
//! its reason, even in a file named explicitly.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use mesh_core::manifests::import::{self, ImportReport};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, Scope, layout};
use mesh_core::model::Mesh;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use serde_json::{Value, json};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Imports `paths` into a new mesh file in `dir` and loads it.
fn import_new(dir: &Path, paths: &[PathBuf]) -> (ImportReport, Mesh) {
    let cancel = AtomicBool::new(false);
    let sources = import::read(paths, &mut |_, _| {}, &cancel).unwrap_or_else(|e| panic!("{e:#?}"));
    let path = dir.join("kept.mesh");
    let report = import::create(&path, &common::info("kept"), &sources, false, &cancel)
        .unwrap_or_else(|e| panic!("{e:#?}"));
    let mesh = Store::open(&path, Access::ReadOnly)
        .and_then(|s| s.load())
        .unwrap();
    (report, mesh)
}

/// The Backstage documents of `mesh`, with their scope, each parsed into its entities.
fn export(mesh: &Mesh) -> Vec<(Scope, Vec<Value>)> {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    manifests::documents(&ctx, &[Format::Backstage])
        .into_iter()
        .map(|d| {
            let docs = serde_saphyr::from_multiple::<Value>(&d.text).unwrap();
            (d.scope, docs)
        })
        .collect()
}

fn find<'a>(entities: &'a [Value], kind: &str, name: &str) -> &'a Value {
    entities
        .iter()
        .find(|e| e["kind"] == kind && e["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name} in {entities:#?}"))
}

const USERS: &str = "apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: amelia.park
spec:
  profile: {displayName: Amelia Park}
  memberOf: [team-b]
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: example-groups
spec:
  targets: [./team-b-group.yaml]
";

const API: &str = "apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: streetlights
spec:
  type: asyncapi
  lifecycle: production
  owner: team-c
  definition: 'asyncapi: 2.0.0'
";

#[test]
fn entities_of_no_system_or_domain_are_kept_with_the_mesh_and_written_at_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let users = write(tmp.path(), "in/users.yaml", USERS);
    let api = write(tmp.path(), "in/api.yaml", API);
    let (report, mesh) = import_new(tmp.path(), &[users, api]);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let kept = mesh.info.extensions["backstage"]["entities"]
        .as_array()
        .unwrap();
    let names: Vec<&str> = kept
        .iter()
        .map(|e| e["metadata"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["streetlights", "amelia.park", "example-groups"]);
    assert!(mesh.domains.is_empty() && mesh.products.is_empty());

    let docs = export(&mesh);
    assert_eq!(docs.len(), 1);
    let (scope, entities) = &docs[0];
    assert_eq!(*scope, Scope::Root);
    let original: Vec<Value> = serde_saphyr::from_multiple(USERS).unwrap();
    assert_eq!(find(entities, "User", "amelia.park"), &original[0]);
    assert_eq!(find(entities, "Location", "example-groups"), &original[1]);

    // The root catalog lands at the export root in both layouts.
    let ctx = ExportContext::new(&mesh, ExportOptions::default());
    for by_domain in [false, true] {
        let placed = layout::place(
            &ctx,
            manifests::documents(&ctx, &[Format::Backstage]),
            by_domain,
        )
        .unwrap();
        let paths: Vec<&str> = placed.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["catalog-info.yaml"]);
    }
}

#[test]
fn the_root_catalog_imports_again_unchanged_and_a_changed_entity_replaces_its_old_self() {
    let tmp = tempfile::tempdir().unwrap();
    let users = write(tmp.path(), "in/users.yaml", USERS);
    let (_, mesh) = import_new(tmp.path(), &[users]);
    let mut store = Store::open(&tmp.path().join("kept.mesh"), Access::ReadWrite).unwrap();

    // Our own export, read back: nothing to change.
    let ctx = ExportContext::new(&mesh, ExportOptions::default());
    let out = tmp.path().join("out");
    for doc in layout::place(
        &ctx,
        manifests::documents(&ctx, &[Format::Backstage]),
        false,
    )
    .unwrap()
    {
        write(&out, &doc.path, &doc.text);
    }
    let again = common::import(&mut store, std::slice::from_ref(&out), true);
    assert!(again.plan.ops.is_empty(), "{:#?}", again.plan.ops);

    // The Location changed, a new API came: replaced in place, appended.
    let changed = USERS.replace("./team-b-group.yaml", "./team-c-group.yaml");
    let path = write(tmp.path(), "in2/users.yaml", &changed);
    let api = write(tmp.path(), "in2/api.yaml", API);
    common::import(&mut store, &[path, api], false);
    let mesh = store.load().unwrap();
    let kept = mesh.info.extensions["backstage"]["entities"]
        .as_array()
        .unwrap();
    let names: Vec<&str> = kept
        .iter()
        .map(|e| e["metadata"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["amelia.park", "example-groups", "streetlights"]);
    assert_eq!(kept[1]["spec"]["targets"], json!(["./team-c-group.yaml"]));
    assert_eq!(
        mesh.info.name, "kept",
        "the rest of the header is the mesh's"
    );
}

#[test]
fn a_system_naming_a_domain_found_nowhere_is_kept_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    // A System of another type: kept whole, with the mesh.
    let other = write(
        tmp.path(),
        "in/audio.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: audio-playback\n\
         spec:\n  owner: team-c\n  domain: playback\n  type: feature-set\n",
    );
    // A data product: lands in the placeholder domain, keeps the reference.
    let product = write(
        tmp.path(),
        "in/orders.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: orders\n\
         spec:\n  owner: team-c\n  domain: playback\n  type: data-product\n",
    );
    let (_, mesh) = import_new(tmp.path(), &[other, product]);
    assert_eq!(mesh.products.len(), 1);
    assert_eq!(mesh.domains.len(), 1);
    assert_eq!(mesh.domains[0].name, "imported");
    let all: Vec<Value> = export(&mesh).into_iter().flat_map(|(_, e)| e).collect();
    let audio = find(&all, "System", "audio-playback");
    assert_eq!(audio["spec"]["domain"], "playback");
    assert_eq!(audio["spec"]["type"], "feature-set");
    let orders = find(&all, "System", "orders");
    assert_eq!(orders["spec"]["domain"], "playback");
    assert_eq!(orders["spec"]["owner"], "team-c");
}

#[test]
fn a_subdomain_of_a_domain_found_nowhere_keeps_its_parent_reference() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "in/domain.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: podcasts\n\
         spec:\n  owner: team-c\n  subdomainOf: playback\n",
    );
    let (_, mesh) = import_new(tmp.path(), &[path]);
    assert_eq!(mesh.domains[0].parent_id, None);
    let all: Vec<Value> = export(&mesh).into_iter().flat_map(|(_, e)| e).collect();
    assert_eq!(
        find(&all, "Domain", "podcasts")["spec"]["subdomainOf"],
        "playback"
    );
}

#[test]
fn an_api_of_a_system_found_nowhere_stays_with_its_files_domain() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: orders\n\
                spec:\n  owner: group:checkout-data\n---\n\
                apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ghost-api\n\
                spec:\n  type: openapi\n  lifecycle: production\n  owner: group:checkout-data\n  \
                system: ghost\n  definition: openapi\n";
    let path = write(tmp.path(), "in/catalog-info.yaml", text);
    let (_, mesh) = import_new(tmp.path(), &[path]);
    assert!(
        mesh.info.extensions.is_empty(),
        "{:?}",
        mesh.info.extensions
    );
    let docs = export(&mesh);
    assert_eq!(docs.len(), 1, "no root catalog");
    let (scope, entities) = &docs[0];
    assert_eq!(*scope, Scope::Domain(mesh.domains[0].id));
    let original: Vec<Value> = serde_saphyr::from_multiple(text).unwrap();
    assert_eq!(find(entities, "API", "ghost-api"), &original[1]);
}

#[test]
fn groups_of_a_mesh_without_domains_are_written_at_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: acme-corp\n\
                spec:\n  type: organization\n  children: [infrastructure]\n";
    let path = write(tmp.path(), "in/org.yaml", text);
    let (_, mesh) = import_new(tmp.path(), &[path]);
    assert_eq!(mesh.teams.len(), 1);
    let docs = export(&mesh);
    assert_eq!(docs.len(), 1);
    let (scope, entities) = &docs[0];
    assert_eq!(*scope, Scope::Root);
    let group = find(entities, "Group", "acme-corp");
    assert_eq!(group["spec"]["type"], "organization");
    assert_eq!(group["spec"]["children"], json!(["infrastructure"]));
}

const TEMPLATE: &str = "apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: demo-template
spec:
  owner: backstage/maintainers
  type: website
  steps: []
";

#[test]
fn a_template_is_skipped_with_its_reason_even_when_named() {
    let tmp = tempfile::tempdir().unwrap();
    let alone = write(tmp.path(), "in/template.yaml", TEMPLATE);
    let cancel = AtomicBool::new(false);
    let got = import::read(std::slice::from_ref(&alone), &mut |_, _| {}, &cancel).unwrap();
    assert!(got.documents.is_empty());
    assert_eq!(got.skipped.len(), 1);
    assert_eq!(got.skipped[0].0, alone);
    let why = &got.skipped[0].1;
    assert!(
        why.contains("Template `demo-template`") && why.contains("scaffolder.backstage.io"),
        "{why}"
    );

    // Beside catalog entities: those are read, the Template is named by its document.
    let mixed = write(
        tmp.path(),
        "in/mixed.yaml",
        &format!("{API}---\n{TEMPLATE}"),
    );
    let got = import::read(std::slice::from_ref(&mixed), &mut |_, _| {}, &cancel).unwrap();
    assert_eq!(got.documents.len(), 1);
    assert_eq!(got.skipped.len(), 1);
    assert!(
        got.skipped[0].1.starts_with("document 2: "),
        "{:?}",
        got.skipped
    );

    // Walked, too.
    let got = import::read(&[tmp.path().join("in")], &mut |_, _| {}, &cancel).unwrap();
    assert_eq!(got.skipped.len(), 2, "{:?}", got.skipped);
}

#[test]
fn a_walked_file_of_entities_of_no_system_is_read_unless_it_is_a_services_catalog() {
    let tmp = tempfile::tempdir().unwrap();
    let api = write(tmp.path(), "in/api.yaml", API);
    let service = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\n\
                   spec: {type: service, owner: team-a, lifecycle: production, providesApis: [web-api]}\n\
                   ---\n\
                   apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: web-api\n\
                   spec: {type: openapi, owner: team-a, lifecycle: production, definition: x}\n";
    let service = write(tmp.path(), "in/web/catalog-info.yaml", service);
    let cancel = AtomicBool::new(false);
    let got = import::read(&[tmp.path().join("in")], &mut |_, _| {}, &cancel).unwrap();
    assert_eq!(got.documents.len(), 1);
    assert_eq!(got.documents[0].path, api);
    assert_eq!(got.skipped.len(), 1);
    assert_eq!(got.skipped[0].0, service);
}

#[test]
fn an_import_with_nothing_for_the_header_leaves_it_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "in/domain.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: sales\nspec:\n  owner: team-a\n",
    );
    let (report, mesh) = import_new(tmp.path(), &[path]);
    assert!(
        !report
            .plan
            .ops
            .iter()
            .any(|op| matches!(op, EditOp::SetMeshInfo(_)))
    );
    assert_eq!(mesh.info, common::info("kept"));
}

#[test]
fn the_real_world_backstage_folder_imports_together_with_only_the_template_skipped() {
    let Some(root) = common::realworld() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let folder = root.join("backstage");
    let (report, mesh) = import_new(tmp.path(), std::slice::from_ref(&folder));
    let skipped: Vec<&Path> = report.skipped.iter().map(|(p, _)| p.as_path()).collect();
    assert_eq!(skipped, [folder.join("demo-template.yaml")]);
    // Read together, the System finds its Domain and is kept with it.
    let playback = mesh.domains.iter().find(|d| d.name == "playback").unwrap();
    let kept = &playback.extensions["backstage"]["entities"];
    assert_eq!(kept[0]["metadata"]["name"], "audio-playback", "{kept}");
    let at_mesh = mesh.info.extensions["backstage"]["entities"]
        .as_array()
        .unwrap();
    assert_eq!(
        at_mesh.len(),
        7,
        "a Location, an API and five Users: {at_mesh:#?}"
    );
}
