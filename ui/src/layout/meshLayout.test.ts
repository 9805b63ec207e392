import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Mesh } from '../bindings';
import { buildElkGraph, LARGE, positionsFromLayout, ROOT_ID } from './elkGraph';
import { FAST_LAYERED, layoutDomain, layoutMesh, type PlaceDomain } from './meshLayout';
import { layeredLayout } from './layered';
import { modelFromMesh } from '../state/model';
import { nestedMesh, smallMesh } from '../test/fixtures';

/** More than LARGE products in four domains; each reads the previous one and one in the next domain. */
function largeMesh(): Mesh {
  const base = smallMesh();
  const count = LARGE + 20;
  const domains = [0, 1, 2, 3].map((d) => ({ id: `d${d}`, name: `d${d}`, title: `D${d}` }));
  const products = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    name: `p${i}`,
    displayName: `P${i}`,
    version: '1.0.0',
    domainId: `d${i % 4}`,
    status: 'active' as const,
  }));
  const outputPorts = products.map((p) => ({
    id: `${p.id}-out`,
    productId: p.id,
    name: 'out',
    version: '1.0.0',
    type: 'table',
    visibility: 'public' as const,
    status: 'active' as const,
  }));
  const inputPorts = products.flatMap((p, i) =>
    [i - 4, i - 3]
      .filter((j) => j >= 0)
      .map((j) => ({
        id: `${p.id}-in${j}`,
        productId: p.id,
        name: `in${j}`,
        source: { kind: 'outputPort' as const, portId: `p${j}-out` },
      })),
  );
  return { ...base, domains, products, outputPorts, inputPorts, positions: [] } as Mesh;
}

const inside = (box: ElkNode, child: ElkNode) =>
  (child.x ?? -1) >= 0 &&
  (child.y ?? -1) >= 0 &&
  (child.x ?? 0) + (child.width ?? 0) <= (box.width ?? 0) &&
  (child.y ?? 0) + (child.height ?? 0) <= (box.height ?? 0);

const disjoint = (a: ElkNode, b: ElkNode) =>
  (a.x ?? 0) + (a.width ?? 0) <= (b.x ?? 0) ||
  (b.x ?? 0) + (b.width ?? 0) <= (a.x ?? 0) ||
  (a.y ?? 0) + (a.height ?? 0) <= (b.y ?? 0) ||
  (b.y ?? 0) + (b.height ?? 0) <= (a.y ?? 0);

describe('mesh layout', () => {
  it('marks the domains of a large mesh for layered.ts and leaves small meshes to ELK', () => {
    const large = buildElkGraph(modelFromMesh(largeMesh()));
    expect(large.children?.map((d) => d.layoutOptions?.['elk.algorithm'])).toEqual(Array(4).fill(FAST_LAYERED));
    const small = buildElkGraph(modelFromMesh(smallMesh()));
    expect(small.children?.map((d) => d.layoutOptions?.['elk.algorithm'])).toEqual(['layered', 'layered']);
  });

  it('hands ELK only boxes for marked domains and puts their products back', async () => {
    const graph = buildElkGraph(modelFromMesh(largeMesh()));
    const seen: ElkNode[] = [];
    const engine = {
      layout: async (g: ElkNode) => {
        seen.push(g);
        return { ...g, children: g.children?.map((c, i) => ({ ...c, x: i * 1000, y: 0 })) };
      },
    };
    const result = await layoutMesh(engine, graph);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.id).toBe(ROOT_ID);
    for (const box of seen[0]?.children ?? []) {
      expect(box.children).toBeUndefined();
      expect(box.layoutOptions).toBeUndefined();
      expect(box.width).toBeGreaterThan(0);
    }
    expect(result.children?.[1]).toMatchObject({ x: 1000, y: 0 });
    const products = result.children?.flatMap((d) => d.children ?? []) ?? [];
    expect(products).toHaveLength(LARGE + 20);
    expect(products.every((p) => typeof p.x === 'number' && typeof p.y === 'number')).toBe(true);
  });

  it('packs the laid-out domains with ELK without overlaps, products inside their box', async () => {
    const model = modelFromMesh(largeMesh());
    const result = await layoutMesh(new ELK(), buildElkGraph(model));
    const tops = result.children ?? [];
    expect(positionsFromLayout(result)).toHaveLength(model.products.size + model.domains.size);
    for (const a of tops) for (const b of tops) if (a !== b) expect(disjoint(a, b)).toBe(true);
    for (const d of tops) for (const p of d.children ?? []) expect(inside(d, p)).toBe(true);
  });

  it('places each marked domain with the placer it is given', async () => {
    const graph = buildElkGraph(modelFromMesh(largeMesh()));
    const placed: number[] = [];
    const place: PlaceDomain = (nodes, edges, opts) => {
      placed.push(nodes.length);
      return layeredLayout(nodes, edges, opts);
    };
    const result = await layoutMesh(new ELK(), graph, place);
    expect(placed.reduce((s, n) => s + n, 0)).toBe(LARGE + 20);
    expect(placed).toHaveLength(4);
    expect(positionsFromLayout(result)).toHaveLength(LARGE + 20 + 4);
  });

  it('lays a domain out from port-to-port edges too', () => {
    const product = (id: string): ElkNode => ({ id, width: 260, height: 130, ports: [{ id: `${id}-out` }, { id: `${id}::in` }] });
    const domain = layoutDomain({
      id: 'd',
      children: [product('b'), product('a')],
      edges: [{ id: 'e', sources: ['a-out'], targets: ['b::in'] }],
    });
    const x = (id: string) => domain.children?.find((c) => c.id === id)?.x ?? NaN;
    expect(x('a')).toBeLessThan(x('b'));
    expect(domain.width).toBeGreaterThan(2 * 260);
  });
});

describe('layoutDomain with subdomains', () => {
  it('lays the subdomain out first and places it as one box in its parent', () => {
    const graph = buildElkGraph(modelFromMesh(nestedMesh()));
    const d2 = graph.children!.find((c) => c.id === 'd2')!;
    const laidOut = layoutDomain(d2);
    const d3 = laidOut.children!.find((c) => c.id === 'd3')!;
    const e = d3.children!.find((c) => c.id === 'e')!;
    expect(d3.width).toBeGreaterThanOrEqual(e.x! + e.width!);
    expect(d3.x! + d3.width!).toBeLessThanOrEqual(laidOut.width!);
    // b feeds the d3 box and the d3 box feeds c: three columns, left to right.
    const b = laidOut.children!.find((c) => c.id === 'b')!;
    const c = laidOut.children!.find((c) => c.id === 'c')!;
    expect(b.x!).toBeLessThan(d3.x!);
    expect(d3.x!).toBeLessThan(c.x!);
  });
});
