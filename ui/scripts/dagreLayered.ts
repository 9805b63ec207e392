//! The layout bench's comparison only, not used by the app: places one domain's
//! products left to right with @dagrejs/dagre, behind layered.ts's contract (top-left
//! positions relative to the domain's corner, padding included, and the domain's
//! size), so `layout-bench.ts` can time dagre against layered.ts on the same meshes.
//! It passes layered.ts's own tests (chain, tangle, crossings, cycles, empty domain)
//! when swapped in; see layered.ts's header for why the app does not use it.
import dagre from '@dagrejs/dagre';
import { domainBox, type LayeredEdge, type LayeredNode, type LayeredOptions, type LayeredResult } from '../src/layout/layered';
import type { PlaceDomain } from '../src/layout/meshLayout';

export const dagreLayered: PlaceDomain = (
  nodes: readonly LayeredNode[],
  edges: readonly LayeredEdge[],
  opts: LayeredOptions,
): LayeredResult => {
  // A simple graph (not a multigraph): a repeated dependency is one edge. dagre routes
  // self-loops and reverses the edges that close cycles itself.
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: opts.nodeGap, ranksep: opts.layerGap });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);

  // dagre gives centres, and its origin also makes room for self-loop points; the
  // products' own bounding box is what the domain box must hold.
  const corners = nodes.map((n) => {
    const label = g.node(n.id) as { x: number; y: number };
    return { node: n, left: label.x - n.width / 2, top: label.y - n.height / 2 };
  });
  const minLeft = Math.min(...corners.map((c) => c.left));
  const minTop = Math.min(...corners.map((c) => c.top));
  return domainBox(
    corners.map(({ node, left, top }) => ({ node, x: opts.padSide + left - minLeft, y: opts.padTop + top - minTop })),
    opts,
  );
};
