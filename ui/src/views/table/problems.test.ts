import { describe, expect, it } from 'vitest';
import { sheetOf } from './columns';
import { createOffer, onlyMissing, pasteMarks, pasteProblemText, pastedValue, referenceNoun, startsWithHeader } from './problems';
import type { CellProblem } from '../../bindings';

const columns = sheetOf('products').columns;

describe('paste problems', () => {
  it('recognises a header by column keys or labels, in any case', () => {
    expect(
      startsWithHeader(
        [
          ['Display name', 'ownerTeam', ''],
          ['Orders', 'x'],
        ],
        columns,
      ),
    ).toBe(true);
    expect(startsWithHeader([['Orders', 'sales']], columns)).toBe(false);
    // Most cells naming columns, two at least, as the core reads it.
    expect(startsWithHeader([['Display name', 'owner_team', 'Notes']], columns)).toBe(true);
    expect(startsWithHeader([['Status', 'Orders']], columns)).toBe(false);
    expect(startsWithHeader([['', '']], columns)).toBe(false);
  });

  it('names the pasted row from 1 and the column by its label', () => {
    const p: CellProblem = { row: 2, column: 'ownerTeam', kind: 'missingReference', message: 'team x does not exist' };
    expect(pasteProblemText(p, columns)).toBe('Row 3, Owner team: team x does not exist');
    expect(pasteProblemText({ ...p, column: null, kind: 'notTabular', message: 'no table' }, columns)).toBe('Row 3: no table');
  });

  it('marks the cells of the rows a block without header was pasted over', () => {
    const grid = [['1'], ['x'], ['y']];
    const problems: CellProblem[] = [
      { row: 1, column: 'version', kind: 'invalid', message: 'bad version' },
      { row: 2, column: 'version', kind: 'invalid', message: 'also bad' },
    ];
    // Only two rows are pasted over; the third creates an entity, marked in the strip only.
    const marks = pasteMarks(problems, grid, ['id-a', 'id-b'], columns);
    expect([...marks.keys()]).toEqual(['id-b']);
    expect(marks.get('id-b')?.get('version')).toBe('bad version');
    // With a header the core matches rows by name: the strip alone says where.
    expect(pasteMarks(problems, [['Version'], ...grid], ['id-a', 'id-b'], columns).size).toBe(0);
  });

  it('offers to create references only when that fixes every problem', () => {
    const missing: CellProblem = { row: 1, column: 'ownerTeam', kind: 'missingReference', message: 'm' };
    expect(onlyMissing([missing])).toBe(true);
    expect(onlyMissing([missing, { ...missing, kind: 'invalid' }])).toBe(false);
    expect(onlyMissing([])).toBe(false);
  });
});

describe('the offer to create missing references', () => {
  const missing = (row: number, column: string): CellProblem => ({ row, column, kind: 'missingReference', message: 'm' });

  it('finds the pasted text under the header or from the start column', () => {
    const withHeader = [
      ['Display name', 'Owner team'],
      ['A', 'Checkout'],
    ];
    expect(pastedValue(missing(1, 'ownerTeam'), withHeader, columns, 'displayName')).toBe('Checkout');
    const bare = [['A', 'sales', 'Checkout']];
    expect(pastedValue(missing(0, 'ownerTeam'), bare, columns, 'name')).toBe('Checkout');
    expect(pastedValue({ ...missing(0, 'ownerTeam'), column: null }, bare, columns, 'name')).toBeNull();
  });

  it('names each missing reference once', () => {
    expect(referenceNoun(columns.find((c) => c.key === 'ownerTeam'))).toBe('team');
    expect(
      createOffer([
        { noun: 'team', value: 'Checkout' },
        { noun: 'team', value: 'checkout ' },
        { noun: 'domain', value: 'Sales' },
      ]),
    ).toBe("Create team 'Checkout', domain 'Sales'");
  });
});
