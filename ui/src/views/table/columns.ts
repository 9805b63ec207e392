// The sheets of the Table view: per kind of entity its tab, the entity kind the
// selection uses, and its columns (key, label, width, and what a cell completes from).
// Column keys and labels are the core's (columns.json, written by a core test); this
// adds how each column shows and completes. Nothing here reads the model.
import type { Archetype, PortType, SheetKind, TeamType, Visibility } from '../../bindings';
import { STATUS_OPTIONS } from '../../panels/inspector/fields';
import CORE_COLUMNS from './columns.json';
import type { SelectableKind } from '../../state/selection';

/** What a cell completes from while typing: entities of the model, or fixed words. */
export type Completion = { from: 'domains' | 'teams' | 'products' } | { from: 'words'; words: readonly string[] };

export interface SheetColumn {
  key: string;
  /** The core's label: the header a copy writes and a paste recognises. */
  label: string;
  /** Width in pixels. */
  width: number;
  completion?: Completion;
}

export interface Sheet {
  kind: SheetKind;
  /** The tab's label. */
  label: string;
  /** What a row is in the selection shared by every view. */
  entity: SelectableKind;
  /** What the last empty row creates ("New data product"). */
  noun: string;
  columns: readonly SheetColumn[];
}

const STATUSES = STATUS_OPTIONS.map(([value]) => value);
const ARCHETYPES: readonly Archetype[] = ['source-aligned', 'aggregate', 'consumer-aligned'];
const PORT_TYPES: readonly PortType[] = ['table', 'stream', 'api', 'file', 'other'];
const VISIBILITIES: readonly Visibility[] = ['private', 'domain', 'public'];
const TEAM_TYPES: readonly TeamType[] = ['stream-aligned', 'platform', 'enabling', 'complicated-subsystem'];

const words = (list: readonly string[]): Completion => ({ from: 'words', words: list });
const DOMAINS: Completion = { from: 'domains' };
const TEAMS: Completion = { from: 'teams' };

type Unlabelled = Omit<Sheet, 'columns'> & { columns: Omit<SheetColumn, 'label'>[] };

function labelled(sheet: Unlabelled): Sheet {
  const core = CORE_COLUMNS.find((k) => k.kind === sheet.kind)?.columns ?? [];
  return {
    ...sheet,
    columns: sheet.columns.map((c) => ({ ...c, label: core.find((k) => k.key === c.key)?.label ?? c.key })),
  };
}

const UNLABELLED: readonly Unlabelled[] = [
  {
    kind: 'products',
    label: 'Data products',
    entity: 'product',
    noun: 'data product',
    columns: [
      { key: 'displayName', width: 200 },
      { key: 'name', width: 170 },
      { key: 'domain', width: 140, completion: DOMAINS },
      { key: 'ownerTeam', width: 150, completion: TEAMS },
      { key: 'status', width: 110, completion: words(STATUSES) },
      { key: 'archetype', width: 140, completion: words(ARCHETYPES) },
      { key: 'version', width: 90 },
      { key: 'purpose', width: 260 },
      { key: 'tags', width: 180 },
    ],
  },
  {
    kind: 'ports',
    label: 'Output ports',
    entity: 'outputPort',
    noun: 'output port',
    columns: [
      { key: 'product', width: 180, completion: { from: 'products' } },
      { key: 'name', width: 170 },
      { key: 'portType', width: 100, completion: words(PORT_TYPES) },
      { key: 'visibility', width: 110, completion: words(VISIBILITIES) },
      { key: 'status', width: 110, completion: words(STATUSES) },
      { key: 'version', width: 90 },
      { key: 'description', width: 300 },
    ],
  },
  {
    kind: 'teams',
    label: 'Teams',
    entity: 'team',
    noun: 'team',
    columns: [
      { key: 'title', width: 200 },
      { key: 'name', width: 170 },
      { key: 'teamType', width: 170, completion: words(TEAM_TYPES) },
      { key: 'email', width: 200 },
      { key: 'description', width: 300 },
    ],
  },
  {
    kind: 'domains',
    label: 'Domains',
    entity: 'domain',
    noun: 'domain',
    columns: [
      { key: 'title', width: 200 },
      { key: 'name', width: 170 },
      { key: 'parent', width: 160, completion: DOMAINS },
      { key: 'ownerTeam', width: 160, completion: TEAMS },
      { key: 'description', width: 300 },
    ],
  },
];

export const SHEETS: readonly Sheet[] = UNLABELLED.map(labelled);

export function sheetOf(kind: SheetKind): Sheet {
  return SHEETS.find((s) => s.kind === kind) ?? SHEETS[0]!;
}

/** The sheet whose rows are entities of a selectable kind, if any. */
export function sheetForEntity(entity: SelectableKind): Sheet | null {
  return SHEETS.find((s) => s.entity === entity) ?? null;
}
