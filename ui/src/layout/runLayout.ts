// Client side of the layout worker: one lazily created worker, requests as promises,
// and cancelling, which ends the worker (ELK cannot be interrupted inside a run).
// Vite builds the worker as its own file (CSP worker-src 'self': no blob or inline).
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutRequest, LayoutResponse } from './layout.worker';

/** What a layout cancelled by the user rejects with. */
export class LayoutCancelled extends Error {
  constructor() {
    super('Layout cancelled');
  }
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(g: ElkNode): void; reject(e: Error): void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const answer = event.data;
    const waiter = pending.get(answer.id);
    if (!waiter) return;
    pending.delete(answer.id);
    if (answer.ok) waiter.resolve(answer.graph);
    else waiter.reject(new Error(answer.message));
  };
  w.onerror = (event) => {
    const error = new Error(event.message || 'The layout worker failed');
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
    worker = null;
  };
  worker = w;
  return w;
}

export function layoutInWorker(graph: ElkNode): Promise<ElkNode> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { id, graph };
    getWorker().postMessage(request);
  });
}

/** Ends every layout in flight; the next request starts a fresh worker. */
export function cancelLayouts(): void {
  worker?.terminate();
  worker = null;
  const waiting = [...pending.values()];
  pending.clear();
  for (const waiter of waiting) waiter.reject(new LayoutCancelled());
}
