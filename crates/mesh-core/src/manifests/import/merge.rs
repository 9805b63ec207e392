//! Planning an import: the entities decoded from the files, compared by id with the
//! open mesh, become edit operations (create what is new, update what differs, leave the
//! rest). The plan is data: the store applies it in one transaction, a dry run shows it.
//!
//! It must not decode formats and must not write: that is the format readers' and the
//! store's work.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::ImportError;
use crate::model::{
    Contract, DataProduct, Domain, EntityKind, InputPort, Mesh, OutputPort, Person, SourceSystem,
    Team,
};
use crate::store::EditOp;

/// Entities decoded from the input files, each with the file it came from.
#[derive(Debug, Default, Clone)]
pub struct Incoming {
    /// People.
    pub people: Vec<(PathBuf, Person)>,
    /// Teams.
    pub teams: Vec<(PathBuf, Team)>,
    /// Domains.
    pub domains: Vec<(PathBuf, Domain)>,
    /// Source systems.
    pub source_systems: Vec<(PathBuf, SourceSystem)>,
    /// Data products.
    pub products: Vec<(PathBuf, DataProduct)>,
    /// Output ports.
    pub output_ports: Vec<(PathBuf, OutputPort)>,
    /// Input ports.
    pub input_ports: Vec<(PathBuf, InputPort)>,
    /// Contracts kept as their documents.
    pub contracts: Vec<(PathBuf, Contract)>,
}

/// What an import kept without being able to place it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kept {
    /// An input port whose provider neither the import nor the mesh holds.
    Unresolved,
    /// A contract no output port references.
    Unattached,
}

/// What the import does to one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Not in the mesh yet.
    Create,
    /// In the mesh with other values.
    Update,
    /// In the mesh exactly like this.
    Unchanged,
}

/// One entity of the plan, for the dry-run report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Its kind.
    pub kind: EntityKind,
    /// Its id.
    pub id: Uuid,
    /// Its name (slug, or username for people).
    pub name: String,
    /// What happens to it.
    pub action: Action,
    /// The file it came from.
    pub path: PathBuf,
    /// Whether it was kept without a place (an unresolved input, an unattached
    /// contract).
    pub kept: Option<Kept>,
}

/// The edits an import makes, in an order the store accepts (what is referenced comes
/// before what refers to it), and the per-entity report.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    /// Save operations for created and updated entities.
    pub ops: Vec<EditOp>,
    /// Every incoming entity with its action, in the same order.
    pub entities: Vec<Planned>,
    /// Fields that two formats gave different values (the kept one is the first's):
    /// not errors, but worth a look.
    pub disagreements: Vec<super::Disagreement>,
    /// What was kept without a place, with the file and field that named it: not
    /// errors (they are under `--strict`).
    pub warnings: Vec<ImportError>,
}

impl ImportPlan {
    /// How many entities get `action`.
    pub fn count(&self, action: Action) -> usize {
        self.entities.iter().filter(|e| e.action == action).count()
    }

    /// How many entities were kept as `kept`.
    pub fn kept(&self, kept: Kept) -> usize {
        self.entities
            .iter()
            .filter(|e| e.kept == Some(kept))
            .count()
    }
}

/// Compares `incoming` with `existing`. The same id declared twice with different
/// values (in two files, or twice in one) is an error naming both places; the same
/// entity repeated identically (a team emitted in two catalogs) counts once.
pub fn plan(existing: &Mesh, incoming: &Incoming) -> Result<ImportPlan, Vec<ImportError>> {
    let mut out = ImportPlan::default();
    let mut errors = Vec::new();
    step(&existing.people, &incoming.people, &mut out, &mut errors);
    step(&existing.teams, &incoming.teams, &mut out, &mut errors);
    let domains = referenced_first(&incoming.domains, |d| d.parent_id);
    step(&existing.domains, &domains, &mut out, &mut errors);
    step(
        &existing.source_systems,
        &incoming.source_systems,
        &mut out,
        &mut errors,
    );
    step(
        &existing.products,
        &incoming.products,
        &mut out,
        &mut errors,
    );
    let ports = referenced_first(&incoming.output_ports, |p| p.successor_port_id);
    step(&existing.output_ports, &ports, &mut out, &mut errors);
    step(
        &existing.input_ports,
        &incoming.input_ports,
        &mut out,
        &mut errors,
    );
    step(
        &existing.contracts,
        &incoming.contracts,
        &mut out,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn step<T: Importable>(
    existing: &[T],
    incoming: &[(PathBuf, T)],
    out: &mut ImportPlan,
    errors: &mut Vec<ImportError>,
) {
    let current: HashMap<Uuid, &T> = existing.iter().map(|e| (e.id(), e)).collect();
    let mut seen: HashMap<Uuid, (&Path, &T)> = HashMap::new();
    let first_error = errors.len();
    for (path, entity) in incoming {
        if let Some((first_path, first)) = seen.get(&entity.id()) {
            if *first != entity {
                errors.push(ImportError::field(
                    path,
                    "id",
                    format!(
                        "{} {} has id {}, which {} already declares with other values",
                        T::KIND.label(),
                        entity.name(),
                        entity.id(),
                        first_path.display()
                    ),
                ));
            }
            continue;
        }
        seen.insert(entity.id(), (path, entity));
        let action = match current.get(&entity.id()) {
            None => Action::Create,
            Some(now) if *now == entity => Action::Unchanged,
            Some(_) => Action::Update,
        };
        if action != Action::Unchanged {
            out.ops.push(entity.clone().save());
        }
        out.entities.push(Planned {
            kind: T::KIND,
            id: entity.id(),
            name: entity.name().to_owned(),
            action,
            path: path.clone(),
            kept: entity.kept(),
        });
    }
    // Only a product's id is its document's own top-level `id`; a port's, team's or
    // domain's sits elsewhere, and the place would mislead.
    if T::KIND == EntityKind::Product {
        super::locate::locate(&mut errors[first_error..]);
    }
}

/// Entities ordered so that one referenced by another of the same kind (a parent
/// domain, a successor port) is saved first, since the store checks that references
/// exist. Otherwise the files' order stays.
fn referenced_first<T: Importable>(
    items: &[(PathBuf, T)],
    target: impl Fn(&T) -> Option<Uuid>,
) -> Vec<(PathBuf, T)> {
    let by_id: HashMap<Uuid, &T> = items.iter().map(|(_, e)| (e.id(), e)).collect();
    let depth = |e: &T| {
        let mut n = 0usize;
        let mut cursor = target(e);
        // Bounded by the number of entities, so a loop of references cannot hang the
        // import; the store reports such a loop when the plan is applied.
        while let Some(next) = cursor.and_then(|id| by_id.get(&id)) {
            n += 1;
            if n > items.len() {
                break;
            }
            cursor = target(next);
        }
        n
    };
    let mut ordered = items.to_vec();
    // Stable: entities at the same depth keep the files' order.
    ordered.sort_by_key(|(_, e)| depth(e));
    ordered
}

/// What planning (and combining formats) needs of an entity type.
pub(super) trait Importable: Clone + PartialEq {
    const KIND: EntityKind;
    fn id(&self) -> Uuid;
    fn name(&self) -> &str;
    fn save(self) -> EditOp;
    /// Whether the entity stands without a place.
    fn kept(&self) -> Option<Kept>;
}

macro_rules! importable {
    ($ty:ty, $kind:ident, $name:ident, $op:ident) => {
        importable!($ty, $kind, $name, $op, |_e| None);
    };
    ($ty:ty, $kind:ident, $name:ident, $op:ident, |$e:ident| $kept:expr) => {
        impl Importable for $ty {
            const KIND: EntityKind = EntityKind::$kind;
            fn id(&self) -> Uuid {
                self.id
            }
            fn name(&self) -> &str {
                &self.$name
            }
            fn save(self) -> EditOp {
                EditOp::$op(self)
            }
            fn kept(&self) -> Option<Kept> {
                let $e = self;
                $kept
            }
        }
    };
}

importable!(Person, Person, username, SavePerson);
importable!(Team, Team, name, SaveTeam);
importable!(Domain, Domain, name, SaveDomain);
importable!(SourceSystem, SourceSystem, name, SaveSourceSystem);
importable!(DataProduct, Product, name, SaveProduct);
importable!(OutputPort, OutputPort, name, SaveOutputPort);
importable!(InputPort, InputPort, name, SaveInputPort, |e| e
    .source
    .unresolved()
    .map(|_| Kept::Unresolved));
// A contract is listed by the document's own id.
importable!(Contract, Contract, contract_id, SaveContract, |e| e
    .output_port_id
    .is_none()
    .then_some(Kept::Unattached));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::model::MeshInfo;

    fn from(mesh: &Mesh) -> Incoming {
        let at = |name: &str| PathBuf::from(format!("{name}.yaml"));
        Incoming {
            people: mesh
                .people
                .iter()
                .map(|e| (at(&e.username), e.clone()))
                .collect(),
            teams: mesh
                .teams
                .iter()
                .map(|e| (at(&e.name), e.clone()))
                .collect(),
            domains: mesh
                .domains
                .iter()
                .map(|e| (at(&e.name), e.clone()))
                .collect(),
            source_systems: mesh
                .source_systems
                .iter()
                .map(|e| (at(&e.name), e.clone()))
                .collect(),
            products: mesh
                .products
                .iter()
                .map(|e| (at(&e.name), e.clone()))
                .collect(),
            output_ports: mesh
                .output_ports
                .iter()
                .map(|e| (at(&e.name), e.clone()))
                .collect(),
            input_ports: mesh
                .input_ports
                .iter()
                .map(|e| (at(&e.name), e.clone()))
                .collect(),
            contracts: Vec::new(),
        }
    }

    fn empty() -> Mesh {
        Mesh::empty(MeshInfo {
            name: "empty".into(),
            namespace: "com.example".into(),
            description: None,
            custom_properties: vec![],
            extensions: Default::default(),
        })
    }

    #[test]
    fn into_an_empty_mesh_everything_is_created_referenced_entities_first() {
        let demo = demo_mesh();
        let plan = plan(&empty(), &from(&demo)).unwrap();
        assert_eq!(plan.count(Action::Create), plan.entities.len());
        assert_eq!(plan.ops.len(), plan.entities.len());
        let first_product = plan
            .ops
            .iter()
            .position(|op| matches!(op, EditOp::SaveProduct(_)));
        let last_team = plan
            .ops
            .iter()
            .rposition(|op| matches!(op, EditOp::SaveTeam(_)));
        let first_input = plan
            .ops
            .iter()
            .position(|op| matches!(op, EditOp::SaveInputPort(_)));
        let last_port = plan
            .ops
            .iter()
            .rposition(|op| matches!(op, EditOp::SaveOutputPort(_)));
        assert!(last_team < first_product && last_port < first_input);
    }

    #[test]
    fn the_same_mesh_again_changes_nothing_and_a_changed_entity_is_an_update() {
        let demo = demo_mesh();
        let again = plan(&demo, &from(&demo)).unwrap();
        assert!(again.ops.is_empty());
        assert_eq!(again.count(Action::Unchanged), again.entities.len());

        let mut changed = demo.clone();
        changed.products[0].display_name = "Renamed".into();
        let plan = plan(&demo, &from(&changed)).unwrap();
        assert_eq!(plan.count(Action::Update), 1);
        assert!(matches!(&plan.ops[..], [EditOp::SaveProduct(p)] if p.display_name == "Renamed"));
    }

    #[test]
    fn one_id_with_two_different_values_names_both_files() {
        let demo = demo_mesh();
        let mut incoming = from(&demo);
        let mut twin = incoming.products[0].1.clone();
        twin.display_name = "Other".into();
        incoming
            .products
            .push((PathBuf::from("twin.odps.yaml"), twin));
        let errors = plan(&empty(), &incoming).unwrap_err();
        assert_eq!(errors.len(), 1);
        let text = errors[0].to_string();
        assert!(text.starts_with("twin.odps.yaml: field `id`"), "{text}");
        assert!(
            text.contains(&format!("{}.yaml", demo.products[0].name)),
            "{text}"
        );
    }

    #[test]
    fn an_entity_repeated_identically_counts_once() {
        let demo = demo_mesh();
        let mut incoming = from(&demo);
        incoming.teams.push((
            PathBuf::from("other/catalog-info.yaml"),
            demo.teams[0].clone(),
        ));
        let plan = plan(&empty(), &incoming).unwrap();
        let teams = plan
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Team)
            .count();
        assert_eq!(teams, demo.teams.len());
    }
}
