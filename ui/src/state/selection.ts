// What is selected, as typed references. Canvas node/edge ids are entity UUIDs, so a
// selection can be rebuilt from React Flow ids and the model. Pure functions only.
import type { MeshModel } from './model';

export type SelectableKind = 'domain' | 'product' | 'team' | 'outputPort' | 'inputPort';

export interface SelectedRef {
  kind: SelectableKind;
  id: string;
}

/** The kind of an entity id in the model, for ids coming from the canvas. */
export function kindOf(model: MeshModel, id: string): SelectableKind | null {
  if (model.products.has(id)) return 'product';
  if (model.domains.has(id)) return 'domain';
  if (model.inputPorts.has(id)) return 'inputPort';
  if (model.outputPorts.has(id)) return 'outputPort';
  if (model.teams.has(id)) return 'team';
  return null;
}

export function refsFromIds(model: MeshModel, ids: Iterable<string>): SelectedRef[] {
  const out: SelectedRef[] = [];
  for (const id of ids) {
    const kind = kindOf(model, id);
    if (kind) out.push({ kind, id });
  }
  return out;
}

/** Drops references to entities that no longer exist (after a delete or an undo). */
export function pruneSelection(model: MeshModel, selection: readonly SelectedRef[]): SelectedRef[] {
  const kept = selection.filter((ref) => kindOf(model, ref.id) === ref.kind);
  return kept.length === selection.length ? (selection as SelectedRef[]) : kept;
}

export function sameSelection(a: readonly SelectedRef[], b: readonly SelectedRef[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((r) => r.id));
  return b.every((r) => ids.has(r.id));
}
