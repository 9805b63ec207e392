//! Lays out a graph built by elkGraph.ts: domains marked with the FAST_LAYERED
//! algorithm get their products placed by layered.ts first and are handed to ELK as
//! plain boxes, so ELK only packs boxes; other domains are laid out by ELK as before.
//! The answer has the shape ELK would give (domains with their products as children),
//! so positionsFromLayout reads both alike. It runs ELK through the given engine and
//! knows nothing of the worker, the model or the backend. The domain placer can be
//! swapped (the layout bench times @dagrejs/dagre through it); the app uses layered.ts.
import type { ElkNode } from 'elkjs/lib/elk-api';
import { DOMAIN_MIN_HEIGHT, DOMAIN_MIN_WIDTH, DOMAIN_PAD_BOTTOM, DOMAIN_PAD_SIDE, DOMAIN_PAD_TOP } from '../canvas/geometry';
import { layeredLayout, type LayeredEdge } from './layered';

/** Places one domain's products: layered.ts, or anything with its contract. */
export type PlaceDomain = typeof layeredLayout;

/** The `elk.algorithm` value that marks a domain for layered.ts instead of ELK. */
export const FAST_LAYERED = 'meshwright.layered';
/** Gap between products of one column, and between columns, in either engine. */
export const NODE_GAP = 24;
export const LAYER_GAP = 56;

export interface LayoutEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export async function layoutMesh(elk: LayoutEngine, graph: ElkNode, place: PlaceDomain = layeredLayout): Promise<ElkNode> {
  const inner = new Map<string, ElkNode[]>();
  const children = (graph.children ?? []).map((top) => {
    if (top.layoutOptions?.['elk.algorithm'] !== FAST_LAYERED) return top;
    const laidOut = layoutDomain(top, place);
    inner.set(top.id, laidOut.children ?? []);
    return { id: top.id, width: laidOut.width, height: laidOut.height };
  });
  if (inner.size === 0) return elk.layout(graph);
  const packed = await elk.layout({ ...graph, children });
  return {
    ...packed,
    children: packed.children?.map((top) => {
      const products = inner.get(top.id);
      return products ? { ...top, children: products } : top;
    }),
  };
}

/**
 * One domain with its size set and its products and subdomains placed (relative to
 * it), from its children and the edges between them (product to product, port to port,
 * or to a subdomain's box).
 */
export function layoutDomain(domain: ElkNode, place: PlaceDomain = layeredLayout): ElkNode {
  // Subdomains first: each is one box of its own size in this domain.
  const products = (domain.children ?? []).map((child) => (child.children ? layoutDomain(child, place) : child));
  const owner = new Map<string, string>();
  for (const p of products) {
    owner.set(p.id, p.id);
    for (const port of p.ports ?? []) owner.set(port.id, p.id);
  }
  const edges: LayeredEdge[] = [];
  for (const e of domain.edges ?? []) {
    const source = owner.get(e.sources[0] ?? '');
    const target = owner.get(e.targets[0] ?? '');
    if (source && target) edges.push({ source, target });
  }
  const result = place(
    products.map((p) => ({ id: p.id, width: p.width ?? 0, height: p.height ?? 0 })),
    edges,
    {
      nodeGap: NODE_GAP,
      layerGap: LAYER_GAP,
      padTop: DOMAIN_PAD_TOP,
      padSide: DOMAIN_PAD_SIDE,
      padBottom: DOMAIN_PAD_BOTTOM,
      minWidth: DOMAIN_MIN_WIDTH,
      minHeight: DOMAIN_MIN_HEIGHT,
    },
  );
  return {
    id: domain.id,
    width: result.width,
    height: result.height,
    children: products.map((p) => ({ ...p, ...result.positions.get(p.id) })),
  };
}
