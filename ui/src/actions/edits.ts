// Pure builders of the UI's gestures: where a new domain or product is drawn (the
// canvas's layout), a domain moved to another parent, delete, move. What a new entity
// is (its name, version, status, type) is the core's (`mesh_core::create`), asked for
// through `newEntity`; nothing here invents it. No backend calls and no stores, so
// every rule of thumb is unit-testable.
import type { Domain, EditOp, Place } from '../bindings';
import { MESH_VIEW, portsByProduct, type MeshModel } from '../state/model';
import type { SelectedRef } from '../state/selection';
import { meshToFlow } from '../canvas/toFlow';
import { drawnInside } from '../canvas/subdomains';
import { DOMAIN_GAP, DOMAIN_PAD_SIDE, DOMAIN_PAD_TOP, productHeight } from '../canvas/geometry';

const setPosition = (entityId: string, x: number, y: number): EditOp => ({
  op: 'setPosition',
  value: { entityId, view: MESH_VIEW, x: Math.round(x), y: Math.round(y) },
});

/** Where a new domain is drawn: right of every domain as drawn, level with the top one. */
export function domainPlace(model: MeshModel): Place {
  let right = 0;
  let top = Number.POSITIVE_INFINITY;
  for (const node of meshToFlow(model).nodes) {
    if (node.type !== 'domain') continue;
    right = Math.max(right, node.position.x + (node.width ?? 0));
    top = Math.min(top, node.position.y);
  }
  const x = model.domains.size === 0 ? 0 : right + DOMAIN_GAP;
  const y = Number.isFinite(top) ? top : 0;
  return { view: MESH_VIEW, x, y };
}

/**
 * A domain given another parent (or none), with a place to match: its stored position
 * is relative to its parent, so the old one would put it anywhere in the new parent.
 * Inside a parent it goes below everything already there; at the top level, right of
 * every domain, as a new domain does.
 */
export function reparentDomain(model: MeshModel, domain: Domain, parentId: string | null): EditOp[] {
  const nodes = meshToFlow(model).nodes;
  let x = 0;
  let y = 0;
  if (parentId) {
    const parent = nodes.find((n) => n.id === parentId);
    x = DOMAIN_PAD_SIDE;
    y = DOMAIN_PAD_TOP;
    for (const n of nodes) {
      if (n.id === domain.id) continue;
      // Products are placed relative to their domain; subdomains are drawn absolute.
      let top: number | null = null;
      if (n.parentId === parentId) top = n.position.y;
      else if (parent && drawnInside(n) === parentId) top = n.position.y - parent.position.y;
      if (top !== null) y = Math.max(y, top + (n.height ?? 0) + DOMAIN_GAP / 2);
    }
  } else {
    let right = 0;
    for (const n of nodes) if (n.type === 'domain' && n.id !== domain.id) right = Math.max(right, n.position.x + (n.width ?? 0));
    x = right + DOMAIN_GAP;
  }
  return [{ op: 'saveDomain', value: { ...domain, parentId } }, setPosition(domain.id, x, y)];
}

/** Which domain a new product goes to: the selected domain, the selected product's, else the first. */
export function targetDomain(model: MeshModel, selection: readonly SelectedRef[]): string | null {
  for (const ref of [...selection].reverse()) {
    if (ref.kind === 'domain' && model.domains.has(ref.id)) return ref.id;
    if (ref.kind === 'product') {
      const domainId = model.products.get(ref.id)?.domainId;
      if (domainId && model.domains.has(domainId)) return domainId;
    }
  }
  const first = model.domains.keys().next();
  return first.done ? null : first.value;
}

/** Where a new product is drawn in its domain: below its lowest product and subdomain, so nothing is covered. */
export function productPlace(model: MeshModel, domainId: string): Place {
  const ports = portsByProduct(model);
  let bottom = DOMAIN_PAD_TOP;
  for (const p of model.products.values()) {
    if (p.domainId !== domainId) continue;
    const pos = model.positions.get(`${MESH_VIEW}\u0000${p.id}`);
    if (pos?.y != null) bottom = Math.max(bottom, pos.y + productHeight((ports.get(p.id) ?? []).length) + 24);
  }
  // Subdomain boxes are sized by the canvas mapping; it runs only when there are any.
  if (Array.from(model.domains.values()).some((d) => d.parentId === domainId)) {
    const nodes = meshToFlow(model).nodes;
    const parent = nodes.find((n) => n.id === domainId);
    for (const n of nodes) {
      if (parent && drawnInside(n) === domainId) bottom = Math.max(bottom, n.position.y - parent.position.y + (n.height ?? 0) + 24);
    }
  }
  return { view: MESH_VIEW, x: DOMAIN_PAD_SIDE, y: bottom };
}

const DELETE_ORDER: SelectedRef['kind'][] = ['inputPort', 'outputPort', 'product', 'domain', 'team'];
const DELETE_OP = {
  inputPort: 'deleteInputPort',
  outputPort: 'deleteOutputPort',
  product: 'deleteProduct',
  domain: 'deleteDomain',
  team: 'deleteTeam',
} as const;

/**
 * One op per selected entity, dependents first (dependencies, ports, products, then
 * domains and teams) so a domain selected with its products can go in the same edit.
 * Entities the core would remove by cascade anyway are left to the core.
 */
export function deleteSelection(model: MeshModel, selection: readonly SelectedRef[]): { ops: EditOp[]; label: string | null } {
  const products = new Set(selection.filter((r) => r.kind === 'product').map((r) => r.id));
  const ops: EditOp[] = [];
  for (const kind of DELETE_ORDER) {
    for (const ref of selection) {
      if (ref.kind !== kind) continue;
      if (kind === 'outputPort' && products.has(model.outputPorts.get(ref.id)?.productId ?? '')) continue;
      if (kind === 'inputPort' && products.has(model.inputPorts.get(ref.id)?.productId ?? '')) continue;
      ops.push({ op: DELETE_OP[kind], value: ref.id } as EditOp);
    }
  }
  return { ops, label: ops.length > 1 ? `Delete ${ops.length} items` : null };
}

/** Positions to store after a drag: the node's drawn position back in stored coordinates. */
export function moveOps(moves: readonly { id: string; x: number; y: number }[]): EditOp[] {
  return moves.map((m) => setPosition(m.id, m.x, m.y));
}
