//! The contract change classification through the public API: each kind of change,
//! once where it breaks consumers and once where it does not; versions deciding whether
//! a breaking change is allowed; ports paired across meshes by id and, when ids differ,
//! by name.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::contract_change::{
    ChangeKind, ContractChange, compare_bodies, compare_meshes, is_major_bump, widens,
};
use mesh_core::model::{ContractBody, LogicalType, SchemaObject, SchemaProperty};

/// A body of objects, each `(name, columns)` with columns `"name type [req] [pk]"`.
fn body(objects: &[(&str, &[&str])]) -> ContractBody {
    let schema = objects
        .iter()
        .map(|(name, columns)| SchemaObject {
            name: (*name).into(),
            properties: columns.iter().map(|c| column(c)).collect(),
            ..SchemaObject::default()
        })
        .collect();
    ContractBody {
        schema,
        ..ContractBody::default()
    }
}

fn column(spec: &str) -> SchemaProperty {
    let mut words = spec.split_whitespace();
    let name = words.next().unwrap();
    let mut p = SchemaProperty::new(name, LogicalType::parse(words.next().unwrap()).unwrap());
    for flag in words {
        match flag {
            "req" => p.required = Some(true),
            "pk" => p.primary_key = Some(true),
            other => panic!("{other}"),
        }
    }
    p
}

/// The changes from `old` to `new` of one object `t`.
fn changes(old: &[&str], new: &[&str]) -> Vec<ContractChange> {
    compare_bodies(&body(&[("t", old)]), &body(&[("t", new)]))
}

fn only(changes: &[ContractChange]) -> &ContractChange {
    assert_eq!(changes.len(), 1, "{changes:?}");
    &changes[0]
}

#[test]
fn equal_bodies_have_no_changes() {
    let b = ["id string pk", "amount number"];
    assert!(changes(&b, &b).is_empty());
}

#[test]
fn a_removed_property_breaks() {
    let c = changes(&["id string pk", "note string"], &["id string pk"]);
    let c = only(&c);
    assert_eq!(c.kind, ChangeKind::PropertyRemoved);
    assert_eq!(c.location(), "t.note");
    assert!(c.breaking);
    assert_eq!(c.describe(), "column t.note removed");
}

#[test]
fn an_added_optional_property_does_not_break_but_a_required_one_does() {
    let c = changes(&["id string pk"], &["id string pk", "note string"]);
    assert_eq!(only(&c).kind, ChangeKind::PropertyAdded);
    assert!(!only(&c).breaking);
    let c = changes(&["id string pk"], &["id string pk", "note string req"]);
    assert!(only(&c).breaking);
    assert_eq!(only(&c).describe(), "column t.note added (required)");
}

#[test]
fn a_narrowed_type_breaks() {
    for (from, to) in [
        ("string", "integer"),
        ("number", "integer"),
        ("timestamp", "date"),
        ("boolean", "integer"),
    ] {
        let c = changes(&[&format!("x {from}")], &[&format!("x {to}")]);
        let c = only(&c);
        assert_eq!(c.kind, ChangeKind::TypeChanged);
        assert!(c.breaking, "{from} → {to}");
        assert_eq!(
            c.describe(),
            format!("column t.x type changed from {from} to {to}")
        );
    }
}

#[test]
fn a_widened_type_does_not_break() {
    for (from, to) in [
        ("integer", "number"),
        ("date", "timestamp"),
        ("integer", "string"),
        ("timestamp", "string"),
    ] {
        let c = changes(&[&format!("x {from}")], &[&format!("x {to}")]);
        assert!(!only(&c).breaking, "{from} → {to}");
    }
    assert!(widens(None, Some("integer")), "nothing was promised");
    assert!(!widens(Some("varchar"), Some("text")), "unknown words");
}

#[test]
fn a_property_made_required_breaks_and_made_optional_does_not() {
    let c = changes(&["x string"], &["x string req"]);
    assert_eq!(only(&c).kind, ChangeKind::MadeRequired);
    assert!(only(&c).breaking);
    let c = changes(&["x string req"], &["x string"]);
    assert_eq!(only(&c).kind, ChangeKind::MadeOptional);
    assert!(!only(&c).breaking);
}

#[test]
fn a_removed_object_breaks_and_an_added_one_does_not() {
    let old = body(&[("a", &["id string pk"]), ("b", &["id string pk"])]);
    let new = body(&[("a", &["id string pk"])]);
    let c = compare_bodies(&old, &new);
    assert_eq!(only(&c).kind, ChangeKind::ObjectRemoved);
    assert!(only(&c).breaking);
    assert_eq!(only(&c).describe(), "object b removed");
    let c = compare_bodies(&new, &old);
    assert_eq!(only(&c).kind, ChangeKind::ObjectAdded);
    assert!(!only(&c).breaking);
}

#[test]
fn nested_properties_and_items_are_compared_by_path() {
    let mut address = SchemaProperty::new("address", LogicalType::Object);
    address.properties = vec![column("city string"), column("zip string")];
    let mut tags = SchemaProperty::new("tags", LogicalType::Array);
    tags.items = Some(Box::new(SchemaProperty {
        name: String::new(),
        ..column("item integer")
    }));
    let old = ContractBody {
        schema: vec![SchemaObject {
            name: "t".into(),
            properties: vec![address.clone(), tags.clone()],
            ..SchemaObject::default()
        }],
        ..ContractBody::default()
    };
    let mut new = old.clone();
    new.schema[0].properties[0].properties.pop();
    new.schema[0].properties[1]
        .items
        .as_mut()
        .unwrap()
        .logical_type = Some("string".into());
    let c = compare_bodies(&old, &new);
    let described: Vec<(String, bool)> = c.iter().map(|c| (c.describe(), c.breaking)).collect();
    assert_eq!(
        described,
        [
            ("column t.address.zip removed".to_owned(), true),
            (
                "column t.tags[] type changed from integer to string".to_owned(),
                false
            ),
        ]
    );
}

#[test]
fn versions_decide_whether_breaking_is_allowed() {
    assert!(is_major_bump("1.3.0", "2.0.0"));
    assert!(is_major_bump("v1", "v2"));
    assert!(!is_major_bump("1.3.0", "1.4.0"));
    assert!(!is_major_bump("2.0.0", "1.0.0"));
}

/// The demo mesh with the first port that has a contract body, and its position.
fn demo_with_body() -> (mesh_core::model::Mesh, usize) {
    let mesh = mesh_core::demo::demo_mesh();
    let at = mesh
        .output_ports
        .iter()
        .position(|p| !p.contract_body.schema.is_empty() && p.contract.is_some())
        .unwrap();
    (mesh, at)
}

fn set_contract_version(mesh: &mut mesh_core::model::Mesh, at: usize, v: &str) {
    mesh.output_ports[at].contract.as_mut().unwrap().version = Some(v.into());
}

#[test]
fn meshes_pair_ports_by_id_and_tell_whether_the_major_version_moved() {
    let (mut old, at) = demo_with_body();
    set_contract_version(&mut old, at, "1.0.0");
    assert!(compare_meshes(&old, &old).is_empty());
    let mut new = old.clone();
    let column = new.output_ports[at].contract_body.schema[0]
        .properties
        .pop()
        .unwrap();
    set_contract_version(&mut new, at, "1.5.0");
    let found = compare_meshes(&old, &new);
    assert_eq!(found.len(), 1);
    let port = &found[0];
    assert_eq!(port.port_id, new.output_ports[at].id);
    assert!(port.is_breaking() && !port.major_bumped);
    assert_eq!(
        (port.version_before.as_str(), port.version_after.as_str()),
        ("1.0.0", "1.5.0")
    );
    assert_eq!(port.unversioned_breaking().count(), 1);
    assert!(port.changes[0].describe().contains(&column.name));

    set_contract_version(&mut new, at, "2.0.0");
    let found = compare_meshes(&old, &new);
    assert!(found[0].major_bumped);
    assert_eq!(
        found[0].unversioned_breaking().count(),
        0,
        "a new major version"
    );

    // Without a contract version, the port's own version counts.
    new.output_ports[at].contract.as_mut().unwrap().version = None;
    old.output_ports[at].contract.as_mut().unwrap().version = None;
    new.output_ports[at].version = "v2".into();
    old.output_ports[at].version = "v1".into();
    assert!(compare_meshes(&old, &new)[0].major_bumped);
}

#[test]
fn ports_pair_by_name_when_ids_differ() {
    let (old, at) = demo_with_body();
    let mut new = old.clone();
    for p in &mut new.output_ports {
        p.id = uuid::Uuid::new_v4();
    }
    new.output_ports[at].contract_body.schema[0]
        .properties
        .remove(0);
    let found = compare_meshes(&old, &new);
    assert_eq!(
        found.len(),
        1,
        "only the changed port, the others paired by name"
    );
    assert_eq!(found[0].port_id, new.output_ports[at].id);
    // A port given a new version in place pairs by product and port name.
    new.output_ports[at].version = "v9".into();
    assert_eq!(compare_meshes(&old, &new).len(), 1);
}
