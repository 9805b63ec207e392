import { describe, expect, it } from 'vitest';
import { modelFromMesh } from '../state/model';
import { smallMesh } from '../test/fixtures';
import type { Mesh } from '../bindings';
import { RESULT_LIMIT, commandEntries, entriesOf, indexOf, rank, type CommandInfo } from './search';

const COMMANDS: CommandInfo[] = [
  { id: 'new-product', title: 'New data product', keywords: ['create', 'add'] },
  { id: 'view-table', title: 'Switch to Table view', keywords: ['view', 'spreadsheet'], shortcut: 'Ctrl+2' },
  { id: 'view-ownership', title: 'Switch to Ownership view', keywords: ['view', 'matrix'], shortcut: 'Ctrl+3' },
];

function mesh(): Mesh {
  const m = smallMesh();
  m.products.push(
    {
      id: 'clv',
      name: 'customer-lifetime-value',
      displayName: 'Customer Lifetime Value',
      version: '1.0.0',
      domainId: 'd1',
      status: 'active',
      tags: ['crm', 'finance-kpi'],
    },
    { id: 'c360', name: 'customer-360', displayName: 'Customer 360', version: '1.0.0', domainId: 'd1', status: 'active' },
  );
  return m;
}

const index = (m: Mesh = mesh()) => indexOf(commandEntries(COMMANDS), entriesOf(modelFromMesh(m)));
const ids = (query: string, m?: Mesh) => rank(index(m), query).map((e) => e.id);

describe('entriesOf', () => {
  it('lists every domain, team, product and output port with where it lives', () => {
    const entries = entriesOf(modelFromMesh(mesh()));
    const kinds = entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'domain')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'team')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'product')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'outputPort')).toHaveLength(3);
    const port = entries.find((e) => e.id === 'a-out2')!;
    expect(port).toMatchObject({ title: 'orders-stream', name: 'orders/orders-stream', detail: 'Output port v1.0.0 of Orders' });
    expect(entries.find((e) => e.id === 'b')!.detail).toBe('Data product in Finance');
  });
});

describe('rank', () => {
  it('offers the commands, in their own order, before anything is typed', () => {
    expect(ids('')).toEqual(['new-product', 'view-table', 'view-ownership']);
    expect(ids('   ')).toEqual(['new-product', 'view-table', 'view-ownership']);
  });

  it('finds a product by part of its display name, its slug or a tag', () => {
    expect(ids('lifetime')[0]).toBe('clv');
    expect(ids('customer-lifetime')[0]).toBe('clv');
    expect(ids('finance-kpi')).toEqual(['clv']);
  });

  it('finds domains and teams by title or slug, and ports as product/port', () => {
    expect(ids('finance')[0]).toBe('d2');
    expect(ids('sales-team')[0]).toBe('t1');
    expect(ids('orders/orders-str')).toEqual(['a-out2']);
  });

  it('takes the words in any order and forgives a typo', () => {
    expect(ids('lifetime customer')[0]).toBe('clv');
    expect(ids('lifetime custmer')[0]).toBe('clv');
    expect(ids('custmer 360')[0]).toBe('c360');
  });

  it('ranks a closer match first', () => {
    // "customer 360" is the whole name of one product and only part of another's.
    expect(ids('customer 360')[0]).toBe('c360');
    expect(ids('orders')[0]).toBe('a');
  });

  it('runs commands by name among the entities', () => {
    expect(ids('ownership')[0]).toBe('view-ownership');
    expect(ids('spreadsheet')).toEqual(['view-table']);
    expect(ids('new product')[0]).toBe('new-product');
  });

  it('finds nothing for text nothing holds', () => {
    expect(ids('zzqx')).toEqual([]);
  });

  it(`renders at most ${RESULT_LIMIT} matches of a large mesh, the closest first`, () => {
    const m = mesh();
    for (let i = 0; i < 5000; i++) {
      m.products.push({
        id: `g${i}`,
        name: `generated-${i}`,
        displayName: `Generated product ${i}`,
        version: '1.0.0',
        domainId: 'd1',
        status: 'active',
      });
    }
    const all = rank(index(m), 'generated');
    expect(all).toHaveLength(RESULT_LIMIT);
    expect(all.every((e) => e.title.startsWith('Generated'))).toBe(true);
    expect(ids('generated product 4321', m)[0]).toBe('g4321');
    // Too many to rank one by one: titles starting with the query come first.
    expect(rank(index(m), 'g')[0]!.title.toLowerCase().startsWith('g')).toBe(true);
  });
});
