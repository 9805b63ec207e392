//! A small left-to-right layered (Sugiyama) layout for the products of one domain in a
//! large mesh: break cycles, assign layers by longest path, order each layer by
//! barycenters, then place each layer's nodes as close to their neighbours as their
//! order allows. ELK's layered algorithm does the same with far more care, but it cost
//! 4–13 s on a 2,000-product mesh (JIT warm-up and per-graph overhead, not the
//! graphs' size); this runs in milliseconds. Small meshes keep ELK (elkGraph.ts).
//! Why not a maintained library: @dagrejs/dagre 3.1 does this job (same tests pass,
//! scripts/dagreLayered.ts) but, on the layout bench, took 6.6–9.0 s (2.9–3.5 s CPU)
//! for 2,000 products in 80 domains against 0.4–1.2 s here, 55 s against 0.8–1.6 s for
//! one 2,000-product domain, and drew taller domains; its time goes to rebuilding
//! graphlib graphs while ordering and placing, and no ranker or ordering option got
//! dagre alone under 3.6 s. That is as slow as the ELK it would replace, so this stays.
//! The core places the domains and teams views with the same algorithm
//! (crates/mesh-core/src/layered); this copy lays out the canvas in its worker, without
//! a round trip, and layered.test.ts checks it against the cases and answers the core
//! writes (layered.vectors.json), so the two cannot drift.
//! Pure: no ELK, no model, no DOM; positions are relative to the domain's top-left
//! corner, padding included, exactly as ELK reports compound children.

export interface LayeredNode {
  id: string;
  width: number;
  height: number;
}

export interface LayeredEdge {
  source: string;
  target: string;
}

export interface LayeredOptions {
  /** Vertical gap between two nodes of one layer. */
  nodeGap: number;
  /** Horizontal gap between two layers. */
  layerGap: number;
  padTop: number;
  padSide: number;
  padBottom: number;
  minWidth: number;
  minHeight: number;
}

export interface LayeredResult {
  width: number;
  height: number;
  positions: Map<string, { x: number; y: number }>;
}

/** Height and gap given to an edge passing through a layer, so it gets room. */
const DUMMY_HEIGHT = 0;
const DUMMY_GAP = 12;
/** Ordering sweeps (each one down and one up); the best order seen is kept. */
const ORDER_SWEEPS = 6;
/** Placement rounds (each one down and one up). */
const PLACE_ROUNDS = 4;

export interface Item {
  /** Index of the real node, or -1 for a point a long edge passes through. */
  node: number;
  layer: number;
  height: number;
  preds: number[];
  succs: number[];
}

export function layeredLayout(nodes: readonly LayeredNode[], edges: readonly LayeredEdge[], opts: LayeredOptions): LayeredResult {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const links = uniqueLinks(edges, index);
  const forward = breakCycles(nodes.length, links);
  const layer = assignLayers(nodes.length, forward);
  const items = buildItems(nodes, forward, layer);
  const layers = orderLayers(items);
  const ys = placeVertically(items, layers, opts.nodeGap);

  const layerCount = layers.length;
  const layerWidth = new Array<number>(layerCount).fill(0);
  for (const item of items) {
    if (item.node >= 0) layerWidth[item.layer] = Math.max(layerWidth[item.layer] ?? 0, nodes[item.node]?.width ?? 0);
  }
  const layerX: number[] = [];
  let x = opts.padSide;
  for (let l = 0; l < layerCount; l++) {
    layerX.push(x);
    x += (layerWidth[l] ?? 0) + opts.layerGap;
  }

  const placed: Placed[] = [];
  items.forEach((item, i) => {
    const node = nodes[item.node];
    if (node) placed.push({ node, x: layerX[item.layer] ?? 0, y: opts.padTop + (ys[i] ?? 0) });
  });
  return domainBox(placed, opts);
}

export interface Placed {
  node: LayeredNode;
  x: number;
  y: number;
}

/** The result for placed products: their positions, and a box around them with the padding. */
export function domainBox(placed: readonly Placed[], opts: LayeredOptions): LayeredResult {
  const positions = new Map<string, { x: number; y: number }>();
  let right = 0;
  let bottom = 0;
  for (const { node, x, y } of placed) {
    positions.set(node.id, { x, y });
    right = Math.max(right, x + node.width);
    bottom = Math.max(bottom, y + node.height);
  }
  return {
    width: Math.max(opts.minWidth, right + opts.padSide),
    height: Math.max(opts.minHeight, bottom + opts.padBottom),
    positions,
  };
}

/** Edges as index pairs, without self-loops, duplicates or unknown ends. */
function uniqueLinks(edges: readonly LayeredEdge[], index: Map<string, number>): [number, number][] {
  const seen = new Set<string>();
  const out: [number, number][] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t || seen.has(`${s} ${t}`)) continue;
    seen.add(`${s} ${t}`);
    out.push([s, t]);
  }
  return out;
}

/**
 * Successor lists with every edge that closes a cycle (found by depth-first search in
 * model order) turned around, so the graph is acyclic and still mostly flows forward.
 */
export function breakCycles(n: number, links: readonly [number, number][]): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [s, t] of links) out[s]?.push(t);
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const forward: number[][] = Array.from({ length: n }, () => []);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, next] = top;
      const succs = out[v] ?? [];
      if (next >= succs.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const w = succs[next]!;
      if (state[w] === 1) {
        if (!forward[w]!.includes(v)) forward[w]!.push(v);
        continue;
      }
      if (!forward[v]!.includes(w)) forward[v]!.push(w);
      if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }
  return forward;
}

/**
 * Longest-path layers from the left (a node sits right of all its providers), then
 * providers that read nothing are pulled right to just before their first consumer,
 * so they do not all pile up in the first column with long edges.
 */
export function assignLayers(n: number, succs: readonly number[][]): number[] {
  const indegree = new Array<number>(n).fill(0);
  for (const list of succs) for (const w of list) indegree[w]!++;
  const hasPreds = indegree.map((d) => d > 0);
  const queue: number[] = [];
  indegree.forEach((d, v) => {
    if (d === 0) queue.push(v);
  });
  const layer = new Array<number>(n).fill(0);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of succs[v] ?? []) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indegree[w]! === 0) queue.push(w);
    }
  }
  for (let v = 0; v < n; v++) {
    const list = succs[v] ?? [];
    if (hasPreds[v] || list.length === 0) continue;
    layer[v] = Math.min(...list.map((w) => layer[w]!)) - 1;
  }
  return layer;
}

/** Real nodes plus one point per layer a long edge crosses, linked layer to layer. */
function buildItems(nodes: readonly LayeredNode[], succs: readonly number[][], layer: readonly number[]): Item[] {
  const items: Item[] = nodes.map((node, i) => ({ node: i, layer: layer[i]!, height: node.height, preds: [], succs: [] }));
  succs.forEach((list, v) => {
    for (const w of list) {
      let from = v;
      for (let l = layer[v]! + 1; l < layer[w]!; l++) {
        const dummy = items.length;
        items.push({ node: -1, layer: l, height: DUMMY_HEIGHT, preds: [from], succs: [] });
        items[from]!.succs.push(dummy);
        from = dummy;
      }
      items[from]!.succs.push(w);
      items[w]!.preds.push(from);
    }
  });
  return items;
}

/**
 * Item indexes per layer, top to bottom: barycenter sweeps down and up from model
 * order, keeping the order with the fewest crossings.
 */
function orderLayers(items: readonly Item[]): number[][] {
  const layerCount = items.reduce((m, it) => Math.max(m, it.layer + 1), 0);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  items.forEach((it, i) => layers[it.layer]!.push(i));
  const rank = new Int32Array(items.length);
  const setRanks = (ls: number[][]) => ls.forEach((l) => l.forEach((item, r) => (rank[item] = r)));
  setRanks(layers);

  let best = layers.map((l) => l.slice());
  let bestCrossings = countCrossings(items, layers, rank);
  // Barycenters by item, in a typed array: a dense domain map has tens of thousands of
  // points of long edges, and a Map lookup in the sort's comparison was most of its time.
  const key = new Float64Array(items.length);
  const byKey = (a: number, b: number) => key[a]! - key[b]! || rank[a]! - rank[b]!;
  for (let sweep = 0; sweep < ORDER_SWEEPS && bestCrossings > 0; sweep++) {
    for (const down of [true, false]) {
      const range = down ? [...layers.keys()].slice(1) : [...layers.keys()].reverse().slice(1);
      for (const l of range) {
        const layerItems = layers[l]!;
        for (const i of layerItems) {
          const ns = down ? items[i]!.preds : items[i]!.succs;
          let sum = 0;
          for (const n of ns) sum += rank[n]!;
          key[i] = ns.length === 0 ? rank[i]! : sum / ns.length;
        }
        layerItems.sort(byKey);
        layerItems.forEach((item, r) => (rank[item] = r));
      }
      const crossings = countCrossings(items, layers, rank);
      if (crossings < bestCrossings) {
        bestCrossings = crossings;
        best = layers.map((l) => l.slice());
      }
    }
  }
  setRanks(best);
  return best;
}

/**
 * Crossings between consecutive layers: the edges in order of their upper end (then
 * lower end), counting pairs whose lower ends come in the opposite order, with a
 * Fenwick tree (Barth, Jünger, Mutzel): O(E log V), as a domain may hold thousands.
 */
export function countCrossings(items: readonly Item[], layers: readonly number[][], rank: Int32Array): number {
  let total = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const lowerSize = layers[l + 1]!.length;
    const tree = new Int32Array(lowerSize + 1);
    let inserted = 0;
    for (const i of layers[l]!) {
      const succs = items[i]!.succs;
      // Most items are points of long edges, with one end: no list to sort.
      const ends = succs.length === 1 ? [rank[succs[0]!]!] : succs.map((w) => rank[w]!).sort((a, b) => a - b);
      for (const end of ends) {
        const first = end + 1;
        let atMost = 0;
        for (let k = first; k > 0; k -= k & -k) atMost += tree[k]!;
        total += inserted - atMost;
        for (let k = first; k <= lowerSize; k += k & -k) tree[k]!++;
        inserted++;
      }
    }
  }
  return total;
}

/**
 * Top of each item: every layer is stacked in order, then rounds alternately pull
 * each layer towards the mean centre of its providers and of its consumers, keeping
 * the order and the gaps (a least-squares fit, solved by pooling adjacent violators).
 */
function placeVertically(items: readonly Item[], layers: readonly number[][], nodeGap: number): Float64Array {
  const y = new Float64Array(items.length);
  const gapAfter = (i: number) => (items[i]!.node >= 0 ? nodeGap : DUMMY_GAP);
  for (const layerItems of layers) {
    let top = 0;
    for (const i of layerItems) {
      y[i] = top;
      top += items[i]!.height + gapAfter(i);
    }
  }
  const center = (i: number) => y[i]! + items[i]!.height / 2;
  for (let round = 0; round < PLACE_ROUNDS; round++) {
    for (const down of [true, false]) {
      const order = down ? layers : [...layers].reverse();
      for (const layerItems of order) {
        const wanted = layerItems.map((i) => {
          const ns = down ? items[i]!.preds : items[i]!.succs;
          const c = ns.length === 0 ? center(i) : ns.reduce((s, n) => s + center(n), 0) / ns.length;
          return c - items[i]!.height / 2;
        });
        const minGaps = layerItems.map((i) => items[i]!.height + gapAfter(i));
        const placed = fitInOrder(wanted, minGaps);
        layerItems.forEach((i, k) => (y[i] = placed[k]!));
      }
    }
  }
  let min = Infinity;
  for (const v of y) min = Math.min(min, v);
  if (Number.isFinite(min)) for (let i = 0; i < y.length; i++) y[i] = y[i]! - min;
  return y;
}

/**
 * Positions as close as possible (least squares) to `wanted` such that each one is at
 * least `minGaps[k]` below the previous one: isotonic regression on the positions
 * shifted by the running gap sum, by pool-adjacent-violators.
 */
export function fitInOrder(wanted: readonly number[], minGaps: readonly number[]): number[] {
  const offset: number[] = [];
  let sum = 0;
  for (let k = 0; k < wanted.length; k++) {
    offset.push(sum);
    sum += minGaps[k] ?? 0;
  }
  const blocks: { mean: number; count: number }[] = [];
  wanted.forEach((w, k) => {
    blocks.push({ mean: w - offset[k]!, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.mean <= last.mean) break;
      const count = prev.count + last.count;
      blocks.splice(-2, 2, { mean: (prev.mean * prev.count + last.mean * last.count) / count, count });
    }
  });
  const out: number[] = [];
  for (const b of blocks) for (let c = 0; c < b.count; c++) out.push(b.mean + offset[out.length]!);
  return out;
}
