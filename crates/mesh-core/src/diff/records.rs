//! A mesh as records: every entity (the mesh header, people, teams, domains, source
//! systems, data products, output and input ports, kept contracts) as its kind, its id,
//! the name people know it by and its fields as JSON values, in one canonical order.
//! The diff, the textconv text and the three-way merge all compare these records, so a
//! field is compared the same way everywhere. Canvas positions are layout, not content:
//! they are not records.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::model::{EntityKind, Mesh};

/// Where a record sorts: kinds in the order people read a mesh, then by id.
pub type RecordKey = (u8, Uuid);

/// One entity as fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Its kind.
    pub kind: EntityKind,
    /// Its id (the nil UUID for the mesh header).
    pub id: Uuid,
    /// The name people know it by: a slug, `product/port` for ports.
    pub name: String,
    /// Every field but the id, as serialized (camelCase).
    pub fields: Map<String, Value>,
}

/// The kinds that are records, in reading order.
pub const KINDS: [EntityKind; 9] = [
    EntityKind::Mesh,
    EntityKind::Person,
    EntityKind::Team,
    EntityKind::Domain,
    EntityKind::SourceSystem,
    EntityKind::Product,
    EntityKind::OutputPort,
    EntityKind::InputPort,
    EntityKind::Contract,
];

/// The rank of `kind` in [`KINDS`].
pub fn rank(kind: EntityKind) -> u8 {
    KINDS
        .iter()
        .position(|k| *k == kind)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

fn fields(value: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(mut map)) => {
            map.remove("id");
            map
        }
        _ => Map::new(),
    }
}

/// One entity as a record.
pub fn record(kind: EntityKind, id: Uuid, name: String, value: &impl Serialize) -> Record {
    Record {
        kind,
        id,
        name,
        fields: fields(value),
    }
}

/// `product/name` for a port, by the product's id.
pub fn qualified(products: &HashMap<Uuid, String>, product: Uuid, name: &str) -> String {
    let owner = products.get(&product).map_or("?", String::as_str);
    format!("{owner}/{name}")
}

/// Every record of `mesh`, by key.
pub fn records(mesh: &Mesh) -> BTreeMap<RecordKey, Record> {
    let products: HashMap<Uuid, &str> = mesh
        .products
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let of = |product: Uuid, name: &str| {
        format!("{}/{name}", products.get(&product).copied().unwrap_or("?"))
    };
    let mut out = BTreeMap::new();
    let mut add = |kind: EntityKind, id: Uuid, name: String, fields: Map<String, Value>| {
        out.insert(
            (rank(kind), id),
            Record {
                kind,
                id,
                name,
                fields,
            },
        );
    };
    add(
        EntityKind::Mesh,
        Uuid::nil(),
        "mesh".into(),
        fields(&mesh.info),
    );
    for x in &mesh.people {
        add(EntityKind::Person, x.id, x.username.clone(), fields(x));
    }
    for x in &mesh.teams {
        add(EntityKind::Team, x.id, x.name.clone(), fields(x));
    }
    for x in &mesh.domains {
        add(EntityKind::Domain, x.id, x.name.clone(), fields(x));
    }
    for x in &mesh.source_systems {
        add(EntityKind::SourceSystem, x.id, x.name.clone(), fields(x));
    }
    for x in &mesh.products {
        add(EntityKind::Product, x.id, x.name.clone(), fields(x));
    }
    for x in &mesh.output_ports {
        add(
            EntityKind::OutputPort,
            x.id,
            of(x.product_id, &x.name),
            fields(x),
        );
    }
    for x in &mesh.input_ports {
        add(
            EntityKind::InputPort,
            x.id,
            of(x.product_id, &x.name),
            fields(x),
        );
    }
    for x in &mesh.contracts {
        let name = x.name.clone().unwrap_or_else(|| x.contract_id.clone());
        add(EntityKind::Contract, x.id, name, fields(x));
    }
    out
}
