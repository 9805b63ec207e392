import { describe, expect, it } from 'vitest';
import type { CommandError } from '../bindings';
import { outcomeOf, placeError, toCommandError } from './errors';

describe('errors', () => {
  const fields = new Set(['name', 'displayName', 'version']);
  it('puts an error naming a shown field under that field', () => {
    expect(placeError({ kind: 'invalid', entity: 'data product', field: 'version', path: null, message: 'not semver' }, fields)).toEqual({
      where: 'field',
      field: 'version',
      message: 'not semver',
    });
  });
  it('sends errors without a field, or naming a field the form lacks, to a toast', () => {
    expect(placeError({ kind: 'conflict', entity: null, field: null, path: null, message: 'taken' }, fields).where).toBe('toast');
    expect(placeError({ kind: 'invalid', entity: null, field: 'portId', path: null, message: 'self' }, fields).where).toBe('toast');
  });
  it('normalises thrown values', () => {
    expect(toCommandError({ kind: 'invalid', field: 'name', message: 'bad' })).toEqual({
      kind: 'invalid',
      entity: null,
      field: 'name',
      path: null,
      message: 'bad',
    });
    expect(toCommandError(new Error('ipc down'))).toMatchObject({ kind: 'internal', message: 'ipc down' });
    expect(toCommandError('text')).toMatchObject({ kind: 'internal', message: 'text' });
  });
});

describe('outcomeOf', () => {
  it('tells a cancelled or overtaken task from a failure', () => {
    const error = (kind: CommandError['kind']): CommandError => ({ kind, entity: null, field: null, path: null, message: '' });
    expect(outcomeOf(error('cancelled'))).toBe('stopped');
    expect(outcomeOf(error('stale'))).toBe('overtaken');
    expect(outcomeOf(error('badFile'))).toBe('failed');
  });
});
