// The domains and teams views as React Flow nodes and edges, from the core's overview
// answer: one node per domain or team, with the box the core placed it in (where the
// user left it in this view, or its layered layout: mesh-core's overview/place.rs); the
// expanded domain as a box holding its products; one edge per pair of nodes, as thick
// as the number of dependencies it stands for. No React, no store, no layout.
import type { Edge, Node } from '@xyflow/react';
import type { Overview, OverviewNode } from '../../lib/backend';

export type OverviewNodeData = { node: OverviewNode; view: 'domains' | 'teams' };
export type OverviewFlowNode = Node<OverviewNodeData, 'overview'>;
export type OverviewFlowEdge = Edge<{ weight: number }>;

/** Where a stored node sits in this view, or null when it was never placed. */
export type PlacedAt = (id: string) => { x: number; y: number } | null;

/** The stroke width of an edge standing for `weight` dependencies. */
export function strokeOf(weight: number): number {
  return Math.min(8, 1.25 + Math.log2(weight) * 1.5);
}

/**
 * The flow of `overview`; `placedAt` is the model's stored position, which a move
 * changes before the core is asked again, so a moved node does not jump back meanwhile.
 */
export function overviewFlow(
  overview: Overview,
  view: 'domains' | 'teams',
  placedAt: PlacedAt,
): { nodes: OverviewFlowNode[]; edges: OverviewFlowEdge[] } {
  // The core lists an expanded domain's products right after it, as React Flow wants
  // parents before their children.
  const nodes = overview.nodes.map((n): OverviewFlowNode => {
    const width = n.width ?? 0;
    const height = n.height ?? 0;
    const box = { id: n.id, type: 'overview' as const, data: { node: n, view }, width, height };
    const at = { x: n.x ?? 0, y: n.y ?? 0 };
    if (n.parent) return { ...box, parentId: n.parent, extent: 'parent', draggable: false, position: at };
    return { ...box, position: placedAt(n.id) ?? at, style: { width, height } };
  });
  const edges: OverviewFlowEdge[] = overview.edges.map((e) => ({
    id: `${e.from}->${e.to}`,
    source: e.from,
    target: e.to,
    label: String(e.weight),
    data: { weight: e.weight },
    style: { strokeWidth: strokeOf(e.weight) },
  }));
  return { nodes, edges };
}
