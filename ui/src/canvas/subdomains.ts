// Moving subdomains with their parent. A subdomain is drawn as a top-level node at its
// parent's position plus its own (see toFlow.ts), so React Flow does not carry it
// along when the parent is dragged, and the position it reports is absolute while the
// stored one is relative to the parent. Pure: no React, no store.
import type { MeshFlowNode } from './flowTypes';

type Point = { x: number; y: number };

/** The domain a subdomain's node is drawn inside; null for every other node. */
export function drawnInside(n: MeshFlowNode): string | null {
  return n.type === 'domain' && n.data.origin ? (n.data.domain.parentId ?? null) : null;
}

/**
 * Where subdomains are drawn while domains are dragged: each follows its nearest
 * ancestor that is being dragged, by that ancestor's offset. Subdomains dragged
 * themselves, or with no dragged ancestor, are left out.
 */
export function carriedSubdomains(nodes: readonly MeshFlowNode[], dragging: ReadonlyMap<string, Point>): Map<string, Point> {
  const carried = new Map<string, Point>();
  if (dragging.size === 0) return carried;
  const byId = new Map<string, MeshFlowNode>();
  for (const n of nodes) if (n.type === 'domain') byId.set(n.id, n);
  for (const n of byId.values()) {
    const parentId = drawnInside(n);
    if (parentId === null || dragging.has(n.id)) continue;
    for (let up = byId.get(parentId); up; ) {
      const moved = dragging.get(up.id);
      if (moved) {
        carried.set(n.id, { x: n.position.x + moved.x - up.position.x, y: n.position.y + moved.y - up.position.y });
        break;
      }
      const next = drawnInside(up);
      up = next === null ? undefined : byId.get(next);
    }
  }
  return carried;
}

/**
 * The position to store for a node dropped at `at` (as drawn): relative to where its
 * parent domain is drawn now for a subdomain, `at` itself for anything else.
 */
export function storedPosition(node: MeshFlowNode, at: Point, drawn: ReadonlyMap<string, MeshFlowNode>): Point {
  const parentId = drawnInside(node);
  if (parentId === null || node.type !== 'domain') return at;
  const origin = drawn.get(parentId)?.position ?? node.data.origin ?? at;
  return { x: at.x - origin.x, y: at.y - origin.y };
}
