import { describe, expect, it } from 'vitest';
import { meshToFlow, newFlowCache, unresolvedByProduct, INPUT_HANDLE_ID } from './toFlow';
import { applyChanges, modelFromMesh } from '../state/model';
import { nestedMesh, smallMesh } from '../test/fixtures';
import { DOMAIN_PAD_BOTTOM, DOMAIN_PAD_SIDE, PRODUCT_WIDTH, danglingSlots, productHeight } from './geometry';

describe('meshToFlow', () => {
  const model = modelFromMesh(smallMesh());
  const { nodes, edges } = meshToFlow(model);

  it('draws domains as groups before their products, which sit inside them', () => {
    const ids = nodes.map((n) => n.id);
    expect(nodes.filter((n) => n.type === 'domain').map((n) => n.id)).toEqual(['d1', 'd2']);
    const b = nodes.find((n) => n.id === 'b')!;
    expect(b.parentId).toBe('d2');
    expect(ids.indexOf('d2')).toBeLessThan(ids.indexOf('b'));
    expect(b.position).toEqual({ x: 24, y: 46 });
  });

  it('sizes domains from their children', () => {
    const d2 = nodes.find((n) => n.id === 'd2')!;
    expect(d2.width).toBe(340 + PRODUCT_WIDTH + 24);
    expect(d2.height).toBeGreaterThanOrEqual(46 + productHeight(1));
  });

  it('gives each product an input handle and one source handle per output port, in port order', () => {
    const a = nodes.find((n) => n.id === 'a')!;
    expect(a.type).toBe('product');
    expect(a.handles?.map((h) => [h.id, h.type])).toEqual([
      [INPUT_HANDLE_ID, 'target'],
      ['a-out1', 'source'],
      ['a-out2', 'source'],
    ]);
    expect(a.height).toBe(productHeight(2));
    if (a.type === 'product') expect(a.data.ownerTitle).toBe('Sales Team');
  });

  it('draws dependencies on output ports as edges keyed by input port id; source systems are not edges', () => {
    expect(edges.map((e) => e.id).sort()).toEqual(['i1', 'i2']);
    const i1 = edges.find((e) => e.id === 'i1')!;
    expect(i1).toMatchObject({ source: 'a', sourceHandle: 'a-out1', target: 'b', targetHandle: INPUT_HANDLE_ID });
    expect(edges.find((e) => e.id === 'i2')?.data?.fading).toBe(true);
  });

  // An edit of one product field only, as the inspector sends it.
  const renameB = () =>
    applyChanges(model, [
      {
        key: { kind: 'entity', entity: 'product', id: 'b' },
        before: null,
        after: { kind: 'product', value: { ...model.products.get('b')!, displayName: 'Income' } },
      },
    ]);

  it('reuses node objects of unchanged products', () => {
    const cache = newFlowCache();
    const first = meshToFlow(model, cache);
    const next = renameB();
    const second = meshToFlow(next, cache);
    const pick = (g: typeof first, id: string) => g.nodes.find((n) => n.id === id);
    expect(pick(second, 'a')).toBe(pick(first, 'a'));
    expect(pick(second, 'b')).not.toBe(pick(first, 'b'));
  });

  it('keeps unchanged domain nodes and the whole edge list when only a product field changes', () => {
    const cache = newFlowCache();
    const first = meshToFlow(model, cache);
    const next = renameB();
    const second = meshToFlow(next, cache);
    expect(second.edges).toBe(first.edges);
    const domains = (g: typeof first) => g.nodes.filter((n) => n.type === 'domain');
    expect(domains(second).length).toBeGreaterThan(0);
    domains(second).forEach((n, i) => expect(n).toBe(domains(first)[i]));
  });

  it('re-derives edges when a product they join is deleted, and matches a fresh derivation', () => {
    const cache = newFlowCache();
    const first = meshToFlow(model, cache);
    const joined = first.edges[0]!;
    const next = applyChanges(model, [{ key: { kind: 'entity', entity: 'product', id: joined.target }, before: null, after: null }]);
    const second = meshToFlow(next, cache);
    expect(second.edges).not.toBe(first.edges);
    expect(second.edges.some((e) => e.id === joined.id)).toBe(false);
    expect(second).toEqual(meshToFlow(next));
  });

  it('places products without a position inside their domain', () => {
    const mesh = smallMesh();
    const unplaced = meshToFlow(modelFromMesh({ ...mesh, positions: [] }));
    const c = unplaced.nodes.find((n) => n.id === 'c')!;
    expect(c.parentId).toBe('d2');
    expect(Number.isFinite(c.position.x) && Number.isFinite(c.position.y)).toBe(true);
    const d1 = unplaced.nodes.find((n) => n.id === 'd1')!;
    const d2 = unplaced.nodes.find((n) => n.id === 'd2')!;
    expect(d2.position.x).toBeGreaterThanOrEqual(d1.position.x + (d1.width ?? 0));
  });

  it("draws a subdomain inside its parent, after it, below the parent's products, with the parent grown around it", () => {
    const { nodes: nested } = meshToFlow(modelFromMesh(nestedMesh()));
    const ids = nested.map((n) => n.id);
    const d2 = nested.find((n) => n.id === 'd2')!;
    const d3 = nested.find((n) => n.id === 'd3')!;
    const b = nested.find((n) => n.id === 'b')!;
    const e = nested.find((n) => n.id === 'e')!;
    // Drawn as a top-level node at its parent's position plus its own.
    expect(d3.parentId).toBeUndefined();
    expect(d3.type === 'domain' && d3.data.origin).toEqual(d2.position);
    expect(e.parentId).toBe('d3');
    expect(ids.indexOf('d2')).toBeLessThan(ids.indexOf('d3'));
    expect(ids.indexOf('d3')).toBeLessThan(ids.indexOf('e'));
    const relX = d3.position.x - d2.position.x;
    const relY = d3.position.y - d2.position.y;
    expect(relY).toBeGreaterThanOrEqual(b.position.y + (b.height ?? 0));
    expect(d2.width).toBeGreaterThanOrEqual(relX + (d3.width ?? 0) + DOMAIN_PAD_SIDE);
    expect(d2.height).toBe(relY + (d3.height ?? 0) + DOMAIN_PAD_BOTTOM);
  });

  it('places a subdomain at its stored position, relative to its parent', () => {
    const mesh = nestedMesh();
    mesh.positions.push({ entityId: 'd3', view: 'mesh', x: 700, y: 60 });
    const { nodes: nested } = meshToFlow(modelFromMesh(mesh));
    const d3 = nested.find((n) => n.id === 'd3')!;
    // d2 is stored at (600, 0).
    expect(d3.position).toEqual({ x: 1300, y: 60 });
    expect(nested.find((n) => n.id === 'd2')!.width).toBe(700 + (d3.width ?? 0) + DOMAIN_PAD_SIDE);
  });

  it('gives the same graph on the quick path for field edits as a full pass, sharing unchanged nodes', () => {
    const cache = newFlowCache();
    const first = meshToFlow(model, cache);
    const renamed = renameB();
    const quick = meshToFlow(renamed, cache);
    expect(quick).toEqual(meshToFlow(renamed));
    expect(quick.edges).toBe(first.edges);
    expect(quick.nodes.find((n) => n.id === 'a')).toBe(first.nodes.find((n) => n.id === 'a'));
    // A new owner team shows its title: still a field edit of the product.
    const owned = applyChanges(renamed, [
      {
        key: { kind: 'entity', entity: 'product', id: 'c' },
        before: null,
        after: { kind: 'product', value: { ...renamed.products.get('c')!, ownerTeamId: 't1' } },
      },
    ]);
    const quickOwned = meshToFlow(owned, cache);
    expect(quickOwned).toEqual(meshToFlow(owned));
    const c = quickOwned.nodes.find((n) => n.id === 'c');
    expect(c?.type === 'product' && c.data.ownerTitle).toBe('Sales Team');
    // Moving a product to another domain is not a field edit: the full pass runs.
    const moved = applyChanges(owned, [
      {
        key: { kind: 'entity', entity: 'product', id: 'c' },
        before: null,
        after: { kind: 'product', value: { ...owned.products.get('c')!, domainId: 'd1' } },
      },
    ]);
    const full = meshToFlow(moved, cache);
    expect(full).toEqual(meshToFlow(moved));
    expect(full.nodes.find((n) => n.id === 'c')?.parentId).toBe('d1');
  });

  describe('unresolved inputs', () => {
    // c reads a contract no file and no mesh holds, twice; a's source-system input stays as it was.
    const dangling = applyChanges(model, [
      {
        key: { kind: 'entity', entity: 'inputPort', id: 'u1' },
        before: null,
        after: {
          kind: 'inputPort',
          value: { id: 'u1', productId: 'c', name: 'raw-orders', source: { kind: 'unresolved', reference: 'shop-orders-contract' } },
        },
      },
      {
        key: { kind: 'entity', entity: 'inputPort', id: 'u2' },
        before: null,
        after: {
          kind: 'inputPort',
          value: { id: 'u2', productId: 'c', name: 'raw-stock', source: { kind: 'unresolved', reference: 'stock-contract' } },
        },
      },
    ]);

    it('are no edge, but go to their consumer node with their references, in order', () => {
      const { nodes: drawn, edges: lines } = meshToFlow(dangling);
      expect(lines.map((e) => e.id).sort()).toEqual(['i1', 'i2']);
      const c = drawn.find((n) => n.id === 'c');
      const refs = c?.type === 'product' ? c.data.unresolved.map((i) => (i.source.kind === 'unresolved' ? i.source.reference : '')) : [];
      expect(refs).toEqual(['shop-orders-contract', 'stock-contract']);
      const a = drawn.find((n) => n.id === 'a');
      expect(a?.type === 'product' && a.data.unresolved).toEqual([]);
      expect([...unresolvedByProduct(dangling).keys()]).toEqual(['c']);
    });

    it('redraw only their consumer when they appear, and survive the quick path of field edits', () => {
      const cache = newFlowCache();
      const first = meshToFlow(model, cache);
      const second = meshToFlow(dangling, cache);
      const pick = (g: typeof first, id: string) => g.nodes.find((n) => n.id === id);
      expect(pick(second, 'a')).toBe(pick(first, 'a'));
      expect(pick(second, 'c')).not.toBe(pick(first, 'c'));
      const renamed = applyChanges(dangling, [
        {
          key: { kind: 'entity', entity: 'product', id: 'c' },
          before: null,
          after: { kind: 'product', value: { ...dangling.products.get('c')!, displayName: 'Key figures' } },
        },
      ]);
      const quick = meshToFlow(renamed, cache);
      expect(quick).toEqual(meshToFlow(renamed));
      const c = pick(quick, 'c');
      expect(c?.type === 'product' && c.data.unresolved.length).toBe(2);
    });

    it('fit beside the node: three beside a node with one port row', () => {
      expect(danglingSlots(productHeight(0))).toBe(3);
      expect(danglingSlots(productHeight(4))).toBeGreaterThan(3);
    });
  });
});
