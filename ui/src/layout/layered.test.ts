import { describe, expect, it } from 'vitest';
import { dagreLayered } from '../../scripts/dagreLayered';
import vectors from './layered.vectors.json';
import {
  assignLayers,
  breakCycles,
  countCrossings,
  fitInOrder,
  type Item,
  layeredLayout,
  type LayeredEdge,
  type LayeredNode,
} from './layered';

const OPTS = { nodeGap: 24, layerGap: 56, padTop: 46, padSide: 24, padBottom: 24, minWidth: 308, minHeight: 120 };
const node = (id: string, height = 100): LayeredNode => ({ id, width: 260, height });
const edge = (source: string, target: string): LayeredEdge => ({ source, target });

function overlaps(nodes: readonly LayeredNode[], pos: Map<string, { x: number; y: number }>): string[] {
  const out: string[] = [];
  for (const a of nodes)
    for (const b of nodes) {
      if (a.id >= b.id) continue;
      const pa = pos.get(a.id)!;
      const pb = pos.get(b.id)!;
      const apart = pa.x + a.width <= pb.x || pb.x + b.width <= pa.x || pa.y + a.height <= pb.y || pb.y + b.height <= pa.y;
      if (!apart) out.push(`${a.id}/${b.id}`);
    }
  return out;
}

/** A deterministic tangle: 40 products, each reading up to three earlier ones. */
function tangle(): { nodes: LayeredNode[]; edges: LayeredEdge[] } {
  const nodes = Array.from({ length: 40 }, (_, i) => node(`n${i}`, 100 + (i % 3) * 22));
  const edges: LayeredEdge[] = [];
  for (let i = 1; i < 40; i++)
    for (const k of [1, 3, 7]) if (i - k >= 0 && (i * k) % 5 !== 0) edges.push(edge(`n${(i * 7 + k) % i}`, `n${i}`));
  return { nodes, edges };
}

// The bench's dagre placer (scripts/dagreLayered.ts) must keep the same contract, or
// its timings compare unlike things.
describe.each([
  ['layered.ts', layeredLayout],
  ['dagre, as the bench runs it', dagreLayered],
])('layered layout by %s', (_name, layeredLayout) => {
  it('reads a chain left to right, one column per step, inside the padding', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const { positions, width, height } = layeredLayout(nodes, [edge('a', 'b'), edge('b', 'c')], OPTS);
    expect(positions.get('a')).toEqual({ x: 24, y: 46 });
    expect(positions.get('b')?.x).toBe(24 + 260 + 56);
    expect(positions.get('c')?.x).toBe(24 + 2 * (260 + 56));
    // Aligned: a chain is a straight line.
    expect(new Set([...positions.values()].map((p) => p.y))).toEqual(new Set([46]));
    expect(width).toBe(24 + 3 * 260 + 2 * 56 + 24);
    expect(height).toBe(46 + 100 + 24);
  });

  it('keeps every dependency flowing right and never overlaps products', () => {
    const { nodes, edges } = tangle();
    const { positions, width, height } = layeredLayout(nodes, edges, OPTS);
    expect(positions.size).toBe(40);
    for (const e of edges) expect(positions.get(e.source)!.x).toBeLessThan(positions.get(e.target)!.x);
    expect(overlaps(nodes, positions)).toEqual([]);
    for (const n of nodes) {
      const p = positions.get(n.id)!;
      expect(p.x).toBeGreaterThanOrEqual(24);
      expect(p.y).toBeGreaterThanOrEqual(46);
      expect(p.x + n.width + 24).toBeLessThanOrEqual(width);
      expect(p.y + n.height + 24).toBeLessThanOrEqual(height + 1e-9);
    }
  });

  it('keeps products of very different heights in one column apart', () => {
    const nodes = [node('tall', 400), node('short', 60), node('low', 60), node('sink')];
    const edges = [edge('tall', 'sink'), edge('short', 'sink'), edge('low', 'sink')];
    const { positions, height } = layeredLayout(nodes, edges, OPTS);
    expect(new Set(['tall', 'short', 'low'].map((id) => positions.get(id)!.x)).size).toBe(1);
    expect(overlaps(nodes, positions)).toEqual([]);
    for (const n of nodes) expect(positions.get(n.id)!.y + n.height + 24).toBeLessThanOrEqual(height + 1e-9);
  });

  it('lines up the middles of a tall product and the short one reading it', () => {
    const nodes = [node('tall', 400), node('short', 60)];
    const { positions } = layeredLayout(nodes, [edge('tall', 'short')], OPTS);
    expect(positions.get('tall')!.y).toBe(46);
    expect(positions.get('short')!.y + 30).toBeCloseTo(positions.get('tall')!.y + 200, 6);
  });

  it('uncrosses two dependencies given in crossing order', () => {
    const nodes = [node('a1'), node('a2'), node('b1'), node('b2')];
    const { positions } = layeredLayout(nodes, [edge('a1', 'b2'), edge('a2', 'b1')], OPTS);
    const above = (x: string, y: string) => positions.get(x)!.y < positions.get(y)!.y;
    expect(above('a1', 'a2')).toBe(above('b2', 'b1'));
  });

  it('survives cycles, self-loops, duplicates and unknown ends', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('a', 'a'), edge('a', 'b'), edge('a', 'zz')];
    const { positions } = layeredLayout(nodes, edges, OPTS);
    expect(positions.size).toBe(3);
    expect(overlaps(nodes, positions)).toEqual([]);
    expect(new Set([...positions.values()].map((p) => p.x)).size).toBe(3);
  });

  it('gives an empty domain its minimum size', () => {
    expect(layeredLayout([], [], OPTS)).toMatchObject({ width: 308, height: 120 });
  });
});

describe('layered layout steps', () => {
  it('turns the edge closing a cycle around and keeps the rest', () => {
    const forward = breakCycles(3, [
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
    expect(forward).toEqual([[1, 2], [2], []]);
  });

  it('pulls a product that reads nothing next to its first consumer', () => {
    // 0 → 1 → 2 and 3 → 2: 3 sits in column 1, not column 0.
    expect(assignLayers(4, [[1], [2], [], [2]])).toEqual([0, 1, 2, 1]);
  });

  it('fits positions in order with gaps, as close to the wanted ones as possible', () => {
    expect(fitInOrder([0, 200, 400], [100, 100, 100])).toEqual([0, 200, 400]);
    // Two wanting the same spot share the displacement.
    expect(fitInOrder([100, 100], [50, 50])).toEqual([75, 125]);
    // Order wins over wishes: the second stays below the first.
    const placed = fitInOrder([300, 0, 10], [20, 20, 20]);
    expect(placed[1]! - placed[0]!).toBeGreaterThanOrEqual(20);
    expect(placed[2]! - placed[1]!).toBeGreaterThanOrEqual(20);
  });

  it('counts crossings between layers as comparing every pair of edges does', () => {
    // Two layers of 7 and 9 items, 30 pseudo-random edges (repeats allowed), shuffled order.
    const items: Item[] = Array.from({ length: 16 }, (_, i) => ({ node: i, layer: i < 7 ? 0 : 1, height: 0, preds: [], succs: [] }));
    const pairs: [number, number][] = [];
    for (let k = 0; k < 30; k++) pairs.push([(k * 5 + 3) % 7, 7 + ((k * k + 2 * k) % 9)]);
    for (const [u, v] of pairs) items[u]!.succs.push(v);
    const layers = [
      [3, 0, 6, 1, 5, 2, 4],
      [8, 15, 7, 11, 9, 14, 10, 13, 12],
    ];
    const rank = new Int32Array(16);
    layers.forEach((l) => l.forEach((item, r) => (rank[item] = r)));
    let brute = 0;
    for (let a = 0; a < pairs.length; a++)
      for (let b = a + 1; b < pairs.length; b++) {
        const [a0, a1] = pairs[a]!;
        const [b0, b1] = pairs[b]!;
        if ((rank[a0]! - rank[b0]!) * (rank[a1]! - rank[b1]!) < 0) brute++;
      }
    expect(brute).toBeGreaterThan(0);
    expect(countCrossings(items, layers, rank)).toBe(brute);
  });
});

describe('layered layout against the core', () => {
  // mesh-core's layered placement (crates/mesh-core/src/layered) lays out the domains
  // and teams views; the canvas's large meshes are laid out here, in the worker. Both
  // must draw the same picture: the core writes these cases and its answers.
  it('places every case of the vectors exactly as the core does', () => {
    expect(vectors.cases.length).toBeGreaterThanOrEqual(5);
    for (const c of vectors.cases) {
      const nodes = c.boxes.map(([width, height], i) => ({ id: `n${i}`, width: width!, height: height! }));
      const edges = c.links.map(([s, t]) => ({ source: `n${s}`, target: `n${t}` }));
      const { positions, width, height } = layeredLayout(nodes, edges, vectors.spacing);
      expect([c.name, width, height]).toEqual([c.name, c.width, c.height]);
      expect([c.name, nodes.map((n) => positions.get(n.id))]).toEqual([c.name, c.positions.map(([x, y]) => ({ x, y }))]);
    }
  });
});
