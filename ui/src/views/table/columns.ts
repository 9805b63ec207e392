// The sheets of the Table view: per kind of entity its tab, the entity kind the
// selection uses, and its columns (key, label, width, and what a cell completes from).
// Column keys are the core's sheet columns (`applySheet`, `pasteSheet`); labels are the
// ones the core writes to columns.json. Nothing here reads the model.
import type { Archetype, PortType, Visibility } from '../../bindings';
import { STATUS_OPTIONS } from '../../panels/inspector/fields';
import type { SelectableKind } from '../../state/selection';
import type { SheetKind, TeamType } from './sheetTypes';

/** What a cell completes from while typing: entities of the model, or fixed words. */
export type Completion =
  | { from: 'domains' | 'teams' | 'products' }
  | { from: 'words'; words: readonly string[] };

export interface SheetColumn {
  key: string;
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

export const SHEETS: readonly Sheet[] = [
  {
    kind: 'products',
    label: 'Data products',
    entity: 'product',
    noun: 'data product',
    columns: [
      { key: 'displayName', label: 'Display name', width: 200 },
      { key: 'name', label: 'Name', width: 170 },
      { key: 'domain', label: 'Domain', width: 140, completion: DOMAINS },
      { key: 'ownerTeam', label: 'Owner team', width: 150, completion: TEAMS },
      { key: 'status', label: 'Status', width: 110, completion: words(STATUSES) },
      { key: 'archetype', label: 'Archetype', width: 140, completion: words(ARCHETYPES) },
      { key: 'version', label: 'Version', width: 90 },
      { key: 'purpose', label: 'Purpose', width: 260 },
      { key: 'tags', label: 'Tags', width: 180 },
    ],
  },
  {
    kind: 'ports',
    label: 'Output ports',
    entity: 'outputPort',
    noun: 'output port',
    columns: [
      { key: 'product', label: 'Data product', width: 180, completion: { from: 'products' } },
      { key: 'name', label: 'Name', width: 170 },
      { key: 'portType', label: 'Type', width: 100, completion: words(PORT_TYPES) },
      { key: 'visibility', label: 'Visibility', width: 110, completion: words(VISIBILITIES) },
      { key: 'status', label: 'Status', width: 110, completion: words(STATUSES) },
      { key: 'version', label: 'Version', width: 90 },
      { key: 'description', label: 'Description', width: 300 },
    ],
  },
  {
    kind: 'teams',
    label: 'Teams',
    entity: 'team',
    noun: 'team',
    columns: [
      { key: 'title', label: 'Title', width: 200 },
      { key: 'name', label: 'Name', width: 170 },
      { key: 'teamType', label: 'Team type', width: 170, completion: words(TEAM_TYPES) },
      { key: 'email', label: 'E-mail', width: 200 },
      { key: 'description', label: 'Description', width: 300 },
    ],
  },
  {
    kind: 'domains',
    label: 'Domains',
    entity: 'domain',
    noun: 'domain',
    columns: [
      { key: 'title', label: 'Title', width: 200 },
      { key: 'name', label: 'Name', width: 170 },
      { key: 'parent', label: 'Parent domain', width: 160, completion: DOMAINS },
      { key: 'ownerTeam', label: 'Owner team', width: 160, completion: TEAMS },
      { key: 'description', label: 'Description', width: 300 },
    ],
  },
];

export function sheetOf(kind: SheetKind): Sheet {
  return SHEETS.find((s) => s.kind === kind) ?? SHEETS[0]!;
}

/** The sheet whose rows are entities of a selectable kind, if any. */
export function sheetForEntity(entity: SelectableKind): Sheet | null {
  return SHEETS.find((s) => s.entity === entity) ?? null;
}
