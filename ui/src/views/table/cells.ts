// What each cell of the Table view shows, computed from the model: references as the
// referenced entity's slug name (what the core reads back), tags joined by ", ", unset
// choices empty. Pure functions; the core decides what a typed value means.
import type { DataProduct, Domain, OutputPort, SheetKind, Team } from '../../bindings';
import type { MeshModel } from '../../state/model';

/** One displayed row: the entity's id and its cells' text by column key. */
export interface DisplayRow {
  id: string;
  cells: Readonly<Record<string, string>>;
}

type Names = ReadonlyMap<string, { name: string }>;

const nameIn = (names: Names, id: string | null | undefined): string => (id ? (names.get(id)?.name ?? '') : '');

function productCells(p: DataProduct, m: MeshModel): Record<string, string> {
  return {
    displayName: p.displayName,
    name: p.name,
    domain: nameIn(m.domains, p.domainId),
    ownerTeam: nameIn(m.teams, p.ownerTeamId),
    status: p.status,
    archetype: p.archetype ?? '',
    version: p.version,
    purpose: p.description?.purpose ?? '',
    tags: (p.tags ?? []).join(', '),
  };
}

function portCells(p: OutputPort, m: MeshModel): Record<string, string> {
  return {
    product: nameIn(m.products, p.productId),
    name: p.name,
    portType: p.type,
    visibility: p.visibility,
    status: p.status,
    version: p.version,
    description: p.description ?? '',
  };
}

function teamCells(t: Team): Record<string, string> {
  return {
    title: t.title,
    name: t.name,
    teamType: t.teamType ?? '',
    email: t.email ?? '',
    description: t.description ?? '',
  };
}

function domainCells(d: Domain, m: MeshModel): Record<string, string> {
  return {
    title: d.title,
    name: d.name,
    parent: nameIn(m.domains, d.parentId),
    ownerTeam: nameIn(m.teams, d.ownerTeamId),
    description: d.description ?? '',
  };
}

/** What the products view's filter shows (null: everything), as the core answered it. */
export interface Shown {
  products: ReadonlySet<string> | null;
  domains: ReadonlySet<string> | null;
}

const EVERYTHING: Shown = { products: null, domains: null };

/**
 * The rows of a sheet in the model's order (new entities last). Under a filter, the
 * products and output ports of the products it shows and the domains it draws; teams are
 * all listed.
 */
export function displayRows(model: MeshModel, kind: SheetKind, shown: Shown = EVERYTHING): DisplayRow[] {
  const { products, domains } = shown;
  switch (kind) {
    case 'products':
      return [...model.products.values()]
        .filter((p) => !products || products.has(p.id))
        .map((p) => ({ id: p.id, cells: productCells(p, model) }));
    case 'ports':
      return [...model.outputPorts.values()]
        .filter((p) => !products || products.has(p.productId))
        .map((p) => ({ id: p.id, cells: portCells(p, model) }));
    case 'teams':
      return [...model.teams.values()].map((t) => ({ id: t.id, cells: teamCells(t) }));
    case 'domains':
      return [...model.domains.values()]
        .filter((d) => !domains || domains.has(d.id))
        .map((d) => ({ id: d.id, cells: domainCells(d, model) }));
  }
}

/** What a reference column completes from: the slug names of the model's entities. */
export function referenceNames(model: MeshModel, from: 'domains' | 'teams' | 'products'): string[] {
  return [...model[from].values()].map((e) => e.name).sort((a, b) => a.localeCompare(b));
}

/**
 * The domain a new product goes to when its row names none: the row above's, else the
 * last one used in the table, else the selected one. Null lets the core decide (the only
 * domain, or a problem at the domain cell).
 */
export function defaultDomain(model: MeshModel, rowAbove: string | null, lastUsed: string | null, selected: string | null): string | null {
  const above = rowAbove ? model.products.get(rowAbove)?.domainId : undefined;
  for (const id of [above, lastUsed, selected]) if (id && model.domains.has(id)) return id;
  return null;
}
