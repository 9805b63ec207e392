import { describe, expect, it, vi } from 'vitest';
import * as layered from '../../layout/layered';
import type { Overview, OverviewNode } from '../../lib/backend';
import { NODE_WIDTH, overviewFlow, strokeOf } from './overviewFlow';

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
  ...extra,
});

const overview: Overview = {
  view: 'domains',
  nodes: [
    node('sales', { expanded: true }),
    node('a', { kind: 'product', parent: 'sales' }),
    node('b', { kind: 'product', parent: 'sales' }),
    node('fin'),
  ],
  edges: [
    { from: 'a', to: 'b', weight: 1 },
    { from: 'b', to: 'fin', weight: 3 },
  ],
};

describe('overviewFlow', () => {
  it('draws the expanded domain as a box around its products, edges weighted', () => {
    const { nodes, edges } = overviewFlow(overview, 'domains', () => null);
    expect(nodes.map((n) => [n.id, n.parentId ?? null])).toEqual([
      ['sales', null],
      ['a', 'sales'],
      ['b', 'sales'],
      ['fin', null],
    ]);
    const box = nodes[0]!;
    const b = nodes[2]!;
    expect(box.width).toBeGreaterThanOrEqual(b.position.x + (b.width ?? 0));
    // Laid out left to right: the provider before its consumer, the box before fin.
    expect(nodes[1]!.position.x).toBeLessThan(b.position.x);
    expect(nodes[3]!.position.x).toBeGreaterThan(box.position.x + (box.width ?? 0));
    expect(edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['a', 'b', '1'],
      ['b', 'fin', '3'],
    ]);
    expect(strokeOf(3)).toBeGreaterThan(strokeOf(1));
  });

  it('keeps a node where the user put it in this view', () => {
    const { nodes } = overviewFlow(overview, 'domains', (id) => (id === 'fin' ? { x: -500, y: 40 } : null));
    expect(nodes.find((n) => n.id === 'fin')!.position).toEqual({ x: -500, y: 40 });
    expect(nodes.find((n) => n.id === 'fin')!.width).toBe(NODE_WIDTH);
  });

  it('lays out the view only when a node was never placed in it', () => {
    const layout = vi.spyOn(layered, 'layeredLayout');
    // Its own nodes, so that no layout an earlier test made is reused.
    const own: Overview = { ...overview, nodes: [...overview.nodes, node('ops')] };
    const everywhere = (id: string) => ({ x: id.length * 300, y: 0 });
    const { nodes } = overviewFlow(own, 'domains', everywhere);
    // The expanded domain's products are laid out inside it; the top level is not.
    expect(layout).toHaveBeenCalledTimes(1);
    expect(nodes.filter((n) => !n.parentId).map((n) => n.position)).toEqual([everywhere('sales'), everywhere('fin'), everywhere('ops')]);
    layout.mockClear();
    overviewFlow(own, 'domains', (id) => (id === 'fin' ? null : everywhere(id)));
    expect(layout).toHaveBeenCalledTimes(2);
    layout.mockRestore();
  });

  it('reuses the top-level layout while the nodes and links are the same', () => {
    const layout = vi.spyOn(layered, 'layeredLayout');
    const tops = (o: Overview) =>
      overviewFlow(o, 'teams', () => null)
        .nodes.filter((n) => !n.parentId)
        .map((n) => [n.id, n.position]);
    const teams: Overview = {
      view: 'teams',
      nodes: [node('t1', { kind: 'team' }), node('t2', { kind: 'team' })],
      edges: [{ from: 't1', to: 't2', weight: 2 }],
    };
    const first = tops(teams);
    const made = layout.mock.calls.length;
    // The same view again, a weight changed: no layout of the top level.
    expect(tops({ ...teams, edges: [{ from: 't1', to: 't2', weight: 5 }] })).toEqual(first);
    expect(layout.mock.calls.length - made).toBe(1); // the (empty) inside of no domain
    // A link turned around: laid out again, and drawn the other way.
    const turned = tops({ ...teams, edges: [{ from: 't2', to: 't1', weight: 2 }] });
    expect(layout.mock.calls.length - made).toBe(3);
    expect(turned).not.toEqual(first);
    layout.mockRestore();
  });
});
