import { describe, expect, it } from 'vitest';
import { initialGrid, pressKey, rowRange, type GridState, type KeyPress } from './keys';

// Three rows of three columns, then the empty row (index 3).
const dims = { rows: 3, cols: 3, page: 2 };
const values = [
  ['Orders', 'orders', 'sales'],
  ['Payments', 'payments', 'sales'],
  ['Stock', 'stock', ''],
];
const valueAt = (row: number, col: number) => values[row]?.[col] ?? '';
const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, shift: false, mod: false, alt: false, ...mods });
const press = (state: GridState, k: string, mods?: Partial<KeyPress>) => pressKey(state, key(k, mods), dims, valueAt);

/** Presses keys in order, typing single characters into the draft while editing. */
function typeKeys(state: GridState, keys: (string | [string, Partial<KeyPress>])[]) {
  const effects = [];
  for (const k of keys) {
    const [name, mods] = Array.isArray(k) ? k : [k, {}];
    const result = press(state, name, mods);
    if (result) {
      state = result.state;
      if (result.effect) effects.push(result.effect);
    } else if (state.editing && name.length === 1) state = { ...state, draft: state.draft + name };
  }
  return { state, effects };
}

const at = (row: number, col: number): GridState => ({ ...initialGrid, row, col });

describe('moving the active cell', () => {
  it('moves with the arrows and stops at the edges; the empty row is reachable', () => {
    expect(press(at(0, 0), 'ArrowUp')!.state).toMatchObject({ row: 0, col: 0 });
    expect(press(at(0, 0), 'ArrowLeft')!.state).toMatchObject({ row: 0, col: 0 });
    expect(press(at(0, 0), 'ArrowRight')!.state).toMatchObject({ row: 0, col: 1 });
    expect(press(at(0, 2), 'ArrowRight')!.state).toMatchObject({ row: 0, col: 2 });
    expect(press(at(2, 1), 'ArrowDown')!.state).toMatchObject({ row: 3, col: 1 });
    expect(press(at(3, 1), 'ArrowDown')!.state).toMatchObject({ row: 3, col: 1 });
  });

  it('moves by Home, End, Page keys and Ctrl+Home / Ctrl+End', () => {
    expect(press(at(1, 1), 'Home')!.state).toMatchObject({ row: 1, col: 0 });
    expect(press(at(1, 1), 'End')!.state).toMatchObject({ row: 1, col: 2 });
    expect(press(at(0, 1), 'PageDown')!.state).toMatchObject({ row: 2, col: 1 });
    expect(press(at(1, 1), 'PageUp')!.state).toMatchObject({ row: 0, col: 1 });
    expect(press(at(2, 2), 'Home', { mod: true })!.state).toMatchObject({ row: 0, col: 0 });
    expect(press(at(0, 2), 'End', { mod: true })!.state).toMatchObject({ row: 3, col: 2 });
  });

  it('Tab moves right and wraps to the next row; Shift+Tab moves back', () => {
    expect(press(at(0, 0), 'Tab')!.state).toMatchObject({ row: 0, col: 1 });
    expect(press(at(0, 2), 'Tab')!.state).toMatchObject({ row: 1, col: 0 });
    expect(press(at(1, 0), 'Tab', { shift: true })!.state).toMatchObject({ row: 0, col: 2 });
  });

  it('Escape drops a range of rows, else leaves the key to the window', () => {
    const ranged = press(at(0, 1), 'ArrowDown', { shift: true })!.state;
    expect(rowRange(press(ranged, 'Escape')!.state, dims.rows)).toEqual([1, 1]);
    expect(press(at(0, 1), 'Escape')).toBeNull();
  });

  it('Shift+Up/Down makes a range of rows, any other move ends it', () => {
    let state = press(at(0, 1), 'ArrowDown', { shift: true })!.state;
    state = press(state, 'ArrowDown', { shift: true })!.state;
    expect(rowRange(state, dims.rows)).toEqual([0, 2]);
    expect(rowRange(press(state, 'ArrowLeft')!.state, dims.rows)).toEqual([2, 2]);
    expect(rowRange(at(3, 0), dims.rows)).toBeNull();
  });
});

describe('editing', () => {
  it('Enter and F2 edit the value; typing replaces it', () => {
    expect(press(at(0, 0), 'Enter')!.state).toMatchObject({ editing: true, draft: 'Orders' });
    expect(press(at(0, 0), 'F2')!.state).toMatchObject({ editing: true, draft: 'Orders' });
    expect(press(at(0, 0), 'x')!.state).toMatchObject({ editing: true, draft: 'x' });
    // Modifier chords are the window's shortcuts, not typing.
    expect(press(at(0, 0), 'z', { mod: true })).toBeNull();
  });

  it('Enter commits and moves down; Shift+Enter commits and moves up', () => {
    const { state, effects } = typeKeys(at(0, 2), ['x', 'y', 'Enter']);
    expect(effects).toEqual([{ kind: 'commit', row: 0, col: 2, value: 'xy', follow: false }]);
    expect(state).toMatchObject({ row: 1, col: 2, editing: false });
    const up = typeKeys(at(1, 0), ['F2', ['Enter', { shift: true }]]);
    expect(up.state).toMatchObject({ row: 0, col: 0 });
  });

  it('writes nothing when the value did not change', () => {
    const { state, effects } = typeKeys(at(0, 0), ['Enter', 'Enter']);
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ row: 1, col: 0, editing: false });
  });

  it('Escape cancels the edit and keeps the cell', () => {
    const { state, effects } = typeKeys(at(1, 1), ['a', 'b', 'Escape']);
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ row: 1, col: 1, editing: false, draft: '' });
  });

  it("keys inside the editor that are not the grid's go to the text field", () => {
    const editing = press(at(0, 0), 'F2')!.state;
    for (const k of ['ArrowLeft', 'ArrowDown', 'Home', 'a', 'Backspace']) expect(press(editing, k)).toBeNull();
  });

  it('Delete clears a filled cell and writes nothing for an empty one', () => {
    expect(press(at(0, 2), 'Delete')!.effect).toEqual({ kind: 'commit', row: 0, col: 2, value: '', follow: false });
    expect(press(at(2, 2), 'Delete')!.effect).toBeUndefined();
    expect(press(at(3, 0), 'Backspace')!.effect).toBeUndefined();
  });

  it('Ctrl+C and Ctrl+V ask for copy and paste and let the browser act', () => {
    expect(press(at(0, 0), 'c', { mod: true })).toMatchObject({ effect: { kind: 'copy' }, native: true });
    expect(press(at(0, 0), 'V', { mod: true })).toMatchObject({ effect: { kind: 'paste' }, native: true });
  });
});

describe('the empty row', () => {
  it('types one entity after another: each Enter creates one and stays on the empty row', () => {
    let state = at(3, 0);
    const created: string[] = [];
    for (const name of ['Orders', 'Refunds']) {
      const run = typeKeys(state, [...name.split(''), 'Enter']);
      state = run.state;
      for (const e of run.effects) if (e.kind === 'commit') created.push(e.value);
    }
    expect(created).toEqual(['Orders', 'Refunds']);
    expect(state).toMatchObject({ row: 3, col: 0, editing: false });
  });

  it('Tab after the first cell creates the entity and follows it along its row', () => {
    const { state, effects } = typeKeys(at(3, 0), ['A', 'Tab']);
    expect(effects).toEqual([{ kind: 'commit', row: 3, col: 0, value: 'A', follow: true }]);
    expect(state).toMatchObject({ row: 3, col: 1, tabStart: 0 });
  });

  it('Enter after a run of Tabs goes to the next row under the first cell of the run', () => {
    // The entity created by the first Tab is row 3 now; the empty row is 4.
    const grown = { rows: 4, cols: 3, page: 2 };
    let state: GridState = { ...at(3, 1), tabStart: 0 };
    state = pressKey(state, key('Tab'), grown, () => '')!.state;
    state = pressKey(state, key('s'), grown, () => '')!.state;
    const result = pressKey(state, key('Enter'), grown, () => '')!;
    expect(result.effect).toMatchObject({ kind: 'commit', row: 3, col: 2, value: 's' });
    expect(result.state).toMatchObject({ row: 4, col: 0, tabStart: null });
  });

  it('an empty first cell creates nothing', () => {
    const { effects } = typeKeys(at(3, 0), ['Enter', ' ', 'Enter']);
    expect(effects).toEqual([]);
  });
});
