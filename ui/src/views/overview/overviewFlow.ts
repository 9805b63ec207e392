// The domains and teams views as React Flow nodes and edges, from the core's overview
// answer: one node per domain or team, placed where the user left it in this view (its
// own positions, stored per view) or by a layered layout; the expanded domain as a box
// holding its products laid out left to right; one edge per pair of nodes, as thick as
// the number of dependencies it stands for. No React, no store; the one thing it keeps
// is each view's last top-level layout, reused while its nodes and links are the same.
import type { Edge, Node } from '@xyflow/react';
import type { Overview, OverviewNode } from '../../lib/backend';
import { layeredLayout, type LayeredEdge, type LayeredNode, type LayeredResult } from '../../layout/layered';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 92;
export const PRODUCT_WIDTH = 180;
export const PRODUCT_HEIGHT = 44;

export type OverviewNodeData = { node: OverviewNode; view: 'domains' | 'teams' };
export type OverviewFlowNode = Node<OverviewNodeData, 'overview'>;
export type OverviewFlowEdge = Edge<{ weight: number }>;

/** Where a stored node sits in this view, or null when it was never placed. */
export type PlacedAt = (id: string) => { x: number; y: number } | null;

const TOP = { nodeGap: 32, layerGap: 96, padTop: 0, padSide: 0, padBottom: 0, minWidth: 0, minHeight: 0 };
const INSIDE = { nodeGap: 14, layerGap: 48, padTop: NODE_HEIGHT, padSide: 16, padBottom: 16, minWidth: NODE_WIDTH, minHeight: NODE_HEIGHT };

/**
 * Each view's last top-level layout and what it was made from. Laying out 80 domains
 * and 1,700 links takes 350 – 490 ms of a switch to the view; switching back to it
 * (or an edit that changes no node or link of it) reuses the layout instead.
 */
const lastTop = new Map<'domains' | 'teams', { key: string; result: LayeredResult }>();

function topLayout(view: 'domains' | 'teams', nodes: LayeredNode[], edges: LayeredEdge[]): LayeredResult {
  const key = JSON.stringify([nodes, edges]);
  const last = lastTop.get(view);
  if (last?.key === key) return last.result;
  const result = layeredLayout(nodes, edges, TOP);
  lastTop.set(view, { key, result });
  return result;
}

/** The stroke width of an edge standing for `weight` dependencies. */
export function strokeOf(weight: number): number {
  return Math.min(8, 1.25 + Math.log2(weight) * 1.5);
}

export function overviewFlow(
  overview: Overview,
  view: 'domains' | 'teams',
  placedAt: PlacedAt,
): { nodes: OverviewFlowNode[]; edges: OverviewFlowEdge[] } {
  const children = overview.nodes.filter((n) => n.parent);
  const tops = overview.nodes.filter((n) => !n.parent);
  const childIds = new Set(children.map((c) => c.id));
  // The expanded domain's products, laid out among themselves.
  const inside = layeredLayout(
    children.map((c) => ({ id: c.id, width: PRODUCT_WIDTH, height: PRODUCT_HEIGHT })),
    overview.edges.filter((e) => childIds.has(e.from) && childIds.has(e.to)).map((e) => ({ source: e.from, target: e.to })),
    INSIDE,
  );
  const size = (n: OverviewNode) =>
    n.expanded && children.length > 0 ? { width: inside.width, height: inside.height } : { width: NODE_WIDTH, height: NODE_HEIGHT };
  // Top-level nodes: an edge to or from an expanded domain's product counts for the domain.
  const topOf = (id: string) => children.find((c) => c.id === id)?.parent ?? id;
  const placed = new Map(tops.map((n) => [n.id, placedAt(n.id)]));
  // The layout of a dense view takes hundreds of milliseconds: only when a node needs it.
  const auto = [...placed.values()].every((at) => at !== null)
    ? null
    : topLayout(
        view,
        tops.map((n) => ({ id: n.id, ...size(n) })),
        overview.edges.map((e) => ({ source: topOf(e.from), target: topOf(e.to) })),
      );
  const nodes: OverviewFlowNode[] = [];
  for (const n of tops) {
    const { width, height } = size(n);
    nodes.push({
      id: n.id,
      type: 'overview',
      position: placed.get(n.id) ?? auto?.positions.get(n.id) ?? { x: 0, y: 0 },
      data: { node: n, view },
      width,
      height,
      style: { width, height },
    });
    if (!n.expanded) continue;
    for (const c of children.filter((c) => c.parent === n.id)) {
      nodes.push({
        id: c.id,
        type: 'overview',
        parentId: n.id,
        extent: 'parent',
        draggable: false,
        position: inside.positions.get(c.id) ?? { x: 0, y: 0 },
        data: { node: c, view },
        width: PRODUCT_WIDTH,
        height: PRODUCT_HEIGHT,
      });
    }
  }
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
