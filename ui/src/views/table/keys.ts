// The Table view's keyboard, as a pure function of the grid state and one key press:
// arrows move the active cell (Shift+Up/Down extends a range of rows), Enter, F2 or
// typing edits, Enter commits and moves down, Tab commits and moves right, Escape
// cancels, Delete clears. Enter after a run of Tabs returns to the column the run
// started in (as spreadsheets do), so a row is typed with Tab and the next one begins
// under its first cell. The component runs the effects (commit, copy, paste); nothing
// here talks to the core.

export interface GridState {
  /** Index of the active row among the displayed rows; `rows` is the last empty row. */
  row: number;
  col: number;
  editing: boolean;
  /** The text being typed while editing. */
  draft: string;
  /** The other end of a Shift+arrow range of rows, when one is being made. */
  anchor: number | null;
  /** The column a run of Tabs started in; Enter goes back to it. */
  tabStart: number | null;
}

export interface Dims {
  /** Displayed entity rows; the empty row for new entities comes after them. */
  rows: number;
  cols: number;
  /** Rows moved by Page Up / Page Down. */
  page: number;
}

export interface KeyPress {
  key: string;
  shift: boolean;
  /** Ctrl, or Cmd on a Mac. */
  mod: boolean;
  alt: boolean;
}

export type GridEffect =
  /**
   * Store `value` at (row, col). `follow`: the commit creates an entity from the empty
   * row and the active cell moved along that row, so it should follow the new entity.
   */
  { kind: 'commit'; row: number; col: number; value: string; follow: boolean } | { kind: 'copy' } | { kind: 'paste' };

export interface KeyResult {
  state: GridState;
  effect?: GridEffect;
  /** True when the browser's own handling must go on (the clipboard keys). */
  native?: boolean;
}

export const initialGrid: GridState = { row: 0, col: 0, editing: false, draft: '', anchor: null, tabStart: null };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function at(state: GridState, dims: Dims, row: number, col: number): GridState {
  return { ...state, row: clamp(row, 0, dims.rows), col: clamp(col, 0, dims.cols - 1), editing: false, draft: '' };
}

/** One step right (or left), wrapping to the next (previous) row at the edge. */
function tabbed(state: GridState, dims: Dims, back: boolean): GridState {
  const tabStart = state.tabStart ?? state.col;
  if (!back) {
    if (state.col < dims.cols - 1) return { ...at(state, dims, state.row, state.col + 1), tabStart };
    if (state.row < dims.rows) return { ...at(state, dims, state.row + 1, 0), tabStart: null };
    return { ...at(state, dims, state.row, state.col), tabStart };
  }
  if (state.col > 0) return { ...at(state, dims, state.row, state.col - 1), tabStart };
  if (state.row > 0) return { ...at(state, dims, state.row - 1, dims.cols - 1), tabStart: null };
  return { ...at(state, dims, state.row, state.col), tabStart };
}

function commitAndMove(state: GridState, dims: Dims, valueAt: (row: number, col: number) => string, press: KeyPress): KeyResult {
  let next: GridState;
  if (press.key === 'Tab') next = tabbed(state, dims, press.shift);
  else {
    const row = state.row + (press.shift ? -1 : 1);
    next = { ...at(state, dims, row, state.tabStart ?? state.col), tabStart: null };
  }
  const onNewRow = state.row === dims.rows;
  const value = state.draft;
  const unchanged = onNewRow ? value.trim() === '' : value === valueAt(state.row, state.col);
  if (unchanged) return { state: next };
  const follow = onNewRow && press.key === 'Tab' && next.row === dims.rows && next.col !== state.col;
  return { state: next, effect: { kind: 'commit', row: state.row, col: state.col, value, follow } };
}

/**
 * What a key press does: the next state and the effect to run, or null when the key is
 * not the grid's (typing inside the editor, shortcuts of the window).
 */
export function pressKey(state: GridState, press: KeyPress, dims: Dims, valueAt: (row: number, col: number) => string): KeyResult | null {
  const { key, shift, mod, alt } = press;
  if (state.editing) {
    if (key === 'Enter' || key === 'Tab') return commitAndMove(state, dims, valueAt, press);
    if (key === 'Escape') return { state: { ...state, editing: false, draft: '' } };
    return null;
  }
  if (mod && !alt && !shift) {
    const letter = key.toLowerCase();
    if (letter === 'c') return { state, effect: { kind: 'copy' }, native: true };
    if (letter === 'v') return { state, effect: { kind: 'paste' }, native: true };
    if (key === 'Home') return { state: { ...at(state, dims, 0, 0), anchor: null, tabStart: null } };
    if (key === 'End') return { state: { ...at(state, dims, dims.rows, state.col), anchor: null, tabStart: null } };
    return null;
  }
  const moved = (row: number, col: number): KeyResult => ({
    state: { ...at(state, dims, row, col), anchor: null, tabStart: null },
  });
  const ranged = (row: number): KeyResult => ({
    state: { ...at(state, dims, row, state.col), anchor: state.anchor ?? state.row, tabStart: null },
  });
  switch (key) {
    case 'ArrowUp':
      return shift ? ranged(state.row - 1) : moved(state.row - 1, state.col);
    case 'ArrowDown':
      return shift ? ranged(state.row + 1) : moved(state.row + 1, state.col);
    case 'ArrowLeft':
      return moved(state.row, state.col - 1);
    case 'ArrowRight':
      return moved(state.row, state.col + 1);
    case 'Home':
      return moved(state.row, 0);
    case 'End':
      return moved(state.row, dims.cols - 1);
    case 'PageUp':
      return moved(state.row - dims.page, state.col);
    case 'PageDown':
      return moved(state.row + dims.page, state.col);
    case 'Tab':
      return { state: tabbed(state, dims, shift) };
    case 'Enter':
    case 'F2':
      return { state: { ...state, editing: true, draft: valueAt(state.row, state.col), anchor: null } };
    case 'Escape':
      // With nothing to drop here, Escape is the window's (it leaves presentation mode).
      if (state.anchor === null && state.tabStart === null) return null;
      return { state: { ...state, anchor: null, tabStart: null } };
    case 'Delete':
    case 'Backspace': {
      if (state.row === dims.rows || valueAt(state.row, state.col) === '') return { state };
      return { state, effect: { kind: 'commit', row: state.row, col: state.col, value: '', follow: false } };
    }
    default:
      break;
  }
  // A printable character starts an edit that replaces the cell.
  if (key.length === 1 && !mod && !alt) return { state: { ...state, editing: true, draft: key, anchor: null } };
  return null;
}

/** The displayed rows a Shift range covers, or just the active row (none on the empty row). */
export function rowRange(state: GridState, rows: number): [number, number] | null {
  const from = state.anchor ?? state.row;
  const lo = Math.min(from, state.row);
  const hi = Math.min(Math.max(from, state.row), rows - 1);
  return lo <= hi ? [lo, hi] : null;
}
