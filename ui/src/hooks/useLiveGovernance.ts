// Keeps the governance report live: re-checks after the mesh is opened and after every
// applied edit, undo and redo (each replaces the store's undo state), so findings and
// badges follow the model, once the model has been still for a moment (see QUIET_MS).
// Moves re-check too; the check is cheap enough for that.
import { useEffect } from 'react';
import { useMeshStore } from '../state/meshStore';
import { recheck } from '../actions/governance';

export function useLiveGovernance(): void {
  useEffect(() => {
    if (useMeshStore.getState().path) void recheck();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = useMeshStore.subscribe((s, prev) => {
      if (s.path !== prev.path || s.generation !== prev.generation || s.undo !== prev.undo) {
        clearTimeout(timer);
        timer = setTimeout(() => void recheck(), QUIET_MS);
      }
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, []);
}

/**
 * How long the model must stay unchanged before the re-check starts. Taking in the
 * report of a large mesh (5,000 findings) holds the main thread for a while: started at
 * once, it arrived before the edit's own frame and held the edit back from the screen,
 * and a burst of edits (undo held down) would take in one report per edit.
 */
const QUIET_MS = 150;
