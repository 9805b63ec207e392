//! Times the layered layout of the domain view of a large mesh: 80 domains joined by
//! 1,691 links, as many as between the domains of the end-to-end tests' generated
//! 2,000-product mesh (tests/tests/explore.rs), drawn at random so that long links cross
//! many layers, as they do there. Prints the first run (what a switch to the view pays,
//! before the JIT has warmed) and two more.
//! Run: cd ui && npx vite-node scripts/overview-layout-bench.ts
//! Not part of the test run.
import { layeredLayout } from '../src/layout/layered';
import { NODE_HEIGHT, NODE_WIDTH } from '../src/views/overview/overviewFlow';

const DOMAINS = 80;
const LINKS = 1691;

let seed = 7;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const nodes = Array.from({ length: DOMAINS }, (_, i) => ({ id: `d${i}`, width: NODE_WIDTH, height: NODE_HEIGHT }));
const seen = new Set<string>();
const edges: { source: string; target: string }[] = [];
while (edges.length < LINKS) {
  const a = Math.floor(next() * DOMAINS);
  const b = Math.floor(next() * DOMAINS);
  if (a === b || seen.has(`${a} ${b}`)) continue;
  seen.add(`${a} ${b}`);
  edges.push({ source: `d${a}`, target: `d${b}` });
}
const opts = { nodeGap: 32, layerGap: 96, padTop: 0, padSide: 0, padBottom: 0, minWidth: 0, minHeight: 0 };
for (let run = 1; run <= 3; run++) {
  const start = performance.now();
  const result = layeredLayout(nodes, edges, opts);
  console.log(`run ${run}: ${(performance.now() - start).toFixed(0)} ms (${Math.round(result.width)} × ${Math.round(result.height)})`);
}
