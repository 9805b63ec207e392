//! What the app's create gestures make (a domain, a team, a person added to a team, a
//! data product with its first output port, an output port, a dependency from one
//! product to another's port): the entity with its default name, title, version, status and type, named
//! so it is free in the mesh, as the ops of one edit with its label. The desktop asks
//! for these instead of inventing them, so a new product is the same wherever it is
//! made (the Table view's new rows start from the same constructors).
//!
//! It must not place anything on a canvas: where a new node goes is the canvas's
//! layout, which a host passes as a position. Nothing here writes; the store checks
//! and applies the ops.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{
    Archetype, DataProduct, DependencySource, Domain, EntityKind, Extensions, InputPort,
    Membership, Mesh, OutputPort, Person, Position, Team,
};
use crate::slug;
use crate::store::EditOp;

/// The entity a gesture creates, with what it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum NewEntity {
    /// A top-level domain.
    Domain,
    /// A team.
    Team,
    /// A new person, a member of `team_id`, known by `display_name`.
    #[serde(rename_all = "camelCase")]
    Member {
        /// The team.
        team_id: Uuid,
        /// The person's name as typed.
        display_name: String,
    },
    /// A data product with its first output port.
    #[serde(rename_all = "camelCase")]
    Product {
        /// The domain it belongs to.
        domain_id: Uuid,
    },
    /// One more output port of a product.
    #[serde(rename_all = "camelCase")]
    OutputPort {
        /// The product.
        product_id: Uuid,
    },
    /// An input port of `consumer_id` reading the output port `port_id`.
    #[serde(rename_all = "camelCase")]
    Dependency {
        /// The provider's output port.
        port_id: Uuid,
        /// The consuming product.
        consumer_id: Uuid,
    },
}

/// Where the host draws the new entity, in one canvas view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// The canvas view.
    pub view: String,
    /// Left, as the view stores positions.
    pub x: f64,
    /// Top.
    pub y: f64,
}

/// A gesture's edit: the ops, what it is called, and the entity it created (to select).
#[derive(Debug, Clone, PartialEq)]
pub struct Created {
    /// The ops of one edit.
    pub ops: Vec<EditOp>,
    /// The edit's label in the history.
    pub label: String,
    /// The entity created.
    pub kind: EntityKind,
    /// Its id.
    pub id: Uuid,
}

/// The first free name from `base` among `taken`.
fn free<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    slug::unique(&slug::slugify(base), |n| taken.clone().any(|t| t == n))
}

fn not_found(kind: EntityKind, id: Uuid) -> Error {
    Error::NotFound { entity: kind, id }
}

/// The entity of `kind` with `id` among `items`, or the typed error naming it.
fn find<T>(items: &[T], id_of: impl Fn(&T) -> Uuid, id: Uuid, kind: EntityKind) -> Result<&T> {
    items
        .iter()
        .find(|item| id_of(item) == id)
        .ok_or_else(|| not_found(kind, id))
}

impl NewEntity {
    /// The entity made in `mesh`, with its position at `place` when the host gives one.
    pub fn build(&self, mesh: &Mesh, place: Option<&Place>) -> Result<Created> {
        let (mut ops, label, kind, id) = match self {
            NewEntity::Domain => {
                let name = free("new-domain", mesh.domains.iter().map(|d| d.name.as_str()));
                let d = Domain::named(name, "New domain".into());
                let id = d.id;
                (
                    vec![EditOp::SaveDomain(d)],
                    "New domain",
                    EntityKind::Domain,
                    id,
                )
            }
            NewEntity::Team => {
                let name = free("new-team", mesh.teams.iter().map(|t| t.name.as_str()));
                let t = Team::named(name, "New team".into());
                let id = t.id;
                (vec![EditOp::SaveTeam(t)], "New team", EntityKind::Team, id)
            }
            NewEntity::Member {
                team_id,
                display_name,
            } => {
                let team = find(&mesh.teams, |t| t.id, *team_id, EntityKind::Team)?;
                let display_name = display_name.trim();
                let usernames = mesh.people.iter().map(|p| p.username.as_str());
                let person = Person {
                    id: Uuid::new_v4(),
                    username: free(display_name, usernames),
                    display_name: display_name.to_owned(),
                    email: None,
                };
                let id = person.id;
                let mut team = team.clone();
                team.members.push(Membership {
                    person_id: id,
                    role: "member".into(),
                });
                let label = format!("Add {display_name} to {}", team.title);
                let ops = vec![EditOp::SavePerson(person), EditOp::SaveTeam(team)];
                return Ok(Created {
                    ops,
                    label,
                    kind: EntityKind::Person,
                    id,
                });
            }
            NewEntity::Product { domain_id } => {
                if !mesh.domains.iter().any(|d| d.id == *domain_id) {
                    return Err(not_found(EntityKind::Domain, *domain_id));
                }
                // The display name's slug, so the name follows when the display name is
                // typed (the sheet's rule).
                let display = "New data product";
                let name = free(display, mesh.products.iter().map(|p| p.name.as_str()));
                let mut p = DataProduct::proposed(name, display.into(), *domain_id);
                // Drawn on a canvas, a new product most often reads a source system.
                p.archetype = Some(Archetype::SourceAligned);
                let port = OutputPort::proposed(p.id, "output".into());
                let id = p.id;
                let ops = vec![EditOp::SaveProduct(p), EditOp::SaveOutputPort(port)];
                (ops, "New data product", EntityKind::Product, id)
            }
            NewEntity::OutputPort { product_id } => {
                if !mesh.products.iter().any(|p| p.id == *product_id) {
                    return Err(not_found(EntityKind::Product, *product_id));
                }
                let taken = mesh
                    .output_ports
                    .iter()
                    .filter(|p| p.product_id == *product_id)
                    .map(|p| p.name.as_str());
                let port = OutputPort::proposed(*product_id, free("output", taken));
                let id = port.id;
                let ops = vec![EditOp::SaveOutputPort(port)];
                (ops, "New output port", EntityKind::OutputPort, id)
            }
            NewEntity::Dependency {
                port_id,
                consumer_id,
            } => {
                let port = find(
                    &mesh.output_ports,
                    |p| p.id,
                    *port_id,
                    EntityKind::OutputPort,
                )?;
                let provider = mesh.products.iter().find(|p| p.id == port.product_id);
                let base = format!("in-{}", provider.map_or(&port.name, |p| &p.name));
                let taken = mesh
                    .input_ports
                    .iter()
                    .filter(|p| p.product_id == *consumer_id)
                    .map(|p| p.name.as_str());
                let input = InputPort {
                    id: Uuid::new_v4(),
                    product_id: *consumer_id,
                    name: free(&base, taken),
                    description: None,
                    source: DependencySource::OutputPort { port_id: *port_id },
                    custom_properties: Vec::new(),
                    extensions: Extensions::default(),
                };
                let id = input.id;
                let ops = vec![EditOp::SaveInputPort(input)];
                (ops, "New dependency", EntityKind::InputPort, id)
            }
        };
        if let Some(place) = place {
            ops.push(EditOp::SetPosition(Position {
                entity_id: id,
                view: place.view.clone(),
                x: place.x.round(),
                y: place.y.round(),
            }));
        }
        Ok(Created {
            ops,
            label: label.to_owned(),
            kind,
            id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PortType, Status, Visibility};

    fn mesh() -> Mesh {
        crate::demo::demo_mesh()
    }

    fn saved_product(c: &Created) -> (&DataProduct, &OutputPort) {
        match c.ops.as_slice() {
            [EditOp::SaveProduct(p), EditOp::SaveOutputPort(o), ..] => (p, o),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_new_product_comes_with_its_first_port_and_its_place_in_one_edit() {
        let mesh = mesh();
        let domain = mesh.domains[0].id;
        let place = Place {
            view: "mesh".into(),
            x: 24.4,
            y: 46.6,
        };
        let c = NewEntity::Product { domain_id: domain }
            .build(&mesh, Some(&place))
            .unwrap();
        assert_eq!(c.label, "New data product");
        let (p, o) = saved_product(&c);
        assert_eq!(c.id, p.id);
        assert_eq!(
            (p.name.as_str(), p.display_name.as_str(), p.version.as_str()),
            ("new-data-product", "New data product", "0.1.0")
        );
        assert_eq!(
            (p.status, p.archetype, p.domain_id),
            (Status::Proposed, Some(Archetype::SourceAligned), domain)
        );
        assert_eq!(
            (o.product_id, o.name.as_str(), o.version.as_str()),
            (p.id, "output", "1.0.0")
        );
        assert_eq!(
            (o.port_type, o.visibility, o.status),
            (PortType::Table, Visibility::Public, Status::Proposed)
        );
        let Some(EditOp::SetPosition(at)) = c.ops.get(2) else {
            panic!("{:?}", c.ops)
        };
        assert_eq!(
            (at.entity_id, at.view.as_str(), at.x, at.y),
            (p.id, "mesh", 24.0, 47.0)
        );
        let missing = NewEntity::Product {
            domain_id: Uuid::nil(),
        };
        assert!(missing.build(&mesh, None).is_err());
    }

    #[test]
    fn names_are_the_next_free_ones() {
        let mut mesh = mesh();
        let c = NewEntity::Team.build(&mesh, None).unwrap();
        let EditOp::SaveTeam(t) = &c.ops[0] else {
            panic!()
        };
        assert_eq!(
            (t.name.as_str(), t.title.as_str()),
            ("new-team", "New team")
        );
        mesh.teams.push(t.clone());
        let EditOp::SaveTeam(t) = &NewEntity::Team.build(&mesh, None).unwrap().ops[0] else {
            panic!()
        };
        assert_eq!(t.name, "new-team-2");

        let c = NewEntity::Domain.build(&mesh, None).unwrap();
        let EditOp::SaveDomain(d) = &c.ops[0] else {
            panic!()
        };
        assert_eq!(
            (d.name.as_str(), d.title.as_str()),
            ("new-domain", "New domain")
        );
        assert_eq!(d.parent_id, None);

        let product = mesh.output_ports[0].product_id;
        let c = NewEntity::OutputPort {
            product_id: product,
        }
        .build(&mesh, None)
        .unwrap();
        let EditOp::SaveOutputPort(o) = &c.ops[0] else {
            panic!()
        };
        let taken: Vec<&str> = mesh
            .output_ports
            .iter()
            .filter(|p| p.product_id == product)
            .map(|p| p.name.as_str())
            .collect();
        assert!(!taken.contains(&o.name.as_str()), "{} is free", o.name);
        assert_eq!(
            (o.version.as_str(), c.label.as_str()),
            ("1.0.0", "New output port")
        );
    }

    #[test]
    fn a_new_member_is_a_person_with_a_free_username_added_to_the_team() {
        let mut mesh = mesh();
        let team = mesh.teams[0].clone();
        let add = |mesh: &Mesh| {
            NewEntity::Member {
                team_id: team.id,
                display_name: " Ada Lovelace ".into(),
            }
            .build(mesh, None)
            .unwrap()
        };
        let c = add(&mesh);
        let [EditOp::SavePerson(p), EditOp::SaveTeam(t)] = c.ops.as_slice() else {
            panic!("{:?}", c.ops)
        };
        assert_eq!(
            (p.username.as_str(), p.display_name.as_str()),
            ("ada-lovelace", "Ada Lovelace")
        );
        assert_eq!(t.members.len(), team.members.len() + 1);
        assert_eq!(
            t.members.last().map(|m| (m.person_id, m.role.as_str())),
            Some((p.id, "member"))
        );
        assert_eq!(c.label, format!("Add Ada Lovelace to {}", team.title));
        assert_eq!((c.kind, c.id), (EntityKind::Person, p.id));
        mesh.people.push(p.clone());
        let again = add(&mesh);
        let EditOp::SavePerson(p2) = &again.ops[0] else {
            panic!()
        };
        assert_eq!(p2.username, "ada-lovelace-2");
    }

    #[test]
    fn a_new_dependency_is_named_after_its_provider_unique_within_the_consumer() {
        let mut mesh = mesh();
        let port = mesh.output_ports[0].clone();
        let provider = mesh.product_index()[&port.product_id].name.clone();
        let consumer = mesh
            .products
            .iter()
            .find(|p| p.id != port.product_id)
            .unwrap()
            .id;
        let make = |mesh: &Mesh| {
            let c = NewEntity::Dependency {
                port_id: port.id,
                consumer_id: consumer,
            }
            .build(mesh, None)
            .unwrap();
            let EditOp::SaveInputPort(i) = &c.ops[0] else {
                panic!()
            };
            i.clone()
        };
        let first = make(&mesh);
        assert_eq!(first.product_id, consumer);
        assert_eq!(
            first.source,
            DependencySource::OutputPort { port_id: port.id }
        );
        let expected = slug::slugify(&format!("in-{provider}"));
        mesh.input_ports
            .retain(|i| i.product_id != consumer || i.name != expected);
        assert_eq!(make(&mesh).name, expected);
        mesh.input_ports.push(InputPort {
            name: expected.clone(),
            ..first
        });
        assert_eq!(make(&mesh).name, format!("{expected}-2"));
    }
}
