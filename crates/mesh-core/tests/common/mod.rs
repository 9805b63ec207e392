//! Small builders for integration tests: entities with sensible defaults, so each test
//! states only what it is about.
#![allow(dead_code, missing_docs, clippy::unwrap_used)]

use mesh_core::model::*;
use uuid::Uuid;

pub fn info(name: &str) -> MeshInfo {
    MeshInfo {
        name: name.into(),
        namespace: "com.example".into(),
        description: None,
        custom_properties: vec![],
        extensions: Default::default(),
    }
}

pub fn team(name: &str) -> Team {
    Team {
        id: Uuid::new_v4(),
        name: name.into(),
        title: name.to_uppercase(),
        description: None,
        email: None,
        team_type: None,
        members: vec![],
        custom_properties: vec![],
        extensions: Default::default(),
    }
}

pub fn person(username: &str) -> Person {
    Person {
        id: Uuid::new_v4(),
        username: username.into(),
        display_name: username.into(),
        email: None,
    }
}

pub fn domain(name: &str) -> Domain {
    Domain {
        id: Uuid::new_v4(),
        name: name.into(),
        title: name.to_uppercase(),
        description: None,
        parent_id: None,
        repo_folder: None,
        owner_team_id: None,
        links: vec![],
        custom_properties: vec![],
        extensions: Default::default(),
    }
}

pub fn product(name: &str, domain: &Domain) -> DataProduct {
    DataProduct {
        id: Uuid::new_v4(),
        name: name.into(),
        display_name: name.to_uppercase(),
        version: "1.0.0".into(),
        description: Default::default(),
        domain_id: domain.id,
        owner_team_id: None,
        accountable_person_id: None,
        status: Status::Active,
        archetype: Some(Archetype::SourceAligned),
        tags: vec![],
        links: vec![],
        custom_properties: vec![],
        extensions: Default::default(),
    }
}

pub fn port(name: &str, product: &DataProduct) -> OutputPort {
    OutputPort {
        id: Uuid::new_v4(),
        product_id: product.id,
        name: name.into(),
        version: "1.0.0".into(),
        port_type: PortType::Table,
        description: None,
        visibility: Visibility::Public,
        status: Status::Active,
        contract: None,
        contains_pii: false,
        classification: None,
        service_levels: vec![],
        contract_body: Default::default(),
        deprecation_date: None,
        successor_port_id: None,
        custom_properties: vec![],
        extensions: Default::default(),
    }
}

pub fn dependency(consumer: &DataProduct, provider: &OutputPort) -> InputPort {
    InputPort {
        id: Uuid::new_v4(),
        product_id: consumer.id,
        name: format!("in-{}", &provider.id.simple().to_string()[..8]),
        description: None,
        source: DependencySource::OutputPort {
            port_id: provider.id,
        },
        custom_properties: vec![],
        extensions: Default::default(),
    }
}

/// Imports `paths` into `store`, panicking with every error, one per line.
pub fn import(
    store: &mut mesh_core::Store,
    paths: &[std::path::PathBuf],
    dry_run: bool,
) -> mesh_core::manifests::import::ImportReport {
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = mesh_core::manifests::import::ImportOptions {
        dry_run,
        strict: false,
    };
    mesh_core::manifests::import::run(store, paths, options, &mut |_, _| {}, &cancel)
        .unwrap_or_else(|errors| {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("the import was refused:\n{}", lines.join("\n"))
        })
}

pub mod realworld;

/// The shared schema folder (`../shared/schemas` beside the repository), or `None` with
/// the reason printed. Under CI (`CI` set to anything but `false` or `0`) a missing
/// folder fails the test instead: schema checks must not be skipped there.
pub fn schemas() -> Option<std::path::PathBuf> {
    shared("schemas", "the schema checks")
}

/// The shared corpus of real-world manifests (`../shared/realworld` beside the
/// repository), or `None` with the reason printed; under CI a missing folder fails the
/// test, as for [`schemas`].
pub fn realworld() -> Option<std::path::PathBuf> {
    shared("realworld", "the real-world corpus tests")
}

/// The folder `name` of `../shared` beside the repository, or `None` with the reason
/// printed; under CI (`CI` set to anything but `false` or `0`) a missing folder fails
/// the test instead, naming `what` cannot be skipped.
fn shared(name: &str, what: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
        .join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").unwrap_or_default();
    assert!(
        ci.is_empty() || ci == "false" || ci == "0",
        "{} is missing and CI={ci}: {what} cannot be skipped",
        dir.display()
    );
    eprintln!(
        "skipped: {} not found (set CI=true to make this fail)",
        dir.display()
    );
    None
}

/// A JSON file of the schema folder.
pub fn load(dir: &std::path::Path, name: &str) -> serde_json::Value {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Backstage kind schemas, whose relative `$id`s and `$ref`s (`Entity`,
/// `EntityMeta`, `common#relation`) resolve against one base through a registry.
pub struct BackstageSchemas {
    pub envelope: jsonschema::Validator,
    pub kinds: std::collections::HashMap<String, jsonschema::Validator>,
}

impl BackstageSchemas {
    const BASE: &'static str = "https://backstage.io/schema/";

    pub fn load(dir: &std::path::Path) -> Self {
        let shared = [
            ("Entity", "backstage-Entity.schema.json"),
            ("EntityMeta", "backstage-EntityMeta.schema.json"),
            ("common", "backstage-common.schema.json"),
        ];
        let mut registry = jsonschema::Registry::new();
        for (id, file) in shared {
            registry = registry
                .add(format!("{}{id}", Self::BASE), load(dir, file))
                .unwrap();
        }
        let registry = registry.prepare().unwrap();
        let envelope =
            jsonschema::validator_for(&load(dir, "backstage-EntityEnvelope.schema.json")).unwrap();
        let mut kinds = std::collections::HashMap::new();
        for kind in [
            "Domain",
            "Group",
            "System",
            "Component",
            "API",
            "Resource",
            "User",
        ] {
            let schema = load(dir, &format!("backstage-{kind}.v1alpha1.schema.json"));
            let validator = jsonschema::options()
                .with_base_uri(Self::BASE)
                .with_registry(&registry)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{kind} schema: {e}"));
            kinds.insert(kind.to_owned(), validator);
        }
        BackstageSchemas { envelope, kinds }
    }
}

/// Writes `docs` (relative path → text) under `dir`.
pub fn write_tree(dir: &std::path::Path, docs: &std::collections::BTreeMap<String, String>) {
    for (name, text) in docs {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Fails with a unified diff unless both exports hold the same files with the same bytes.
pub fn same_files(
    first: &std::collections::BTreeMap<String, String>,
    second: &std::collections::BTreeMap<String, String>,
) {
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (name, text) in first {
        let again = &second[name];
        if text != again {
            let diff = similar::TextDiff::from_lines(text.as_str(), again.as_str())
                .unified_diff()
                .header("exported", "re-exported")
                .to_string();
            panic!("{name} changed on the round trip:\n{diff}");
        }
    }
}
