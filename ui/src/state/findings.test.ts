import { describe, expect, it } from 'vitest';
import type { EntityRef, Finding, Severity } from '../bindings';
import { modelFromMesh } from './model';
import { smallMesh } from '../test/fixtures';
import { NO_FILTERS, filterFindings, placeOf, worse, worstByNode } from './findings';

const model = modelFromMesh(smallMesh());

function finding(ruleId: string, severity: Severity, entity: EntityRef, waived: string | null = null): Finding {
  return { ruleId, category: 'dependencies', severity, entity, message: `${ruleId} on ${entity.name}`, fixHint: '', evidence: [], waived };
}

const product = (id: string, name: string): EntityRef => ({ kind: 'product', id, name });

describe('placeOf', () => {
  it('locates products, ports, dependencies, domains and teams', () => {
    expect(placeOf(model, product('a', 'orders'))).toEqual({
      select: { kind: 'product', id: 'a' },
      node: 'a',
      productId: 'a',
      domainId: 'd1',
      teamId: 't1',
    });
    const port = placeOf(model, { kind: 'outputPort', id: 'b-out', name: 'revenue/revenue@1.0.0' });
    expect(port.select).toEqual({ kind: 'outputPort', id: 'b-out' });
    expect(port.node).toBe('b');
    expect(port.domainId).toBe('d2');
    const input = placeOf(model, { kind: 'inputPort', id: 'i2', name: 'kpis/in-revenue' });
    expect(input.node).toBe('c');
    expect(input.select).toEqual({ kind: 'inputPort', id: 'i2' });
    expect(placeOf(model, { kind: 'domain', id: 'd2', name: 'finance' }).node).toBe('d2');
    const team = placeOf(model, { kind: 'team', id: 't1', name: 'sales-team' });
    expect(team.select).toEqual({ kind: 'team', id: 't1' });
    expect(team.node).toBeNull();
  });

  it('puts the policy and vanished entities nowhere', () => {
    expect(placeOf(model, { kind: 'policy', name: 'ACME-X-001' }).select).toBeNull();
    expect(placeOf(model, product('gone', 'gone')).node).toBeNull();
  });
});

describe('filterFindings', () => {
  const findings = [
    finding('DM-DEP-001', 'error', product('a', 'orders')),
    finding('DM-DEP-001', 'error', product('b', 'revenue'), 'accepted'),
    finding('DM-DOC-001', 'warning', product('c', 'kpis')),
    finding('DM-OWN-002', 'info', { kind: 'team', id: 't1', name: 'sales-team' }),
  ];
  const rules = (f: Finding[]) => f.map((x) => `${x.ruleId}:${x.entity.name}`);

  it('keeps everything without filters, waived findings included', () => {
    expect(filterFindings(model, findings, NO_FILTERS)).toHaveLength(4);
  });

  it('filters by severity, rule, domain, team and waived state', () => {
    expect(rules(filterFindings(model, findings, { ...NO_FILTERS, severities: ['warning', 'info'] }))).toEqual([
      'DM-DOC-001:kpis',
      'DM-OWN-002:sales-team',
    ]);
    expect(rules(filterFindings(model, findings, { ...NO_FILTERS, rule: 'DM-DEP-001' }))).toEqual([
      'DM-DEP-001:orders',
      'DM-DEP-001:revenue',
    ]);
    expect(rules(filterFindings(model, findings, { ...NO_FILTERS, domain: 'd2' }))).toEqual(['DM-DEP-001:revenue', 'DM-DOC-001:kpis']);
    expect(rules(filterFindings(model, findings, { ...NO_FILTERS, team: 't1' }))).toEqual(['DM-DEP-001:orders', 'DM-OWN-002:sales-team']);
    expect(rules(filterFindings(model, findings, { ...NO_FILTERS, showWaived: false }))).not.toContain('DM-DEP-001:revenue');
  });
});

describe('worstByNode', () => {
  it('gives products and domains their worst unwaived severity', () => {
    const worst = worstByNode(model, [
      finding('DM-DOC-001', 'warning', product('a', 'orders')),
      finding('DM-DEP-001', 'error', { kind: 'outputPort', id: 'a-out1', name: 'orders/orders@1.0.0' }),
      finding('DM-DEP-001', 'error', product('b', 'revenue'), 'accepted'),
      finding('DM-DOC-002', 'info', product('c', 'kpis')),
      finding('DM-DOM-001', 'warning', { kind: 'domain', id: 'd2', name: 'finance' }),
    ]);
    expect(worst.get('a')).toBe('error');
    expect(worst.get('d1')).toBe('error');
    // The waived error on b raises nothing; the domain's own warning beats c's info.
    expect(worst.has('b')).toBe(false);
    expect(worst.get('c')).toBe('info');
    expect(worst.get('d2')).toBe('warning');
  });

  it('orders severities', () => {
    expect(worse(null, 'info')).toBe('info');
    expect(worse('warning', 'error')).toBe('error');
    expect(worse('error', 'info')).toBe('error');
  });
});
