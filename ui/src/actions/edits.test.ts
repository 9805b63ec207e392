import { describe, expect, it } from 'vitest';
import { deleteSelection, domainPlace, productPlace, reparentDomain, targetDomain } from './edits';
import { modelFromMesh } from '../state/model';
import { nestedMesh, smallMesh } from '../test/fixtures';
import { meshToFlow } from '../canvas/toFlow';
import { applyChanges } from '../state/model';

const model = modelFromMesh(smallMesh());

describe('edit builders', () => {
  // What a new entity is (names, versions, statuses, types) is the core's: mesh-core
  // create.rs tests it; here only where the canvas draws it.
  it('new domain: placed right of the others', () => {
    const place = domainPlace(model);
    expect(place.view).toBe('mesh');
    expect(place.x).toBeGreaterThan(600);
  });

  it('a domain given a new parent is placed below what the parent holds; given none, right of every domain', () => {
    const nested = modelFromMesh(nestedMesh());
    const d3 = nested.domains.get('d3')!;
    const ops = reparentDomain(nested, d3, 'd1');
    expect(ops[0]).toEqual({ op: 'saveDomain', value: { ...d3, parentId: 'd1' } });
    const at = ops[1]!.op === 'setPosition' ? ops[1]!.value : null;
    // Below product a (stored at y 46 in d1), clear of it.
    const a = meshToFlow(nested).nodes.find((n) => n.id === 'a')!;
    expect(at!.y!).toBeGreaterThanOrEqual(a.position.y + (a.height ?? 0));

    // Applied, the subdomain is drawn inside d1 without covering a.
    const moved = applyChanges(nested, [
      { key: { kind: 'entity', entity: 'domain', id: 'd3' }, before: null, after: { kind: 'domain', value: { ...d3, parentId: 'd1' } } },
      { key: { kind: 'position', entityId: 'd3', view: 'mesh' }, before: null, after: { kind: 'position', value: at! } },
    ]);
    const drawn = meshToFlow(moved).nodes;
    const d1 = drawn.find((n) => n.id === 'd1')!;
    const sub = drawn.find((n) => n.id === 'd3')!;
    expect(sub.position.y).toBeGreaterThanOrEqual(d1.position.y + a.position.y + (a.height ?? 0));
    expect(sub.position.y + (sub.height ?? 0)).toBeLessThanOrEqual(d1.position.y + (d1.height ?? 0));

    const top = reparentDomain(nested, d3, null);
    const topAt = top[1]!.op === 'setPosition' ? top[1]!.value : null;
    const d2 = meshToFlow(nested).nodes.find((n) => n.id === 'd2')!;
    expect(topAt!.x!).toBeGreaterThan(d2.position.x + (d2.width ?? 0));
  });

  it('new product: placed below the subdomains drawn inside its domain too', () => {
    // Laid out: the subdomain stored below d2's product, its product inside it.
    const mesh = nestedMesh();
    mesh.positions.push({ entityId: 'd3', view: 'mesh', x: 24, y: 200 }, { entityId: 'e', view: 'mesh', x: 24, y: 46 });
    const nested = modelFromMesh(mesh);
    const place = productPlace(nested, 'd2');
    const product = { id: 'p', name: 'p', displayName: 'P', version: '0.1.0', domainId: 'd2', status: 'proposed' as const };
    const changes = [
      {
        key: { kind: 'entity' as const, entity: 'product' as const, id: 'p' },
        before: null,
        after: { kind: 'product' as const, value: product },
      },
      {
        key: { kind: 'position' as const, entityId: 'p', view: 'mesh' },
        before: null,
        after: { kind: 'position' as const, value: { entityId: 'p', view: place.view, x: place.x, y: place.y } },
      },
    ];
    const drawn = meshToFlow(applyChanges(nested, changes)).nodes;
    const d2 = drawn.find((n) => n.id === 'd2')!;
    const sub = drawn.find((n) => n.id === 'd3')!;
    const added = drawn.find((n) => n.id === 'p')!;
    // Product positions are relative to their domain; the subdomain is drawn absolute.
    expect(d2.position.y + added.position.y).toBeGreaterThanOrEqual(sub.position.y + (sub.height ?? 0));
    // Without subdomains the place is the same as before: below the lowest product.
    const flat = productPlace(model, 'd2');
    const b = meshToFlow(model).nodes.find((n) => n.id === 'b')!;
    expect(flat.y).toBeGreaterThanOrEqual(b.position.y + (b.height ?? 0));
  });

  it('picks the domain for a new product from the selection', () => {
    expect(targetDomain(model, [{ kind: 'domain', id: 'd2' }])).toBe('d2');
    expect(targetDomain(model, [{ kind: 'product', id: 'a' }])).toBe('d1');
    expect(targetDomain(model, [])).toBe('d1');
    expect(targetDomain(modelFromMesh({ ...smallMesh(), domains: [] }), [])).toBeNull();
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
    expect(deleteSelection(model, [{ kind: 'inputPort', id: 'i2' }])).toEqual({
      ops: [{ op: 'deleteInputPort', value: 'i2' }],
      label: null,
    });
  });
});
