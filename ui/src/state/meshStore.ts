// The model store: the open file, its entities (as maps), the undo state and the
// selection. It changes only by loading a snapshot or applying the core's Applied
// result; it never invents entities or enforces rules (that is the core's job).
import { create } from 'zustand';
import type { Applied, MeshSnapshot, UndoState } from '../bindings';
import { applyChanges, emptyModel, modelFromMesh, type MeshModel } from './model';
import { pruneSelection, sameSelection, type SelectedRef } from './selection';

export interface MeshState {
  /** Null until a mesh is open. */
  path: string | null;
  model: MeshModel;
  undo: UndoState;
  selection: SelectedRef[];
  /** The scenario shown (and edited) instead of the as-is, if any. */
  scenario: string | null;
  /** Bumped on every load so async work (layout) can tell a stale file apart. */
  generation: number;
  loadSnapshot(snapshot: MeshSnapshot): void;
  /** The same file as changed by another process: the model and history replaced, the view and selection kept. */
  followSnapshot(snapshot: MeshSnapshot): void;
  applyApplied(applied: Applied): void;
  select(selection: SelectedRef[]): void;
}

export const useMeshStore = create<MeshState>((set) => ({
  path: null,
  model: emptyModel(),
  undo: { undo: null, redo: null },
  selection: [],
  scenario: null,
  generation: 0,
  loadSnapshot: (snapshot) =>
    set((s) => ({
      path: snapshot.path,
      model: modelFromMesh(snapshot.mesh),
      undo: snapshot.undo,
      selection: [],
      scenario: snapshot.scenario,
      generation: s.generation + 1,
    })),
  followSnapshot: (snapshot) =>
    set((s) => {
      const model = modelFromMesh(snapshot.mesh);
      return { model, undo: snapshot.undo, selection: pruneSelection(model, s.selection) };
    }),
  applyApplied: (applied) =>
    set((s) => {
      const model = applyChanges(s.model, applied.changes);
      return { model, undo: applied.undo, selection: pruneSelection(model, s.selection) };
    }),
  select: (selection) => set((s) => (sameSelection(s.selection, selection) ? s : { selection })),
}));

/** The entity the inspector shows: the only selected one, or null. */
export function primarySelection(selection: readonly SelectedRef[]): SelectedRef | null {
  return selection.length === 1 ? (selection[0] ?? null) : null;
}
