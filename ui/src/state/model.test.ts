import { describe, expect, it } from 'vitest';
import type { Change } from '../bindings';
import { applyChanges, modelFromMesh, portsByProduct, positionKey, positionOf, hasViewPositions } from './model';
import { smallMesh } from '../test/fixtures';

describe('applyChanges', () => {
  it('creates, updates and deletes entities by kind', () => {
    const before = modelFromMesh(smallMesh());
    const changes: Change[] = [
      {
        key: { kind: 'entity', entity: 'domain', id: 'd3' },
        before: null,
        after: { kind: 'domain', value: { id: 'd3', name: 'new-domain', title: 'New domain' } },
      },
      {
        key: { kind: 'entity', entity: 'product', id: 'a' },
        before: { kind: 'product', value: before.products.get('a')! },
        after: { kind: 'product', value: { ...before.products.get('a')!, displayName: 'Order Lines' } },
      },
      { key: { kind: 'entity', entity: 'inputPort', id: 'i2' }, before: null, after: null },
      {
        key: { kind: 'position', entityId: 'd3', view: 'mesh' },
        before: null,
        after: { kind: 'position', value: { entityId: 'd3', view: 'mesh', x: 10, y: 20 } },
      },
    ];
    const after = applyChanges(before, changes);
    expect(after.domains.get('d3')?.title).toBe('New domain');
    expect(after.products.get('a')?.displayName).toBe('Order Lines');
    expect(after.inputPorts.has('i2')).toBe(false);
    expect(positionOf(after, 'd3')).toEqual({ x: 10, y: 20 });
    // The old model is untouched and untouched maps keep their identity.
    expect(before.products.get('a')?.displayName).toBe('Orders');
    expect(before.inputPorts.has('i2')).toBe(true);
    expect(after.teams).toBe(before.teams);
    expect(after.products).not.toBe(before.products);
  });

  it('applies undo-shaped changes (before/after swapped) back to the original', () => {
    const start = modelFromMesh(smallMesh());
    const product = start.products.get('c')!;
    const del: Change[] = [
      {
        key: { kind: 'entity', entity: 'inputPort', id: 'i2' },
        before: { kind: 'inputPort', value: start.inputPorts.get('i2')! },
        after: null,
      },
      { key: { kind: 'entity', entity: 'product', id: 'c' }, before: { kind: 'product', value: product }, after: null },
      {
        key: { kind: 'position', entityId: 'c', view: 'mesh' },
        before: { kind: 'position', value: start.positions.get(positionKey('c', 'mesh'))! },
        after: null,
      },
    ];
    const deleted = applyChanges(start, del);
    expect(deleted.products.has('c')).toBe(false);
    expect(positionOf(deleted, 'c')).toBeNull();
    const undo: Change[] = [...del].reverse().map((c) => ({ key: c.key, before: c.after, after: c.before }));
    const restored = applyChanges(deleted, undo);
    expect(restored.products.get('c')).toEqual(product);
    expect(restored.inputPorts.get('i2')).toEqual(start.inputPorts.get('i2'));
    expect(positionOf(restored, 'c')).toEqual({ x: 340, y: 46 });
  });

  it('updates the mesh header', () => {
    const after = applyChanges(modelFromMesh(smallMesh()), [
      { key: { kind: 'mesh' }, before: null, after: { kind: 'mesh', value: { name: 'Renamed', namespace: 'com.test' } } },
    ]);
    expect(after.info.name).toBe('Renamed');
  });

  it('leaves the drawn model alone when only the policy changes', () => {
    const model = modelFromMesh(smallMesh());
    const after = applyChanges(model, [{ key: { kind: 'policy' }, before: null, after: { kind: 'policy', value: { rules: {} } } }]);
    expect(after.products).toBe(model.products);
    expect(after.info).toBe(model.info);
  });

  it('knows when a view has no positions', () => {
    expect(hasViewPositions(modelFromMesh(smallMesh()))).toBe(true);
    expect(hasViewPositions(modelFromMesh({ ...smallMesh(), positions: [] }))).toBe(false);
  });
});

describe('portsByProduct', () => {
  it('groups ports by product in name order and regroups only when the ports change', () => {
    const model = modelFromMesh(smallMesh());
    const grouped = portsByProduct(model);
    expect(grouped.get('a')?.map((p) => p.id)).toEqual(['a-out1', 'a-out2']);
    expect(grouped.get('c')).toBeUndefined();

    // A product edit leaves the ports map alone, so the grouping is the same object.
    const renamed = applyChanges(model, [
      {
        key: { kind: 'entity', entity: 'product', id: 'c' },
        before: { kind: 'product', value: model.products.get('c')! },
        after: { kind: 'product', value: { ...model.products.get('c')!, displayName: 'Key figures' } },
      },
    ]);
    expect(portsByProduct(renamed)).toBe(grouped);

    // A new port on c is seen at once.
    const port = {
      id: 'c-out',
      productId: 'c',
      name: 'kpis',
      version: '1.0.0',
      type: 'table',
      visibility: 'public',
      status: 'active',
    } as const;
    const withPort = applyChanges(renamed, [
      { key: { kind: 'entity', entity: 'outputPort', id: 'c-out' }, before: null, after: { kind: 'outputPort', value: port } },
    ]);
    expect(
      portsByProduct(withPort)
        .get('c')
        ?.map((p) => p.id),
    ).toEqual(['c-out']);
    expect(portsByProduct(renamed).get('c')).toBeUndefined();
  });
});
