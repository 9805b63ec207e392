import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Applied, Finding, Policy, PolicyEdit, Report, RuleDoc } from '../bindings';

// The backend is the only door to Tauri: a fake one records what the actions send.
const calls = vi.hoisted(() => ({ checks: 0, edits: [] as PolicyEdit[] }));
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
      editPolicy: async (edit: PolicyEdit): Promise<Applied> => {
        calls.edits.push(edit);
        return { label: 'x', changes: [], undo: { undo: 'x', redo: null } };
      },
    },
  };
});
vi.mock('../canvas/readiness', () => ({ recordEditRoundTrip: () => undefined }));

const { changeRule, recheck, waive, unwaive } = await import('./governance');
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
  useMeshStore.getState().loadSnapshot({ path: '/tmp/x.mesh', mesh: smallMesh(), undo: { undo: null, redo: null }, scenario: null });
});

describe('recheck', () => {
  it('coalesces a burst of requests into the running check and one more', async () => {
    await Promise.all([recheck(), recheck(), recheck(), recheck()]);
    expect(calls.checks).toBe(2);
    expect(useGovernanceStore.getState().report?.mesh).toBe('m');
    expect(useGovernanceStore.getState().policy?.waivers).toHaveLength(1);
  });
});

// The policy each action leads to is the core's (mesh-core governance/policy_edit.rs);
// here: the UI sends the action as the user made it.
describe('waiving', () => {
  it('sends the waiver as the user gave it, one policy edit', async () => {
    await recheck();
    expect(await waive(cycle, 'planned split', '2030-06-30')).toBe(true);
    expect(calls.edits).toEqual([
      { action: 'waive', rule: 'DM-DEP-001', entity: 'orders', reason: 'planned split', expires: '2030-06-30' },
    ]);
  });

  it('removes a waiver named by the entity name or id', async () => {
    await recheck();
    await unwaive({ ...cycle, ruleId: 'DM-OWN-001', entity: { kind: 'product', id: 'c', name: 'kpis' } });
    expect(calls.edits).toEqual([{ action: 'unwaive', rule: 'DM-OWN-001', names: ['kpis', 'c'] }]);
  });
});

describe('rule changes', () => {
  it('sends the switch, the severity and a parameter as typed', async () => {
    const rule = { id: 'DM-DEP-005', defaultSeverity: 'warning' } as RuleDoc;
    await changeRule(rule, { enabled: false });
    await changeRule(rule, { severity: 'error' });
    await changeRule(rule, { param: 'max_upstream', text: ' 3 ' });
    expect(calls.edits).toEqual([
      { action: 'setEnabled', rule: 'DM-DEP-005', enabled: false },
      { action: 'setSeverity', rule: 'DM-DEP-005', severity: 'error' },
      { action: 'setParam', rule: 'DM-DEP-005', name: 'max_upstream', text: ' 3 ' },
    ]);
  });
});
