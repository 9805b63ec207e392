// Which domain is drawn inside which: a subdomain sits inside its parent domain when
// that parent exists. Shared by the canvas mapping and the layout so both nest alike.
// Pure, and remembered per domains map (applyChanges keeps the map when an edit does
// not touch domains). A parent chain that loops (the core refuses one; a file may have
// been written by other tools) is cut where it closes, so every domain is still drawn.
import type { MeshModel } from './model';

export interface DomainTree {
  /** The domain each nested domain is drawn inside. Top-level domains have none. */
  parent: ReadonlyMap<string, string>;
  /** 0 for top-level domains, 1 for their subdomains, and so on. */
  depth: ReadonlyMap<string, number>;
  /** Each domain's subdomains, in the model's order. */
  children: ReadonlyMap<string, readonly string[]>;
}

const trees = new WeakMap<MeshModel['domains'], DomainTree>();

export function domainTree(model: MeshModel): DomainTree {
  const cached = trees.get(model.domains);
  if (cached) return cached;
  const parent = new Map<string, string>();
  for (const domain of model.domains.values()) {
    const p = domain.parentId;
    if (p && p !== domain.id && model.domains.has(p)) parent.set(domain.id, p);
  }
  // Cut loops: walk up from each domain; a domain met twice on one walk closes a loop.
  for (const start of model.domains.keys()) {
    const seen = new Set<string>([start]);
    let at = start;
    for (let up = parent.get(at); up !== undefined; up = parent.get(at)) {
      if (seen.has(up)) {
        parent.delete(at);
        break;
      }
      seen.add(up);
      at = up;
    }
  }
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const p = parent.get(id);
    const d = p === undefined ? 0 : depthOf(p) + 1;
    depth.set(id, d);
    return d;
  };
  const children = new Map<string, string[]>();
  for (const id of model.domains.keys()) {
    depthOf(id);
    const p = parent.get(id);
    if (p === undefined) continue;
    const list = children.get(p);
    if (list) list.push(id);
    else children.set(p, [id]);
  }
  const tree = { parent, depth, children };
  trees.set(model.domains, tree);
  return tree;
}

/** The outermost domain holding `domainId` (itself when it is top-level). */
export function topDomain(tree: DomainTree, domainId: string): string {
  let at = domainId;
  for (let up = tree.parent.get(at); up !== undefined; up = tree.parent.get(at)) at = up;
  return at;
}

/**
 * Every domain with its depth, each followed by its subdomains (a tree read top to
 * bottom), siblings sorted by title: the order the sidebar lists them in.
 */
export function domainsInTreeOrder(model: MeshModel): { id: string; depth: number }[] {
  const tree = domainTree(model);
  const byTitle = (ids: readonly string[]) =>
    [...ids].sort((a, b) => (model.domains.get(a)?.title ?? '').localeCompare(model.domains.get(b)?.title ?? ''));
  const out: { id: string; depth: number }[] = [];
  const visit = (id: string, depth: number) => {
    out.push({ id, depth });
    for (const sub of byTitle(tree.children.get(id) ?? [])) visit(sub, depth + 1);
  };
  for (const id of byTitle([...model.domains.keys()].filter((id) => !tree.parent.has(id)))) visit(id, 0);
  return out;
}
