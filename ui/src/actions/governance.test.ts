import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Applied, EditOp, Finding, Policy, Report } from '../bindings';

// The backend is the only door to Tauri: a fake one records what the actions send.
const calls = vi.hoisted(() => ({ checks: 0, edits: [] as { ops: EditOp[]; label: string | null }[] }));
vi.mock('../lib/backend', () => {
  class BackendError extends Error {}
  const report = (): Report => ({ mesh: 'm', rules: [], findings: [], summary: { errors: 0, warnings: 0, infos: 0, waived: 0 } });
  return {
    BackendError,
    dialogs: {},
    backend: {
      checkMesh: async () => {
        calls.checks += 1;
        await new Promise((r) => setTimeout(r, 5));
        return report();
      },
      getPolicy: async (): Promise<Policy> => ({ waivers: [{ rule: 'DM-OWN-001', entity: 'kpis', reason: 'old' }] }),
      rulesCatalog: async () => [],
      applyEdits: async (ops: EditOp[], label: string | null): Promise<Applied> => {
        calls.edits.push({ ops, label });
        return { label: label ?? '', changes: [], undo: { undo: label, redo: null } };
      },
    },
  };
});
vi.mock('../canvas/readiness', () => ({ recordEditRoundTrip: () => undefined }));

const { recheck, waive, unwaive } = await import('./governance');
const { useMeshStore } = await import('../state/meshStore');
const { useGovernanceStore } = await import('../state/governanceStore');
const { smallMesh } = await import('../test/fixtures');

const cycle: Finding = {
  ruleId: 'DM-DEP-001',
  category: 'dependencies',
  severity: 'error',
  entity: { kind: 'product', id: 'a', name: 'orders' },
  message: 'orders is in a cycle',
  fixHint: '',
  evidence: [],
  waived: null,
};

beforeEach(() => {
  calls.checks = 0;
  calls.edits = [];
  useMeshStore.getState().loadSnapshot({ path: '/tmp/x.mesh', mesh: smallMesh(), undo: { undo: null, redo: null } });
});

describe('recheck', () => {
  it('coalesces a burst of requests into the running check and one more', async () => {
    await Promise.all([recheck(), recheck(), recheck(), recheck()]);
    expect(calls.checks).toBe(2);
    expect(useGovernanceStore.getState().report?.mesh).toBe('m');
    expect(useGovernanceStore.getState().policy?.waivers).toHaveLength(1);
  });
});

describe('waiving', () => {
  it('sends the whole policy with the new waiver as one setPolicy edit', async () => {
    await recheck();
    expect(await waive(cycle, 'planned split', '2030-06-30')).toBe(true);
    const [sent] = calls.edits;
    expect(sent?.label).toBe('Waive DM-DEP-001 on orders');
    expect(sent?.ops).toEqual([
      {
        op: 'setPolicy',
        value: {
          waivers: [
            { rule: 'DM-OWN-001', entity: 'kpis', reason: 'old' },
            { rule: 'DM-DEP-001', entity: 'orders', reason: 'planned split', expires: '2030-06-30' },
          ],
        },
      },
    ]);
  });

  it('removes a waiver named by the entity name or id', async () => {
    await recheck();
    await unwaive({ ...cycle, ruleId: 'DM-OWN-001', entity: { kind: 'product', id: 'c', name: 'kpis' } });
    expect(calls.edits[0]?.ops).toEqual([{ op: 'setPolicy', value: { waivers: [] } }]);
  });
});
