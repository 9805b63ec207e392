// The dependencies of the simplified (zoomed-out) drawing: one line per pair of domains
// that depend on each other, weighted by how many dependencies it stands for, instead
// of thousands of port-to-port edges. Pure: derived from the flow graph, never stored.
import { Position, type NodeHandle } from '@xyflow/react';
import type { DomainLinkFlowEdge, FlowGraphLike } from './flowTypes';

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

/**
 * One link per ordered pair of different domains with at least one dependency between
 * their products. Dependencies inside a domain and products outside any domain are left
 * out: at this zoom they would be lines within one box.
 */
export function domainLinks({ nodes, edges }: FlowGraphLike): DomainLinkFlowEdge[] {
  const domainOf = new Map<string, string>();
  for (const n of nodes) if (n.type === 'product' && n.parentId) domainOf.set(n.id, n.parentId);
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
  return [...counts].map(([id, { source, target, count }]) => ({
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
