// Where the core's sheet problems show: a line per problem for the strip above the grid
// ("Row 3, Owner team: …") and, for rows already in the table, a mark on the cell.
// Pure functions over the core's answer; the problems themselves are the core's.
import type { SheetColumn } from './columns';
import type { CellProblem } from '../../bindings';

/** Problem messages by row id, then column key. */
export type CellMarks = ReadonlyMap<string, ReadonlyMap<string, string>>;

// Letters and digits only, lower-cased, as the core compares header cells:
// `Owner team`, `owner_team` and `ownerTeam` meet.
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Whether the pasted block starts with a header row, by the core's rule (every filled
 * cell of the first row names a column by key or label, or most do and two at least).
 * Only for placing the core's problems; the core decides what the block does.
 */
export function startsWithHeader(grid: readonly (readonly string[])[], columns: readonly SheetColumn[]): boolean {
  const names = new Set(columns.flatMap((c) => [norm(c.key), norm(c.label)]));
  const filled = (grid[0] ?? []).filter((c) => c.trim() !== '');
  const named = filled.filter((c) => names.has(norm(c))).length;
  return named > 0 && (named === filled.length || (named >= 2 && named * 2 > filled.length));
}

function labelOf(columns: readonly SheetColumn[], key: string | null): string | null {
  if (key === null) return null;
  return columns.find((c) => c.key === key)?.label ?? key;
}

/** One line of the problems strip: the pasted row (counted from 1) and the column. */
export function pasteProblemText(problem: CellProblem, columns: readonly SheetColumn[]): string {
  const column = labelOf(columns, problem.column);
  return `Row ${problem.row + 1}${column ? `, ${column}` : ''}: ${problem.message}`;
}

/**
 * The marks of a paste's problems on the rows it was pasted over. A block without a
 * header lies over the shown rows from the active one down; one with a header matches
 * rows by name (the core's business), so its problems show in the strip only.
 */
export function pasteMarks(
  problems: readonly CellProblem[],
  grid: readonly (readonly string[])[],
  targetRows: readonly string[],
  columns: readonly SheetColumn[],
): CellMarks {
  const marks = new Map<string, Map<string, string>>();
  if (startsWithHeader(grid, columns)) return marks;
  for (const p of problems) {
    const id = targetRows[p.row];
    if (id === undefined || p.column === null) continue;
    const row = marks.get(id) ?? new Map<string, string>();
    row.set(p.column, row.has(p.column) ? `${row.get(p.column)}; ${p.message}` : p.message);
    marks.set(id, row);
  }
  return marks;
}

/** True when confirming would fix every problem: all of them are references to create. */
export function onlyMissing(problems: readonly CellProblem[]): boolean {
  return problems.length > 0 && problems.every((p) => p.kind === 'missingReference');
}

/** What a column's references are called ("team"), for the offer to create one. */
export function referenceNoun(column: SheetColumn | undefined): string {
  switch (column?.completion?.from) {
    case 'teams':
      return 'team';
    case 'domains':
      return 'domain';
    case 'products':
      return 'data product';
    default:
      return 'entry';
  }
}

/**
 * The text a paste problem is about: the cell under the header naming its column, or,
 * with no header, the column's place counted from the column the paste started in.
 */
export function pastedValue(
  problem: CellProblem,
  grid: readonly (readonly string[])[],
  columns: readonly SheetColumn[],
  startColumn: string,
): string | null {
  if (problem.column === null) return null;
  const column = columns.find((c) => c.key === problem.column);
  let at: number;
  if (startsWithHeader(grid, columns)) {
    at = (grid[0] ?? []).findIndex((h) => column !== undefined && [norm(column.key), norm(column.label)].includes(norm(h)));
  } else {
    at = columns.findIndex((c) => c.key === problem.column) - columns.findIndex((c) => c.key === startColumn);
  }
  return at >= 0 ? (grid[problem.row]?.[at] ?? null) : null;
}

/** The offer's words: "Create team 'Checkout'", naming each missing reference once. */
export function createOffer(items: readonly { noun: string; value: string | null }[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { noun, value } of items) {
    const part = value ? `${noun} '${value.trim()}'` : `the missing ${noun}`;
    if (!seen.has(part.toLowerCase())) parts.push(part);
    seen.add(part.toLowerCase());
  }
  return `Create ${parts.join(', ')}`;
}
