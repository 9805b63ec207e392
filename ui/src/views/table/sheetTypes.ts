// TEMPORARY: the sheet contract as the lead's "Sheet:" commit will generate it into
// ../../bindings.ts. Replaced by the generated types when that commit is merged; holds
// no logic.
import type { Applied } from '../../bindings';

export type SheetKind = 'products' | 'ports' | 'teams' | 'domains';
export type SheetRow = { id: string | null; cells: { [column: string]: string } };
export type SheetEdit = { kind: SheetKind; rows: SheetRow[]; createMissing: boolean; defaultDomain: string | null };
export type SheetPaste = {
  kind: SheetKind;
  grid: string[][];
  startColumn: string;
  targetRows: string[];
  createMissing: boolean;
  defaultDomain: string | null;
};
export type CellProblemKind =
  | 'invalid'
  | 'duplicate'
  | 'missingReference'
  | 'unknownReference'
  | 'unknownColumn'
  | 'tooManyCells'
  | 'tooLarge'
  | 'notTabular';
export type CellProblem = { row: number; column: string | null; kind: CellProblemKind; message: string };
export type SheetResult = { applied: Applied | null; problems: CellProblem[] };
export type TeamType = 'stream-aligned' | 'platform' | 'enabling' | 'complicated-subsystem';
