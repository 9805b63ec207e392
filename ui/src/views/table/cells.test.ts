import { describe, expect, it } from 'vitest';
import { modelFromMesh } from '../../state/model';
import { smallMesh } from '../../test/fixtures';
import { defaultDomain, displayRows, referenceNames } from './cells';

function model() {
  const mesh = smallMesh();
  mesh.products[0] = {
    ...mesh.products[0]!,
    tags: ['sales', 'core'],
    description: { purpose: 'Every order placed' },
  };
  mesh.teams[0] = { ...mesh.teams[0]!, teamType: 'stream-aligned', email: 'sales@example.com' };
  mesh.domains.push({ id: 'd3', name: 'billing', title: 'Billing', parentId: 'd2', ownerTeamId: 't1' });
  return modelFromMesh(mesh);
}

describe('display cells', () => {
  it('lists only what the filter shows: its products, their ports, its domains', () => {
    const m = model();
    const shown = { products: new Set(['b']), domains: new Set(['d2']) };
    expect(displayRows(m, 'products', shown).map((r) => r.id)).toEqual(['b']);
    const ports = displayRows(m, 'ports', shown).map((r) => r.id);
    expect(ports).toEqual([...m.outputPorts.values()].filter((p) => p.productId === 'b').map((p) => p.id));
    expect(displayRows(m, 'domains', shown).map((r) => r.id)).toEqual(['d2']);
    expect(displayRows(m, 'teams', shown)).toHaveLength(m.teams.size);
  });

  it('shows a product with references as slug names, tags joined, unset choices empty', () => {
    const rows = displayRows(model(), 'products');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]!.cells).toEqual({
      displayName: 'Orders',
      name: 'orders',
      domain: 'sales',
      ownerTeam: 'sales-team',
      status: 'active',
      archetype: 'source-aligned',
      version: '1.0.0',
      purpose: 'Every order placed',
      tags: 'sales, core',
    });
    expect(rows[2]!.cells).toMatchObject({ ownerTeam: '', archetype: '', purpose: '', tags: '' });
  });

  it('shows ports with their product, teams with their type, domains with their parent', () => {
    const m = model();
    expect(displayRows(m, 'ports').find((r) => r.id === 'a-out1')!.cells).toEqual({
      product: 'orders',
      name: 'orders',
      portType: 'table',
      visibility: 'public',
      status: 'active',
      version: '1.0.0',
      description: '',
    });
    expect(displayRows(m, 'teams')[0]!.cells).toEqual({
      title: 'Sales Team',
      name: 'sales-team',
      teamType: 'stream-aligned',
      email: 'sales@example.com',
      description: '',
    });
    const domains = displayRows(m, 'domains');
    expect(domains.find((r) => r.id === 'd3')!.cells).toMatchObject({ parent: 'finance', ownerTeam: 'sales-team' });
    expect(domains.find((r) => r.id === 'd1')!.cells).toMatchObject({ parent: '', ownerTeam: '' });
  });

  it('completes references from the sorted slug names', () => {
    expect(referenceNames(model(), 'domains')).toEqual(['billing', 'finance', 'sales']);
  });
});

describe('the domain of a new product', () => {
  it('takes the row above, else the last one used, else the selected one', () => {
    const m = model();
    expect(defaultDomain(m, 'b', 'd1', 'd3')).toBe('d2');
    expect(defaultDomain(m, null, 'd1', 'd3')).toBe('d1');
    expect(defaultDomain(m, null, null, 'd3')).toBe('d3');
    // A domain deleted meanwhile is skipped; nothing known leaves it to the core.
    expect(defaultDomain(m, null, 'gone', null)).toBeNull();
  });
});
