// Keeps the governance report live: re-checks after the mesh is opened and after every
// applied edit, undo and redo (each replaces the store's undo state), so findings and
// badges follow the model. Moves re-check too; the check is cheap enough for that.
import { useEffect } from 'react';
import { useMeshStore } from '../state/meshStore';
import { recheck } from '../actions/governance';

export function useLiveGovernance(): void {
  useEffect(() => {
    if (useMeshStore.getState().path) void recheck();
    return useMeshStore.subscribe((s, prev) => {
      if (s.path !== prev.path || s.generation !== prev.generation || s.undo !== prev.undo) afterNextPaint(recheck);
    });
  }, []);
}

/**
 * Runs `work` once the frame showing the current change is painted. The report of a
 * large mesh (5,000 findings) takes the main thread a while to take in; arriving
 * before that frame, it held back the edit itself from the screen.
 */
function afterNextPaint(work: () => unknown): void {
  requestAnimationFrame(() => setTimeout(() => void work(), 0));
}
