//! The precomputed index every rule reads: lookups by id, the dependency edges with both
//! ends resolved, degrees, depths and (on demand) reach counts, all built once per check
//! from one [`Mesh`] snapshot and its [`MeshGraph`].
//!
//! It must not report findings or read a policy; it only answers questions about the
//! mesh, the same way for built-in and custom rules.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use crate::graph::MeshGraph;
use crate::model::{
    DataProduct, DependencySource, Domain, EntityKind, InputPort, Mesh, OutputPort, SourceSystem,
    Team,
};

use super::finding::EntityRef;

/// A dependency with both ends resolved: `consumer` reads `port` of `provider` through
/// its input port `input`.
#[derive(Debug, Clone, Copy)]
pub struct Edge<'m> {
    /// The consumer's input port.
    pub input: &'m InputPort,
    /// The consuming product.
    pub consumer: &'m DataProduct,
    /// The port read.
    pub port: &'m OutputPort,
    /// The product serving it.
    pub provider: &'m DataProduct,
}

/// The index over one mesh snapshot; see the module docs.
pub struct Context<'m> {
    /// The snapshot.
    pub mesh: &'m Mesh,
    /// Its product graph.
    pub graph: MeshGraph,
    /// The date "now" means for deprecations and waivers, fixed per check so that
    /// output is reproducible.
    pub today: NaiveDate,
    products: HashMap<Uuid, &'m DataProduct>,
    domains: HashMap<Uuid, &'m Domain>,
    teams: HashMap<Uuid, &'m Team>,
    ports: HashMap<Uuid, &'m OutputPort>,
    source_systems: HashMap<Uuid, &'m SourceSystem>,
    ports_of: HashMap<Uuid, Vec<&'m OutputPort>>,
    inputs_of: HashMap<Uuid, Vec<&'m InputPort>>,
    readers: HashMap<Uuid, Vec<Edge<'m>>>,
    /// Every product-to-product dependency, in input-port order.
    pub edges: Vec<Edge<'m>>,
    fan_in: HashMap<Uuid, u32>,
    fan_out: HashMap<Uuid, u32>,
    depth: HashMap<Uuid, u32>,
    upstream: OnceCell<HashMap<Uuid, u32>>,
    downstream: OnceCell<HashMap<Uuid, u32>>,
}

impl<'m> Context<'m> {
    /// Builds the index.
    pub fn new(mesh: &'m Mesh, today: NaiveDate) -> Self {
        let graph = MeshGraph::build(mesh);
        let products: HashMap<Uuid, &DataProduct> =
            mesh.products.iter().map(|p| (p.id, p)).collect();
        let ports: HashMap<Uuid, &OutputPort> =
            mesh.output_ports.iter().map(|p| (p.id, p)).collect();
        let mut ports_of: HashMap<Uuid, Vec<&OutputPort>> = HashMap::new();
        for p in &mesh.output_ports {
            ports_of.entry(p.product_id).or_default().push(p);
        }
        let mut inputs_of: HashMap<Uuid, Vec<&InputPort>> = HashMap::new();
        let mut edges = Vec::with_capacity(mesh.input_ports.len());
        let mut readers: HashMap<Uuid, Vec<Edge<'m>>> = HashMap::new();
        let mut provider_sets: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
        let mut consumer_sets: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
        for ip in &mesh.input_ports {
            inputs_of.entry(ip.product_id).or_default().push(ip);
            let DependencySource::OutputPort { port_id } = ip.source else {
                continue;
            };
            let Some(port) = ports.get(&port_id) else {
                continue;
            };
            let (Some(consumer), Some(provider)) =
                (products.get(&ip.product_id), products.get(&port.product_id))
            else {
                continue;
            };
            let edge = Edge {
                input: ip,
                consumer,
                port,
                provider,
            };
            edges.push(edge);
            readers.entry(port.id).or_default().push(edge);
            provider_sets
                .entry(consumer.id)
                .or_default()
                .insert(provider.id);
            consumer_sets
                .entry(provider.id)
                .or_default()
                .insert(consumer.id);
        }
        let count = |sets: HashMap<Uuid, HashSet<Uuid>>| -> HashMap<Uuid, u32> {
            sets.into_iter()
                .map(|(k, v)| (k, u32::try_from(v.len()).unwrap_or(u32::MAX)))
                .collect()
        };
        let chains = graph.chains();
        let depth = mesh
            .products
            .iter()
            .filter_map(|p| {
                let d = chains.depth(p.id)?;
                Some((p.id, u32::try_from(d).unwrap_or(u32::MAX)))
            })
            .collect();
        Context {
            mesh,
            today,
            products,
            domains: mesh.domains.iter().map(|d| (d.id, d)).collect(),
            teams: mesh.teams.iter().map(|t| (t.id, t)).collect(),
            ports,
            source_systems: mesh.source_systems.iter().map(|s| (s.id, s)).collect(),
            ports_of,
            inputs_of,
            readers,
            edges,
            fan_in: count(consumer_sets),
            fan_out: count(provider_sets),
            depth,
            upstream: OnceCell::new(),
            downstream: OnceCell::new(),
            graph,
        }
    }

    /// A product by id.
    pub fn product(&self, id: Uuid) -> Option<&'m DataProduct> {
        self.products.get(&id).copied()
    }

    /// A domain by id.
    pub fn domain(&self, id: Uuid) -> Option<&'m Domain> {
        self.domains.get(&id).copied()
    }

    /// A team by id.
    pub fn team(&self, id: Uuid) -> Option<&'m Team> {
        self.teams.get(&id).copied()
    }

    /// An output port by id.
    pub fn port(&self, id: Uuid) -> Option<&'m OutputPort> {
        self.ports.get(&id).copied()
    }

    /// A source system by id.
    pub fn source_system(&self, id: Uuid) -> Option<&'m SourceSystem> {
        self.source_systems.get(&id).copied()
    }

    /// A product's output ports.
    pub fn ports_of(&self, product: Uuid) -> &[&'m OutputPort] {
        self.ports_of.get(&product).map_or(&[], Vec::as_slice)
    }

    /// A product's input ports (from products and from source systems).
    pub fn inputs_of(&self, product: Uuid) -> &[&'m InputPort] {
        self.inputs_of.get(&product).map_or(&[], Vec::as_slice)
    }

    /// The dependencies reading one output port.
    pub fn readers(&self, port: Uuid) -> &[Edge<'m>] {
        self.readers.get(&port).map_or(&[], Vec::as_slice)
    }

    /// Distinct products reading this one (afferent coupling, Ca).
    pub fn fan_in(&self, product: Uuid) -> u32 {
        self.fan_in.get(&product).copied().unwrap_or(0)
    }

    /// Distinct products this one reads (efferent coupling, Ce).
    pub fn fan_out(&self, product: Uuid) -> u32 {
        self.fan_out.get(&product).copied().unwrap_or(0)
    }

    /// Martin's instability Ce / (Ca + Ce); 0 for an isolated product.
    pub fn instability(&self, product: Uuid) -> f64 {
        let (ca, ce) = (self.fan_in(product), self.fan_out(product));
        if ca + ce == 0 {
            0.0
        } else {
            f64::from(ce) / f64::from(ca + ce)
        }
    }

    /// The product's layer: 0 when it reads no product, else one more than its deepest
    /// provider.
    pub fn depth(&self, product: Uuid) -> u32 {
        self.depth.get(&product).copied().unwrap_or(0)
    }

    /// How many products this one depends on, directly or not. Computed for all
    /// products on first use, since only some rules need it.
    pub fn upstream_count(&self, product: Uuid) -> u32 {
        let counts = self.upstream.get_or_init(|| self.graph.reach_counts(false));
        counts.get(&product).copied().unwrap_or(0)
    }

    /// How many products depend on this one, directly or not.
    pub fn downstream_count(&self, product: Uuid) -> u32 {
        let counts = self
            .downstream
            .get_or_init(|| self.graph.reach_counts(true));
        counts.get(&product).copied().unwrap_or(0)
    }

    /// The name of a product's domain, or its id when the domain is missing.
    pub fn domain_name(&self, id: Uuid) -> String {
        self.domain(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    }

    /// The name of a team, or its id when the team is missing.
    pub fn team_name(&self, id: Uuid) -> String {
        self.team(id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// The name of a product, or its id when missing.
    pub fn product_name(&self, id: Uuid) -> String {
        self.product(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// A reference to a product.
    pub fn product_ref(&self, p: &DataProduct) -> EntityRef {
        EntityRef {
            kind: EntityKind::Product,
            id: Some(p.id),
            name: p.name.clone(),
        }
    }

    /// A reference to a product by id.
    pub fn product_id_ref(&self, id: Uuid) -> EntityRef {
        EntityRef {
            kind: EntityKind::Product,
            id: Some(id),
            name: self.product_name(id),
        }
    }

    /// A reference to an output port, named `product/port@version`.
    pub fn port_ref(&self, p: &OutputPort) -> EntityRef {
        EntityRef {
            kind: EntityKind::OutputPort,
            id: Some(p.id),
            name: format!(
                "{}/{}@{}",
                self.product_name(p.product_id),
                p.name,
                p.version
            ),
        }
    }

    /// A reference to an input port (a dependency), named `product/input`.
    pub fn input_ref(&self, ip: &InputPort) -> EntityRef {
        EntityRef {
            kind: EntityKind::InputPort,
            id: Some(ip.id),
            name: format!("{}/{}", self.product_name(ip.product_id), ip.name),
        }
    }

    /// A reference to a domain.
    pub fn domain_ref(&self, d: &Domain) -> EntityRef {
        EntityRef {
            kind: EntityKind::Domain,
            id: Some(d.id),
            name: d.name.clone(),
        }
    }

    /// A reference to a domain by id.
    pub fn domain_id_ref(&self, id: Uuid) -> EntityRef {
        EntityRef {
            kind: EntityKind::Domain,
            id: Some(id),
            name: self.domain_name(id),
        }
    }

    /// A reference to a team.
    pub fn team_ref(&self, t: &Team) -> EntityRef {
        EntityRef {
            kind: EntityKind::Team,
            id: Some(t.id),
            name: t.name.clone(),
        }
    }

    /// A reference to the mesh itself, for mesh-wide findings.
    pub fn mesh_ref(&self) -> EntityRef {
        EntityRef {
            kind: EntityKind::Mesh,
            id: None,
            name: self.mesh.info.name.clone(),
        }
    }
}
