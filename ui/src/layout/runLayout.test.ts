import { afterEach, describe, expect, it } from 'vitest';
import type { ElkNode } from 'elkjs/lib/elk-api';

// A stand-in for the browser's Worker: records requests and whether it was ended.
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: unknown[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(id: number, graph: ElkNode) {
    this.onmessage?.({ data: { id, ok: true, graph } } as MessageEvent);
  }
}

(globalThis as unknown as { Worker: unknown }).Worker = FakeWorker;
const { LayoutCancelled, cancelLayouts, layoutInWorker } = await import('./runLayout');

afterEach(() => {
  FakeWorker.made = [];
});

describe('layout worker client', () => {
  it('resolves a request with the worker answer', async () => {
    const result = layoutInWorker({ id: 'root' });
    const worker = FakeWorker.made.at(-1)!;
    const { id } = worker.sent[0] as { id: number };
    worker.answer(id, { id: 'root', width: 10 });
    await expect(result).resolves.toEqual({ id: 'root', width: 10 });
    cancelLayouts();
  });

  it('cancelling ends the worker, rejects what was waiting, and the next request gets a new worker', async () => {
    const first = layoutInWorker({ id: 'root' });
    const worker = FakeWorker.made.at(-1)!;
    cancelLayouts();
    await expect(first).rejects.toBeInstanceOf(LayoutCancelled);
    expect(worker.terminated).toBe(true);

    const second = layoutInWorker({ id: 'root' });
    const fresh = FakeWorker.made.at(-1)!;
    expect(fresh).not.toBe(worker);
    const { id } = fresh.sent[0] as { id: number };
    fresh.answer(id, { id: 'root', height: 5 });
    await expect(second).resolves.toEqual({ id: 'root', height: 5 });
  });
});
