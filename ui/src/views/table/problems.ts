// Where the core's sheet problems show: a line per problem for the strip above the grid
// ("Row 3, Owner team: …") and, for rows already in the table, a mark on the cell.
// Pure functions over the core's answer; the problems themselves are the core's.
import type { SheetColumn } from './columns';
import type { CellProblem } from './sheetTypes';

/** Problem messages by row id, then column key. */
export type CellMarks = ReadonlyMap<string, ReadonlyMap<string, string>>;

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Whether the pasted block starts with a header row: every filled cell of its first row
 * names a column by key or label. Used only to find which table row a problem is on.
 */
export function startsWithHeader(grid: readonly (readonly string[])[], columns: readonly SheetColumn[]): boolean {
  const names = new Set(columns.flatMap((c) => [norm(c.key), norm(c.label)]));
  const first = (grid[0] ?? []).filter((c) => c.trim() !== '');
  return first.length > 0 && first.every((c) => names.has(norm(c)));
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

/** The marks of a paste's problems on the rows it was pasted over. */
export function pasteMarks(
  problems: readonly CellProblem[],
  grid: readonly (readonly string[])[],
  targetRows: readonly string[],
  columns: readonly SheetColumn[],
): CellMarks {
  const skip = startsWithHeader(grid, columns) ? 1 : 0;
  const marks = new Map<string, Map<string, string>>();
  for (const p of problems) {
    const id = targetRows[p.row - skip];
    if (p.row < skip || id === undefined || p.column === null) continue;
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
