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
    mesh_core::manifests::import::run(store, paths, dry_run, &mut |_, _| {}, &cancel)
        .unwrap_or_else(|errors| {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("the import was refused:\n{}", lines.join("\n"))
        })
}

/// The shared schema folder (`../shared/schemas` beside the repository), or `None` with
/// the reason printed. Under CI (`CI` set to anything but `false` or `0`) a missing
/// folder fails the test instead: schema checks must not be skipped there.
pub fn schemas() -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/schemas"
    ));
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").unwrap_or_default();
    assert!(
        ci.is_empty() || ci == "false" || ci == "0",
        "{} is missing and CI={ci}: the schema checks cannot be skipped",
        dir.display()
    );
    eprintln!(
        "skipped: {} not found (set CI=true to make this fail)",
        dir.display()
    );
    None
}
