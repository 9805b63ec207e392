// The Export, Export Diagram and Import dialogs' actions: each sends one command and
// hands the answer to the dialog that shows it; an applied import patches the model like
// any edit, so one undo takes it back. Paths come only from the user (native dialogs or
// the dialogs' path fields). No rules here: the core plans, writes, draws and imports.
import { backend, dialogs } from '../lib/backend';
import type { DiagramRequest, DiagramWritten, ExportPreview, ExportSummary, ImportPreview, ImportResult } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { exportRequest, splitPaths } from '../state/manifests';
import { reportError } from './editing';

const ui = () => useUiStore.getState();

export function openExport(): void {
  if (useMeshStore.getState().path) ui().setExportOpen(true);
}

export function openImport(): void {
  if (useMeshStore.getState().path) ui().setImportOpen(true);
}

/** Runs a long task with its progress shown while it runs. */
async function task<T>(run: () => Promise<T>): Promise<T> {
  ui().setTask(null);
  try {
    return await run();
  } finally {
    ui().setTask(null);
  }
}

export function previewExport(): Promise<ExportPreview> {
  return task(() => backend.previewExport(exportRequest(ui().exportChoices)));
}

export function exportDiff(path: string): Promise<string> {
  return backend.exportDiff(path);
}

export function writeExport(prune: boolean): Promise<ExportSummary> {
  return task(() => backend.writeExport(prune));
}

/** File > Export Diagram…: a PNG reports its parts drawn and can be cancelled. */
export function exportDiagram(request: DiagramRequest): Promise<DiagramWritten> {
  return task(() => backend.exportDiagram(request));
}

export function cancelTask(): void {
  backend.cancelTask().catch(reportError);
}

export async function browseExportFolder(): Promise<void> {
  try {
    const folder = await dialogs.pickFolder('Export to folder', ui().exportChoices.folder);
    if (folder) ui().setExportChoices({ folder });
  } catch (e) {
    reportError(e);
  }
}

/** Adds the picked files or folder to the import field (one path a line). */
async function addImportPaths(pick: () => Promise<string[]>): Promise<void> {
  try {
    const picked = await pick();
    if (picked.length === 0) return;
    const paths = [...splitPaths(ui().importPaths)];
    for (const p of picked) if (!paths.includes(p)) paths.push(p);
    ui().setImportPaths(paths.join('\n'));
  } catch (e) {
    reportError(e);
  }
}

export function browseImportFiles(): Promise<void> {
  return addImportPaths(() => dialogs.pickManifests());
}

export function browseImportFolder(): Promise<void> {
  return addImportPaths(async () => {
    const folder = await dialogs.pickFolder('Import manifests from folder');
    return folder ? [folder] : [];
  });
}

export function previewImport(): Promise<ImportPreview> {
  return task(() => backend.previewImport(splitPaths(ui().importPaths)));
}

/** Imports as one undoable edit and shows the new entities on the canvas. */
export async function applyImport(): Promise<ImportResult> {
  const result = await task(() => backend.applyImport(splitPaths(ui().importPaths)));
  if (result.applied) {
    useMeshStore.getState().applyApplied(result.applied);
    ui().requestFit();
  }
  return result;
}
