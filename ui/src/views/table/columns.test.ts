import { describe, expect, it } from 'vitest';
import CORE_COLUMNS from './columns.json';
import { SHEETS } from './columns';

describe('the sheets', () => {
  it('show exactly the core columns, in its order, with its labels', () => {
    expect(SHEETS.map((s) => ({ kind: s.kind, columns: s.columns.map(({ key, label }) => ({ key, label })) }))).toEqual(CORE_COLUMNS);
  });
});
