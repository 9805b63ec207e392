import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { buildElkGraph, positionsFromLayout, setPositionOps } from '../layout/elkGraph';
import { LayoutCancelled, cancelLayouts, layoutInWorker } from '../layout/runLayout';
import { edit } from './editing';

const mesh = () => useMeshStore.getState();
const ui = () => useUiStore.getState();

let layoutRun = 0;

/** Lays the mesh out in the worker and stores every position as one "Auto layout" edit. */
export async function autoLayout(): Promise<void> {
  const { model, generation, path } = mesh();
  if (!path || (model.products.size === 0 && model.domains.size === 0)) return;
  const run = ++layoutRun;
  ui().setLayingOut(true);
  try {
    const result = await layoutInWorker(buildElkGraph(model));
    // A newer layout or another file makes this result stale.
    if (run !== layoutRun || mesh().generation !== generation) return;
    const ok = await edit(setPositionOps(positionsFromLayout(result)), 'Auto layout');
    if (ok) ui().requestFit();
  } catch (e) {
    // Cancelled by the user: the mesh keeps the positions it had.
    if (!(e instanceof LayoutCancelled)) reportError(e);
  } finally {
    if (run === layoutRun) ui().setLayingOut(false);
  }
}

/** The status bar's Cancel while laying out. */
export function cancelLayout(): void {
  cancelLayouts();
}
