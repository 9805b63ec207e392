use chrono::NaiveDate;

use super::merge::merge;
use super::report::{markdown, text, textconv};
use super::*;
use crate::demo::demo_mesh;
use crate::governance::{self, Policy};
use crate::model::{InputPort, Status};

fn product<'m>(m: &'m mut Mesh, name: &str) -> &'m mut crate::model::DataProduct {
    m.products.iter_mut().find(|p| p.name == name).unwrap()
}

/// A new input of `product` reading `port`.
fn reading(product: Uuid, port: Uuid, name: &str) -> InputPort {
    InputPort {
        id: Uuid::new_v4(),
        product_id: product,
        name: name.into(),
        description: None,
        source: DependencySource::OutputPort { port_id: port },
        custom_properties: Vec::new(),
        extensions: Default::default(),
    }
}

fn check(m: &Mesh) -> Vec<Finding> {
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    governance::check(m, &Policy::default(), today)
        .unwrap()
        .findings
}

#[test]
fn a_mesh_equals_itself() {
    let m = demo_mesh();
    let d = diff(&m, &m, &check(&m), &check(&m));
    assert!(d.is_empty());
    assert_eq!(text(&d), "no differences\n");
}

#[test]
fn changes_are_listed_by_entity_and_field_with_their_consequences() {
    let a = demo_mesh();
    let mut b = a.clone();
    // Rename and re-own orders; deprecate one of its ports; drop a product; add a reader.
    let other_team = b
        .teams
        .iter()
        .find(|t| t.name == "finance-data")
        .unwrap()
        .id;
    let orders = product(&mut b, "orders");
    orders.name = "orders-v2".into();
    orders.owner_team_id = Some(other_team);
    let orders_id = orders.id;
    let port = b
        .output_ports
        .iter_mut()
        .find(|o| o.product_id == orders_id)
        .unwrap();
    port.status = Status::Deprecated;
    let port_id = port.id;
    let gone = b
        .products
        .iter()
        .find(|p| p.name == "churn-risk")
        .unwrap()
        .id;
    b.products.retain(|p| p.id != gone);
    b.output_ports.retain(|o| o.product_id != gone);
    b.input_ports.retain(|i| i.product_id != gone);
    let reader = b
        .products
        .iter()
        .find(|p| p.name == "general-ledger")
        .unwrap()
        .id;
    b.input_ports.push(reading(reader, port_id, "new-orders"));
    b.sort();

    let d = diff(&a, &b, &check(&a), &check(&b));
    let changed = d.entities.iter().find(|e| e.id == orders_id).unwrap();
    assert_eq!(changed.change, Change::Changed);
    let fields: Vec<&str> = changed.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "ownerTeamId"]);
    assert_eq!(changed.fields[0].before, Some(Value::from("orders")));
    assert_eq!(changed.fields[0].after, Some(Value::from("orders-v2")));
    assert!(
        d.entities
            .iter()
            .any(|e| e.id == gone && e.change == Change::Removed)
    );
    assert_eq!(d.counts(EntityKind::InputPort).0, 1, "one input added");
    assert_eq!(d.ownership.len(), 1);
    assert_eq!(d.ownership[0].to.as_deref(), Some("finance-data"));
    assert!(
        d.dependencies_added
            .iter()
            .any(|x| x.input == "general-ledger/new-orders")
    );
    // Every reader of the deprecated port is broken by it.
    let readers = a
        .input_ports
        .iter()
        .filter(|i| matches!(i.source, DependencySource::OutputPort { port_id: p } if p == port_id))
        .count();
    assert!(readers > 0);
    assert_eq!(
        d.broken.iter().filter(|x| x.reason == "deprecated").count(),
        readers
    );
    assert!(!d.findings_new.is_empty() || !d.findings_resolved.is_empty());
    let t = text(&d);
    assert!(
        t.contains("~ data product orders-v2\n    name: orders → orders-v2\n"),
        "{t}"
    );
    assert!(t.contains("- data product churn-risk"), "{t}");
    let md = markdown(&d);
    assert!(md.starts_with("### Mesh changes: "), "{md}");
    assert!(
        md.contains("| ✏️ | data product | `orders-v2` | `name`: orders → orders-v2"),
        "{md}"
    );
}

#[test]
fn contract_changes_are_listed_with_their_classification() {
    let a = demo_mesh();
    let mut b = a.clone();
    let port = b
        .output_ports
        .iter_mut()
        .find(|o| !o.contract_body.schema.is_empty() && o.contract.is_some())
        .unwrap();
    let object = port.contract_body.schema[0].name.clone();
    let removed = port.contract_body.schema[0].properties.pop().unwrap().name;
    port.contract_body.schema[0]
        .properties
        .push(crate::model::SchemaProperty::new(
            "added_note",
            crate::model::LogicalType::String,
        ));
    let d = diff(&a, &b, &[], &[]);
    assert_eq!(d.contract_changes.len(), 1);
    let t = text(&d);
    assert!(
        t.contains(", breaking without a new major version\n")
            && t.contains(&format!(
                "    breaking: column {object}.{removed} removed\n"
            ))
            && t.contains(&format!("    column {object}.added_note added\n")),
        "{t}"
    );
    let md = markdown(&d);
    assert!(md.contains("#### Contract changes"), "{md}");
    assert!(
        md.contains(&format!(
            "  - **breaking**: column {object}.{removed} removed"
        )),
        "{md}"
    );
    let json = serde_json::to_value(&d).unwrap();
    // Changes in the new body's order, removed ones after.
    assert_eq!(json["contractChanges"][0]["changes"][0]["breaking"], false);
    assert_eq!(
        json["contractChanges"][0]["changes"][1]["kind"],
        "propertyRemoved"
    );
    assert_eq!(json["contractChanges"][0]["changes"][1]["breaking"], true);
    assert_eq!(json["contractChanges"][0]["majorBumped"], false);
    // Without contract changes the JSON is as before.
    let same = serde_json::to_value(diff(&a, &a, &[], &[])).unwrap();
    assert!(same.get("contractChanges").is_none());
}

#[test]
fn textconv_is_one_line_per_field_under_a_header_per_entity() {
    let a = demo_mesh();
    let mut b = a.clone();
    product(&mut b, "orders").name = "orders-v2".into();
    let (ta, tb) = (textconv(&a), textconv(&b));
    assert!(ta.starts_with("mesh\n  "));
    let id = a.products.iter().find(|p| p.name == "orders").unwrap().id;
    assert!(ta.contains(&format!("data product {id} (orders)\n")));
    let changed: Vec<(&str, &str)> = ta.lines().zip(tb.lines()).filter(|(x, y)| x != y).collect();
    assert!(
        changed.contains(&(r#"  name: "orders""#, r#"  name: "orders-v2""#)),
        "{changed:?}"
    );
    assert_eq!(
        ta.lines().count(),
        tb.lines().count(),
        "a rename moves nothing"
    );
    assert_eq!(textconv(&a), ta, "deterministic");
}

#[test]
fn a_three_way_merge_takes_each_sides_changes_and_lists_conflicts() {
    let base = demo_mesh();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    product(&mut ours, "orders").name = "orders-v2".into();
    product(&mut theirs, "orders").display_name = "All orders".into();
    let reader = theirs
        .products
        .iter()
        .find(|p| p.name == "general-ledger")
        .unwrap()
        .id;
    let port = theirs.output_ports[0].id;
    let added = reading(reader, port, "extra");
    theirs.input_ports.push(added.clone());
    let clean = merge(&base, &ours, &theirs).unwrap();
    assert!(clean.conflicts.is_empty(), "{:?}", clean.conflicts);
    let orders = clean
        .mesh
        .products
        .iter()
        .find(|p| p.id == product(&mut ours, "orders-v2").id)
        .unwrap();
    assert_eq!(
        (orders.name.as_str(), orders.display_name.as_str()),
        ("orders-v2", "All orders")
    );
    assert!(clean.mesh.input_ports.iter().any(|i| i.id == added.id));

    // Both rename orders: a conflict, ours kept.
    product(&mut theirs, "orders").name = "orders-2025".into();
    let clash = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(clash.conflicts.len(), 1);
    let c = &clash.conflicts[0];
    assert_eq!(c.field.as_deref(), Some("name"));
    assert_eq!(
        (c.ours.clone(), c.theirs.clone()),
        (
            Some(Value::from("orders-v2")),
            Some(Value::from("orders-2025"))
        )
    );
    assert!(clash.mesh.products.iter().any(|p| p.name == "orders-v2"));

    // Edited on our side, deleted on theirs: ours stands, listed.
    let mut theirs = base.clone();
    let id = product(&mut ours, "orders-v2").id;
    theirs.products.retain(|p| p.id != id);
    theirs.output_ports.retain(|o| o.product_id != id);
    theirs.input_ports.retain(|i| i.product_id != id);
    let against = merge(&base, &ours, &theirs).unwrap();
    assert!(
        against
            .conflicts
            .iter()
            .any(|c| c.id == id && c.field.is_none())
    );
    assert!(against.mesh.products.iter().any(|p| p.id == id));
}

#[test]
fn a_summary_counts_each_kind() {
    let a = demo_mesh();
    let mut b = a.clone();
    product(&mut b, "orders").name = "orders-v2".into();
    b.teams.clear();
    let d = diff(&a, &b, &[], &[]);
    let s = report::summary(&d);
    assert!(
        s.starts_with(&format!("teams: {} removed; ", a.teams.len())),
        "{s}"
    );
    assert!(s.contains("data products: "), "{s}");
    assert_eq!(report::summary(&diff(&a, &a, &[], &[])), "");
}
