//! Times the automatic layout of a never-laid-out mesh, as the first open does it:
//! buildElkGraph, then layoutMesh (layered.ts per domain + ELK packing) against the
//! same with @dagrejs/dagre placing each domain (dagreLayered.ts) and against the old
//! way (every domain through ELK layered), each in a fresh ELK engine.
//! Run: cd ui && npx vite-node scripts/layout-bench.ts [sizes, default 200,2000]
//! A size may name its domain count too: 2000:1 is 2,000 products in one domain.
//! Each measurement runs in its own process, so each pays ELK's start and JIT warm-up
//! as the app's freshly started layout worker does.
//! The mesh is synthetic but shaped like `meshwright generate` output: 25 products per
//! domain (8 to 49), 1–3 output ports (60/30/10 %), 4 dependencies per product on
//! earlier products (power-law fan-in, 30 % across domains), about one product in two
//! also reading a source system. Not part of the test run: it takes tens of seconds.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { DataProduct, InputPort, OutputPort } from '../src/bindings';
import { buildElkGraph, positionsFromLayout } from '../src/layout/elkGraph';
import { FAST_LAYERED, layoutMesh } from '../src/layout/meshLayout';
import { dagreLayered } from './dagreLayered';
import { emptyModel, type MeshModel } from '../src/state/model';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticMesh(productCount: number, domainsWanted?: number, seed = 42): MeshModel {
  const random = rng(seed);
  const domainCount = domainsWanted ?? Math.max(3, Math.round(productCount / 25));
  const domains = new Map(Array.from({ length: domainCount }, (_, i) => [`d${i}`, { id: `d${i}`, name: `d${i}`, title: `D${i}` }]));
  // Uneven domain sizes (8–49 in the real generator): weights from 0.3 to 2.
  const weights = Array.from({ length: domainCount }, () => 0.3 + 1.7 * random());
  const total = weights.reduce((s, w) => s + w, 0);
  const products = new Map<string, DataProduct>();
  const outputPorts = new Map<string, OutputPort>();
  const inputPorts = new Map<string, InputPort>();
  const portsOf: string[][] = [];
  const domainOf: number[] = [];
  const byDomain: number[][] = Array.from({ length: domainCount }, () => []);
  const fanIn: number[] = [];
  const pickDomain = () => {
    let r = random() * total;
    for (let d = 0; d < domainCount; d++) {
      r -= weights[d]!;
      if (r <= 0) return d;
    }
    return domainCount - 1;
  };
  // Providers are picked in proportion to (readers + 1)^1.2: a few products feed many.
  const pick = (candidates: readonly number[]) => {
    const w = candidates.map((c) => ((fanIn[c] ?? 0) + 1) ** 1.2);
    let r = random() * w.reduce((s, x) => s + x, 0);
    for (let k = 0; k < candidates.length; k++) {
      r -= w[k]!;
      if (r <= 0) return candidates[k]!;
    }
    return candidates[candidates.length - 1]!;
  };
  for (let p = 0; p < productCount; p++) {
    const d = pickDomain();
    const id = `p${p}`;
    products.set(id, { id, name: id, displayName: id, version: '1.0.0', domainId: `d${d}`, status: 'active' } as DataProduct);
    const r = random();
    const portCount = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
    portsOf.push([]);
    for (let k = 0; k < portCount; k++) {
      const port = `${id}-o${k}`;
      outputPorts.set(port, {
        id: port,
        productId: id,
        name: `o${k}`,
        version: '1.0.0',
        type: 'table',
        visibility: 'public',
        status: 'active',
      } as OutputPort);
      portsOf[p]!.push(port);
    }
    // Earlier products only, like the generator's layered archetypes: a mostly forward flow.
    const inputs = new Set<number>();
    if (random() < 0.55 || p === 0) {
      const inputId = `${id}-src`;
      inputPorts.set(inputId, {
        id: inputId,
        productId: id,
        name: 'src',
        source: { kind: 'sourceSystem', sourceSystemId: 's' },
      } as InputPort);
    }
    for (let k = 0; k < 4 && p > 0; k++) {
      const local = byDomain[d]!;
      const cross = random() < 0.3 || local.length === 0;
      const candidates = cross ? Array.from({ length: p }, (_, i) => i).filter((i) => domainOf[i] !== d) : local;
      const fresh = candidates.filter((c) => !inputs.has(c));
      if (fresh.length === 0) continue;
      const provider = pick(fresh);
      inputs.add(provider);
      fanIn[provider] = (fanIn[provider] ?? 0) + 1;
      const ports = portsOf[provider]!;
      const portId = ports[Math.floor(random() * ports.length)]!;
      const inputId = `${id}-i${k}`;
      inputPorts.set(inputId, { id: inputId, productId: id, name: `i${k}`, source: { kind: 'outputPort', portId } } as InputPort);
    }
    domainOf.push(d);
    byDomain[d]!.push(p);
  }
  return { ...emptyModel(), domains, products, outputPorts, inputPorts } as MeshModel;
}

/** The graph as before layered.ts: every domain through ELK layered. */
function allElk(graph: ElkNode): ElkNode {
  return {
    ...graph,
    children: graph.children?.map((top) =>
      top.layoutOptions?.['elk.algorithm'] === FAST_LAYERED
        ? { ...top, layoutOptions: { ...top.layoutOptions, 'elk.algorithm': 'layered' } }
        : top,
    ),
  };
}

async function time(label: string, run: () => Promise<ElkNode>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const size = `${Math.round(result.width ?? 0)} × ${Math.round(result.height ?? 0)} px`;
  console.log(
    `  ${label}: ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ` +
      `${positionsFromLayout(result).length} positions, ${size}`,
  );
}

const [sizesArg = '200,2000', mode] = process.argv.slice(2);
for (const spec of sizesArg.split(',')) {
  const [size, domains] = spec.split(':').map(Number) as [number, number | undefined];
  const model = syntheticMesh(size, domains);
  if (mode === 'new') {
    await time('build + layout (layered.ts, ELK packs)', () => layoutMesh(new ELK(), buildElkGraph(model)));
  } else if (mode === 'dagre') {
    await time('build + layout (dagre, ELK packs)', () => layoutMesh(new ELK(), buildElkGraph(model), dagreLayered));
  } else if (mode === 'old') {
    await time('build + layout (all ELK, before)', () => new ELK().layout(allElk(buildElkGraph(model))));
  } else {
    let deps = 0;
    for (const i of model.inputPorts.values()) if (i.source.kind === 'outputPort') deps++;
    console.log(`${size} products, ${model.domains.size} domains, ${deps} dependencies`);
    for (const m of ['new', 'dagre', 'old']) {
      const args = ['vite-node', fileURLToPath(import.meta.url), '--', spec, m];
      process.stdout.write(execFileSync('npx', args, { encoding: 'utf8' }));
    }
  }
}
