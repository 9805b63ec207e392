// The in-memory model as the UI reads it: one Map per entity kind, keyed by id, built
// from a MeshSnapshot and updated by the core's Applied changes. Pure data functions
// only; validation and cascades belong to the core, never here.
import type {
  Change,
  Contract,
  DataProduct,
  Domain,
  Entity,
  InputPort,
  Key,
  Mesh,
  MeshInfo,
  OutputPort,
  Person,
  Position,
  SourceSystem,
  Team,
} from '../bindings';

export const MESH_VIEW = 'mesh';

export interface MeshModel {
  info: MeshInfo;
  people: ReadonlyMap<string, Person>;
  teams: ReadonlyMap<string, Team>;
  domains: ReadonlyMap<string, Domain>;
  sourceSystems: ReadonlyMap<string, SourceSystem>;
  products: ReadonlyMap<string, DataProduct>;
  outputPorts: ReadonlyMap<string, OutputPort>;
  inputPorts: ReadonlyMap<string, InputPort>;
  /** Contracts kept as their documents, attached to an output port or not. */
  contracts: ReadonlyMap<string, Contract>;
  /** Keyed by positionKey(entityId, view). */
  positions: ReadonlyMap<string, Position>;
}

export type CollectionName = Exclude<keyof MeshModel, 'info'>;

export const positionKey = (entityId: string, view: string) => `${view}\u0000${entityId}`;

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function modelFromMesh(mesh: Mesh): MeshModel {
  return {
    info: mesh.info,
    people: byId(mesh.people),
    teams: byId(mesh.teams),
    domains: byId(mesh.domains),
    sourceSystems: byId(mesh.sourceSystems),
    products: byId(mesh.products),
    outputPorts: byId(mesh.outputPorts),
    inputPorts: byId(mesh.inputPorts),
    contracts: byId(mesh.contracts ?? []),
    positions: new Map(mesh.positions.map((p) => [positionKey(p.entityId, p.view), p])),
  };
}

export function emptyModel(): MeshModel {
  return modelFromMesh({
    info: { name: '', namespace: '' },
    people: [],
    teams: [],
    domains: [],
    sourceSystems: [],
    products: [],
    outputPorts: [],
    inputPorts: [],
    contracts: [],
    positions: [],
  });
}

// The governance policy is not drawn: the canvas model skips it like the mesh header.
type DrawnKind = Exclude<Entity['kind'], 'mesh' | 'policy'>;

const COLLECTION_OF_KIND: Record<DrawnKind, CollectionName> = {
  person: 'people',
  team: 'teams',
  domain: 'domains',
  sourceSystem: 'sourceSystems',
  product: 'products',
  outputPort: 'outputPorts',
  inputPort: 'inputPorts',
  contract: 'contracts',
  position: 'positions',
};

/** The collection and map key a change's row lives at; null for rows not drawn. */
function locate(key: Key): { collection: CollectionName; id: string } | null {
  switch (key.kind) {
    case 'position':
      return { collection: 'positions', id: positionKey(key.entityId, key.view) };
    case 'entity':
      if (key.entity === 'mesh' || key.entity === 'policy') return null;
      return { collection: COLLECTION_OF_KIND[key.entity], id: key.id };
    default:
      return null;
  }
}

/**
 * Applies the core's changes in order and returns a new model. Only touched maps are
 * copied, so components reading untouched collections keep their references.
 */
export function applyChanges(model: MeshModel, changes: readonly Change[]): MeshModel {
  if (changes.length === 0) return model;
  const next: { -readonly [K in keyof MeshModel]: MeshModel[K] } = { ...model };
  const copied = new Set<CollectionName>();
  const writable = (name: CollectionName): Map<string, unknown> => {
    if (!copied.has(name)) {
      copied.add(name);
      (next as Record<CollectionName, ReadonlyMap<string, unknown>>)[name] = new Map(model[name] as ReadonlyMap<string, unknown>);
    }
    return next[name] as Map<string, unknown>;
  };
  for (const change of changes) {
    const after = change.after;
    if (after && after.kind === 'mesh') {
      next.info = after.value;
      continue;
    }
    // Prefer the snapshot's own kind; the key tells us where deletions live.
    if (after && after.kind === 'policy') continue;
    const loc = after ? locateEntity(after) : locate(change.key);
    if (!loc) continue;
    const map = writable(loc.collection);
    if (after) map.set(loc.id, after.value);
    else map.delete(loc.id);
  }
  return next;
}

function locateEntity(entity: Exclude<Entity, { kind: 'mesh' | 'policy' }>): { collection: CollectionName; id: string } {
  if (entity.kind === 'position') {
    return { collection: 'positions', id: positionKey(entity.value.entityId, entity.value.view) };
  }
  return { collection: COLLECTION_OF_KIND[entity.kind], id: entity.value.id };
}

// applyChanges keeps a collection's map when an edit does not touch it, so the grouping
// is remembered per map: an edit of a product's fields regroups no ports.
const portsGrouped = new WeakMap<ReadonlyMap<string, OutputPort>, ReadonlyMap<string, readonly OutputPort[]>>();

/**
 * Output ports grouped by product, each list in the snapshot's (name, version) order.
 * Shared between callers: read only.
 */
export function portsByProduct(model: MeshModel): ReadonlyMap<string, readonly OutputPort[]> {
  const cached = portsGrouped.get(model.outputPorts);
  if (cached) return cached;
  const out = new Map<string, OutputPort[]>();
  for (const port of model.outputPorts.values()) {
    const list = out.get(port.productId);
    if (list) list.push(port);
    else out.set(port.productId, [port]);
  }
  for (const list of out.values()) list.sort(comparePorts);
  portsGrouped.set(model.outputPorts, out);
  return out;
}

export function comparePorts(a: OutputPort, b: OutputPort): number {
  return a.name.localeCompare(b.name) || a.version.localeCompare(b.version) || a.id.localeCompare(b.id);
}

export function hasViewPositions(model: MeshModel, view = MESH_VIEW): boolean {
  for (const p of model.positions.values()) if (p.view === view) return true;
  return false;
}

export function positionOf(model: MeshModel, entityId: string, view = MESH_VIEW): { x: number; y: number } | null {
  const p = model.positions.get(positionKey(entityId, view));
  if (!p || p.x === null || p.y === null) return null;
  return { x: p.x, y: p.y };
}
