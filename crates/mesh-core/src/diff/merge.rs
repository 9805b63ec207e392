//! The three-way merge of two meshes that grew from one base (the git merge driver):
//! by entity id and field. A change on one side is taken; the same change on both is
//! taken once; different changes to one field, or an edit against a delete, are
//! conflicts, merged as our side has them and listed with base, ours and theirs. Canvas
//! positions never conflict (ours win, theirs fill in). What the merge leaves pointing
//! at nothing is repaired and listed as a conflict too: ports of a product gone, an
//! input reading a port gone (kept as an unresolved reference), a domain or owner team
//! gone while a product still names it (brought back). Nothing here reads or writes
//! files.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::records::{self, Record};
use crate::error::{Error, Result};
use crate::model::{DependencySource, EntityKind, Mesh};

/// One conflict: the entity, the field (`None`: the entity itself, an edit against a
/// delete, or a repair), and the three values.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The entity's kind.
    pub kind: EntityKind,
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The field; absent for the entity itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value in the common base.
    #[serde(default)]
    pub base: Option<Value>,
    /// On our side.
    #[serde(default)]
    pub ours: Option<Value>,
    /// On theirs.
    #[serde(default)]
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
    let mut conflicts = Vec::new();
    let names = |m: &Mesh| -> HashMap<Uuid, String> {
        m.products.iter().map(|p| (p.id, p.name.clone())).collect()
    };
    let (pb, po, pt) = (names(base), names(ours), names(theirs));
    let products = |p: Uuid| {
        [&po, &pt, &pb]
            .iter()
            .find_map(|m| m.get(&p).cloned())
            .unwrap_or_default()
    };
    let info = merge_kind(
        EntityKind::Mesh,
        &mut conflicts,
        std::slice::from_ref(&base.info),
        std::slice::from_ref(&ours.info),
        std::slice::from_ref(&theirs.info),
        |_| Uuid::nil(),
        |_| "mesh".into(),
    )?
    .pop()
    .unwrap_or_else(|| ours.info.clone());
    let mut mesh = Mesh::empty(info);
    mesh.people = merge_kind(
        EntityKind::Person,
        &mut conflicts,
        &base.people,
        &ours.people,
        &theirs.people,
        |x| x.id,
        |x| x.username.clone(),
    )?;
    mesh.teams = merge_kind(
        EntityKind::Team,
        &mut conflicts,
        &base.teams,
        &ours.teams,
        &theirs.teams,
        |x| x.id,
        |x| x.name.clone(),
    )?;
    mesh.domains = merge_kind(
        EntityKind::Domain,
        &mut conflicts,
        &base.domains,
        &ours.domains,
        &theirs.domains,
        |x| x.id,
        |x| x.name.clone(),
    )?;
    mesh.source_systems = merge_kind(
        EntityKind::SourceSystem,
        &mut conflicts,
        &base.source_systems,
        &ours.source_systems,
        &theirs.source_systems,
        |x| x.id,
        |x| x.name.clone(),
    )?;
    mesh.products = merge_kind(
        EntityKind::Product,
        &mut conflicts,
        &base.products,
        &ours.products,
        &theirs.products,
        |x| x.id,
        |x| x.name.clone(),
    )?;
    mesh.output_ports = merge_kind(
        EntityKind::OutputPort,
        &mut conflicts,
        &base.output_ports,
        &ours.output_ports,
        &theirs.output_ports,
        |x| x.id,
        |x| format!("{}/{}", products(x.product_id), x.name),
    )?;
    mesh.input_ports = merge_kind(
        EntityKind::InputPort,
        &mut conflicts,
        &base.input_ports,
        &ours.input_ports,
        &theirs.input_ports,
        |x| x.id,
        |x| format!("{}/{}", products(x.product_id), x.name),
    )?;
    mesh.contracts = merge_kind(
        EntityKind::Contract,
        &mut conflicts,
        &base.contracts,
        &ours.contracts,
        &theirs.contracts,
        |x| x.id,
        |x| x.name.clone().unwrap_or_else(|| x.contract_id.clone()),
    )?;
    repair(&mut mesh, [ours, theirs, base], &mut conflicts)?;
    mesh.positions = positions(&mesh, ours, theirs);
    mesh.sort();
    Ok(Merged { mesh, conflicts })
}

/// One kind of entity merged, its conflicts listed in `conflicts`. Entities are compared
/// as they are; only those changed on both sides are merged field by field (as records),
/// so an unchanged mesh of thousands costs little.
fn merge_kind<T: Serialize + DeserializeOwned + PartialEq + Clone>(
    kind: EntityKind,
    conflicts: &mut Vec<Conflict>,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> Uuid,
    name: impl Fn(&T) -> String,
) -> Result<Vec<T>> {
    let by_id = |xs: &[T]| -> HashMap<Uuid, T> { xs.iter().map(|x| (id(x), x.clone())).collect() };
    let (b, t) = (by_id(base), by_id(theirs));
    let o: HashMap<Uuid, &T> = ours.iter().map(|x| (id(x), x)).collect();
    let mut ids: Vec<Uuid> = ours.iter().map(&id).collect();
    ids.extend(theirs.iter().map(&id).filter(|i| !o.contains_key(i)));
    ids.extend(
        base.iter()
            .map(&id)
            .filter(|i| !o.contains_key(i) && !t.contains_key(i)),
    );
    let rec = |x: &T| records::record(kind, id(x), name(x), x);
    let mut out = Vec::with_capacity(ours.len());
    for key in ids {
        let (bx, ox, tx) = (b.get(&key), o.get(&key).copied(), t.get(&key));
        let pick = if ox == tx || tx == bx {
            ox.cloned()
        } else if ox == bx {
            tx.cloned()
        } else if let (Some(ov), Some(tv)) = (ox, tx) {
            let merged = merge_fields(bx.map(rec).as_ref(), &rec(ov), &rec(tv), conflicts);
            Some(typed(&merged)?)
        } else {
            // Edited on one side, deleted on the other: ours stands.
            if let Some(x) = ox.or(tx).or(bx) {
                conflicts.push(Conflict {
                    kind,
                    id: key,
                    name: name(x),
                    field: None,
                    base: whole(bx.map(rec).as_ref()),
                    ours: whole(ox.map(rec).as_ref()),
                    theirs: whole(tx.map(rec).as_ref()),
                    resolution: if ox.is_some() {
                        "kept ours (theirs deleted it)"
                    } else {
                        "deleted as in ours (theirs edited it)"
                    }
                    .into(),
                });
            }
            ox.cloned()
        };
        out.extend(pick);
    }
    Ok(out)
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
