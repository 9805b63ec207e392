//! The three-way merge of two meshes that grew from one base (the git merge driver):
//! by entity id and field. A change on one side is taken; the same change on both is
//! taken once; different changes to one field, or an edit against a delete, are
//! conflicts, merged as our side has them and listed with base, ours and theirs. Canvas
//! positions never conflict (ours win, theirs fill in). What the merge leaves pointing
//! at nothing is repaired and listed as a conflict too: ports of a product gone, an
//! input reading a port gone (kept as an unresolved reference), a domain or owner team
//! gone while a product still names it (brought back). Nothing here reads or writes
//! files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::records::{Record, RecordKey, records};
use crate::error::{Error, Result};
use crate::model::{DependencySource, EntityKind, Mesh};

/// One conflict: the entity, the field (`None`: the entity itself, an edit against a
/// delete, or a repair), and the three values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The entity's kind.
    pub kind: EntityKind,
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The field; absent for the entity itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value in the common base.
    pub base: Option<Value>,
    /// On our side.
    pub ours: Option<Value>,
    /// On theirs.
    pub theirs: Option<Value>,
    /// What the merge did.
    pub resolution: String,
}

/// A merge: the mesh (our side's values where they conflict) and the conflicts.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged mesh.
    pub mesh: Mesh,
    /// What could not be merged cleanly.
    pub conflicts: Vec<Conflict>,
}

fn whole(r: Option<&Record>) -> Option<Value> {
    r.map(|r| Value::Object(r.fields.clone()))
}

/// Merges `ours` and `theirs`, both grown from `base`.
pub fn merge(base: &Mesh, ours: &Mesh, theirs: &Mesh) -> Result<Merged> {
    let (rb, ro, rt) = (records(base), records(ours), records(theirs));
    let keys: BTreeSet<RecordKey> = rb
        .keys()
        .chain(ro.keys())
        .chain(rt.keys())
        .copied()
        .collect();
    let mut merged: BTreeMap<RecordKey, Record> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for key in keys {
        let (b, o, t) = (rb.get(&key), ro.get(&key), rt.get(&key));
        let pick = if o == t || t == b {
            o.cloned()
        } else if o == b {
            t.cloned()
        } else if let (Some(o), Some(t)) = (o, t) {
            Some(merge_fields(b, o, t, &mut conflicts))
        } else {
            // Edited on one side, deleted on the other: ours stands.
            let named = o.or(t).or(b).map(|r| (r.kind, r.id, r.name.clone()));
            if let Some((kind, id, name)) = named {
                conflicts.push(Conflict {
                    kind,
                    id,
                    name,
                    field: None,
                    base: whole(b),
                    ours: whole(o),
                    theirs: whole(t),
                    resolution: if o.is_some() {
                        "kept ours (theirs deleted it)"
                    } else {
                        "deleted as in ours (theirs edited it)"
                    }
                    .into(),
                });
            }
            o.cloned()
        };
        if let Some(r) = pick {
            merged.insert(key, r);
        }
    }
    let mut mesh = rebuild(&merged)?;
    repair(&mut mesh, [ours, theirs, base], &mut conflicts)?;
    mesh.positions = positions(&mesh, ours, theirs);
    mesh.sort();
    Ok(Merged { mesh, conflicts })
}

/// Field by field: one side's change taken, a change on both sides to different values
/// a conflict (ours kept).
fn merge_fields(
    b: Option<&Record>,
    o: &Record,
    t: &Record,
    conflicts: &mut Vec<Conflict>,
) -> Record {
    let empty = Map::new();
    let bf = b.map_or(&empty, |r| &r.fields);
    let names: BTreeSet<&String> = bf
        .keys()
        .chain(o.fields.keys())
        .chain(t.fields.keys())
        .collect();
    let mut fields = Map::new();
    for name in names {
        let (bv, ov, tv) = (bf.get(name), o.fields.get(name), t.fields.get(name));
        let value = if ov == tv || tv == bv {
            ov
        } else if ov == bv {
            tv
        } else {
            conflicts.push(Conflict {
                kind: o.kind,
                id: o.id,
                name: o.name.clone(),
                field: Some(name.clone()),
                base: bv.cloned(),
                ours: ov.cloned(),
                theirs: tv.cloned(),
                resolution: "kept ours".into(),
            });
            ov
        };
        if let Some(v) = value {
            fields.insert(name.clone(), v.clone());
        }
    }
    Record {
        fields,
        ..o.clone()
    }
}

fn typed<T: DeserializeOwned>(r: &Record) -> Result<T> {
    let mut fields = r.fields.clone();
    if r.kind != EntityKind::Mesh {
        fields.insert("id".into(), Value::String(r.id.to_string()));
    }
    serde_json::from_value(Value::Object(fields)).map_err(|e| {
        Error::invalid(
            r.kind,
            &r.name,
            "fields",
            format!("the merged fields do not make one: {e}"),
        )
    })
}

/// The mesh the merged records describe.
fn rebuild(merged: &BTreeMap<RecordKey, Record>) -> Result<Mesh> {
    let mut info = None;
    let mut mesh = Mesh::empty(crate::model::MeshInfo {
        name: String::new(),
        namespace: String::new(),
        description: None,
        custom_properties: Vec::new(),
        extensions: crate::model::Extensions::default(),
    });
    for r in merged.values() {
        match r.kind {
            EntityKind::Mesh => info = Some(typed(r)?),
            EntityKind::Person => mesh.people.push(typed(r)?),
            EntityKind::Team => mesh.teams.push(typed(r)?),
            EntityKind::Domain => mesh.domains.push(typed(r)?),
            EntityKind::SourceSystem => mesh.source_systems.push(typed(r)?),
            EntityKind::Product => mesh.products.push(typed(r)?),
            EntityKind::OutputPort => mesh.output_ports.push(typed(r)?),
            EntityKind::InputPort => mesh.input_ports.push(typed(r)?),
            EntityKind::Contract => mesh.contracts.push(typed(r)?),
            EntityKind::Position | EntityKind::Policy => {}
        }
    }
    if let Some(info) = info {
        mesh.info = info;
    }
    Ok(mesh)
}

fn repaired(kind: EntityKind, id: Uuid, name: &str, resolution: &str) -> Conflict {
    Conflict {
        kind,
        id,
        name: name.to_owned(),
        field: None,
        base: None,
        ours: None,
        theirs: None,
        resolution: resolution.to_owned(),
    }
}

/// Mends what the merge left pointing at nothing; each mend is listed.
fn repair(mesh: &mut Mesh, sides: [&Mesh; 3], conflicts: &mut Vec<Conflict>) -> Result<()> {
    // A domain or team a product (or domain) still names, brought back from a side.
    loop {
        let domains: HashSet<Uuid> = mesh.domains.iter().map(|d| d.id).collect();
        let wanted: Vec<Uuid> = mesh
            .products
            .iter()
            .map(|p| p.domain_id)
            .chain(mesh.domains.iter().filter_map(|d| d.parent_id))
            .filter(|d| !domains.contains(d))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if wanted.is_empty() {
            break;
        }
        for id in wanted {
            let found = sides
                .iter()
                .find_map(|m| m.domains.iter().find(|d| d.id == id));
            let Some(domain) = found else {
                return Err(Error::invalid(
                    EntityKind::Domain,
                    &id.to_string(),
                    "id",
                    "a merged data product names a domain no side has",
                ));
            };
            conflicts.push(repaired(
                EntityKind::Domain,
                id,
                &domain.name,
                "brought back: a data product of the other side is still in it",
            ));
            mesh.domains.push(domain.clone());
        }
    }
    let teams: HashSet<Uuid> = mesh.teams.iter().map(|t| t.id).collect();
    let mut missing: BTreeSet<Uuid> = mesh
        .products
        .iter()
        .filter_map(|p| p.owner_team_id)
        .filter(|t| !teams.contains(t))
        .collect();
    missing.extend(
        mesh.domains
            .iter()
            .filter_map(|d| d.owner_team_id)
            .filter(|t| !teams.contains(t)),
    );
    for id in missing {
        if let Some(team) = sides
            .iter()
            .find_map(|m| m.teams.iter().find(|t| t.id == id))
        {
            conflicts.push(repaired(
                EntityKind::Team,
                id,
                &team.name,
                "brought back: the other side still gives it data products",
            ));
            mesh.teams.push(team.clone());
        }
    }
    // Ports of a product gone go with it, as deleting the product does.
    let products: HashSet<Uuid> = mesh.products.iter().map(|p| p.id).collect();
    mesh.output_ports
        .retain(|o| products.contains(&o.product_id));
    mesh.input_ports
        .retain(|i| products.contains(&i.product_id));
    // An input reading a port gone keeps its reference, unresolved.
    let ports: HashMap<Uuid, &str> = mesh
        .output_ports
        .iter()
        .map(|o| (o.id, o.name.as_str()))
        .collect();
    let known: HashMap<Uuid, String> = sides
        .iter()
        .flat_map(|m| {
            let names: HashMap<Uuid, &str> =
                m.products.iter().map(|p| (p.id, p.name.as_str())).collect();
            m.output_ports
                .iter()
                .map(move |o| {
                    (
                        o.id,
                        format!(
                            "{}/{}",
                            names.get(&o.product_id).copied().unwrap_or("?"),
                            o.name
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let names: HashMap<Uuid, String> = mesh
        .products
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    for input in &mut mesh.input_ports {
        let DependencySource::OutputPort { port_id } = &input.source else {
            continue;
        };
        if ports.contains_key(port_id) {
            continue;
        }
        let reference = known
            .get(port_id)
            .cloned()
            .unwrap_or_else(|| port_id.to_string());
        let name = format!(
            "{}/{}",
            names.get(&input.product_id).cloned().unwrap_or_default(),
            input.name
        );
        conflicts.push(repaired(
            EntityKind::InputPort,
            input.id,
            &name,
            &format!(
                "reads {reference}, which the other side removed: kept as an unresolved reference"
            ),
        ));
        input.source = DependencySource::Unresolved { reference };
    }
    for contract in &mut mesh.contracts {
        if contract
            .output_port_id
            .is_some_and(|p| !ports.contains_key(&p))
        {
            let name = contract
                .name
                .clone()
                .unwrap_or_else(|| contract.contract_id.clone());
            conflicts.push(repaired(
                EntityKind::Contract,
                contract.id,
                &name,
                "detached: its output port was removed",
            ));
            contract.output_port_id = None;
        }
    }
    Ok(())
}

/// Ours, then theirs for what ours does not place, of entities the merge kept.
fn positions(mesh: &Mesh, ours: &Mesh, theirs: &Mesh) -> Vec<crate::model::Position> {
    let present: HashSet<Uuid> = mesh
        .domains
        .iter()
        .map(|d| d.id)
        .chain(mesh.products.iter().map(|p| p.id))
        .chain(mesh.teams.iter().map(|t| t.id))
        .collect();
    let mut seen = HashSet::new();
    ours.positions
        .iter()
        .chain(theirs.positions.iter())
        .filter(|p| present.contains(&p.entity_id) || p.entity_id.is_nil())
        .filter(|p| seen.insert((p.entity_id, p.view.clone())))
        .cloned()
        .collect()
}
