//! The semantic diff of two meshes (`meshwright diff`): entities added, removed and
//! changed, matched by id, with each changed field's before and after; ownership moves;
//! dependencies added and removed; the consumers a removed or deprecated port breaks;
//! the contract changes of ports in both, each classified breaking or not
//! (`crate::contract_change`); and the governance delta (findings new in the second
//! mesh, findings resolved). The
//! findings are the caller's (each mesh checked under its own policy): this module never
//! runs the checks, reads a file or the clock. `report` turns a diff into text and
//! Markdown and a mesh into the canonical text git's textconv shows; `merge` is the
//! three-way merge of the git merge driver.

pub mod conflicts;
pub mod merge;
pub mod records;
pub mod report;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::contract_change::{self, PortContractChanges};
use crate::governance::{Finding, Severity};
use crate::model::{DependencySource, EntityKind, Mesh, Status};
use records::Record;

/// What happened to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
// Named apart from the history's `Change` in the TypeScript bindings; JSON is unchanged.
#[serde(rename = "DiffChange", rename_all = "camelCase")]
pub enum Change {
    /// Only in the second mesh.
    Added,
    /// Only in the first.
    Removed,
    /// In both, with fields that differ.
    Changed,
}

/// One field's values before and after (absent: `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The field, as serialized (camelCase).
    pub field: String,
    /// Its value in the first mesh.
    pub before: Option<Value>,
    /// Its value in the second.
    pub after: Option<Value>,
}

/// An entity added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EntityChange {
    /// Its kind.
    pub kind: EntityKind,
    /// The id (nil for the mesh header).
    pub id: Uuid,
    /// Its name in the second mesh (the first for a removed one).
    pub name: String,
    /// Added, removed or changed.
    pub change: Change,
    /// The fields that differ (for a changed entity).
    pub fields: Vec<FieldChange>,
}

/// A data product given to another owner team (team names; `None`: no owner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OwnershipMove {
    /// The data product.
    pub product: String,
    /// Its owner team in the first mesh.
    pub from: Option<String>,
    /// In the second.
    pub to: Option<String>,
}

/// A dependency: the consumer's input and what it reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Dependency {
    /// `product/input`.
    pub input: String,
    /// `product/port`, a source system, or the unresolved reference as written.
    pub provider: String,
}

/// A consumer whose provider port is gone or deprecated in the second mesh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Broken {
    /// `product/input`.
    pub input: String,
    /// `product/port`.
    pub port: String,
    /// `removed`, `deprecated` or `retired`.
    pub reason: String,
}

/// A finding of one mesh the other does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FindingChange {
    /// The rule.
    pub rule_id: String,
    /// Its severity.
    pub severity: Severity,
    /// The entity's name.
    pub entity: String,
    /// What is wrong.
    pub message: String,
}

/// Everything that differs from the first mesh to the second.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeshDiff {
    /// Entities added, removed and changed, in reading order.
    pub entities: Vec<EntityChange>,
    /// Data products given to another team.
    pub ownership: Vec<OwnershipMove>,
    /// Dependencies only the second mesh has.
    pub dependencies_added: Vec<Dependency>,
    /// Dependencies only the first has.
    pub dependencies_removed: Vec<Dependency>,
    /// Consumers of ports removed or deprecated.
    pub broken: Vec<Broken>,
    /// Ports in both meshes whose contract body changed, each change classified as
    /// breaking or not; left out of JSON when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contract_changes: Vec<PortContractChanges>,
    /// Findings only the second mesh has.
    pub findings_new: Vec<FindingChange>,
    /// Findings only the first has.
    pub findings_resolved: Vec<FindingChange>,
}

impl MeshDiff {
    /// True when the two meshes hold the same entities with the same fields.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// How many entities of `kind` were added, removed and changed.
    pub fn counts(&self, kind: EntityKind) -> (usize, usize, usize) {
        let n = |c| {
            self.entities
                .iter()
                .filter(|e| e.kind == kind && e.change == c)
                .count()
        };
        (n(Change::Added), n(Change::Removed), n(Change::Changed))
    }
}

/// The fields of `a` and `b` that differ, in field order.
pub fn field_changes(a: &Record, b: &Record) -> Vec<FieldChange> {
    let mut keys: Vec<&String> = a.fields.keys().chain(b.fields.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.fields.get(*k) != b.fields.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            before: a.fields.get(k).cloned(),
            after: b.fields.get(k).cloned(),
        })
        .collect()
}

/// The diff from `a` to `b`, with each mesh's findings.
pub fn diff(a: &Mesh, b: &Mesh, findings_a: &[Finding], findings_b: &[Finding]) -> MeshDiff {
    let mut entities = Vec::new();
    let (pa, pb) = (product_names(a), product_names(b));
    let mut take = |changes: Vec<(Option<Record>, Option<Record>)>| {
        for (before, after) in changes {
            match (before, after) {
                (Some(x), None) => entities.push(entity(&x, Change::Removed, Vec::new())),
                (None, Some(y)) => entities.push(entity(&y, Change::Added, Vec::new())),
                (Some(x), Some(y)) => {
                    let fields = field_changes(&x, &y);
                    if !fields.is_empty() {
                        entities.push(entity(&y, Change::Changed, fields));
                    }
                }
                (None, None) => {}
            }
        }
    };
    if a.info != b.info {
        take(vec![(
            Some(records::record(
                EntityKind::Mesh,
                Uuid::nil(),
                "mesh".into(),
                &a.info,
            )),
            Some(records::record(
                EntityKind::Mesh,
                Uuid::nil(),
                "mesh".into(),
                &b.info,
            )),
        )]);
    }
    take(differing(
        EntityKind::Person,
        &a.people,
        &b.people,
        |x| x.id,
        |x, _| x.username.clone(),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::Team,
        &a.teams,
        &b.teams,
        |x| x.id,
        |x, _| x.name.clone(),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::Domain,
        &a.domains,
        &b.domains,
        |x| x.id,
        |x, _| x.name.clone(),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::SourceSystem,
        &a.source_systems,
        &b.source_systems,
        |x| x.id,
        |x, _| x.name.clone(),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::Product,
        &a.products,
        &b.products,
        |x| x.id,
        |x, _| x.name.clone(),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::OutputPort,
        &a.output_ports,
        &b.output_ports,
        |x| x.id,
        |x, p| records::qualified(p, x.product_id, &x.name),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::InputPort,
        &a.input_ports,
        &b.input_ports,
        |x| x.id,
        |x, p| records::qualified(p, x.product_id, &x.name),
        (&pa, &pb),
    ));
    take(differing(
        EntityKind::Contract,
        &a.contracts,
        &b.contracts,
        |x| x.id,
        |x, _| x.name.clone().unwrap_or_else(|| x.contract_id.clone()),
        (&pa, &pb),
    ));
    entities.sort_by_key(|e| (records::rank(e.kind), e.name.clone(), e.id));
    let (deps_a, deps_b) = (dependencies(a), dependencies(b));
    let only = |x: &BTreeMap<Uuid, Dependency>, y: &BTreeMap<Uuid, Dependency>| {
        x.iter()
            .filter(|(id, d)| y.get(*id) != Some(*d))
            .map(|(_, d)| d.clone())
            .collect::<Vec<_>>()
    };
    MeshDiff {
        entities,
        ownership: ownership(a, b),
        dependencies_added: only(&deps_b, &deps_a),
        dependencies_removed: only(&deps_a, &deps_b),
        broken: broken(a, b),
        contract_changes: contract_change::compare_meshes(a, b),
        findings_new: findings_only(findings_b, findings_a),
        findings_resolved: findings_only(findings_a, findings_b),
    }
}

type Names = HashMap<Uuid, String>;

fn product_names(m: &Mesh) -> Names {
    m.products.iter().map(|p| (p.id, p.name.clone())).collect()
}

/// The entities of one kind that differ, as records of both sides: equal ones are
/// compared as they are, and only those that differ are turned into fields.
fn differing<T: Serialize + PartialEq>(
    kind: EntityKind,
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> Uuid,
    name: impl Fn(&T, &Names) -> String,
    products: (&Names, &Names),
) -> Vec<(Option<Record>, Option<Record>)> {
    let before: HashMap<Uuid, &T> = a.iter().map(|x| (id(x), x)).collect();
    let after: HashSet<Uuid> = b.iter().map(&id).collect();
    let rec = |x: &T, names: &Names| records::record(kind, id(x), name(x, names), x);
    let mut out = Vec::new();
    for y in b {
        match before.get(&id(y)) {
            Some(x) if *x == y => {}
            Some(x) => out.push((Some(rec(x, products.0)), Some(rec(y, products.1)))),
            None => out.push((None, Some(rec(y, products.1)))),
        }
    }
    for x in a.iter().filter(|x| !after.contains(&id(x))) {
        out.push((Some(rec(x, products.0)), None));
    }
    out
}

fn entity(r: &Record, change: Change, fields: Vec<FieldChange>) -> EntityChange {
    EntityChange {
        kind: r.kind,
        id: r.id,
        name: r.name.clone(),
        change,
        fields,
    }
}

fn ownership(a: &Mesh, b: &Mesh) -> Vec<OwnershipMove> {
    let team = |m: &Mesh, id: Option<Uuid>| {
        id.map(|id| {
            m.teams
                .iter()
                .find(|t| t.id == id)
                .map_or_else(|| id.to_string(), |t| t.name.clone())
        })
    };
    let before: HashMap<Uuid, Option<Uuid>> =
        a.products.iter().map(|p| (p.id, p.owner_team_id)).collect();
    b.products
        .iter()
        .filter_map(|p| {
            let was = *before.get(&p.id)?;
            (was != p.owner_team_id).then(|| OwnershipMove {
                product: p.name.clone(),
                from: team(a, was),
                to: team(b, p.owner_team_id),
            })
        })
        .collect()
}

/// Each input port's dependency, by id.
fn dependencies(m: &Mesh) -> BTreeMap<Uuid, Dependency> {
    let products: HashMap<Uuid, &str> =
        m.products.iter().map(|p| (p.id, p.name.as_str())).collect();
    let product = |id: Uuid| products.get(&id).copied().unwrap_or("?");
    let ports: HashMap<Uuid, String> = m
        .output_ports
        .iter()
        .map(|o| (o.id, format!("{}/{}", product(o.product_id), o.name)))
        .collect();
    m.input_ports
        .iter()
        .map(|i| {
            let provider = match &i.source {
                DependencySource::OutputPort { port_id } => ports
                    .get(port_id)
                    .cloned()
                    .unwrap_or_else(|| port_id.to_string()),
                DependencySource::SourceSystem { source_system_id } => m
                    .source_systems
                    .iter()
                    .find(|s| s.id == *source_system_id)
                    .map_or_else(|| source_system_id.to_string(), |s| s.name.clone()),
                DependencySource::Unresolved { reference } => reference.clone(),
            };
            let dep = Dependency {
                input: format!("{}/{}", product(i.product_id), i.name),
                provider,
            };
            (i.id, dep)
        })
        .collect()
}

/// The inputs of `a` whose port is removed in `b`, or deprecated or retired there while
/// it was not in `a`.
fn broken(a: &Mesh, b: &Mesh) -> Vec<Broken> {
    let deps = dependencies(a);
    let now: HashMap<Uuid, Status> = b.output_ports.iter().map(|o| (o.id, o.status)).collect();
    let was: HashMap<Uuid, Status> = a.output_ports.iter().map(|o| (o.id, o.status)).collect();
    let ending = |s: Status| matches!(s, Status::Deprecated | Status::Retired);
    a.input_ports
        .iter()
        .filter_map(|i| {
            let DependencySource::OutputPort { port_id } = &i.source else {
                return None;
            };
            let reason = match (was.get(port_id), now.get(port_id)) {
                (Some(_), None) => "removed".to_owned(),
                (Some(&w), Some(&n)) if ending(n) && !ending(w) => n.as_str().to_owned(),
                _ => return None,
            };
            let dep = deps.get(&i.id)?;
            Some(Broken {
                input: dep.input.clone(),
                port: dep.provider.clone(),
                reason,
            })
        })
        .collect()
}

/// The findings of `x` that `y` has not (by rule and entity).
fn findings_only(x: &[Finding], y: &[Finding]) -> Vec<FindingChange> {
    let key = |f: &Finding| {
        (
            f.rule_id.clone(),
            f.entity.kind,
            f.entity.id,
            f.entity.name.clone(),
        )
    };
    let known: HashSet<_> = y.iter().filter(|f| f.waived.is_none()).map(key).collect();
    x.iter()
        .filter(|f| f.waived.is_none() && !known.contains(&key(f)))
        .map(|f| FindingChange {
            rule_id: f.rule_id.clone(),
            severity: f.severity,
            entity: f.entity.name.clone(),
            message: f.message.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
