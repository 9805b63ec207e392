// The dependencies of the simplified (zoomed-out) drawing: one line per pair of domains
// that depend on each other, weighted by how many dependencies it stands for, instead
// of thousands of port-to-port edges. Pure: derived from the flow graph, never stored.
import { Position, type NodeHandle } from '@xyflow/react';
import type { DomainLinkFlowEdge, FlowGraphLike } from './flowTypes';
import { drawnInside } from './subdomains';

export const DOMAIN_OUT = 'domain-out';
export const DOMAIN_IN = 'domain-in';

/** Handles on a domain's right (outgoing) and left (incoming) edges, at mid height. */
export function domainHandles(width: number, height: number): NodeHandle[] {
  // 1 × 1 boxes centred on the box's edges.
  const y = height / 2 - 0.5;
  return [
    { id: DOMAIN_OUT, type: 'source', position: Position.Right, x: width - 0.5, y, width: 1, height: 1 },
    { id: DOMAIN_IN, type: 'target', position: Position.Left, x: -0.5, y, width: 1, height: 1 },
  ];
}

/** At most this many domain links are drawn: the heaviest. */
export const MAX_DOMAIN_LINKS = 250;

/**
 * One link per ordered pair of different top-level domains with at least one dependency
 * between their products, the heaviest MAX_DOMAIN_LINKS of them. Dependencies inside a domain (subdomains included) and
 * products outside any domain are left out: at this zoom they would be lines within one
 * box.
 */
export function domainLinks({ nodes, edges }: FlowGraphLike): DomainLinkFlowEdge[] {
  // Subdomains are drawn inside their parent: at this zoom a product counts for its
  // outermost domain.
  const parentOf = new Map<string, string>();
  for (const n of nodes) {
    const parentId = drawnInside(n);
    if (parentId !== null) parentOf.set(n.id, parentId);
  }
  const outermost = (id: string) => {
    let at = id;
    for (let up = parentOf.get(at); up !== undefined; up = parentOf.get(at)) at = up;
    return at;
  };
  const domainOf = new Map<string, string>();
  for (const n of nodes) if (n.type === 'product' && n.parentId) domainOf.set(n.id, outermost(n.parentId));
  const counts = new Map<string, { source: string; target: string; count: number }>();
  for (const e of edges) {
    const source = domainOf.get(e.source);
    const target = domainOf.get(e.target);
    if (!source || !target || source === target) continue;
    const id = `${source}->${target}`;
    const link = counts.get(id);
    if (link) link.count++;
    else counts.set(id, { source, target, count: 1 });
  }
  // The heaviest links first, and no more than MAX_DOMAIN_LINKS: a generated 2,000-product
  // mesh has 1,700 domain pairs, a tangle nobody can read, and WebKitGTK took 30 s to
  // paint it in software. Ties keep a stable order.
  const heaviest = [...counts].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_DOMAIN_LINKS);
  return heaviest.map(([id, { source, target, count }]) => ({
    id: `link:${id}`,
    type: 'domainLink',
    source,
    sourceHandle: DOMAIN_OUT,
    target,
    targetHandle: DOMAIN_IN,
    data: { count },
    selectable: false,
    focusable: false,
    zIndex: 0,
  }));
}
