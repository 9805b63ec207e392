// A merge's conflicts from the UI: read the report beside the open file when a mesh is
// installed or changed elsewhere, and resolve one by keeping a side (one undoable edit
// the core works out); the store follows the answer.
import { backend } from '../lib/backend';
import type { Conflict, Side } from '../bindings';
import { useConflictsStore } from '../state/conflictsStore';
import { useMeshStore } from '../state/meshStore';
import { errorOf, reportError } from './editing';

/** Reads the report beside the open file (none: the panel closes). */
export async function loadConflicts(): Promise<void> {
  try {
    const answer = await backend.conflicts(null);
    useConflictsStore.getState().set(answer.left, null);
  } catch (e) {
    useConflictsStore.getState().set(null, errorOf(e).message);
  }
}

/** Keeps `side`'s value for `conflict`. */
export async function resolveConflict(conflict: Conflict, side: Side): Promise<void> {
  try {
    const answer = await backend.conflicts({ kind: conflict.kind, id: conflict.id, field: conflict.field ?? null, side });
    if (answer.applied) useMeshStore.getState().applyApplied(answer.applied);
    useConflictsStore.getState().set(answer.left, null);
  } catch (e) {
    reportError(e);
  }
}
