// The canvas under the products view's filter: only the visible products, the domain
// boxes the core says to draw, and the dependencies whose both ends are visible (a
// dependency on a hidden product is drawn as a stub on its visible end, see
// ProductNode). Pure; the same graph back when nothing is filtered.
import type { FlowGraph } from './toFlow';

export function filterFlow(graph: FlowGraph, products: ReadonlySet<string> | null, domains: ReadonlySet<string> | null): FlowGraph {
  if (!products || !domains) return graph;
  return {
    nodes: graph.nodes.filter((n) => (n.type === 'product' ? products.has(n.id) : domains.has(n.id))),
    edges: graph.edges.filter((e) => products.has(e.source) && products.has(e.target)),
  };
}
