import { describe, expect, it } from 'vitest';
import type { Overview, OverviewNode } from '../../lib/backend';
import { overviewFlow, strokeOf } from './overviewFlow';

const node = (id: string, extra: Partial<OverviewNode> = {}): OverviewNode => ({
  id,
  kind: 'domain',
  title: id,
  name: id,
  products: 1,
  afferent: 0,
  efferent: 0,
  instability: null,
  parent: null,
  expanded: false,
  x: 0,
  y: 0,
  width: 220,
  height: 92,
  ...extra,
});

// Boxes as the core places them (mesh-core's overview/place.rs): products relative to
// the expanded domain.
const overview: Overview = {
  view: 'domains',
  nodes: [
    node('sales', { expanded: true, width: 460, height: 170 }),
    node('a', { kind: 'product', parent: 'sales', x: 16, y: 92, width: 180, height: 44 }),
    node('b', { kind: 'product', parent: 'sales', x: 244, y: 92, width: 180, height: 44 }),
    node('fin', { x: 556, y: 39 }),
  ],
  edges: [
    { from: 'a', to: 'b', weight: 1 },
    { from: 'b', to: 'fin', weight: 3 },
  ],
};

describe('overviewFlow', () => {
  it('draws each node in the box the core placed it in, the products inside their domain', () => {
    const { nodes, edges } = overviewFlow(overview, 'domains', () => null);
    expect(nodes.map((n) => [n.id, n.parentId ?? null, n.position, n.width, n.height])).toEqual([
      ['sales', null, { x: 0, y: 0 }, 460, 170],
      ['a', 'sales', { x: 16, y: 92 }, 180, 44],
      ['b', 'sales', { x: 244, y: 92 }, 180, 44],
      ['fin', null, { x: 556, y: 39 }, 220, 92],
    ]);
    expect(nodes[1]).toMatchObject({ extent: 'parent', draggable: false });
    expect(nodes[0]!.style).toEqual({ width: 460, height: 170 });
    expect(edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['a', 'b', '1'],
      ['b', 'fin', '3'],
    ]);
    expect(strokeOf(3)).toBeGreaterThan(strokeOf(1));
  });

  it('draws a moved node where the model has it before the core answers again', () => {
    const placed = (id: string) => (id === 'fin' || id === 'a' ? { x: -500, y: 40 } : null);
    const { nodes } = overviewFlow(overview, 'domains', placed);
    expect(nodes.find((n) => n.id === 'fin')!.position).toEqual({ x: -500, y: 40 });
    expect(nodes.find((n) => n.id === 'sales')!.position).toEqual({ x: 0, y: 0 });
    // A product inside the expanded domain is placed by the core only.
    expect(nodes.find((n) => n.id === 'a')!.position).toEqual({ x: 16, y: 92 });
  });
});
