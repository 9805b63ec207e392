// Builds the ELK input graph for the "mesh" view (domains as compound nodes holding
// their products and subdomains, dependencies as port-to-port edges) and reads positions back into
// setPosition ops. Pure: runs in tests and in the layout worker's caller; it never
// runs ELK itself.
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { EditOp, Position } from '../bindings';
import { portsByProduct, MESH_VIEW, type MeshModel } from '../state/model';
import { domainTree } from '../state/domainTree';
import { FAST_LAYERED, LAYER_GAP, NODE_GAP } from './meshLayout';
import {
  DOMAIN_MIN_HEIGHT,
  DOMAIN_MIN_WIDTH,
  DOMAIN_PAD_BOTTOM,
  DOMAIN_PAD_SIDE,
  DOMAIN_PAD_TOP,
  INPUT_HANDLE_Y,
  PRODUCT_WIDTH,
  portCenterY,
  productHeight,
} from '../canvas/geometry';

export const ROOT_ID = '__root__';
export const inputPortId = (productId: string) => `${productId}::in`;

/**
 * Above this many products, edges inside a domain join products, not ports, and each
 * domain's products are placed by layered.ts instead of ELK (FAST_LAYERED): ELK took
 * 4–13 s for a 2,000-product mesh, layered.ts well under a second (see README).
 */
export const LARGE = 150;

export function buildElkGraph(model: MeshModel): ElkNode {
  const ports = portsByProduct(model);
  const large = model.products.size > LARGE;
  const tree = domainTree(model);
  const contents = new Map<string, ElkNode[]>();
  const rootChildren: ElkNode[] = [];
  const portOwner = new Map<string, string>();

  for (const product of model.products.values()) {
    const productPorts = ports.get(product.id) ?? [];
    for (const port of productPorts) portOwner.set(port.id, product.id);
    const node: ElkNode = {
      id: product.id,
      width: PRODUCT_WIDTH,
      height: productHeight(productPorts.length),
    };
    // Large meshes join products, not ports (see LARGE), so their nodes carry no ports.
    if (!large) {
      node.ports = [
        {
          id: inputPortId(product.id),
          x: 0,
          y: INPUT_HANDLE_Y,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'WEST' },
        },
        ...productPorts.map(
          (port, i): ElkPort => ({
            id: port.id,
            x: PRODUCT_WIDTH - 1,
            y: portCenterY(i),
            width: 1,
            height: 1,
            layoutOptions: { 'elk.port.side': 'EAST' },
          }),
        ),
      ];
      node.layoutOptions = { 'elk.portConstraints': 'FIXED_POS' };
    }
    if (!model.domains.has(product.domainId)) rootChildren.push(node);
    else {
      const list = contents.get(product.domainId);
      if (list) list.push(node);
      else contents.set(product.domainId, [node]);
    }
  }

  // Domain nodes innermost first, so each takes its finished subdomains as children
  // after its products: a subdomain is one box inside its parent's layout.
  const domainNodes = new Map<string, ElkNode>();
  const innermostFirst = [...model.domains.keys()].sort((a, b) => (tree.depth.get(b) ?? 0) - (tree.depth.get(a) ?? 0));
  for (const id of innermostFirst) {
    const subdomains = (tree.children.get(id) ?? []).map((sub) => domainNodes.get(sub)!);
    domainNodes.set(id, { id, children: [...(contents.get(id) ?? []), ...subdomains], layoutOptions: domainOptions(large) });
  }
  for (const id of model.domains.keys()) if (!tree.parent.has(id)) rootChildren.push(domainNodes.get(id)!);

  // Each domain is laid out on its own (its internal dependencies), then the domain
  // boxes are packed in flow order; cross-domain pairs only decide that order.
  // A single hierarchy-crossing layout (INCLUDE_CHILDREN) layers all products
  // globally, which stretched the demo's six domains into a wide diagonal.
  // A dependency belongs to the innermost domain holding both products; there it joins
  // the two children that contain them (a product, or the box of a subdomain).
  const edges: ElkExtendedEdge[] = [];
  const innerEdges = new Map<string, ElkExtendedEdge[]>();
  const topPairs = new Set<string>();
  const domainsAbove = (productId: string): string[] => {
    const chain: string[] = [];
    const domainId = model.products.get(productId)?.domainId;
    if (!domainId || !model.domains.has(domainId)) return chain;
    for (let at: string | undefined = domainId; at !== undefined; at = tree.parent.get(at)) chain.push(at);
    return chain;
  };
  for (const input of model.inputPorts.values()) {
    if (input.source.kind !== 'outputPort') continue;
    const provider = portOwner.get(input.source.portId);
    const consumer = input.productId;
    if (!provider || !model.products.has(consumer) || provider === consumer) continue;
    const fromChain = domainsAbove(provider);
    const toChain = domainsAbove(consumer);
    const shared = fromChain.find((d) => toChain.includes(d));
    if (shared !== undefined) {
      // The child of `shared` holding each end: the product itself, or the box below.
      const below = (chain: string[], product: string) => chain[chain.indexOf(shared) - 1] ?? product;
      const from = below(fromChain, provider);
      const to = below(toChain, consumer);
      const list = innerEdges.get(shared) ?? [];
      innerEdges.set(shared, list);
      list.push({
        id: input.id,
        sources: [from === provider && !large ? input.source.portId : from],
        targets: [to === consumer && !large ? inputPortId(consumer) : to],
      });
      continue;
    }
    const from = fromChain.at(-1) ?? provider;
    const to = toChain.at(-1) ?? consumer;
    if (!topPairs.has(`${from} ${to}`)) {
      topPairs.add(`${from} ${to}`);
      edges.push({ id: `${from}->${to}`, sources: [from], targets: [to] });
    }
  }
  for (const [id, list] of innerEdges) domainNodes.get(id)!.edges = list;
  // Packed domain boxes read left to right, top to bottom: upstream domains first.
  const depth = flowDepth(
    rootChildren.map((n) => n.id),
    edges,
  );
  rootChildren.sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0));

  // The domain boxes are packed (rectpacking keeps their order) to the window's shape:
  // laying them out as a flow stretched six domains to 3,700 px, unreadable when fitted.
  return { id: ROOT_ID, layoutOptions: ROOT_OPTIONS, children: rootChildren, edges: [] };
}

/** One domain's own layout: its products and subdomain boxes, left to right. */
function domainOptions(large: boolean): Record<string, string> {
  return {
    // Not inherited from the root: each compound node is laid out on its own.
    'elk.algorithm': large ? FAST_LAYERED : 'layered',
    'elk.direction': 'RIGHT',
    'elk.spacing.nodeNode': `${NODE_GAP}`,
    'elk.layered.spacing.nodeNodeBetweenLayers': `${LAYER_GAP}`,
    'elk.padding': `[top=${DOMAIN_PAD_TOP},left=${DOMAIN_PAD_SIDE},bottom=${DOMAIN_PAD_BOTTOM},right=${DOMAIN_PAD_SIDE}]`,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': `(${DOMAIN_MIN_WIDTH},${DOMAIN_MIN_HEIGHT})`,
  };
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'rectpacking',
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  'elk.spacing.nodeNode': '60',
  'elk.aspectRatio': '1.6',
};

/**
 * How far downstream each top-level box sits in the domain flow: 0 for domains that
 * read no other domain, else one more than their deepest provider. Cycles between
 * domains are cut by bounding the relaxation to one pass per box.
 */
export function flowDepth(ids: readonly string[], edges: readonly ElkExtendedEdge[]): Map<string, number> {
  const depth = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const e of edges) {
      const provider = e.sources[0];
      const consumer = e.targets[0];
      if (provider === undefined || consumer === undefined) continue;
      const next = (depth.get(provider) ?? 0) + 1;
      if (next > (depth.get(consumer) ?? 0) && next <= ids.length) {
        depth.set(consumer, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

/**
 * Positions from a laid-out graph: top-level domains (and loose products) absolute,
 * everything else relative to the domain holding it, exactly as React Flow places
 * child nodes.
 */
export function positionsFromLayout(result: ElkNode, view = MESH_VIEW): Position[] {
  const out: Position[] = [];
  const visit = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      out.push({ entityId: child.id, view, x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
      visit(child);
    }
  };
  visit(result);
  return out;
}

export function setPositionOps(positions: readonly Position[]): EditOp[] {
  return positions.map((value) => ({ op: 'setPosition', value }));
}
