// Geometry of the line layer (EdgeLayer.tsx): where each line starts and ends, which
// lines are near the visible area, and how the layer's one SVG is placed so that it
// measures the canvas in screen pixels. Why: WebKitGTK gives a layer a backing store
// sized in the layer's own units; React Flow's one <svg> per edge, measured in flow
// units, made selecting a node on a 2,000-product mesh allocate over 20 GB and freeze
// the window. Pure: no React, no DOM.
import { Position, getBezierPath } from '@xyflow/react';
import type { MeshFlowEdge, MeshFlowNode } from './flowTypes';

export interface EdgeEnds {
  id: string;
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  fading: boolean;
  /** Set on the simplified drawing's domain links: how many dependencies one stands for. */
  count?: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Absolute handle centres of every edge whose nodes and handles exist. */
export function edgeEnds(nodes: readonly MeshFlowNode[], edges: readonly MeshFlowEdge[]): EdgeEnds[] {
  const byId = new Map<string, MeshFlowNode>();
  for (const n of nodes) byId.set(n.id, n);
  const origin = (n: MeshFlowNode) => {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    return { x: n.position.x + (parent?.position.x ?? 0), y: n.position.y + (parent?.position.y ?? 0) };
  };
  const handleCentre = (n: MeshFlowNode, handleId: string | null | undefined) => {
    const h = n.handles?.find((x) => x.id === handleId);
    if (!h) return null;
    const o = origin(n);
    return { x: o.x + h.x + (h.width ?? 0) / 2, y: o.y + h.y + (h.height ?? 0) / 2 };
  };
  const out: EdgeEnds[] = [];
  for (const e of edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    const s = source && handleCentre(source, e.sourceHandle);
    const t = target && handleCentre(target, e.targetHandle);
    if (!s || !t) continue;
    if (e.type === 'domainLink') out.push({ id: e.id, sx: s.x, sy: s.y, tx: t.x, ty: t.y, fading: false, count: e.data?.count ?? 1 });
    else out.push({ id: e.id, sx: s.x, sy: s.y, tx: t.x, ty: t.y, fading: (e.data && 'fading' in e.data && e.data.fading) || false });
  }
  return out;
}

/** What stableEdgeEnds last computed, and from which node geometry. */
export interface EndsCache {
  edges: readonly MeshFlowEdge[] | null;
  geometry: Map<string, { position: unknown; handles: unknown; parentId: unknown }>;
  ends: EdgeEnds[];
}

export function newEndsCache(): EndsCache {
  return { edges: null, geometry: new Map(), ends: [] };
}

/**
 * edgeEnds, but the previous array itself while no node moved, resized or changed its
 * handles: an edit of a product's fields or a selection gives new node objects with
 * the same position and handle objects, and re-deriving 8,000 ends for them cost a
 * noticeable part of an edit on a large mesh.
 */
export function stableEdgeEnds(nodes: readonly MeshFlowNode[], edges: readonly MeshFlowEdge[], cache: EndsCache): EdgeEnds[] {
  if (cache.edges === edges && cache.geometry.size === nodes.length) {
    let same = true;
    for (const n of nodes) {
      const g = cache.geometry.get(n.id);
      if (!g || g.position !== n.position || g.handles !== n.handles || g.parentId !== n.parentId) {
        same = false;
        break;
      }
    }
    if (same) return cache.ends;
  }
  cache.edges = edges;
  cache.geometry = new Map(nodes.map((n) => [n.id, { position: n.position, handles: n.handles, parentId: n.parentId }]));
  cache.ends = edgeEnds(nodes, edges);
  return cache.ends;
}

/**
 * The flow area the layer covers: the visible area plus half of it on each side,
 * snapped to a grid so that panning changes it only now and then (each change redraws
 * the layer's paths, while moving within it costs nothing).
 */
export function layerRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  const w = Math.max(width, 1) / zoom;
  const h = Math.max(height, 1) / zoom;
  const cell = 2 ** Math.ceil(Math.log2(Math.max(w, h) / 2));
  const x0 = Math.floor((-tx / zoom - w / 2) / cell) * cell;
  const y0 = Math.floor((-ty / zoom - h / 2) / cell) * cell;
  const x1 = Math.ceil((-tx / zoom + w * 1.5) / cell) * cell;
  const y1 = Math.ceil((-ty / zoom + h * 1.5) / cell) * cell;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/**
 * Whether an edge's bounding box meets the rect. A bezier from a right-hand handle to a
 * left-hand one stays within its ends' box, except that an edge running backwards
 * bulges sideways by React Flow's control offset (0.25 × 25 × √distance).
 */
export function edgeMeets(e: EdgeEnds, r: Rect): boolean {
  const bulge = 10 + (e.sx > e.tx ? 6.25 * Math.sqrt(e.sx - e.tx) : 0);
  const left = Math.min(e.sx, e.tx) - bulge;
  const right = Math.max(e.sx, e.tx) + bulge;
  const top = Math.min(e.sy, e.ty);
  const bottom = Math.max(e.sy, e.ty);
  return right >= r.x && left <= r.x + r.w && bottom >= r.y && top <= r.y + r.h;
}

/** Screen pixels of a domain link: 1 for a single dependency, growing slowly with the count. */
export function linkWidth(count: number): number {
  return Math.min(1 + Math.log2(Math.max(count, 1)), 8);
}

/**
 * CSS transform and size that make the layer's SVG cover the canvas exactly, in screen
 * pixels, from inside the zoomed viewport; and the SVG transform of its group that maps
 * flow coordinates onto it.
 */
export function screenPlacement(transform: readonly [number, number, number], width: number, height: number) {
  const [tx, ty, zoom] = transform;
  return {
    svgTransform: `translate(${-tx / zoom}px, ${-ty / zoom}px) scale(${1 / zoom})`,
    width: Math.max(width, 1),
    height: Math.max(height, 1),
    groupTransform: `translate(${tx} ${ty}) scale(${zoom})`,
  };
}

/**
 * A line from a node's right side at (sx, sy) to another's left side at (tx, ty), as
 * `sideToSide` draws it, with its arrowhead: a triangle `size` long pointing right, its
 * tip at (tx, ty). Every line ends entering a left side, so the head never turns; the
 * line stops halfway into the head, where the head is half its width wide, so a line up
 * to half as wide as the head is long ends hidden inside it. The head is a path of its
 * own rather than an SVG marker: WebKit lays a marker out anew with its line, about
 * 0.12 ms a line against 0.01 ms for the path (300 lines: 39 ms, 3 ms).
 */
export function arrowedLine(sx: number, sy: number, tx: number, ty: number, size: number) {
  const [line, midX, midY] = sideToSide(sx, sy, tx - size / 2, ty);
  const back = tx - size;
  const half = size / 2;
  return { line, head: `M${back},${ty - half} L${tx},${ty} L${back},${ty + half} Z`, midX, midY };
}

/**
 * The curve of a line leaving a node's right side at (sx, sy) for another's left side at
 * (tx, ty), as React Flow draws its bezier edges: the SVG path and the curve's middle
 * (for a label). Every line layer (the canvas's, the domains and teams views') draws
 * with it.
 */
export function sideToSide(sx: number, sy: number, tx: number, ty: number): [path: string, midX: number, midY: number] {
  const [d, mx, my] = getBezierPath({
    sourceX: sx,
    sourceY: sy,
    sourcePosition: Position.Right,
    targetX: tx,
    targetY: ty,
    targetPosition: Position.Left,
  });
  return [d, mx, my];
}
