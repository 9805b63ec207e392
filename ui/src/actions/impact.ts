// Impact and what-if actions: show what the selected product or output port reaches (to
// a depth), ask what removing, deprecating or bumping it would break, and clear the
// highlight. The core answers (`impact`, `whatIf`); this sends the questions and keeps
// the answers for the panel and the canvas.
import { backend, type ImpactTarget, type WhatIfChange } from '../lib/backend';
import { primarySelection, useMeshStore } from '../state/meshStore';
import { useImpactStore, type ImpactDepth } from '../state/impactStore';
import type { MeshModel } from '../state/model';
import type { SelectedRef } from '../state/selection';
import { useUiStore } from '../state/uiStore';
import { reportError } from './editing';

const store = () => useImpactStore.getState();

/** The impact target a selection names: one product, or one output port. */
export function targetOf(model: MeshModel, selection: readonly SelectedRef[]): ImpactTarget | null {
  const one = primarySelection(selection);
  if (one?.kind === 'product' && model.products.has(one.id)) return { kind: 'product', product: one.id };
  const port = one?.kind === 'outputPort' ? model.outputPorts.get(one.id) : undefined;
  return port ? { kind: 'port', product: port.productId, port: port.id } : null;
}

const depthOf = (depth: ImpactDepth): number | null => (depth === 'all' ? null : depth);

/** Asks the core again for the current target and depth (after an edit too). */
export async function refreshImpact(): Promise<void> {
  const { target, depth } = store();
  if (!target) return;
  try {
    const impact = await backend.impact(target, 'both', depthOf(depth));
    // Another target or depth was asked meanwhile: its own answer follows.
    if (store().target !== target || store().depth !== depth) return;
    store().setImpact(impact, useMeshStore.getState().model);
  } catch (e) {
    reportError(e);
  }
}

/** Highlights what the selected product or port reaches; false when nothing fits. */
export function showImpact(): boolean {
  const { model, selection } = useMeshStore.getState();
  const target = targetOf(model, selection);
  if (!target) return false;
  store().setTarget(target);
  void refreshImpact();
  return true;
}

export function setImpactDepth(depth: ImpactDepth): void {
  store().setDepth(depth);
  void refreshImpact();
}

/** What `change` to the target would break; the mesh is not changed. */
export async function askWhatIf(change: WhatIfChange): Promise<void> {
  const { target } = store();
  if (!target) return;
  store().setWhatIf({ change, answer: null });
  try {
    const answer = await backend.whatIf(target, change);
    if (store().target === target && store().whatIf?.change === change) store().setWhatIf({ change, answer });
  } catch (e) {
    store().setWhatIf(null);
    reportError(e);
  }
}

export function clearImpact(): void {
  store().setTarget(null);
}

/** The toolbar's, menu's and palette's Impact: shows the selection's, or clears. */
export function toggleImpact(): void {
  if (store().target) clearImpact();
  else if (!showImpact()) useUiStore.getState().toast('Select a data product or an output port to see its impact', 'info');
}
