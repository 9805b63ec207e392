// The UI's edits: each sends one command to the core and applies its answer to the
// store (UI → command → core → result → store): apply ops, undo, redo, the new-entity
// gestures, connect, delete, select all. Shared by toolbar, menus, keyboard, palette and
// context menus so there is one way to do each thing. No business rules: the core
// validates; errors are routed to a field or a toast.
import { backend, BackendError } from '../lib/backend';
import type { Applied, CommandError, EditOp } from '../bindings';
import { toCommandError } from '../lib/errors';
import { useMeshStore, primarySelection } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import type { SelectedRef } from '../state/selection';
import * as build from './edits';
import { canvasControls } from '../canvas/canvasControls';
import { recordEditRoundTrip } from '../canvas/readiness';

const mesh = () => useMeshStore.getState();
const ui = () => useUiStore.getState();

export function errorOf(e: unknown): CommandError {
  return e instanceof BackendError ? e.error : toCommandError(e);
}

export function reportError(e: unknown): void {
  ui().toast(errorOf(e).message);
}

/**
 * Applies ops as one undoable edit. Resolves true when applied; on failure the error
 * goes to `onError` when given (the inspector places field errors), else to a toast.
 */
export function edit(
  ops: EditOp[],
  label: string | null,
  options: { select?: SelectedRef[]; onError?: (error: CommandError) => void } = {},
): Promise<boolean> {
  if (ops.length === 0) return Promise.resolve(false);
  return applyFrom(() => backend.applyEdits(ops, label), options);
}

/**
 * Runs one command that answers an edit (ops, a policy change, a new entity) and
 * patches the model from its `Applied`; errors as for `edit`.
 */
export async function applyFrom(
  call: () => Promise<Applied>,
  options: { select?: SelectedRef[]; onError?: (error: CommandError) => void } = {},
): Promise<boolean> {
  if (!mesh().path) return false;
  try {
    const started = performance.now();
    const applied = await call();
    mesh().applyApplied(applied);
    if (options.select) mesh().select(options.select);
    recordEditRoundTrip(started);
    return true;
  } catch (e) {
    const error = errorOf(e);
    if (options.onError) options.onError(error);
    else ui().toast(error.message);
    return false;
  }
}

async function runBuilt(built: build.Built): Promise<boolean> {
  const ok = await edit(built.ops, built.label, { select: [built.select] });
  if (ok && built.select.kind !== 'team') canvasControls.reveal(built.select.id);
  return ok;
}

export async function undo(): Promise<void> {
  if (!mesh().path) return;
  try {
    const applied = await backend.undo();
    if (applied) mesh().applyApplied(applied);
  } catch (e) {
    reportError(e);
  }
}

export async function redo(): Promise<void> {
  if (!mesh().path) return;
  try {
    const applied = await backend.redo();
    if (applied) mesh().applyApplied(applied);
  } catch (e) {
    reportError(e);
  }
}

export function newDomain(): Promise<boolean> {
  if (!mesh().path) return Promise.resolve(false);
  return runBuilt(build.newDomain(mesh().model, crypto.randomUUID()));
}

export function newTeam(): Promise<boolean> {
  if (!mesh().path) return Promise.resolve(false);
  return runBuilt(build.newTeam(mesh().model, crypto.randomUUID()));
}

export function newProduct(domainId?: string, at?: { x: number; y: number }): Promise<boolean> {
  const { model, selection, path } = mesh();
  if (!path) return Promise.resolve(false);
  const target = domainId ?? build.targetDomain(model, selection);
  if (!target) {
    ui().toast('Create a domain first');
    return Promise.resolve(false);
  }
  return runBuilt(build.newProduct(model, target, { product: crypto.randomUUID(), port: crypto.randomUUID() }, at));
}

export function newOutputPort(productId?: string): Promise<boolean> {
  const { model, selection } = mesh();
  const primary = primarySelection(selection);
  const target =
    productId ??
    (primary?.kind === 'product' ? primary.id : primary?.kind === 'outputPort' ? model.outputPorts.get(primary.id)?.productId : undefined);
  if (!target) {
    ui().toast('Select a data product first', 'info');
    return Promise.resolve(false);
  }
  return runBuilt(build.newOutputPort(model, target, crypto.randomUUID()));
}

export async function connect(portId: string, consumerId: string): Promise<boolean> {
  const built = build.newDependency(mesh().model, portId, consumerId, crypto.randomUUID());
  if (!built) return false;
  return edit(built.ops, built.label, { select: [built.select] });
}

export function deleteItems(selection: readonly SelectedRef[] = mesh().selection): Promise<boolean> {
  const { ops, label } = build.deleteSelection(mesh().model, selection);
  if (ops.length === 0) return Promise.resolve(false);
  return edit(ops, label, { select: [] });
}

export function selectAll(): void {
  const { model } = mesh();
  const refs: SelectedRef[] = [];
  for (const id of model.domains.keys()) refs.push({ kind: 'domain', id });
  for (const id of model.products.keys()) refs.push({ kind: 'product', id });
  mesh().select(refs);
}
