//! The domain-level view: product dependencies condensed into edges between domains,
//! with the cycles between domains. Built by [`super::MeshGraph::domain_graph`].

use std::collections::{BTreeMap, HashMap};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use uuid::Uuid;

/// Dependencies from products of one domain on products of another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainEdge {
    /// The consuming domain.
    pub consumer: Uuid,
    /// The providing domain.
    pub provider: Uuid,
    /// How many product dependencies cross this way.
    pub dependencies: usize,
}

/// Cross-domain dependencies, aggregated.
#[derive(Debug, Clone, Default)]
pub struct DomainGraph {
    /// Edges between different domains, sorted by (consumer, provider).
    pub edges: Vec<DomainEdge>,
    /// Product dependencies inside one domain, per domain.
    pub internal: BTreeMap<Uuid, usize>,
}

impl DomainGraph {
    pub(super) fn build(pairs: impl Iterator<Item = (Uuid, Uuid)>) -> DomainGraph {
        let mut counts: BTreeMap<(Uuid, Uuid), usize> = BTreeMap::new();
        let mut internal = BTreeMap::new();
        for (consumer, provider) in pairs {
            if consumer == provider {
                *internal.entry(consumer).or_default() += 1;
            } else {
                *counts.entry((consumer, provider)).or_default() += 1;
            }
        }
        let edges = counts
            .into_iter()
            .map(|((consumer, provider), dependencies)| DomainEdge {
                consumer,
                provider,
                dependencies,
            })
            .collect();
        DomainGraph { edges, internal }
    }

    /// Cycles between domains: groups of domains that depend on each other, each sorted,
    /// the list sorted.
    pub fn cycles(&self) -> Vec<Vec<Uuid>> {
        let mut graph = DiGraph::<Uuid, ()>::new();
        let mut index = HashMap::new();
        for e in &self.edges {
            for d in [e.consumer, e.provider] {
                index.entry(d).or_insert_with(|| graph.add_node(d));
            }
            graph.add_edge(index[&e.consumer], index[&e.provider], ());
        }
        let mut cycles: Vec<Vec<Uuid>> = tarjan_scc(&graph)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut ids: Vec<Uuid> = c.into_iter().map(|n| graph[n]).collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        cycles.sort();
        cycles
    }
}
