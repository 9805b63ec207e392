//! The shape of a mesh, as much of it as an impact question reads: each product's names,
//! domain and owner team, each output port's name, and which input reads which port.
//! `meshwright impact` reads it straight from the file (`Store::load_shape`), a fraction
//! of the columns a whole load decodes; the app and a what-if take it from a loaded mesh
//! ([`Shape::of`]). It is never saved, exported or checked: those need the whole model.

use uuid::Uuid;

use crate::graph::MeshGraph;
use crate::model::{DependencySource, Mesh};

/// A domain or team: its id and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    /// The entity.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// A data product as an impact answer names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ProductShape {
    /// The product.
    pub id: Uuid,
    /// Its name (slug).
    pub name: String,
    /// Its display name.
    pub display_name: String,
    /// Its domain.
    pub domain_id: Uuid,
    /// Its owner team, if it has one.
    pub owner_team_id: Option<Uuid>,
}

/// An output port as `PRODUCT/PORT` names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PortShape {
    /// The port.
    pub id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// Its name.
    pub name: String,
    /// Its version: of two ports with one name, `PRODUCT/PORT` means the lower.
    pub version: String,
}

/// An input port reading an output port: one dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Read {
    /// The input port.
    pub input_port_id: Uuid,
    /// Its product, the consumer.
    pub product_id: Uuid,
    /// The output port it reads.
    pub port_id: Uuid,
}

/// What an impact question reads of a mesh. Lists are in no particular order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    /// Every domain.
    pub domains: Vec<Named>,
    /// Every team.
    pub teams: Vec<Named>,
    /// Every data product.
    pub products: Vec<ProductShape>,
    /// Every output port.
    pub output_ports: Vec<PortShape>,
    /// Every input port that reads an output port (not a source system, not an
    /// unresolved reference).
    pub reads: Vec<Read>,
}

impl Shape {
    /// The shape of a loaded mesh.
    pub fn of(mesh: &Mesh) -> Shape {
        let named = |id: Uuid, name: &str| Named {
            id,
            name: name.to_owned(),
        };
        Shape {
            domains: mesh.domains.iter().map(|d| named(d.id, &d.name)).collect(),
            teams: mesh.teams.iter().map(|t| named(t.id, &t.name)).collect(),
            products: mesh
                .products
                .iter()
                .map(|p| ProductShape {
                    id: p.id,
                    name: p.name.clone(),
                    display_name: p.display_name.clone(),
                    domain_id: p.domain_id,
                    owner_team_id: p.owner_team_id,
                })
                .collect(),
            output_ports: mesh
                .output_ports
                .iter()
                .map(|o| PortShape {
                    id: o.id,
                    product_id: o.product_id,
                    name: o.name.clone(),
                    version: o.version.clone(),
                })
                .collect(),
            reads: mesh
                .input_ports
                .iter()
                .filter_map(|i| match i.source {
                    DependencySource::OutputPort { port_id } => Some(Read {
                        input_port_id: i.id,
                        product_id: i.product_id,
                        port_id,
                    }),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The product dependency graph of this shape: the same graph
    /// [`MeshGraph::build`] makes of the mesh it came from.
    pub fn graph(&self) -> MeshGraph {
        MeshGraph::from_parts(
            self.products.iter().map(|p| (p.id, p.domain_id)),
            self.output_ports.iter().map(|o| (o.id, o.product_id)),
            self.reads
                .iter()
                .map(|r| (r.input_port_id, r.product_id, r.port_id)),
        )
    }

    /// Every list in one order, for comparing two shapes.
    pub fn sort(&mut self) {
        self.domains.sort_unstable();
        self.teams.sort_unstable();
        self.products.sort_unstable();
        self.output_ports.sort_unstable();
        self.reads.sort_unstable();
    }
}
