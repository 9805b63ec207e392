import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Applied, SheetEdit, SheetResult } from '../bindings';

// The backend is the only door to Tauri: a fake one answers in the order it is told to,
// slowest first, so the test sees whether the actions wait for each other.
const calls = vi.hoisted(() => ({ sent: [] as string[], answers: [] as (() => SheetResult)[] }));
vi.mock('../lib/backend', () => {
  class BackendError extends Error {
    error: { kind: string; field: string | null; message: string };
    constructor(error: { kind: string; field: string | null; message: string }) {
      super(error.message);
      this.error = error;
    }
  }
  return {
    BackendError,
    dialogs: {},
    backend: {
      applySheet: async (edit: SheetEdit): Promise<SheetResult> => {
        const name = edit.rows[0]?.cells?.displayName ?? '?';
        calls.sent.push(name);
        // The first call answers last if the actions did not wait.
        await new Promise((r) => setTimeout(r, calls.sent.length === 1 ? 20 : 0));
        const answer = calls.answers.shift();
        if (!answer) throw new BackendError({ kind: 'noMeshOpen', field: null, message: 'no mesh is open' });
        return answer();
      },
      pasteSheet: async (): Promise<SheetResult> => ({ applied: null, problems: [] }),
    },
  };
});
vi.mock('../canvas/readiness', () => ({ recordEditRoundTrip: () => undefined }));

const { applySheet, createdId } = await import('./sheet');
const { useMeshStore } = await import('../state/meshStore');
const { smallMesh } = await import('../test/fixtures');

const created = (id: string, displayName: string): Applied => ({
  label: 'New data product',
  changes: [
    {
      key: { kind: 'entity', entity: 'product', id },
      before: null,
      after: {
        kind: 'product',
        value: { id, name: id, displayName, version: '0.1.0', domainId: 'd1', status: 'proposed' },
      },
    },
  ],
  undo: { undo: 'New data product', redo: null },
});

const edit = (displayName: string): SheetEdit => ({
  kind: 'products',
  rows: [{ id: null, cells: { displayName } }],
  createMissing: false,
  defaultDomain: null,
});

beforeEach(() => {
  calls.sent = [];
  calls.answers = [];
  useMeshStore.getState().loadSnapshot({ path: '/m.mesh', mesh: smallMesh(), undo: { undo: null, redo: null }, scenario: null });
});

describe('sheet commands', () => {
  it('send one at a time, in order, and patch the model with each answer', async () => {
    calls.answers.push(
      () => ({ applied: created('x1', 'First'), problems: [] }),
      () => ({ applied: created('x2', 'Second'), problems: [] }),
    );
    const [a, b] = await Promise.all([applySheet(edit('First')), applySheet(() => edit('Second'))]);
    expect(calls.sent).toEqual(['First', 'Second']);
    expect(a.applied && createdId(a.applied, 'product', 'First')).toBe('x1');
    expect(b.applied && createdId(b.applied, 'product', 'Second')).toBe('x2');
    expect(useMeshStore.getState().model.products.get('x2')?.displayName).toBe('Second');
  });

  it('write nothing when the core answers problems, and carry them', async () => {
    const problem = { row: 0, column: 'version', kind: 'invalid' as const, message: 'bad version' };
    calls.answers.push(() => ({ applied: created('x3', 'Third'), problems: [problem] }));
    const outcome = await applySheet(edit('Third'));
    expect(outcome).toEqual({ applied: null, problems: [problem] });
    expect(useMeshStore.getState().model.products.has('x3')).toBe(false);
  });

  it('turn a refused command into one problem at the field it names', async () => {
    const outcome = await applySheet(edit('Fourth'));
    expect(outcome.applied).toBeNull();
    expect(outcome.problems).toEqual([{ row: 0, column: null, kind: 'invalid', message: 'no mesh is open' }]);
  });
});

describe('createdId', () => {
  it('picks the created entity whose first cell was typed, among several', () => {
    const two: Applied = { ...created('p', 'Parent'), changes: [...created('p', 'Parent').changes, ...created('c', 'Child').changes] };
    expect(createdId(two, 'product', ' Child ')).toBe('c');
    expect(createdId(two, 'product', 'other')).toBe('c');
    expect(createdId(two, 'team', 'Child')).toBeNull();
  });
});
