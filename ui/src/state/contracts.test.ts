import { describe, expect, it } from 'vitest';
import type { Contract } from '../bindings';
import { attachOp, contractName, contractRows, filterChoices, portChoices, portLabel } from './contracts';
import { modelFromMesh } from './model';
import { smallMesh } from '../test/fixtures';

const contract = (id: string, contractId: string, outputPortId: string | null, version: string | null = '1.0.0'): Contract => ({
  id,
  contractId,
  version,
  format: 'odcs',
  outputPortId,
  document: { apiVersion: 'v3.1.0', kind: 'DataContract', id: contractId },
});

function model(contracts: Contract[]) {
  return modelFromMesh({ ...smallMesh(), contracts });
}

describe('contracts list', () => {
  it('lists unattached contracts first, each with the port and product it is attached to', () => {
    const rows = contractRows(
      model([contract('k1', 'orders-contract', 'a-out1'), contract('k2', 'postgres', null), contract('k3', 'zeta', 'gone')]),
    );
    expect(rows.map((r) => r.contract.id)).toEqual(['k2', 'k3', 'k1']);
    expect(rows[0]!.port).toBeNull();
    // A port that no longer exists reads as unattached rather than failing.
    expect(rows[1]!.port).toBeNull();
    expect(rows[2]!.port?.id).toBe('a-out1');
    expect(portLabel(rows[2]!.product, rows[2]!.port!)).toBe('orders / orders');
  });

  it('offers every output port as product / port, in order, filtered by every word typed', () => {
    const choices = portChoices(model([]));
    expect(choices.map((c) => c.label)).toEqual(['orders / orders', 'orders / orders-stream', 'revenue / revenue']);
    expect(filterChoices(choices, 'stream', 10).shown.map((c) => c.id)).toEqual(['a-out2']);
    // Titles match too, and every word must.
    expect(filterChoices(choices, 'Revenue 1.0', 10).shown.map((c) => c.id)).toEqual(['b-out']);
    expect(filterChoices(choices, 'orders nothing', 10).shown).toEqual([]);
    const capped = filterChoices(choices, '', 2);
    expect(capped.shown).toHaveLength(2);
    expect(capped.more).toBe(1);
  });

  it('attaches and detaches through saveContract with the whole contract', () => {
    const c = contract('k2', 'postgres', null);
    expect(attachOp(c, 'a-out1')).toEqual({ op: 'saveContract', value: { ...c, outputPortId: 'a-out1' } });
    expect(attachOp({ ...c, outputPortId: 'a-out1' }, null)).toEqual({ op: 'saveContract', value: { ...c, outputPortId: null } });
    expect(contractName(c)).toBe('postgres v1.0.0');
    expect(contractName({ ...c, version: null })).toBe('postgres');
  });
});
