//! The precomputed index every rule reads: lookups by id, the dependency edges with both
//! ends resolved, degrees, depths and (on demand) reach counts, all built once per check
//! from one [`Mesh`] snapshot and its [`MeshGraph`].
//!
//! It must not report findings or read a policy; it only answers questions about the
//! mesh, the same way for built-in and custom rules.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::graph::idhash::{IdMap, id_map};
use crate::graph::{DomainGraph, MeshGraph};
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
    /// The consumer's node index in the graph (its position in the mesh's products).
    pub consumer_node: usize,
    /// The provider's node index in the graph.
    pub provider_node: usize,
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
    /// An older version of the mesh to compare contracts with (the main branch of a
    /// domain repository), when the host gives one; rules comparing need it.
    pub baseline: Option<&'m Mesh>,
    domains: IdMap<Uuid, &'m Domain>,
    teams: IdMap<Uuid, &'m Team>,
    /// Output ports by id, as positions in the mesh's list.
    ports: IdMap<Uuid, usize>,
    source_systems: IdMap<Uuid, &'m SourceSystem>,
    ports_of: IdMap<Uuid, Vec<&'m OutputPort>>,
    inputs_of: IdMap<Uuid, Vec<&'m InputPort>>,
    readers: IdMap<Uuid, Vec<Edge<'m>>>,
    /// Every product-to-product dependency, in input-port order.
    pub edges: Vec<Edge<'m>>,
    /// Distinct consumers, providers and the layer of each product, by graph node.
    fan_in: Vec<u32>,
    fan_out: Vec<u32>,
    depth: Vec<u32>,
    upstream: OnceLock<Vec<u32>>,
    downstream: OnceLock<Vec<u32>>,
    /// `product/port@version` of each output port, by position, made on first use.
    port_names: Vec<OnceLock<String>>,
    domain_graph: OnceLock<DomainGraph>,
}

impl<'m> Context<'m> {
    /// Builds the index.
    pub fn new(mesh: &'m Mesh, today: NaiveDate) -> Self {
        // The graph and the lookups by id do not depend on each other: on a large mesh,
        // build the graph on a second thread meanwhile.
        let lookups = || {
            let mut ports: IdMap<Uuid, usize> = id_map(mesh.output_ports.len());
            let mut ports_of: IdMap<Uuid, Vec<&OutputPort>> = id_map(mesh.products.len());
            for (i, p) in mesh.output_ports.iter().enumerate() {
                ports.insert(p.id, i);
                ports_of.entry(p.product_id).or_default().push(p);
            }
            let mut inputs_of: IdMap<Uuid, Vec<&InputPort>> = id_map(mesh.products.len());
            for ip in &mesh.input_ports {
                inputs_of.entry(ip.product_id).or_default().push(ip);
            }
            (ports, ports_of, inputs_of)
        };
        let (graph, (ports, ports_of, inputs_of)) =
            if mesh.products.len() + mesh.output_ports.len() >= super::engine::PARALLEL_FROM {
                std::thread::scope(|scope| {
                    let graph = scope.spawn(|| MeshGraph::build(mesh));
                    let lookups = lookups();
                    match graph.join() {
                        Ok(graph) => (graph, lookups),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                })
            } else {
                (MeshGraph::build(mesh), lookups())
            };
        let mut edges = Vec::with_capacity(mesh.input_ports.len());
        let mut readers: IdMap<Uuid, Vec<Edge<'m>>> = id_map(mesh.output_ports.len());
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(mesh.input_ports.len());
        for ip in &mesh.input_ports {
            let DependencySource::OutputPort { port_id } = ip.source else {
                continue;
            };
            let Some(&port) = ports.get(&port_id) else {
                continue;
            };
            let port = &mesh.output_ports[port];
            let (Some(consumer_node), Some(provider_node)) =
                (graph.node(ip.product_id), graph.node(port.product_id))
            else {
                continue;
            };
            let edge = Edge {
                input: ip,
                consumer: &mesh.products[consumer_node],
                port,
                provider: &mesh.products[provider_node],
                consumer_node,
                provider_node,
            };
            edges.push(edge);
            readers.entry(port.id).or_default().push(edge);
            pairs.push((consumer_node as u32, provider_node as u32));
        }
        let n = mesh.products.len();
        let (mut fan_in, mut fan_out) = (vec![0u32; n], vec![0u32; n]);
        pairs.sort_unstable();
        pairs.dedup();
        for &(c, p) in &pairs {
            fan_out[c as usize] += 1;
            fan_in[p as usize] += 1;
        }
        let chains = graph.chains();
        let depth = (0..n)
            .map(|i| u32::try_from(chains.node_depth(i)).unwrap_or(u32::MAX))
            .collect();
        let mut domains = id_map(mesh.domains.len());
        domains.extend(mesh.domains.iter().map(|d| (d.id, d)));
        let mut teams = id_map(mesh.teams.len());
        teams.extend(mesh.teams.iter().map(|t| (t.id, t)));
        let mut source_systems = id_map(mesh.source_systems.len());
        source_systems.extend(mesh.source_systems.iter().map(|s| (s.id, s)));
        Context {
            mesh,
            today,
            baseline: None,
            domains,
            teams,
            ports,
            source_systems,
            ports_of,
            inputs_of,
            readers,
            edges,
            fan_in,
            fan_out,
            depth,
            upstream: OnceLock::new(),
            downstream: OnceLock::new(),
            port_names: (0..mesh.output_ports.len())
                .map(|_| OnceLock::new())
                .collect(),
            domain_graph: OnceLock::new(),
            graph,
        }
    }

    /// A product by id.
    pub fn product(&self, id: Uuid) -> Option<&'m DataProduct> {
        self.graph.node(id).map(|n| &self.mesh.products[n])
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
        self.ports.get(&id).map(|&i| &self.mesh.output_ports[i])
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
        self.graph.node(product).map_or(0, |n| self.fan_in[n])
    }

    /// Distinct products this one reads (efferent coupling, Ce).
    pub fn fan_out(&self, product: Uuid) -> u32 {
        self.graph.node(product).map_or(0, |n| self.fan_out[n])
    }

    /// Martin's instability Ce / (Ca + Ce); 0 for an isolated product.
    pub fn instability(&self, product: Uuid) -> f64 {
        self.graph
            .node(product)
            .map_or(0.0, |n| self.node_instability(n))
    }

    /// [`Context::instability`] of the product at a graph node.
    pub fn node_instability(&self, node: usize) -> f64 {
        let (ca, ce) = (self.fan_in[node], self.fan_out[node]);
        if ca + ce == 0 {
            0.0
        } else {
            f64::from(ce) / f64::from(ca + ce)
        }
    }

    /// The product's layer: 0 when it reads no product, else one more than its deepest
    /// provider.
    pub fn depth(&self, product: Uuid) -> u32 {
        self.graph.node(product).map_or(0, |n| self.depth[n])
    }

    /// How many products this one depends on, directly or not. Computed for all
    /// products on first use, since only some rules need it.
    pub fn upstream_count(&self, product: Uuid) -> u32 {
        let counts = self
            .upstream
            .get_or_init(|| self.graph.node_reach_counts(false));
        self.graph.node(product).map_or(0, |n| counts[n])
    }

    /// How many products depend on this one, directly or not.
    pub fn downstream_count(&self, product: Uuid) -> u32 {
        let counts = self
            .downstream
            .get_or_init(|| self.graph.node_reach_counts(true));
        self.graph.node(product).map_or(0, |n| counts[n])
    }

    /// The domain-level condensation of the graph, built on first use.
    pub fn domain_graph(&self) -> &DomainGraph {
        self.domain_graph.get_or_init(|| self.graph.domain_graph())
    }

    /// The name of a product, or its id when missing, without copying the name.
    pub fn product_name_str(&self, id: Uuid) -> Cow<'m, str> {
        match self.product(id) {
            Some(p) => Cow::Borrowed(p.name.as_str()),
            None => Cow::Owned(id.to_string()),
        }
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

    /// The position of a port in the snapshot's list, when it is one of the snapshot's
    /// ports (as every port a rule sees is), found by address rather than by id.
    pub fn port_index(&self, p: &OutputPort) -> Option<usize> {
        let ports = &self.mesh.output_ports;
        let at = (p as *const OutputPort as usize).wrapping_sub(ports.as_ptr() as usize)
            / std::mem::size_of::<OutputPort>().max(1);
        ports.get(at).filter(|q| std::ptr::eq(*q, p)).map(|_| at)
    }

    /// The name of an output port, `product/port@version`.
    pub fn port_name(&self, p: &OutputPort) -> String {
        match self.port_index(p) {
            Some(at) => self.port_names[at]
                .get_or_init(|| self.format_port_name(p))
                .clone(),
            None => self.format_port_name(p),
        }
    }

    fn format_port_name(&self, p: &OutputPort) -> String {
        let product = self.product_name_str(p.product_id);
        let mut name = String::with_capacity(product.len() + p.name.len() + p.version.len() + 2);
        name.push_str(&product);
        name.push('/');
        name.push_str(&p.name);
        name.push('@');
        name.push_str(&p.version);
        name
    }

    /// A reference to an output port, named `product/port@version`.
    pub fn port_ref(&self, p: &OutputPort) -> EntityRef {
        EntityRef {
            kind: EntityKind::OutputPort,
            id: Some(p.id),
            name: self.port_name(p),
        }
    }

    /// The name of an input port (a dependency), `product/input`.
    pub fn input_name(&self, ip: &InputPort) -> String {
        let product = self.product_name_str(ip.product_id);
        let mut name = String::with_capacity(product.len() + 1 + ip.name.len());
        name.push_str(&product);
        name.push('/');
        name.push_str(&ip.name);
        name
    }

    /// A reference to an input port (a dependency), named `product/input`.
    pub fn input_ref(&self, ip: &InputPort) -> EntityRef {
        EntityRef {
            kind: EntityKind::InputPort,
            id: Some(ip.id),
            name: self.input_name(ip),
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
