// What the command palette finds and in which order: every domain, team, data product
// and output port (by display name or title, slug and tags) and the palette's commands
// (by title and keywords), matched and ranked by uFuzzy (terms in any order, a typo
// per term forgiven when the terms as typed find too little; prefixes and whole words
// rank first). Pure data in, a short list
// out: no stores, no actions, no drawing here, so the ranking is unit-testable.
import uFuzzy from '@leeoniya/ufuzzy';
import type { MeshModel } from '../state/model';

export type PaletteKind = 'command' | 'product' | 'domain' | 'team' | 'outputPort';

export interface PaletteEntry {
  /** The entity's UUID, or the command's id. */
  id: string;
  kind: PaletteKind;
  /** Display name or title: what the row shows first. */
  title: string;
  /** The slug (an output port: `product/port`); empty for a command. */
  name: string;
  /** Product tags, or a command's other words ("switch", "go to"). */
  tags: readonly string[];
  /** A second line: where the entity lives, or a command's shortcut. */
  detail: string;
}

/** A command as the ranking sees it; what it runs is the palette's business. */
export interface CommandInfo {
  id: string;
  title: string;
  keywords: readonly string[];
  shortcut?: string;
}

/** The entries in their resting order and the text each is matched against. */
export interface PaletteIndex {
  entries: readonly PaletteEntry[];
  haystack: string[];
}

/** At most this many rows are rendered, so 10,000 products never reach the DOM at once. */
export const RESULT_LIMIT = 50;

// The resting order (and the order of matches too many to rank): commands, then
// products, domains, teams and ports, each by title.
const KIND_ORDER: Record<PaletteKind, number> = { command: 0, product: 1, domain: 2, team: 3, outputPort: 4 };

// Code-unit order: localeCompare costs a tenth of a second on 30,000 entries.
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The searchable entities of a model, built once per model change. */
export function entriesOf(model: MeshModel): PaletteEntry[] {
  const out: PaletteEntry[] = [];
  for (const d of model.domains.values()) {
    const parent = d.parentId ? model.domains.get(d.parentId)?.title : undefined;
    out.push({ id: d.id, kind: 'domain', title: d.title, name: d.name, tags: [], detail: parent ? `Domain in ${parent}` : 'Domain' });
  }
  for (const t of model.teams.values()) {
    out.push({ id: t.id, kind: 'team', title: t.title, name: t.name, tags: [], detail: 'Team' });
  }
  for (const p of model.products.values()) {
    const domain = model.domains.get(p.domainId)?.title ?? p.domainId;
    out.push({ id: p.id, kind: 'product', title: p.displayName, name: p.name, tags: p.tags ?? [], detail: `Data product in ${domain}` });
  }
  for (const port of model.outputPorts.values()) {
    const product = model.products.get(port.productId);
    out.push({
      id: port.id,
      kind: 'outputPort',
      title: port.name,
      name: `${product?.name ?? port.productId}/${port.name}`,
      tags: [],
      detail: `Output port v${port.version} of ${product?.displayName ?? port.productId}`,
    });
  }
  return out;
}

/** The entries of the palette's commands. */
export function commandEntries(commands: readonly CommandInfo[]): PaletteEntry[] {
  return commands.map((c) => ({ id: c.id, kind: 'command', title: c.title, name: '', tags: c.keywords, detail: c.shortcut ?? '' }));
}

// What an entry is matched against: a port's path already holds its name, and a word
// said twice would rank the port above the product of the same name.
const textOf = (e: PaletteEntry) => (e.name.endsWith(`/${e.title}`) ? [e.name, ...e.tags] : [e.title, e.name, ...e.tags]).join(' ');

/** Commands keep their own order; entities are sorted by kind, then title. */
export function indexOf(commands: readonly PaletteEntry[], entities: readonly PaletteEntry[]): PaletteIndex {
  const sorted = [...entities].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || order(a.title, b.title) || order(a.id, b.id));
  const entries = [...commands, ...sorted];
  return { entries, haystack: entries.map(textOf) };
}

// Terms as typed first (each term a substring, the terms in order); if that finds too
// few, one error per term after its first letter (an insertion, substitution,
// transposition or omission): "custmer" still finds "Customer 360".
const exact = new uFuzzy();
const forgiving = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
/** Up to this many terms are tried in every order: "profile customer". */
const OUT_OF_ORDER = 3;
/** Matches beyond this many are not ranked one by one. */
const RANK_AT_MOST = 2000;

/** How many of uFuzzy's best are looked at again by `byTitle`. */
const RERANK = 200;

/** Indexes of the best matches of `needle`, best first. */
function matches(matcher: uFuzzy, index: PaletteIndex, needle: string, limit: number): number[] {
  const [idxs, info, ranked] = matcher.search(index.haystack, needle, OUT_OF_ORDER, RANK_AT_MOST);
  if (!idxs) return [];
  const best = info && ranked ? ranked.slice(0, RERANK).map((i) => info.idx[i] as number) : firstOf(index, idxs, needle);
  return byTitle(index, best, needle).slice(0, limit);
}

/**
 * Too many matches to rank (a letter or two on a large mesh): those whose title starts
 * with the query, then the others, each in resting order; the next letters narrow them.
 */
function firstOf(index: PaletteIndex, idxs: readonly number[], needle: string): number[] {
  const q = needle.toLowerCase();
  const starting: number[] = [];
  const rest: number[] = [];
  for (const i of idxs) {
    if ((index.entries[i] as PaletteEntry).title.toLowerCase().startsWith(q)) {
      starting.push(i);
      if (starting.length >= RERANK) break;
    } else if (rest.length < RERANK) rest.push(i);
  }
  return [...starting, ...rest].slice(0, RERANK);
}

/**
 * A title that is the query, then one that starts with it, before the rest (each group
 * in the order it came, a product before a port of the same name): uFuzzy prefers the
 * letters' case as typed and ranks "orders" the port above "Orders" the product.
 */
function byTitle(index: PaletteIndex, idxs: readonly number[], needle: string): number[] {
  const q = needle.toLowerCase();
  const tier = (i: number) => {
    const title = (index.entries[i] as PaletteEntry).title.toLowerCase();
    return title === q ? 0 : title.startsWith(q) ? 1 : 2;
  };
  const kind = (i: number) => KIND_ORDER[(index.entries[i] as PaletteEntry).kind];
  const keyed = idxs.map((i, at) => ({ i, at, tier: tier(i) }));
  keyed.sort((a, b) => a.tier - b.tier || (a.tier < 2 ? kind(a.i) - kind(b.i) : 0) || a.at - b.at);
  return keyed.map((k) => k.i);
}

/**
 * The best `limit` entries for `query`, best first: matches of the terms as typed, then,
 * if those are fewer than `limit`, matches with a typo forgiven. An empty query lists
 * the commands: what the palette offers before anything is typed.
 */
export function rank(index: PaletteIndex, query: string, limit = RESULT_LIMIT): PaletteEntry[] {
  const q = query.trim();
  if (q === '') return index.entries.filter((e) => e.kind === 'command').slice(0, limit);
  const picked = matches(exact, index, q, limit);
  if (picked.length < limit) {
    const seen = new Set(picked);
    for (const i of matches(forgiving, index, q, limit)) {
      if (picked.length >= limit) break;
      if (!seen.has(i)) picked.push(i);
    }
  }
  return picked.map((i) => index.entries[i] as PaletteEntry);
}
