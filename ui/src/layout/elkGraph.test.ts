import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildElkGraph, flowDepth, inputPortId, positionsFromLayout, setPositionOps, ROOT_ID } from './elkGraph';
import { modelFromMesh } from '../state/model';
import { nestedMesh, smallMesh } from '../test/fixtures';
import { PRODUCT_WIDTH, productHeight } from '../canvas/geometry';

describe('ELK graph', () => {
  const model = modelFromMesh(smallMesh());
  const graph = buildElkGraph(model);

  it('nests products in their domains with fixed sizes and port positions', () => {
    expect(graph.id).toBe(ROOT_ID);
    expect(graph.layoutOptions?.['elk.algorithm']).toBe('rectpacking');
    const d2 = graph.children?.find((c) => c.id === 'd2');
    expect(d2?.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(d2?.children?.map((c) => c.id)).toEqual(['b', 'c']);
    const a = graph.children?.find((c) => c.id === 'd1')?.children?.[0];
    expect(a).toMatchObject({ id: 'a', width: PRODUCT_WIDTH, height: productHeight(2) });
    expect(a?.ports?.map((p) => p.id)).toEqual([inputPortId('a'), 'a-out1', 'a-out2']);
  });

  it('keeps dependencies inside a domain there and orders domains upstream first', () => {
    const d2 = graph.children?.find((c) => c.id === 'd2');
    expect(d2?.edges).toEqual([{ id: 'i2', sources: ['b-out'], targets: [inputPortId('c')] }]);
    expect(graph.edges).toEqual([]);
    expect(graph.children?.map((c) => c.id)).toEqual(['d1', 'd2']);
  });

  it('measures flow depth and survives cycles between domains', () => {
    const e = (from: string, to: string) => ({ id: `${from}->${to}`, sources: [from], targets: [to] });
    const depth = flowDepth(['x', 'y', 'z'], [e('x', 'y'), e('y', 'z')]);
    expect([depth.get('x'), depth.get('y'), depth.get('z')]).toEqual([0, 1, 2]);
    const cyclic = flowDepth(['x', 'y'], [e('x', 'y'), e('y', 'x')]);
    expect(Math.max(...cyclic.values())).toBeLessThanOrEqual(2);
  });

  it('reads positions back: domains absolute, products relative, as setPosition ops', () => {
    const laidOut = {
      id: ROOT_ID,
      children: [
        { id: 'd1', x: 10.4, y: 20, children: [{ id: 'a', x: 24, y: 46 }] },
        {
          id: 'd2',
          x: 500,
          y: 20,
          children: [
            { id: 'b', x: 24, y: 46 },
            { id: 'c', x: 360.6, y: 46 },
          ],
        },
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
    // Reading order follows the flow: the provider domain comes before its consumer
    // (left of it on the same row, or on an earlier row), and the boxes do not overlap.
    const before = (d1?.x ?? 0) + (d1?.width ?? 0) <= (d2?.x ?? 0) || (d1?.y ?? 0) + (d1?.height ?? 0) <= (d2?.y ?? 0);
    expect(before).toBe(true);
  });

  it('nests a subdomain as a box inside its parent, with dependencies at the level that holds both ends', () => {
    const nested = buildElkGraph(modelFromMesh(nestedMesh()));
    expect(nested.children?.map((c) => c.id)).toEqual(['d1', 'd2']);
    const d2 = nested.children!.find((c) => c.id === 'd2')!;
    expect(d2.children?.map((c) => c.id)).toEqual(['b', 'c', 'd3']);
    const d3 = d2.children!.find((c) => c.id === 'd3')!;
    expect(d3.children?.map((c) => c.id)).toEqual(['e']);
    expect(d3.layoutOptions?.['elk.direction']).toBe('RIGHT');
    // b→e and e→c join d2's children: b's port to the d3 box, the d3 box to c's input.
    expect(d2.edges).toContainEqual({ id: 'i4', sources: ['b-out'], targets: ['d3'] });
    expect(d2.edges).toContainEqual({ id: 'i5', sources: ['d3'], targets: [inputPortId('c')] });
    expect(d3.edges).toBeUndefined();
  });

  it('lays a nested mesh out with ELK and reads positions back relative to each parent', async () => {
    const result = await new ELK().layout(buildElkGraph(modelFromMesh(nestedMesh())));
    const positions = positionsFromLayout(result);
    expect(positions.map((p) => p.entityId).sort()).toEqual(['a', 'b', 'c', 'd1', 'd2', 'd3', 'e']);
    const d2 = result.children!.find((c) => c.id === 'd2')!;
    const d3 = d2.children!.find((c) => c.id === 'd3')!;
    // d3 lies within d2, in d2's coordinates.
    expect(positions).toContainEqual({ entityId: 'd3', view: 'mesh', x: Math.round(d3.x!), y: Math.round(d3.y!) });
    expect(d3.x! + d3.width!).toBeLessThanOrEqual(d2.width!);
    expect(d3.y! + d3.height!).toBeLessThanOrEqual(d2.height!);
  });
});
