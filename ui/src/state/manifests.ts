// What the Export and Import dialogs show, derived from the core's answers: format
// choices, preview groups and counts, diff lines, labels of the import's counts, problem
// places, progress fractions. Pure functions only: no React, no backend, and no
// decision about what is exported or imported (the core makes those).
import type {
  EntityKind,
  ExportFormat,
  ExportRequest,
  FileChange,
  FileSummary,
  ImportClaim,
  ImportProblem,
  OdcsChoice,
  OdpsChoice,
  PlannedFile,
  TaskProgress,
  Totals,
} from '../bindings';
import { fileName } from '../lib/paths';

export interface FormatInfo {
  id: ExportFormat;
  label: string;
  /** What one file holds, for the checkbox's hint. */
  hint: string;
}

export const FORMATS: readonly FormatInfo[] = [
  { id: 'odps', label: 'ODPS', hint: 'Bitol data product, one file per product' },
  { id: 'odcs', label: 'ODCS', hint: 'Bitol data contract, one file per output port with a contract' },
  { id: 'dpds', label: 'DPDS', hint: 'Open Data Mesh descriptor, one file per product' },
  { id: 'backstage', label: 'Backstage', hint: 'catalog-info.yaml, one per domain' },
  { id: 'datahub', label: 'DataHub', hint: 'data product YAML, one file per product' },
];

export const ODPS_VERSIONS: readonly OdpsChoice[] = ['1.1.0', '1.0.0'];
export const ODCS_VERSIONS: readonly OdcsChoice[] = ['3.1.0', '3.2.0'];

/** What the user chose in the Export dialog (kept while the app runs). */
export interface ExportChoices {
  folder: string;
  formats: ExportFormat[];
  odpsVersion: OdpsChoice;
  odcsVersion: OdcsChoice;
  byDomain: boolean;
  /** Commit each domain folder that is a git repository on a branch (needs byDomain). */
  git: boolean;
  /** The branch; the core's default when blank. */
  branch: string;
  /** Push each branch to its remote. */
  push: boolean;
}

export const DEFAULT_EXPORT: ExportChoices = {
  folder: '',
  formats: ['odps', 'odcs'],
  odpsVersion: '1.1.0',
  odcsVersion: '3.1.0',
  byDomain: false,
  git: false,
  branch: '',
  push: false,
};

/** The formats with `format` switched, kept in the dialog's order. */
export function toggleFormat(chosen: readonly ExportFormat[], format: ExportFormat): ExportFormat[] {
  const next = chosen.includes(format) ? chosen.filter((f) => f !== format) : [...chosen, format];
  return FORMATS.map((f) => f.id).filter((id) => next.includes(id));
}

export function allFormatsChosen(chosen: readonly ExportFormat[]): boolean {
  return FORMATS.every((f) => chosen.includes(f.id));
}

/** "All" ticks every format, or clears them when all were ticked. */
export function toggleAllFormats(chosen: readonly ExportFormat[]): ExportFormat[] {
  return allFormatsChosen(chosen) ? [] : FORMATS.map((f) => f.id);
}

export function exportRequest(choices: ExportChoices): ExportRequest {
  return {
    folder: choices.folder.trim(),
    formats: [...choices.formats],
    odpsVersion: choices.odpsVersion,
    odcsVersion: choices.odcsVersion,
    byDomain: choices.byDomain,
    git: choices.byDomain && choices.git ? { branch: choices.branch.trim() || null, push: choices.push } : null,
  };
}

/** The order the preview lists changes in: what the export does first. */
export const CHANGES: readonly FileChange[] = ['added', 'changed', 'removed', 'conflict', 'unchanged'];

export const CHANGE_LABEL: Record<FileChange, string> = {
  added: 'Added',
  changed: 'Changed',
  removed: 'Removed',
  conflict: 'Conflicts',
  unchanged: 'Unchanged',
};

export type PreviewGroups = Record<FileChange, string[]>;

/** The preview's paths by change, each group in path order as the core sorted them. */
export function groupPreview(files: readonly PlannedFile[]): PreviewGroups {
  const groups: PreviewGroups = { added: [], changed: [], removed: [], conflict: [], unchanged: [] };
  for (const f of files) groups[f.change].push(f.path);
  return groups;
}

/** How many files writing would touch (written or, when confirmed, deleted). */
export function filesToWrite(groups: PreviewGroups, prune: boolean): number {
  return groups.added.length + groups.changed.length + (prune ? groups.removed.length : 0);
}

export type DiffLineKind = 'meta' | 'hunk' | 'add' | 'del' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/** A unified diff split into lines with their kind, to colour them as text. */
export function diffLines(diff: string): DiffLine[] {
  if (diff === '') return [];
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  return lines.map((text) => {
    let kind: DiffLineKind = 'context';
    if (text.startsWith('+++ ') || text.startsWith('--- ')) kind = 'meta';
    else if (text.startsWith('@@')) kind = 'hunk';
    else if (text.startsWith('+')) kind = 'add';
    else if (text.startsWith('-')) kind = 'del';
    else if (text.startsWith('\\')) kind = 'meta';
    return { kind, text };
  });
}

const KIND_LABEL: Record<EntityKind, string> = {
  mesh: 'Mesh',
  person: 'People',
  team: 'Teams',
  domain: 'Domains',
  sourceSystem: 'Source systems',
  product: 'Data products',
  outputPort: 'Output ports',
  inputPort: 'Input ports',
  contract: 'Contracts',
  position: 'Positions',
  policy: 'Policy',
};

/** A kind's name for a count's row: plural. */
export function kindLabel(kind: EntityKind): string {
  return KIND_LABEL[kind] ?? kind;
}

const KIND_NOUN: Record<EntityKind, string> = {
  mesh: 'Mesh',
  person: 'Person',
  team: 'Team',
  domain: 'Domain',
  sourceSystem: 'Source system',
  product: 'Data product',
  outputPort: 'Output port',
  inputPort: 'Input port',
  contract: 'Contract',
  position: 'Position',
  policy: 'Policy',
};

/** A kind's name before one entity's name: singular. */
export function kindNoun(kind: EntityKind): string {
  return KIND_NOUN[kind] ?? kind;
}

/** `path:line:column`, the form editors and terminals link to. */
export function problemPlace(p: ImportProblem): string {
  if (p.line === null) return p.path;
  return p.column === null ? `${p.path}:${p.line}` : `${p.path}:${p.line}:${p.column}`;
}

/**
 * A warning as one line, the form the command line prints:
 * `path:line:column: field: reason` (the field left out when the core names none).
 */
export function warningText(p: ImportProblem): string {
  return p.field ? `${problemPlace(p)}: ${p.field}: ${p.reason}` : `${problemPlace(p)}: ${p.reason}`;
}

export type TallyKey = 'created' | 'updated' | 'unchanged' | 'unresolved' | 'unattached';

export interface Tally {
  key: TallyKey;
  label: string;
  count: number;
}

const TALLIES: readonly { key: TallyKey; label: string }[] = [
  { key: 'created', label: 'created' },
  { key: 'updated', label: 'updated' },
  { key: 'unchanged', label: 'unchanged' },
  { key: 'unresolved', label: 'kept unresolved' },
  { key: 'unattached', label: 'kept unattached' },
];

/**
 * The counts the core computed for the whole import or one file, labelled, in the
 * order the report shows them. `withZero` keeps the counts that are 0 (the totals
 * show every count; a file row only what it does).
 */
export function tallies(counts: Totals | FileSummary, withZero: boolean): Tally[] {
  return TALLIES.map((t) => ({ ...t, count: counts[t.key] })).filter((t) => withZero || t.count > 0);
}

/** One side of a disagreement: `ODPS says "active" (orders.odps.yaml)`. */
export function claimText(c: ImportClaim): string {
  return `${c.format} says ${c.value} (${fileName(c.path)})`;
}

/** The import field's text as paths: one a line, blank lines left out. */
export function splitPaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** How far a task is, 0 to 1, or null while the amount of work is unknown. */
export function progressFraction(p: TaskProgress | null): number | null {
  if (!p || p.total === 0) return null;
  return Math.min(1, p.done / p.total);
}

const PHASE_LABEL: Record<TaskProgress['phase'], string> = {
  planning: 'Comparing with the folder',
  writing: 'Writing files',
  reading: 'Reading files',
  applying: 'Checking against the mesh',
  drawing: 'Drawing',
};

export function progressLabel(p: TaskProgress | null): string {
  if (!p) return 'Working';
  return p.total > 0 ? `${PHASE_LABEL[p.phase]}: ${p.done} of ${p.total}` : `${PHASE_LABEL[p.phase]}…`;
}

/** "1 file", "3 files". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The error's message without the path in front of it, when the message starts so. */
export function messageWithoutPath(message: string, path: string | null): string {
  if (path && message.startsWith(`${path}: `)) return message.slice(path.length + 2);
  return message;
}
