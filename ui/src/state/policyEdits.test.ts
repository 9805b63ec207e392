import { describe, expect, it } from 'vitest';
import type { CustomRule, Policy } from '../bindings';
import {
  parseParam,
  paramText,
  waiverFor,
  withCustomRule,
  withRuleChange,
  withWaiver,
  withoutCustomRule,
  withoutWaiver,
} from './policyEdits';

describe('waivers', () => {
  it('adds one waiver per rule and entity, trimmed, expiry only when given', () => {
    let p: Policy = {};
    p = withWaiver(p, { rule: 'DM-DEP-001', entity: 'orders', reason: '  planned split ', expires: null });
    expect(p.waivers).toEqual([{ rule: 'DM-DEP-001', entity: 'orders', reason: 'planned split' }]);
    p = withWaiver(p, { rule: 'DM-DEP-001', entity: 'orders', reason: 'later', expires: '2030-01-31' });
    expect(p.waivers).toEqual([{ rule: 'DM-DEP-001', entity: 'orders', reason: 'later', expires: '2030-01-31' }]);
    expect(waiverFor(p, 'DM-DEP-001', ['orders', 'uuid'])?.reason).toBe('later');
    expect(waiverFor(p, 'DM-DEP-002', ['orders'])).toBeNull();
    expect(withoutWaiver(p, 'DM-DEP-001', ['uuid', 'orders']).waivers).toEqual([]);
  });
});

describe('withRuleChange', () => {
  it('stores only what differs from the defaults', () => {
    let p: Policy = {};
    p = withRuleChange(p, 'DM-DEP-005', { enabled: false }, 'warning');
    expect(p.rules).toEqual({ 'DM-DEP-005': { enabled: false } });
    p = withRuleChange(p, 'DM-DEP-005', { severity: 'error', param: { name: 'max_upstream', value: 3 } }, 'warning');
    expect(p.rules).toEqual({ 'DM-DEP-005': { enabled: false, severity: 'error', params: { max_upstream: 3 } } });
    p = withRuleChange(p, 'DM-DEP-005', { enabled: true, severity: 'warning' }, 'warning');
    expect(p.rules).toEqual({ 'DM-DEP-005': { params: { max_upstream: 3 } } });
    p = withRuleChange(p, 'DM-DEP-005', { param: { name: 'max_upstream', value: undefined } }, 'warning');
    expect(p.rules).toEqual({});
  });
});

describe('custom rules', () => {
  const rule: CustomRule = { id: 'ACME-A-001', target: 'product', assert: 'true', message: 'm', severity: 'info' };
  it('adds, renames with its settings, and removes', () => {
    let p = withCustomRule({}, rule, null);
    expect(p.customRules).toEqual([rule]);
    p = withRuleChange(p, 'ACME-A-001', { enabled: false }, 'info');
    p = withCustomRule(p, { ...rule, id: 'ACME-B-001' }, 'ACME-A-001');
    expect(p.customRules?.map((r) => r.id)).toEqual(['ACME-B-001']);
    expect(p.rules).toEqual({ 'ACME-B-001': { enabled: false } });
    p = withoutCustomRule(p, 'ACME-B-001');
    expect(p.customRules).toEqual([]);
    expect(p.rules).toEqual({});
  });
});

describe('parameters', () => {
  it('parses typed text and says what was expected', () => {
    expect(parseParam('integer', ' 12 ')).toEqual({ value: 12 });
    expect(parseParam('integer', '-1')).toEqual({ error: 'a whole number (0 or more)' });
    expect(parseParam('number', '0.5')).toEqual({ value: 0.5 });
    expect(parseParam('number', 'x')).toEqual({ error: 'a number' });
    expect(parseParam('boolean', 'true')).toEqual({ value: true });
    expect(parseParam('list', 'a, b,,c')).toEqual({ value: ['a', 'b', 'c'] });
    expect(parseParam('pattern', '^[a-z]+$')).toEqual({ value: '^[a-z]+$' });
    expect(paramText(['a', 'b'])).toBe('a, b');
    expect(paramText(3)).toBe('3');
  });
});
