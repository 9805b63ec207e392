//! The DPDS, Backstage and DataHub exports of the demo mesh and of a generated
//! 1,000-product mesh, checked against the official schemas in `../shared/schemas`
//! (Backstage: the envelope and each kind's schema; DataHub: the derived schema, since
//! DataHub publishes none), Backstage's naming rules and reference resolution, and
//! determinism.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeSet, HashSet};

use jsonschema::Validator;
use mesh_core::demo::demo_mesh;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::{
    Document, ExportContext, ExportOptions, Scope, backstage, datahub, dpds,
};
use mesh_core::model::Mesh;
use serde_json::Value;

use common::load;

fn meshes() -> Vec<(&'static str, Mesh)> {
    let generated = generate(&GenerateOptions {
        products: 1000,
        domains: None,
        seed: 42,
    });
    vec![("demo", demo_mesh()), ("generated-1000", generated)]
}

fn export(mesh: &Mesh, documents: fn(&ExportContext) -> Vec<Document>) -> Vec<Document> {
    documents(&ExportContext::new(mesh, ExportOptions::default()))
}

fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn yaml_documents(text: &str) -> Vec<Value> {
    serde_saphyr::from_multiple(text).expect("exported YAML parses")
}

#[test]
fn dpds_descriptors_validate_against_dpds_1_0_0() {
    let Some(dir) = common::schemas() else { return };
    let validator = jsonschema::validator_for(&load(&dir, "dpds-1.0.0.schema.json")).unwrap();
    let mut ownerless = serde_json::json!({"dataProductDescriptor": "1.0.0",
        "info": {"fullyQualifiedName": "urn:dpds:x:dataproducts:p:1", "name": "p",
                 "version": "1.0.0", "domain": "d"},
        "interfaceComponents": {"outputPorts": []}});
    assert!(!validator.is_valid(&ownerless), "DPDS requires info.owner");
    ownerless["info"]["owner"] = serde_json::json!({"id": "a@b.c"});
    assert!(validator.is_valid(&ownerless));
    for (name, mesh) in meshes() {
        let docs = export(&mesh, dpds::documents);
        assert_eq!(docs.len(), mesh.products.len(), "{name}: one per product");
        for doc in &docs {
            assert!(doc.file_name.ends_with(".dpds.json"), "{}", doc.file_name);
            let value: Value = serde_json::from_str(&doc.text).unwrap();
            let found = errors(&validator, &value);
            assert!(found.is_empty(), "{name} {}: {found:#?}", doc.file_name);
            assert!(
                value["info"]["fullyQualifiedName"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("urn:dpds:{}:dataproducts:", mesh.info.namespace))
            );
        }
    }
}

#[test]
fn datahub_files_validate_against_the_derived_schema() {
    let Some(dir) = common::schemas() else { return };
    let schema = load(&dir, "datahub-dataproduct.DERIVED-unofficial.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(
        !validator.is_valid(&serde_json::json!({"id": "p"})),
        "domain is required"
    );
    for (name, mesh) in meshes() {
        let docs = export(&mesh, datahub::documents);
        assert_eq!(docs.len(), mesh.products.len(), "{name}: one per product");
        for doc in &docs {
            let value: Value = serde_saphyr::from_str(&doc.text).unwrap();
            let found = errors(&validator, &value);
            assert!(found.is_empty(), "{name} {}: {found:#?}", doc.file_name);
            // DataHub requires every output port to be an asset too.
            let assets: HashSet<&Value> =
                value["assets"].as_array().into_iter().flatten().collect();
            for port in value["output_ports"].as_array().into_iter().flatten() {
                assert!(assets.contains(port), "{}: {port}", doc.file_name);
            }
        }
    }
}

#[test]
fn backstage_catalogs_validate_against_envelope_and_kind_schemas() {
    let Some(dir) = common::schemas() else { return };
    let schemas = common::BackstageSchemas::load(&dir);
    // The validators must reject what Backstage rejects, or passing proves nothing.
    let bad = serde_json::json!({"apiVersion": "backstage.io/v1alpha1", "kind": "System",
                                 "metadata": {"name": "x"}, "spec": {"type": "data-product"}});
    assert!(
        !schemas.kinds["System"].is_valid(&bad),
        "a System without owner is invalid"
    );
    // The shared `Entity` schema is reached through the registry: its closed envelope
    // and `EntityMeta` rules apply.
    let mut stray = bad.clone();
    stray["spec"]["owner"] = serde_json::json!("group:x");
    assert!(schemas.kinds["System"].is_valid(&stray));
    stray["unexpected"] = serde_json::json!(1);
    assert!(
        !schemas.kinds["System"].is_valid(&stray),
        "Entity is closed"
    );
    stray.as_object_mut().unwrap().remove("unexpected");
    stray["metadata"]["annotations"] = serde_json::json!({"a/b": 1});
    assert!(
        !schemas.kinds["System"].is_valid(&stray),
        "EntityMeta applies"
    );
    for (name, mesh) in meshes() {
        let docs = export(&mesh, backstage::documents);
        assert_eq!(docs.len(), mesh.domains.len(), "{name}: one per domain");
        for doc in &docs {
            assert_eq!(doc.file_name, "catalog-info.yaml");
            for entity in yaml_documents(&doc.text) {
                let kind = entity["kind"].as_str().unwrap().to_owned();
                let label = format!("{name} {kind} {}", entity["metadata"]["name"]);
                let found = errors(&schemas.envelope, &entity);
                assert!(found.is_empty(), "{label}: {found:#?}");
                let validator = schemas
                    .kinds
                    .get(&kind)
                    .unwrap_or_else(|| panic!("{label}: unexpected kind"));
                let found = errors(validator, &entity);
                assert!(found.is_empty(), "{label}: {found:#?}");
            }
        }
    }
}

/// `[kind:][namespace/]name` with the kind a field implies when none is written.
fn reference(raw: &str, implied: &str) -> (String, String) {
    let (kind, rest) = match raw.split_once(':') {
        Some((kind, rest)) => (kind.to_ascii_lowercase(), rest),
        None => (implied.to_owned(), raw),
    };
    let name = rest.strip_prefix("default/").unwrap_or(rest);
    assert!(
        !name.contains('/'),
        "only the default namespace is written: {raw}"
    );
    (kind, name.to_owned())
}

fn backstage_tag_ok(tag: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ":+#".contains(c))
    };
    tag.len() <= 63 && tag.split('-').all(word)
}

fn annotation_key_ok(key: &str) -> bool {
    let Some((prefix, name)) = key.split_once('/') else {
        return false;
    };
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    prefix.len() <= 253 && prefix.split('.').all(label) && backstage::is_valid_name(name)
}

#[test]
fn backstage_names_meet_the_rules_and_every_reference_resolves() {
    for (name, mesh) in meshes() {
        let docs = export(&mesh, backstage::documents);
        let entities: Vec<Value> = docs.iter().flat_map(|d| yaml_documents(&d.text)).collect();
        let mut emitted = HashSet::new();
        for entity in &entities {
            let kind = entity["kind"].as_str().unwrap();
            // Backstage's kind rule: a letter, then letters and digits, at most 63.
            assert!(
                kind.len() <= 63
                    && kind.starts_with(|c: char| c.is_ascii_alphabetic())
                    && kind.chars().all(|c| c.is_ascii_alphanumeric()),
                "{kind}"
            );
            assert!(
                ["Domain", "Group", "System", "Component", "API"].contains(&kind),
                "{kind}"
            );
            assert_eq!(entity["apiVersion"], "backstage.io/v1alpha1");
            let meta = &entity["metadata"];
            let entity_name = meta["name"].as_str().unwrap();
            assert!(
                backstage::is_valid_name(entity_name),
                "{name}: bad name {entity_name:?}"
            );
            assert!(meta.get("namespace").is_none(), "default namespace only");
            for tag in meta["tags"].as_array().into_iter().flatten() {
                assert!(backstage_tag_ok(tag.as_str().unwrap()), "{name}: tag {tag}");
            }
            for (key, value) in meta["annotations"].as_object().into_iter().flatten() {
                assert!(annotation_key_ok(key), "{name}: annotation key {key}");
                assert!(key.starts_with(backstage::ANNOTATION_PREFIX), "{key}");
                assert!(value.is_string(), "{key}: annotation values are strings");
            }
            let fresh = emitted.insert((kind.to_ascii_lowercase(), entity_name.to_owned()));
            assert!(
                fresh,
                "{name}: {kind} {entity_name} written twice across catalogs"
            );
        }
        let resolve = |raw: &Value, implied: &str, what: &str| {
            let target = reference(raw.as_str().unwrap(), implied);
            assert!(
                emitted.contains(&target),
                "{name}: {what} {raw} resolves to nothing"
            );
        };
        for entity in &entities {
            let spec = &entity["spec"];
            for field in ["owner"] {
                if !spec[field].is_null() {
                    resolve(&spec[field], "group", field);
                }
            }
            if !spec["domain"].is_null() {
                resolve(&spec["domain"], "domain", "domain");
            }
            if !spec["subdomainOf"].is_null() {
                resolve(&spec["subdomainOf"], "domain", "subdomainOf");
            }
            if !spec["system"].is_null() {
                resolve(&spec["system"], "system", "system");
            }
            for api in ["providesApis", "consumesApis"] {
                for target in spec[api].as_array().into_iter().flatten() {
                    resolve(target, "api", api);
                }
            }
            for target in spec["dependsOn"].as_array().into_iter().flatten() {
                let raw = target.as_str().unwrap();
                assert!(raw.contains(':'), "dependsOn needs an explicit kind: {raw}");
                resolve(target, "component", "dependsOn");
            }
        }
        // Every team, product and output port is in the catalog.
        let count = |kind: &str| emitted.iter().filter(|(k, _)| k == kind).count();
        assert!(
            count("group") >= mesh.teams.len(),
            "{name}: a Group per team"
        );
        assert_eq!(count("system"), mesh.products.len());
        assert_eq!(count("component"), mesh.products.len());
        assert_eq!(count("api"), mesh.output_ports.len());
        assert_eq!(count("domain"), mesh.domains.len());
        // Port dependencies become consumesApis; none is lost.
        let consumed: usize = entities
            .iter()
            .map(|e| e["spec"]["consumesApis"].as_array().map_or(0, Vec::len))
            .sum();
        let distinct_edges: BTreeSet<(uuid::Uuid, uuid::Uuid)> = mesh
            .input_ports
            .iter()
            .filter_map(|i| match i.source {
                mesh_core::model::DependencySource::OutputPort { port_id } => {
                    Some((i.product_id, port_id))
                }
                _ => None,
            })
            .collect();
        assert_eq!(consumed, distinct_edges.len(), "{name}");
    }
}

#[test]
fn every_document_belongs_to_an_existing_scope() {
    let mesh = demo_mesh();
    let products: HashSet<_> = mesh.products.iter().map(|p| p.id).collect();
    let domains: HashSet<_> = mesh.domains.iter().map(|d| d.id).collect();
    for documents in [dpds::documents, datahub::documents, backstage::documents] {
        for doc in export(&mesh, documents) {
            match doc.scope {
                Scope::Product(id) => assert!(products.contains(&id)),
                Scope::Domain(id) => assert!(domains.contains(&id)),
                Scope::Mesh => panic!("the demo keeps no unattached contract"),
                Scope::Root => {}
            }
            assert!(
                doc.text.ends_with('\n') && !doc.text.ends_with("\n\n") && !doc.text.contains('\r')
            );
            assert!(!doc.file_name.contains(['/', '\\']), "{}", doc.file_name);
        }
    }
}

#[test]
fn exports_are_deterministic() {
    let generated = generate(&GenerateOptions {
        products: 1000,
        domains: None,
        seed: 42,
    });
    for documents in [dpds::documents, datahub::documents, backstage::documents] {
        let first = export(&generated, documents);
        // A second, independently built context: no state may leak between runs.
        let second = export(&generated.clone(), documents);
        assert_eq!(first, second);
        let names: HashSet<(Scope, &str)> = first
            .iter()
            .map(|d| (d.scope, d.file_name.as_str()))
            .collect();
        assert_eq!(names.len(), first.len(), "file names are unique per scope");
    }
}
