import { describe, expect, it } from 'vitest';
import type { Policy } from '../bindings';
import { paramText, waiverFor } from './policy';

// How the next policy follows from a user's action is the core's (mesh-core
// governance/policy_edit.rs tests it); the UI only reads the policy it stores.
describe('reading the policy', () => {
  it('finds the waiver of a finding by entity name or id', () => {
    const p: Policy = { waivers: [{ rule: 'DM-DEP-001', entity: 'orders', reason: 'later', expires: '2030-01-31' }] };
    expect(waiverFor(p, 'DM-DEP-001', ['orders', 'uuid'])?.reason).toBe('later');
    expect(waiverFor(p, 'DM-DEP-002', ['orders'])).toBeNull();
    expect(waiverFor(null, 'DM-DEP-001', ['orders'])).toBeNull();
  });
  it('shows a parameter value as text', () => {
    expect(paramText(['a', 'b'])).toBe('a, b');
    expect(paramText(3)).toBe('3');
  });
});
