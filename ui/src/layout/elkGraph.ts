// Builds the ELK input graph for the "mesh" view (domains as compound nodes holding
// their products, dependencies as port-to-port edges) and reads positions back into
// setPosition ops. Pure: runs in tests and in the layout worker's caller; it never
// runs ELK itself.
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { EditOp, Position } from '../bindings';
import { portsByProduct, MESH_VIEW, type MeshModel } from '../state/model';
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
  const domainChildren = new Map<string, ElkNode[]>();
  const rootChildren: ElkNode[] = [];
  const portOwner = new Map<string, string>();

  for (const product of model.products.values()) {
    const productPorts = ports.get(product.id) ?? [];
    const elkPorts: ElkPort[] = [
      {
        id: inputPortId(product.id),
        x: 0,
        y: INPUT_HANDLE_Y,
        width: 1,
        height: 1,
        layoutOptions: { 'elk.port.side': 'WEST' },
      },
      ...productPorts.map((port, i) => {
        portOwner.set(port.id, product.id);
        return {
          id: port.id,
          x: PRODUCT_WIDTH - 1,
          y: portCenterY(i),
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'EAST' },
        };
      }),
    ];
    const node: ElkNode = {
      id: product.id,
      width: PRODUCT_WIDTH,
      height: productHeight(productPorts.length),
      ports: elkPorts,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    };
    const list = model.domains.has(product.domainId) ? domainChildren.get(product.domainId) : undefined;
    if (list) list.push(node);
    else if (model.domains.has(product.domainId)) domainChildren.set(product.domainId, [node]);
    else rootChildren.push(node);
  }

  for (const domain of model.domains.values()) {
    rootChildren.push({
      id: domain.id,
      children: domainChildren.get(domain.id) ?? [],
      layoutOptions: {
        // Not inherited from the root: each compound node is laid out on its own.
        'elk.algorithm': large ? FAST_LAYERED : 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': `${NODE_GAP}`,
        'elk.layered.spacing.nodeNodeBetweenLayers': `${LAYER_GAP}`,
        'elk.padding': `[top=${DOMAIN_PAD_TOP},left=${DOMAIN_PAD_SIDE},bottom=${DOMAIN_PAD_BOTTOM},right=${DOMAIN_PAD_SIDE}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${DOMAIN_MIN_WIDTH},${DOMAIN_MIN_HEIGHT})`,
      },
    });
  }

  // Each domain is laid out on its own (its internal dependencies), then the domain
  // boxes are packed in flow order; cross-domain pairs only decide that order.
  // A single hierarchy-crossing layout (INCLUDE_CHILDREN) layers all products
  // globally, which stretched the demo's six domains into a wide diagonal.
  const edges: ElkExtendedEdge[] = [];
  const innerEdges = new Map<string, ElkExtendedEdge[]>();
  const topPairs = new Set<string>();
  const topOf = (productId: string) => {
    const domainId = model.products.get(productId)?.domainId;
    return domainId && model.domains.has(domainId) ? domainId : productId;
  };
  for (const input of model.inputPorts.values()) {
    if (input.source.kind !== 'outputPort') continue;
    const provider = portOwner.get(input.source.portId);
    if (!provider || !model.products.has(input.productId) || provider === input.productId) continue;
    const from = topOf(provider);
    const to = topOf(input.productId);
    if (from === to && model.domains.has(from)) {
      const list = innerEdges.get(from) ?? [];
      innerEdges.set(from, list);
      list.push(
        large
          ? { id: input.id, sources: [provider], targets: [input.productId] }
          : { id: input.id, sources: [input.source.portId], targets: [inputPortId(input.productId)] },
      );
    } else if (from !== to && !topPairs.has(`${from} ${to}`)) {
      topPairs.add(`${from} ${to}`);
      edges.push({ id: `${from}->${to}`, sources: [from], targets: [to] });
    }
  }
  // Packed domain boxes read left to right, top to bottom: upstream domains first.
  const depth = flowDepth(rootChildren.map((n) => n.id), edges);
  rootChildren.sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0));
  for (const node of rootChildren) {
    const inner = innerEdges.get(node.id);
    if (inner) node.edges = inner;
    if (large) for (const child of node.children ?? []) delete child.ports;
  }

  // The domain boxes are packed (rectpacking keeps their order) to the window's shape:
  // laying them out as a flow stretched six domains to 3,700 px, unreadable when fitted.
  return { id: ROOT_ID, layoutOptions: ROOT_OPTIONS, children: rootChildren, edges: [] };
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
 * Positions from a laid-out graph: domains (and loose products) absolute, products
 * relative to their domain, exactly as React Flow places child nodes.
 */
export function positionsFromLayout(result: ElkNode, view = MESH_VIEW): Position[] {
  const out: Position[] = [];
  for (const top of result.children ?? []) {
    out.push({ entityId: top.id, view, x: Math.round(top.x ?? 0), y: Math.round(top.y ?? 0) });
    for (const child of top.children ?? []) {
      out.push({ entityId: child.id, view, x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
    }
  }
  return out;
}

export function setPositionOps(positions: readonly Position[]): EditOp[] {
  return positions.map((value) => ({ op: 'setPosition', value }));
}
