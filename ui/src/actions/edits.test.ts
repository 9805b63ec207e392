import { describe, expect, it } from 'vitest';
import { deleteSelection, newDependency, newDomain, newProduct, newTeam, targetDomain } from './edits';
import { modelFromMesh } from '../state/model';
import { smallMesh } from '../test/fixtures';

const model = modelFromMesh(smallMesh());

describe('edit builders', () => {
  it('new domain: unique slug, placed right of the others, in the same edit', () => {
    const built = newDomain(model, 'x');
    expect(built.ops[0]).toMatchObject({ op: 'saveDomain', value: { name: 'new-domain', title: 'New domain' } });
    expect(built.ops[1]).toMatchObject({ op: 'setPosition', value: { entityId: 'x', view: 'mesh' } });
    const pos = built.ops[1]!.op === 'setPosition' ? built.ops[1]!.value : null;
    expect(pos!.x!).toBeGreaterThan(600);
  });

  it('new team gets the next free slug', () => {
    const withTeam = modelFromMesh({ ...smallMesh(), teams: [...smallMesh().teams, { id: 't2', name: 'new-team', title: 'x' }] });
    expect(newTeam(withTeam, 'y').ops[0]).toMatchObject({ value: { name: 'new-team-2' } });
  });

  it('new product: the product, its first port and its position in one edit', () => {
    const built = newProduct(model, 'd2', { product: 'p', port: 'q' });
    expect(built.ops.map((o) => o.op)).toEqual(['saveProduct', 'saveOutputPort', 'setPosition']);
    expect(built.ops[0]).toMatchObject({
      value: { name: 'new-product', displayName: 'New data product', version: '0.1.0', status: 'proposed', archetype: 'source-aligned', domainId: 'd2' },
    });
    expect(built.ops[1]).toMatchObject({ value: { productId: 'p', name: 'output', version: '1.0.0', type: 'table', visibility: 'public', status: 'proposed' } });
  });

  it('picks the domain for a new product from the selection', () => {
    expect(targetDomain(model, [{ kind: 'domain', id: 'd2' }])).toBe('d2');
    expect(targetDomain(model, [{ kind: 'product', id: 'a' }])).toBe('d1');
    expect(targetDomain(model, [])).toBe('d1');
    expect(targetDomain(modelFromMesh({ ...smallMesh(), domains: [] }), [])).toBeNull();
  });

  it('names a new dependency after its provider, unique within the consumer', () => {
    const built = newDependency(model, 'a-out1', 'b', 'z');
    expect(built?.ops[0]).toMatchObject({ op: 'saveInputPort', value: { productId: 'b', name: 'in-orders-2', source: { kind: 'outputPort', portId: 'a-out1' } } });
  });

  it('deletes a multi-selection in one edit, dependents first, skipping cascades', () => {
    const { ops, label } = deleteSelection(model, [
      { kind: 'domain', id: 'd2' },
      { kind: 'product', id: 'b' },
      { kind: 'inputPort', id: 'i1' },
      { kind: 'product', id: 'c' },
    ]);
    expect(ops).toEqual([
      { op: 'deleteProduct', value: 'b' },
      { op: 'deleteProduct', value: 'c' },
      { op: 'deleteDomain', value: 'd2' },
    ]);
    expect(label).toBe('Delete 3 items');
    expect(deleteSelection(model, [{ kind: 'inputPort', id: 'i2' }])).toEqual({ ops: [{ op: 'deleteInputPort', value: 'i2' }], label: null });
  });
});
