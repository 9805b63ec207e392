import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildElkGraph, inputPortId, positionsFromLayout, setPositionOps, ROOT_ID } from './elkGraph';
import { modelFromMesh } from '../state/model';
import { smallMesh } from '../test/fixtures';
import { PRODUCT_WIDTH, productHeight } from '../canvas/geometry';

describe('ELK graph', () => {
  const model = modelFromMesh(smallMesh());
  const graph = buildElkGraph(model);

  it('nests products in their domains with fixed sizes and port positions', () => {
    expect(graph.id).toBe(ROOT_ID);
    expect(graph.layoutOptions?.['elk.direction']).toBe('RIGHT');
    const d2 = graph.children?.find((c) => c.id === 'd2');
    expect(d2?.children?.map((c) => c.id)).toEqual(['b', 'c']);
    const a = graph.children?.find((c) => c.id === 'd1')?.children?.[0];
    expect(a).toMatchObject({ id: 'a', width: PRODUCT_WIDTH, height: productHeight(2) });
    expect(a?.ports?.map((p) => p.id)).toEqual([inputPortId('a'), 'a-out1', 'a-out2']);
  });

  it('keeps dependencies inside a domain there and joins domains once per pair', () => {
    const d2 = graph.children?.find((c) => c.id === 'd2');
    expect(d2?.edges).toEqual([{ id: 'i2', sources: ['b-out'], targets: [inputPortId('c')] }]);
    expect(graph.edges).toEqual([{ id: 'd1->d2', sources: ['d1'], targets: ['d2'] }]);
  });

  it('reads positions back: domains absolute, products relative, as setPosition ops', () => {
    const laidOut = {
      id: ROOT_ID,
      children: [
        { id: 'd1', x: 10.4, y: 20, children: [{ id: 'a', x: 24, y: 46 }] },
        { id: 'd2', x: 500, y: 20, children: [{ id: 'b', x: 24, y: 46 }, { id: 'c', x: 360.6, y: 46 }] },
      ],
    };
    const positions = positionsFromLayout(laidOut);
    expect(positions).toContainEqual({ entityId: 'd1', view: 'mesh', x: 10, y: 20 });
    expect(positions).toContainEqual({ entityId: 'c', view: 'mesh', x: 361, y: 46 });
    expect(setPositionOps(positions)).toHaveLength(5);
    expect(setPositionOps(positions)[0]?.op).toBe('setPosition');
  });

  it('is a graph ELK can lay out', async () => {
    const result = await new ELK().layout(graph);
    const positions = positionsFromLayout(result);
    expect(positions.map((p) => p.entityId).sort()).toEqual(['a', 'b', 'c', 'd1', 'd2']);
    const d1 = result.children?.find((c) => c.id === 'd1');
    const d2 = result.children?.find((c) => c.id === 'd2');
    // Flow goes right: the provider domain is left of its consumer.
    expect((d1?.x ?? 0) + (d1?.width ?? 0)).toBeLessThanOrEqual(d2?.x ?? 0);
  });
});
