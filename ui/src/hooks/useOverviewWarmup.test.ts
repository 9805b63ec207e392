import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeshSnapshot } from '../bindings';

// The backend is the only door to Tauri: a fake one records the views asked for.
const asked = vi.hoisted(() => [] as [string, string | null][]);
vi.mock('../lib/backend', () => ({
  backend: {
    overview: async (view: string, expand: string | null) => {
      asked.push([view, expand]);
      return {};
    },
  },
}));

// The window the user's clicks and keys reach (these tests run without a DOM).
vi.stubGlobal('window', new EventTarget());

const { startOverviewWarmup, WARM_AFTER_MS } = await import('./useOverviewWarmup');
const { useMeshStore } = await import('../state/meshStore');
const { useUiStore } = await import('../state/uiStore');
const { useExpandedStore } = await import('../views/overview/expandedStore');
const { smallMesh } = await import('../test/fixtures');

const snapshot = (path: string): MeshSnapshot =>
  ({ path, mesh: smallMesh(), undo: { undo: null, redo: null }, scenario: null }) as unknown as MeshSnapshot;

describe('overview warm-up', () => {
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    asked.length = 0;
    useUiStore.setState({ view: 'canvas' });
    useExpandedStore.setState({ expanded: null });
    stop = startOverviewWarmup();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('asks for the domains and teams views once an opened mesh has been still', async () => {
    useMeshStore.getState().loadSnapshot(snapshot('/a.mesh'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([
      ['domains', null],
      ['teams', null],
    ]);
    // Once per open: later edits ask nothing more.
    useMeshStore.setState({ undo: { undo: 'Move', redo: null } });
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS * 2);
    expect(asked).toHaveLength(2);
  });

  it('waits for edits made right after the open, and asks again for the next file', async () => {
    useMeshStore.getState().loadSnapshot(snapshot('/a.mesh'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS / 2);
    useMeshStore.setState({ undo: { undo: 'Move', redo: null } });
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS / 2);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS / 2);
    expect(asked).toHaveLength(2);
    useMeshStore.getState().loadSnapshot(snapshot('/b.mesh'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS);
    expect(asked).toHaveLength(4);
  });

  it('waits while the window is used', async () => {
    useMeshStore.getState().loadSnapshot(snapshot('/a.mesh'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS - 10);
    window.dispatchEvent(new Event('pointerdown'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS - 10);
    window.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS - 10);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(asked).toEqual([
      ['domains', null],
      ['teams', null],
    ]);
  });

  it('asks nothing more of a mesh replaced while its views were asked for', async () => {
    let release = () => {};
    const slow = new Promise<void>((r) => {
      release = r;
    });
    const { backend } = await import('../lib/backend');
    const overview = vi.spyOn(backend, 'overview').mockImplementationOnce(async (view, expand) => {
      asked.push([view, expand]);
      await slow;
      return {} as never;
    });
    useMeshStore.getState().loadSnapshot(snapshot('/a.mesh'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS);
    expect(asked).toEqual([['domains', null]]);
    useMeshStore.getState().loadSnapshot(snapshot('/b.mesh'));
    release();
    await vi.advanceTimersByTimeAsync(0);
    // a's teams view is not asked; b's two views are, once b has been still.
    expect(asked).toEqual([['domains', null]]);
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS);
    expect(asked).toHaveLength(3);
    overview.mockRestore();
  });

  it('leaves out the view on screen and asks for the domain expanded there', async () => {
    useUiStore.setState({ view: 'teams' });
    useExpandedStore.setState({ expanded: 'd1' });
    useMeshStore.getState().loadSnapshot(snapshot('/a.mesh'));
    await vi.advanceTimersByTimeAsync(WARM_AFTER_MS);
    expect(asked).toEqual([['domains', 'd1']]);
  });
});
