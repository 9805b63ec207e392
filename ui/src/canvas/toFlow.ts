// Maps the model to React Flow nodes and edges for the "mesh" view: domains as group
// nodes (subdomains drawn inside their parent domain), products as their children
// (positions relative to the domain), dependencies as edges from a provider's port
// handle to the consumer's input handle. Pure: no React, no store. Unchanged entities
// keep their node objects (via FlowCache) so React Flow re-renders only what changed,
// the edge list is reused whole while the ports and the set of products are unchanged
// (most edits touch neither), and an edit of products' own fields skips the full pass.
// Inputs whose provider is unresolved are no edge: they go to their consumer's node data
// and are drawn there as dangling references.
import { Position as HandlePosition, type NodeHandle } from '@xyflow/react';
import type { DataProduct, InputPort, OutputPort } from '../bindings';
import { MESH_VIEW, portsByProduct, positionOf, type MeshModel } from '../state/model';
import {
  DOMAIN_GAP,
  DOMAIN_MIN_HEIGHT,
  DOMAIN_MIN_WIDTH,
  DOMAIN_PAD_BOTTOM,
  DOMAIN_PAD_SIDE,
  DOMAIN_PAD_TOP,
  HANDLE_SIZE,
  INPUT_HANDLE_Y,
  PRODUCT_WIDTH,
  portCenterY,
  productHeight,
} from './geometry';
import type { DependencyFlowEdge, DomainFlowNode, MeshFlowNode, ProductFlowNode } from './flowTypes';
import { domainHandles } from './domainLinks';
import { domainTree } from '../state/domainTree';

export const INPUT_HANDLE_ID = 'in';

export interface FlowGraph {
  nodes: MeshFlowNode[];
  edges: DependencyFlowEdge[];
}

/** Previous results, so unchanged inputs give identical node objects. */
export interface FlowCache {
  products: Map<string, { key: unknown[]; node: ProductFlowNode }>;
  domains: Map<string, { key: unknown[]; node: DomainFlowNode }>;
  edges: Map<string, { key: unknown[]; edge: DependencyFlowEdge }>;
  /**
   * The last edge list and what it was derived from: edges read only the ports and
   * which products exist, so an edit of a product's fields (the common case) reuses
   * the list instead of re-deriving thousands of edges.
   */
  edgeList: { inputPorts: unknown; outputPorts: unknown; productIds: string[]; edges: DependencyFlowEdge[] } | null;
  /** The last model and its result, with each node's index, for fieldEditsOnly. */
  last: { model: MeshModel; graph: FlowGraph; index: Map<string, number> } | null;
}

export function newFlowCache(): FlowCache {
  return { products: new Map(), domains: new Map(), edges: new Map(), edgeList: null, last: null };
}

/**
 * The common edit, in well under a millisecond instead of a full pass over a
 * large mesh: only some products' own fields changed (not their domain, and nothing
 * else in the model), so no box moves and only those products' nodes are new. Null
 * when the edit is anything else.
 */
function fieldEditsOnly(model: MeshModel, cache: FlowCache): FlowGraph | null {
  const last = cache.last;
  if (!last) return null;
  const prev = last.model;
  if (prev === model) return last.graph;
  if (
    model.domains !== prev.domains ||
    model.positions !== prev.positions ||
    model.outputPorts !== prev.outputPorts ||
    model.inputPorts !== prev.inputPorts ||
    model.teams !== prev.teams ||
    model.products.size !== prev.products.size
  ) {
    return null;
  }
  const changed: DataProduct[] = [];
  for (const [id, product] of model.products) {
    const before = prev.products.get(id);
    if (before === product) continue;
    if (!before || before.domainId !== product.domainId) return null;
    changed.push(product);
  }
  const nodes = [...last.graph.nodes];
  for (const product of changed) {
    const i = last.index.get(product.id);
    const old = i === undefined ? undefined : nodes[i];
    if (i === undefined || old?.type !== 'product') return null;
    const team = product.ownerTeamId ? model.teams.get(product.ownerTeamId) : undefined;
    const node: ProductFlowNode = { ...old, data: { ...old.data, product, ownerTitle: team ? team.title : null } };
    nodes[i] = node;
    // The key the full pass would build, so the two paths share one cache.
    cache.products.set(product.id, {
      key: productKey(product, team, old.position.x, old.position.y, old.parentId, old.data.ports, old.data.unresolved),
      node,
    });
  }
  const graph = { nodes, edges: last.graph.edges };
  cache.last = { model, graph, index: last.index };
  return graph;
}

/** True when the map holds exactly these keys, in this order. */
function sameKeys(map: ReadonlyMap<string, unknown>, keys: readonly string[]): boolean {
  if (map.size !== keys.length) return false;
  let i = 0;
  for (const k of map.keys()) if (k !== keys[i++]) return false;
  return true;
}

/** What a product node is drawn from; the same objects give the same node. */
function productKey(
  product: DataProduct,
  team: unknown,
  x: number,
  y: number,
  parentId: string | undefined,
  ports: readonly OutputPort[],
  unresolved: readonly InputPort[],
): unknown[] {
  // Ports and inputs are objects of different kinds, so the two lists cannot be confused.
  return [product, team, x, y, parentId, ...ports, ...unresolved];
}

/** Each product's inputs with an unresolved provider, in the model's order. */
export function unresolvedByProduct(model: MeshModel): Map<string, InputPort[]> {
  const out = new Map<string, InputPort[]>();
  for (const input of model.inputPorts.values()) {
    if (input.source.kind !== 'unresolved') continue;
    const list = out.get(input.productId);
    if (list) list.push(input);
    else out.set(input.productId, [input]);
  }
  return out;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function productHandles(ports: readonly OutputPort[]): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const handles: NodeHandle[] = [
    {
      id: INPUT_HANDLE_ID,
      type: 'target',
      position: HandlePosition.Left,
      x: -half,
      y: INPUT_HANDLE_Y - half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
  ];
  ports.forEach((port, i) => {
    handles.push({
      id: port.id,
      type: 'source',
      position: HandlePosition.Right,
      x: PRODUCT_WIDTH - half,
      y: portCenterY(i) - half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  });
  return handles;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function meshToFlow(model: MeshModel, cache: FlowCache = newFlowCache()): FlowGraph {
  const quick = fieldEditsOnly(model, cache);
  if (quick) return quick;
  const graph = fullPass(model, cache);
  cache.last = { model, graph, index: new Map(graph.nodes.map((n, i) => [n.id, i])) };
  return graph;
}

function fullPass(model: MeshModel, cache: FlowCache): FlowGraph {
  const ports = portsByProduct(model);
  const noPorts: readonly OutputPort[] = [];
  const unresolved = unresolvedByProduct(model);
  const noInputs: readonly InputPort[] = [];

  // Products per domain, in the model's order, with their relative boxes.
  const childBoxes = new Map<string, { id: string; box: Box }[]>();
  const unplacedCount = new Map<string, number>();
  const productBox = new Map<string, Box>();
  for (const product of model.products.values()) {
    const list = childBoxes.get(product.domainId) ?? [];
    childBoxes.set(product.domainId, list);
    const h = productHeight((ports.get(product.id) ?? noPorts).length);
    const pos = positionOf(model, product.id);
    let box: Box;
    if (pos) {
      box = { x: pos.x, y: pos.y, w: PRODUCT_WIDTH, h };
    } else {
      // Not laid out yet: a simple grid below the placed ones keeps it visible and
      // clickable until the next auto layout or move stores a real position.
      const n = unplacedCount.get(product.domainId) ?? 0;
      unplacedCount.set(product.domainId, n + 1);
      box = { x: Number.NaN, y: n, w: PRODUCT_WIDTH, h };
    }
    list.push({ id: product.id, box });
    productBox.set(product.id, box);
  }
  for (const list of childBoxes.values()) placeUnplaced(list.map((c) => c.box));

  // Domain boxes, innermost first: a domain covers its products and the boxes of its
  // subdomains, which are drawn inside it (positions relative to it, like products).
  const tree = domainTree(model);
  const byDepth = [...model.domains.keys()].sort((a, b) => (tree.depth.get(a) ?? 0) - (tree.depth.get(b) ?? 0));
  const domainBox = new Map<string, Box>();
  for (let i = byDepth.length - 1; i >= 0; i--) {
    const id = byDepth[i]!;
    const boxes = (childBoxes.get(id) ?? []).map((c) => c.box);
    const unplaced: Box[] = [];
    for (const sub of tree.children.get(id) ?? []) {
      const box = domainBox.get(sub)!;
      if (Number.isNaN(box.x)) unplaced.push(box);
      else boxes.push(box);
    }
    // Subdomains without a stored position go in a row below everything else.
    let x = DOMAIN_PAD_SIDE;
    const y = boxes.reduce((bottom, b) => Math.max(bottom, b.y + b.h + DOMAIN_GAP / 2), DOMAIN_PAD_TOP);
    for (const box of unplaced) {
      box.x = x;
      box.y = y;
      x += box.w + DOMAIN_GAP / 2;
      boxes.push(box);
    }
    let w = DOMAIN_MIN_WIDTH;
    let h = DOMAIN_MIN_HEIGHT;
    for (const box of boxes) {
      w = Math.max(w, box.x + box.w + DOMAIN_PAD_SIDE);
      h = Math.max(h, box.y + box.h + DOMAIN_PAD_BOTTOM);
    }
    const pos = positionOf(model, id);
    domainBox.set(id, { x: pos?.x ?? Number.NaN, y: pos?.y ?? Number.NaN, w, h });
  }
  // Top-level domains without a stored position go right of the placed ones.
  let rightmost = 0;
  for (const id of byDepth) {
    const box = domainBox.get(id)!;
    if (!tree.parent.has(id) && !Number.isNaN(box.x)) rightmost = Math.max(rightmost, box.x + box.w);
  }
  let nextX = rightmost === 0 ? 0 : rightmost + DOMAIN_GAP;
  for (const id of model.domains.keys()) {
    const box = domainBox.get(id)!;
    if (tree.parent.has(id) || !Number.isNaN(box.x)) continue;
    box.x = nextX;
    box.y = 0;
    nextX += box.w + DOMAIN_GAP;
  }

  // Subdomains are not React Flow children of their parent but top-level nodes drawn
  // at the parent's position plus their own, after it (so above it): nested group nodes
  // made WebKitGTK take seconds to repaint after selecting a product on a large mesh.
  const domainNodes: DomainFlowNode[] = [];
  const drawnAt = new Map<string, { x: number; y: number }>();
  for (const id of byDepth) {
    const domain = model.domains.get(id)!;
    const box = domainBox.get(id)!;
    const parentId = tree.parent.get(id);
    const origin = parentId === undefined ? null : drawnAt.get(parentId)!;
    const x = box.x + (origin?.x ?? 0);
    const y = box.y + (origin?.y ?? 0);
    drawnAt.set(id, { x, y });
    const productCount = childBoxes.get(id)?.length ?? 0;
    const key = [domain, box.w, box.h, x, y, productCount, origin?.x, origin?.y];
    const cached = cache.domains.get(id);
    if (cached && sameKey(cached.key, key)) {
      domainNodes.push(cached.node);
      continue;
    }
    const node: DomainFlowNode = {
      id,
      type: 'domain',
      position: { x, y },
      width: box.w,
      height: box.h,
      handles: domainHandles(box.w, box.h),
      data: { domain, productCount, origin },
      zIndex: 0,
    };
    cache.domains.set(id, { key, node });
    domainNodes.push(node);
  }
  for (const id of cache.domains.keys()) if (!model.domains.has(id)) cache.domains.delete(id);

  const nodes: MeshFlowNode[] = [...domainNodes];
  const seenProducts = new Set<string>();
  for (const product of model.products.values()) {
    const box = productBox.get(product.id);
    if (!box) continue;
    const productPorts = ports.get(product.id) ?? noPorts;
    const team = product.ownerTeamId ? model.teams.get(product.ownerTeamId) : undefined;
    const parentId = model.domains.has(product.domainId) ? product.domainId : undefined;
    const dangling = unresolved.get(product.id) ?? noInputs;
    const key = productKey(product, team, box.x, box.y, parentId, productPorts, dangling);
    seenProducts.add(product.id);
    const cached = cache.products.get(product.id);
    if (cached && sameKey(cached.key, key)) {
      nodes.push(cached.node);
      continue;
    }
    const node: ProductFlowNode = {
      id: product.id,
      type: 'product',
      position: { x: box.x, y: box.y },
      width: box.w,
      height: box.h,
      parentId,
      handles: productHandles(productPorts),
      data: { product, ports: productPorts, ownerTitle: team ? team.title : null, unresolved: dangling },
      // Above the dependency layer (z-index 1, EdgeLayer.tsx), which is above the domains.
      zIndex: 2,
    };
    cache.products.set(product.id, { key, node });
    nodes.push(node);
  }
  for (const id of cache.products.keys()) if (!seenProducts.has(id)) cache.products.delete(id);

  const prevList = cache.edgeList;
  if (
    prevList &&
    prevList.inputPorts === model.inputPorts &&
    prevList.outputPorts === model.outputPorts &&
    sameKeys(model.products, prevList.productIds)
  ) {
    return { nodes, edges: prevList.edges };
  }
  const edges: DependencyFlowEdge[] = [];
  const seenEdges = new Set<string>();
  for (const input of model.inputPorts.values()) {
    if (input.source.kind !== 'outputPort') continue;
    const port = model.outputPorts.get(input.source.portId);
    if (!port || !model.products.has(port.productId) || !model.products.has(input.productId)) continue;
    const key = [input, port.productId, port.status];
    seenEdges.add(input.id);
    const cached = cache.edges.get(input.id);
    if (cached && sameKey(cached.key, key)) {
      edges.push(cached.edge);
      continue;
    }
    const edge: DependencyFlowEdge = {
      id: input.id,
      type: 'dependency',
      source: port.productId,
      sourceHandle: port.id,
      target: input.productId,
      targetHandle: INPUT_HANDLE_ID,
      data: { fading: port.status === 'deprecated' || port.status === 'retired' },
    };
    cache.edges.set(input.id, { key, edge });
    edges.push(edge);
  }
  for (const id of cache.edges.keys()) if (!seenEdges.has(id)) cache.edges.delete(id);
  cache.edgeList = { inputPorts: model.inputPorts, outputPorts: model.outputPorts, productIds: [...model.products.keys()], edges };

  return { nodes, edges };
}

/** Boxes with x = NaN get grid slots below the placed boxes (y holds their order). */
function placeUnplaced(boxes: Box[]): void {
  let top = DOMAIN_PAD_TOP;
  for (const b of boxes) if (!Number.isNaN(b.x)) top = Math.max(top, b.y + b.h + 24);
  const cols = 3;
  const rowH = Math.max(...boxes.map((b) => b.h), 0) + 24;
  for (const b of boxes) {
    if (!Number.isNaN(b.x)) continue;
    const n = b.y;
    b.x = DOMAIN_PAD_SIDE + (n % cols) * (PRODUCT_WIDTH + 40);
    b.y = top + Math.floor(n / cols) * rowH;
  }
}

/** The canvas view the positions belong to. */
export const FLOW_VIEW = MESH_VIEW;
