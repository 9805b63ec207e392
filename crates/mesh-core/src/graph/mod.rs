//! Graph views over a loaded [`Mesh`]: data products as nodes, dependencies as edges
//! from consumer to provider (the provider's port on the edge), and the domain-level
//! condensation of the same edges.
//!
//! Built once per snapshot and read many times (impact, cycles, layers, longest chain).
//! petgraph indices stay inside this module: everything crossing the API is a product
//! or domain UUID. It must not read the store or know how the graph is drawn.

mod domains;
pub(crate) mod idhash;

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::algo::greedy_feedback_arc_set;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, EdgeRef, Reversed};
use uuid::Uuid;

use crate::model::{DependencySource, Mesh};

pub use domains::{DomainEdge, DomainGraph};

use idhash::{IdMap, id_map};

/// One dependency edge: the consumer's input port reading the provider's output port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// The consumer's input port.
    pub input_port_id: Uuid,
    /// The provider's output port.
    pub output_port_id: Uuid,
}

/// The product dependency graph of one mesh snapshot.
#[derive(Debug, Clone)]
pub struct MeshGraph {
    graph: DiGraph<Uuid, Dependency>,
    index: IdMap<Uuid, NodeIndex>,
    /// Each node's domain, by node index.
    domain_of: Vec<Uuid>,
    /// Strongly connected components in petgraph's postorder: providers before consumers.
    sccs: Vec<Vec<NodeIndex>>,
    /// For each node, the index of its component in `sccs`.
    component: Vec<usize>,
}

impl MeshGraph {
    /// Builds the graph. Input ports whose provider port is missing are skipped; the
    /// store's foreign keys make that impossible for loaded meshes.
    pub fn build(mesh: &Mesh) -> MeshGraph {
        MeshGraph::from_parts(
            mesh.products.iter().map(|p| (p.id, p.domain_id)),
            mesh.output_ports.iter().map(|p| (p.id, p.product_id)),
            mesh.input_ports.iter().filter_map(|ip| match ip.source {
                DependencySource::OutputPort { port_id } => Some((ip.id, ip.product_id, port_id)),
                _ => None,
            }),
        )
    }

    /// Builds the graph of `products` (each with its domain), their output `ports` (each
    /// with its product) and the `reads` between them (input port, its product, the
    /// output port it reads), in the order given: [`MeshGraph::build`] and
    /// [`crate::impact::Shape::graph`] both build through here.
    pub(crate) fn from_parts(
        products: impl ExactSizeIterator<Item = (Uuid, Uuid)>,
        ports: impl ExactSizeIterator<Item = (Uuid, Uuid)>,
        reads: impl Iterator<Item = (Uuid, Uuid, Uuid)>,
    ) -> MeshGraph {
        // At most one edge per read: a filtered list's upper bound is its length.
        let (least, most) = reads.size_hint();
        let mut graph = DiGraph::with_capacity(products.len(), most.unwrap_or(least));
        let mut index = id_map(products.len());
        let mut domain_of = Vec::with_capacity(products.len());
        for (id, domain) in products {
            index.insert(id, graph.add_node(id));
            domain_of.push(domain);
        }
        let mut port_owner: IdMap<Uuid, Uuid> = id_map(ports.len());
        for (port, product) in ports {
            port_owner.insert(port, product);
        }
        for (input_port_id, consumer, port_id) in reads {
            let (Some(&consumer), Some(&provider)) = (
                index.get(&consumer),
                port_owner.get(&port_id).and_then(|p| index.get(p)),
            ) else {
                continue;
            };
            graph.add_edge(
                consumer,
                provider,
                Dependency {
                    input_port_id,
                    output_port_id: port_id,
                },
            );
        }
        let sccs = strongly_connected(&graph);
        let mut component = vec![0; graph.node_count()];
        for (c, members) in sccs.iter().enumerate() {
            for n in members {
                component[n.index()] = c;
            }
        }
        MeshGraph {
            graph,
            index,
            domain_of,
            sccs,
            component,
        }
    }

    /// Number of products.
    pub fn product_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of product-to-product dependencies.
    pub fn dependency_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Whether the product is in the graph.
    pub fn contains(&self, product: Uuid) -> bool {
        self.index.contains_key(&product)
    }

    fn ids(&self, nodes: impl Iterator<Item = NodeIndex>) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = nodes.map(|n| self.graph[n]).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The products this one reads directly (its providers), sorted by id.
    pub fn providers(&self, product: Uuid) -> Vec<Uuid> {
        let Some(&n) = self.index.get(&product) else {
            return Vec::new();
        };
        self.ids(self.graph.neighbors_directed(n, Direction::Outgoing))
    }

    /// The products reading this one directly (its consumers), sorted by id.
    pub fn consumers(&self, product: Uuid) -> Vec<Uuid> {
        let Some(&n) = self.index.get(&product) else {
            return Vec::new();
        };
        self.ids(self.graph.neighbors_directed(n, Direction::Incoming))
    }

    /// The dependencies leaving a product (what it consumes), in insertion order.
    pub fn dependencies_of(&self, product: Uuid) -> Vec<(Uuid, Dependency)> {
        let Some(&n) = self.index.get(&product) else {
            return Vec::new();
        };
        // petgraph walks a node's edges newest first.
        let mut deps: Vec<(Uuid, Dependency)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (self.graph[e.target()], *e.weight()))
            .collect();
        deps.reverse();
        deps
    }

    /// Every product this one depends on, directly or not (its upstream), sorted by id.
    pub fn upstream(&self, product: Uuid) -> Vec<Uuid> {
        let Some(&start) = self.index.get(&product) else {
            return Vec::new();
        };
        let mut bfs = Bfs::new(&self.graph, start);
        let mut found = Vec::new();
        while let Some(n) = bfs.next(&self.graph) {
            if n != start || self.in_cycle(start) {
                found.push(n);
            }
        }
        self.ids(found.into_iter())
    }

    /// Every product that depends on this one, directly or not: the impact of changing
    /// it. Sorted by id.
    pub fn downstream(&self, product: Uuid) -> Vec<Uuid> {
        let Some(&start) = self.index.get(&product) else {
            return Vec::new();
        };
        let reversed = Reversed(&self.graph);
        let mut bfs = Bfs::new(reversed, start);
        let mut found = Vec::new();
        while let Some(n) = bfs.next(reversed) {
            if n != start || self.in_cycle(start) {
                found.push(n);
            }
        }
        self.ids(found.into_iter())
    }

    /// The products reached from `seeds` (distance 1) walking toward providers
    /// (`downstream == false`) or consumers, each with its shortest distance, stopping
    /// after `max_depth` steps when given; `excluded` (the product asked about) is never
    /// listed. In the order reached: nearer first, then by id.
    pub fn reach(
        &self,
        seeds: &[Uuid],
        downstream: bool,
        max_depth: Option<u32>,
        excluded: Uuid,
    ) -> Vec<(Uuid, u32)> {
        let direction = if downstream {
            Direction::Incoming
        } else {
            Direction::Outgoing
        };
        let mut seen = vec![false; self.graph.node_count()];
        let mut frontier: Vec<NodeIndex> = Vec::new();
        for id in seeds {
            if let Some(&n) = self.index.get(id)
                && !std::mem::replace(&mut seen[n.index()], true)
            {
                frontier.push(n);
            }
        }
        if let Some(&n) = self.index.get(&excluded) {
            seen[n.index()] = true;
        }
        let mut found = Vec::new();
        let mut distance = 1;
        while !frontier.is_empty() && max_depth.is_none_or(|d| distance <= d) {
            let mut level: Vec<Uuid> = frontier.iter().map(|&n| self.graph[n]).collect();
            level.sort_unstable();
            found.extend(level.into_iter().map(|id| (id, distance)));
            let mut next = Vec::new();
            for n in frontier {
                for m in self.graph.neighbors_directed(n, direction) {
                    if !std::mem::replace(&mut seen[m.index()], true) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
            distance += 1;
        }
        found
    }

    /// Whether the product sits in a dependency cycle.
    pub fn is_in_cycle(&self, product: Uuid) -> bool {
        self.index.get(&product).is_some_and(|&n| self.in_cycle(n))
    }

    fn in_cycle(&self, n: NodeIndex) -> bool {
        self.sccs[self.component[n.index()]].len() > 1
    }

    /// The dependency cycles: strongly connected components of more than one product,
    /// each sorted by id, the list sorted by its first member.
    pub fn cycles(&self) -> Vec<Vec<Uuid>> {
        let mut cycles: Vec<Vec<Uuid>> = self
            .sccs
            .iter()
            .filter(|c| c.len() > 1)
            .map(|c| self.ids(c.iter().copied()))
            .collect();
        cycles.sort();
        cycles
    }

    /// Each product's topological layer: 0 for products that read no other product,
    /// otherwise one more than their deepest provider. Products in one cycle share a layer.
    pub fn layers(&self) -> HashMap<Uuid, usize> {
        let (depth, _) = self.component_depths();
        self.graph
            .node_indices()
            .map(|n| (self.graph[n], depth[self.component[n.index()]]))
            .collect()
    }

    /// Depth of every component and, for each, the deepest provider component to follow.
    /// Relies on `sccs` being in postorder, so providers are always computed first.
    fn component_depths(&self) -> (Vec<usize>, Vec<Option<usize>>) {
        let mut depth = vec![0usize; self.sccs.len()];
        let mut next = vec![None; self.sccs.len()];
        for (c, members) in self.sccs.iter().enumerate() {
            for &n in members {
                for provider in self.graph.neighbors_directed(n, Direction::Outgoing) {
                    let p = self.component[provider.index()];
                    if p == c {
                        continue;
                    }
                    let candidate = depth[p] + 1;
                    if candidate > depth[c]
                        || (candidate == depth[c] && next[c].is_some_and(|q| p < q))
                    {
                        depth[c] = candidate;
                        next[c] = Some(p);
                    }
                }
            }
        }
        (depth, next)
    }

    /// A longest dependency chain, upstream first: the first product reads no other,
    /// each next one reads the one before. A cycle on the way counts as one step,
    /// represented by its smallest id. Empty for an empty mesh.
    pub fn longest_chain(&self) -> Vec<Uuid> {
        let (depth, next) = self.component_depths();
        let Some(start) = (0..self.sccs.len()).max_by_key(|&c| (depth[c], std::cmp::Reverse(c)))
        else {
            return Vec::new();
        };
        let mut chain = Vec::with_capacity(depth[start] + 1);
        let mut cursor = Some(start);
        while let Some(c) = cursor {
            chain.push(self.smallest_id(c));
            cursor = next[c];
        }
        chain.reverse();
        chain
    }

    /// A small set of dependencies whose removal leaves the graph without cycles (petgraph's
    /// greedy feedback arc set, Eades–Lin–Smyth): the "edges to cut" offered as a fix for
    /// cycles. Each entry is (consumer, provider, dependency), sorted.
    pub fn feedback_arc_set(&self) -> Vec<(Uuid, Uuid, Dependency)> {
        let mut cut: Vec<(Uuid, Uuid, Dependency)> = greedy_feedback_arc_set(&self.graph)
            .map(|e| (self.graph[e.source()], self.graph[e.target()], *e.weight()))
            .collect();
        cut.sort_by_key(|(c, p, d)| (*c, *p, d.input_port_id));
        cut
    }

    /// One closed dependency path through `product` when it sits in a cycle: each entry
    /// reads the next, first and last are equal, rotated to start at the smallest id.
    /// Empty when the product is in no cycle. A shortest such path, found by BFS inside the
    /// product's strongly connected component.
    pub fn cycle_through(&self, product: Uuid) -> Vec<Uuid> {
        let Some(&start) = self.index.get(&product) else {
            return Vec::new();
        };
        if !self.in_cycle(start) {
            return Vec::new();
        }
        let comp = self.component[start.index()];
        let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            for next in self.graph.neighbors_directed(n, Direction::Outgoing) {
                if self.component[next.index()] != comp {
                    continue;
                }
                if next == start {
                    let mut back = vec![self.graph[n]];
                    let mut cursor = n;
                    while cursor != start {
                        cursor = parent[&cursor];
                        back.push(self.graph[cursor]);
                    }
                    back.reverse();
                    back.push(self.graph[start]);
                    return normalise_cycle(back);
                }
                if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(next) {
                    e.insert(n);
                    queue.push_back(next);
                }
            }
        }
        Vec::new()
    }

    /// Depth of every product in the dependency order, with a way back along its
    /// deepest chain: the index behind chain-depth checks.
    pub fn chains(&self) -> Chains<'_> {
        let (depth, next) = self.component_depths();
        Chains {
            graph: self,
            depth,
            next,
        }
    }

    /// For every product, how many products it reaches: its upstream (everything it
    /// depends on) or, with `downstream`, everything depending on it. One BFS per product
    /// with a reused visit stamp, so memory stays linear in the mesh size.
    pub fn reach_counts(&self, downstream: bool) -> HashMap<Uuid, u32> {
        self.node_reach_counts(downstream)
            .into_iter()
            .enumerate()
            .map(|(n, count)| (self.graph[NodeIndex::new(n)], count))
            .collect()
    }

    /// [`MeshGraph::reach_counts`] by node index.
    pub(crate) fn node_reach_counts(&self, downstream: bool) -> Vec<u32> {
        let dir = if downstream {
            Direction::Incoming
        } else {
            Direction::Outgoing
        };
        let n = self.graph.node_count();
        let mut stamp = vec![usize::MAX; n];
        let mut queue = Vec::new();
        let mut counts = Vec::with_capacity(n);
        for start in self.graph.node_indices() {
            let mut count = 0u32;
            queue.clear();
            queue.push(start);
            stamp[start.index()] = start.index();
            while let Some(v) = queue.pop() {
                for w in self.graph.neighbors_directed(v, dir) {
                    if stamp[w.index()] != start.index() {
                        stamp[w.index()] = start.index();
                        count += 1;
                        queue.push(w);
                    }
                }
            }
            // A product in a cycle reaches itself; `upstream` counts it too.
            if self.in_cycle(start) {
                count += 1;
            }
            counts.push(count);
        }
        counts
    }

    /// The domain-level condensation: one edge per (consumer domain, provider domain)
    /// pair with the number of product dependencies behind it.
    pub fn domain_graph(&self) -> DomainGraph {
        DomainGraph::build(self.graph.raw_edges().iter().map(|e| {
            (
                self.domain_of[e.source().index()],
                self.domain_of[e.target().index()],
            )
        }))
    }

    /// The strongly connected components as node indices (positions in the mesh's
    /// product list), providers first: every provider outside a component sits in an
    /// earlier one, so a fold along lineage visits each component once.
    pub(crate) fn components(
        &self,
    ) -> impl Iterator<Item = impl Iterator<Item = usize> + Clone + '_> + '_ {
        self.sccs.iter().map(|c| c.iter().map(|n| n.index()))
    }

    /// The smallest product id of a strongly connected component.
    fn smallest_id(&self, component: usize) -> Uuid {
        self.sccs[component]
            .iter()
            .map(|&n| self.graph[n])
            .min()
            .unwrap_or_default()
    }

    /// The node index of a product: its position in the mesh's product list (the
    /// last one, should two products share an id).
    pub(crate) fn node(&self, product: Uuid) -> Option<usize> {
        self.index.get(&product).map(|n| n.index())
    }

    /// Every node reached from `starts` (included) following dependencies towards
    /// providers or, with `downstream`, towards consumers. `seen` is scratch space,
    /// all `false` before and after the call. Nodes come in no particular order.
    pub(crate) fn reach_from(
        &self,
        starts: impl IntoIterator<Item = usize>,
        downstream: bool,
        seen: &mut Vec<bool>,
    ) -> Vec<usize> {
        let dir = if downstream {
            Direction::Incoming
        } else {
            Direction::Outgoing
        };
        seen.resize(self.graph.node_count(), false);
        let mut found = Vec::new();
        for s in starts {
            if !seen[s] {
                seen[s] = true;
                found.push(s);
            }
        }
        let mut next = 0;
        while next < found.len() {
            let v = NodeIndex::new(found[next]);
            next += 1;
            for w in self.graph.neighbors_directed(v, dir) {
                if !seen[w.index()] {
                    seen[w.index()] = true;
                    found.push(w.index());
                }
            }
        }
        for &n in &found {
            seen[n] = false;
        }
        found
    }
}

/// The strongly connected components, exactly as petgraph's `tarjan_scc` returns them
/// (the same components, in the same order, each in the same order): the same
/// algorithm (Pearce's variant of Tarjan's), walking nodes and neighbours in the same
/// order, but with an explicit stack instead of recursion and over a flat adjacency
/// list, which makes it several times faster on large meshes.
fn strongly_connected(graph: &DiGraph<Uuid, Dependency>) -> Vec<Vec<NodeIndex>> {
    let n = graph.node_count();
    let mut first = Vec::with_capacity(n + 1);
    let mut adjacent: Vec<u32> = Vec::with_capacity(graph.edge_count());
    for v in graph.node_indices() {
        first.push(adjacent.len());
        adjacent.extend(graph.neighbors(v).map(|w| w.index() as u32));
    }
    first.push(adjacent.len());
    // petgraph's `rootindex`: 0 for "not visited yet", else an index or, once the
    // node's component is found, a component number counting down from the top.
    let mut root = vec![0usize; n];
    let mut index = 1usize;
    let mut components = usize::MAX;
    let mut stack: Vec<u32> = Vec::new();
    let mut sccs = Vec::new();
    // The recursion of petgraph's `visit`: node, next neighbour, whether it is a root.
    let mut frames: Vec<(u32, usize, bool)> = Vec::new();
    for s in 0..n {
        if root[s] != 0 {
            continue;
        }
        root[s] = index;
        index += 1;
        frames.push((s as u32, first[s], true));
        while let Some(&(v, next, local_root)) = frames.last() {
            let v_ix = v as usize;
            if next < first[v_ix + 1] {
                let w = adjacent[next] as usize;
                let top = frames.len() - 1;
                frames[top].1 = next + 1;
                if root[w] == 0 {
                    root[w] = index;
                    index += 1;
                    frames.push((w as u32, first[w], true));
                } else if root[w] < root[v_ix] {
                    root[v_ix] = root[w];
                    frames[top].2 = false;
                }
                continue;
            }
            frames.pop();
            if local_root {
                let mut adjustment = 1;
                let mut start = stack.len();
                while start > 0 {
                    let w = stack[start - 1] as usize;
                    if root[v_ix] > root[w] {
                        break;
                    }
                    root[w] = components;
                    adjustment += 1;
                    start -= 1;
                }
                root[v_ix] = components;
                stack.push(v);
                sccs.push(
                    stack[start..]
                        .iter()
                        .map(|&w| NodeIndex::new(w as usize))
                        .collect(),
                );
                stack.truncate(start);
                index -= adjustment;
                components -= 1;
            } else {
                stack.push(v);
            }
            // Back in the caller's loop, after visiting `v`.
            if let Some(parent) = frames.last_mut() {
                let p = parent.0 as usize;
                if root[v_ix] < root[p] {
                    root[p] = root[v_ix];
                    parent.2 = false;
                }
            }
        }
    }
    sccs
}

/// Rotates a closed path so it starts at its smallest id, for deterministic evidence.
fn normalise_cycle(mut path: Vec<Uuid>) -> Vec<Uuid> {
    path.pop();
    if let Some(min) = path
        .iter()
        .enumerate()
        .min_by_key(|(_, id)| **id)
        .map(|(i, _)| i)
    {
        path.rotate_left(min);
    }
    if let Some(&first) = path.first() {
        path.push(first);
    }
    path
}

/// Depths and deepest chains of every product: see [`MeshGraph::chains`].
#[derive(Debug)]
pub struct Chains<'g> {
    graph: &'g MeshGraph,
    depth: Vec<usize>,
    next: Vec<Option<usize>>,
}

impl Chains<'_> {
    /// The product's topological layer (0 when it reads no other product).
    pub fn depth(&self, product: Uuid) -> Option<usize> {
        let n = self.graph.index.get(&product)?;
        Some(self.depth[self.graph.component[n.index()]])
    }

    /// The topological layer of the product at a node index.
    pub(crate) fn node_depth(&self, node: usize) -> usize {
        self.depth[self.graph.component[node]]
    }

    /// A deepest chain ending at `product`, upstream first; a cycle on the way counts as
    /// one step, shown by its smallest id (the product itself ends the chain).
    pub fn chain_to(&self, product: Uuid) -> Vec<Uuid> {
        let Some(n) = self.graph.index.get(&product) else {
            return Vec::new();
        };
        let g = self.graph;
        let mut chain = vec![product];
        let mut cursor = self.next[g.component[n.index()]];
        while let Some(c) = cursor {
            chain.push(g.smallest_id(c));
            cursor = self.next[c];
        }
        chain.reverse();
        chain
    }
}

#[cfg(test)]
pub(crate) mod tests;
