//! Summaries of a mesh for people and scripts: the counts behind `meshwright stats` and
//! the one-product view behind `meshwright show`. Read-only over a snapshot and its
//! graph; formatting for the terminal belongs to the CLI.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::graph::MeshGraph;
use crate::model::{DataProduct, DependencySource, InputPort, Mesh, OutputPort};

/// The counts of `meshwright stats`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Mesh name.
    pub name: String,
    /// Domains.
    pub domains: usize,
    /// Teams.
    pub teams: usize,
    /// People.
    pub people: usize,
    /// Data products.
    pub products: usize,
    /// Output ports.
    pub output_ports: usize,
    /// Product-to-product dependencies.
    pub dependencies: usize,
    /// Cross-domain product dependencies.
    pub cross_domain_dependencies: usize,
    /// Source systems.
    pub source_systems: usize,
    /// Inputs read from source systems.
    pub source_inputs: usize,
    /// Dependency cycles (groups of products depending on each other).
    pub cycles: usize,
    /// Products inside some cycle.
    pub products_in_cycles: usize,
    /// Products on the longest dependency chain.
    pub longest_chain: usize,
    /// Names along that chain, upstream first.
    pub longest_chain_products: Vec<String>,
}

impl Stats {
    /// Computes the counts for a snapshot and its graph.
    pub fn of(mesh: &Mesh, graph: &MeshGraph) -> Stats {
        let names: HashMap<Uuid, &str> = mesh
            .products
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect();
        let cycles = graph.cycles();
        let chain = graph.longest_chain();
        let domain_graph = graph.domain_graph();
        Stats {
            name: mesh.info.name.clone(),
            domains: mesh.domains.len(),
            teams: mesh.teams.len(),
            people: mesh.people.len(),
            products: mesh.products.len(),
            output_ports: mesh.output_ports.len(),
            dependencies: graph.dependency_count(),
            cross_domain_dependencies: domain_graph.edges.iter().map(|e| e.dependencies).sum(),
            source_systems: mesh.source_systems.len(),
            source_inputs: mesh
                .input_ports
                .iter()
                .filter(|i| matches!(i.source, DependencySource::SourceSystem { .. }))
                .count(),
            cycles: cycles.len(),
            products_in_cycles: cycles.iter().map(Vec::len).sum(),
            longest_chain: chain.len(),
            longest_chain_products: chain
                .iter()
                .map(|id| names.get(id).copied().unwrap_or("?").to_owned())
                .collect(),
        }
    }
}

/// A product with a neighbour, by name, for listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductRef {
    /// Product id.
    pub id: Uuid,
    /// Product slug name.
    pub name: String,
    /// Domain slug name.
    pub domain: String,
}

/// One input port with its provider resolved to names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputView {
    /// The input port.
    pub port: InputPort,
    /// `product/port@version`, or `source-system:<name>`.
    pub reads: String,
}

/// Everything `meshwright show` prints about one product.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductDetail {
    /// The product.
    pub product: DataProduct,
    /// Its domain's name.
    pub domain: String,
    /// Its owner team's name.
    pub owner_team: Option<String>,
    /// The accountable person's display name.
    pub accountable: Option<String>,
    /// Its output ports.
    pub output_ports: Vec<OutputPort>,
    /// Its input ports, resolved.
    pub input_ports: Vec<InputView>,
    /// Products it reads directly.
    pub providers: Vec<ProductRef>,
    /// Products reading it directly.
    pub consumers: Vec<ProductRef>,
    /// Every product it depends on, transitively.
    pub upstream: Vec<ProductRef>,
    /// Every product that depends on it, transitively (impact).
    pub downstream: Vec<ProductRef>,
}

impl ProductDetail {
    /// The view of the product named `name`, if there is one.
    pub fn of(mesh: &Mesh, graph: &MeshGraph, name: &str) -> Option<ProductDetail> {
        let product = mesh.product_by_name(name)?.clone();
        let domains: HashMap<Uuid, &str> = mesh
            .domains
            .iter()
            .map(|d| (d.id, d.name.as_str()))
            .collect();
        let products = mesh.product_index();
        let refs = |ids: Vec<Uuid>| -> Vec<ProductRef> {
            let mut out: Vec<ProductRef> = ids
                .into_iter()
                .filter_map(|id| products.get(&id))
                .map(|p| ProductRef {
                    id: p.id,
                    name: p.name.clone(),
                    domain: domains.get(&p.domain_id).copied().unwrap_or("?").to_owned(),
                })
                .collect();
            out.sort_by(|a, b| a.name.cmp(&b.name));
            out
        };
        let ports: HashMap<Uuid, &OutputPort> =
            mesh.output_ports.iter().map(|p| (p.id, p)).collect();
        let systems: HashMap<Uuid, &str> = mesh
            .source_systems
            .iter()
            .map(|s| (s.id, s.name.as_str()))
            .collect();
        let input_ports = mesh
            .input_ports
            .iter()
            .filter(|i| i.product_id == product.id)
            .map(|i| InputView {
                port: i.clone(),
                reads: match &i.source {
                    DependencySource::OutputPort { port_id } => match ports.get(port_id) {
                        Some(op) => format!(
                            "{}/{}@{}",
                            products
                                .get(&op.product_id)
                                .map_or("?", |p| p.name.as_str()),
                            op.name,
                            op.version
                        ),
                        None => "?".to_owned(),
                    },
                    DependencySource::SourceSystem { source_system_id } => {
                        format!(
                            "source-system:{}",
                            systems.get(source_system_id).copied().unwrap_or("?")
                        )
                    }
                    DependencySource::Unresolved { reference } => {
                        format!("unresolved:{reference}")
                    }
                },
            })
            .collect();
        Some(ProductDetail {
            domain: domains
                .get(&product.domain_id)
                .copied()
                .unwrap_or("?")
                .to_owned(),
            owner_team: product
                .owner_team_id
                .and_then(|t| mesh.teams.iter().find(|x| x.id == t))
                .map(|t| t.name.clone()),
            accountable: product
                .accountable_person_id
                .and_then(|p| mesh.people.iter().find(|x| x.id == p))
                .map(|p| p.display_name.clone()),
            output_ports: mesh
                .output_ports
                .iter()
                .filter(|p| p.product_id == product.id)
                .cloned()
                .collect(),
            input_ports,
            providers: refs(graph.providers(product.id)),
            consumers: refs(graph.consumers(product.id)),
            upstream: refs(graph.upstream(product.id)),
            downstream: refs(graph.downstream(product.id)),
            product,
        })
    }
}
