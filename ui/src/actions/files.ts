// Opening, creating and copying mesh files, and what the app opens at start: the
// native file dialogs, the open with its Cancel, and installing the opened snapshot.
import { backend, dialogs } from '../lib/backend';
import type { MeshSnapshot } from '../bindings';
import { outcomeOf } from '../lib/errors';
import { fileName } from '../lib/paths';
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { hasViewPositions } from '../state/model';
import { errorOf, reportError } from './editing';
import { autoLayout } from './layout';
import { loadConflicts } from './conflicts';

const mesh = () => useMeshStore.getState();
const ui = () => useUiStore.getState();

/** The status bar's Cancel while a mesh opens: the open mesh stays. */
export function cancelOpen(): void {
  void backend.cancelOpen().catch(reportError);
}

async function install(snapshot: MeshSnapshot): Promise<void> {
  mesh().loadSnapshot(snapshot);
  ui().clearFieldErrors();
  void loadConflicts();
  const { model } = mesh();
  if ((model.products.size > 0 || model.domains.size > 0) && !hasViewPositions(model)) {
    await autoLayout();
  }
}

export async function startup(): Promise<void> {
  try {
    const snapshot = await backend.currentMesh();
    if (snapshot) await install(snapshot);
  } catch (e) {
    ui().setStartupError(errorOf(e).message);
  }
}

export async function openPath(path: string): Promise<void> {
  ui().setOpening(path);
  try {
    const snapshot = await backend.openMesh(path);
    if (snapshot) await install(snapshot);
    else ui().toast(`${fileName(path)} is open in another window`, 'info');
  } catch (e) {
    const error = errorOf(e);
    if (outcomeOf(error) === 'stopped') {
      ui().toast(`Opening ${fileName(path)} was cancelled`, 'info');
      return;
    }
    ui().toast(error.message);
    await dialogs.message(error.message, 'Cannot open the mesh', 'error').catch(() => undefined);
  } finally {
    ui().setOpening(null);
  }
}

export async function openFile(): Promise<void> {
  try {
    const path = await dialogs.openFile();
    if (path) await openPath(path);
  } catch (e) {
    reportError(e);
  }
}

/** The mesh name a new file gets: its file name without the extension. */
export function nameFromPath(path: string): string {
  const file = fileName(path);
  return file.replace(/\.mesh$/i, '') || 'Untitled mesh';
}

export async function newFile(): Promise<void> {
  try {
    let path = await dialogs.saveFile('New mesh', 'untitled.mesh');
    if (!path) return;
    if (!/\.mesh$/i.test(path)) path += '.mesh';
    await install(await backend.newMesh(path, nameFromPath(path)));
  } catch (e) {
    reportError(e);
  }
}

/** File > New Window: the new window starts with New and Open. */
export function newWindow(): void {
  void backend.newWindow().catch(reportError);
}

export async function saveAs(): Promise<void> {
  if (!mesh().path) return;
  try {
    let path = await dialogs.saveFile('Save a copy as');
    if (!path) return;
    if (!/\.mesh$/i.test(path)) path += '.mesh';
    await backend.saveMeshAs(path);
    ui().toast(`Saved a copy to ${path}`, 'info');
  } catch (e) {
    reportError(e);
  }
}
