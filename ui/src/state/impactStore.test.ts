import { describe, expect, it } from 'vitest';
import type { Affected, Impact } from '../bindings';
import { targetOf } from '../actions/impact';
import { litEdgesOf, rolesOf } from './impactStore';
import { modelFromMesh } from './model';
import { smallMesh } from '../test/fixtures';

const affected = (id: string, distance: number): Affected => ({
  id,
  name: id,
  displayName: id,
  distance,
  domain: 'sales',
  ownerTeam: null,
});

describe('impact highlight', () => {
  // In the fixture c reads b, which reads a.
  const model = modelFromMesh(smallMesh());
  const impact: Impact = { product: 'b', port: null, depth: null, upstream: [affected('a', 1)], downstream: [affected('c', 1)] };

  it('gives each reached product its role, the target its own', () => {
    const roles = rolesOf(impact);
    expect([...roles]).toEqual([
      ['a', 'upstream'],
      ['c', 'downstream'],
      ['b', 'target'],
    ]);
  });

  it('lights only the dependencies between two highlighted products', () => {
    expect([...litEdgesOf(model, rolesOf(impact))].sort()).toEqual(['i1', 'i2']);
    const upstreamOnly: Impact = { ...impact, downstream: [] };
    expect([...litEdgesOf(model, rolesOf(upstreamOnly))]).toEqual(['i1']);
  });

  it('asks about one product or one output port, nothing else', () => {
    expect(targetOf(model, [{ kind: 'product', id: 'a' }])).toEqual({ kind: 'product', product: 'a' });
    expect(targetOf(model, [{ kind: 'outputPort', id: 'a-out1' }])).toEqual({ kind: 'port', product: 'a', port: 'a-out1' });
    expect(targetOf(model, [{ kind: 'team', id: 't1' }])).toBeNull();
    expect(
      targetOf(model, [
        { kind: 'product', id: 'a' },
        { kind: 'product', id: 'b' },
      ]),
    ).toBeNull();
  });
});
