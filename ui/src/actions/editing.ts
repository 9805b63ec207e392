// The UI's edits: each sends one command to the core and applies its answer to the
// store (UI → command → core → result → store): apply ops, undo, redo, the new-entity
// gestures, connect, delete, select all. Shared by toolbar, menus, keyboard, palette and
// context menus so there is one way to do each thing. No business rules: the core
// validates; errors are routed to a field or a toast.
import { backend, BackendError } from '../lib/backend';
import type { Applied, CommandError, EditOp, NewEntity, Place } from '../bindings';
import { toCommandError } from '../lib/errors';
import { useMeshStore, primarySelection } from '../state/meshStore';
import { MESH_VIEW } from '../state/model';
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

/**
 * Asks the core for a new entity (its name and defaults are the core's), drawn at
 * `place` when it goes on the canvas; selects it and, when `reveal`, brings it into view.
 */
async function create(entity: NewEntity, kind: SelectedRef['kind'], place: Place | null, reveal: boolean): Promise<boolean> {
  let id: string | null = null;
  const ok = await applyFrom(async () => {
    const created = await backend.newEntity(entity, place);
    id = created.id;
    return created.applied;
  });
  if (ok && id) {
    mesh().select([{ kind, id }]);
    if (reveal) canvasControls.reveal(id);
  }
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
  return create({ kind: 'domain' }, 'domain', build.domainPlace(mesh().model), true);
}

export function newTeam(): Promise<boolean> {
  if (!mesh().path) return Promise.resolve(false);
  return create({ kind: 'team' }, 'team', null, false);
}

/** A new person, known by `displayName`, added to a team; stays on the team's form. */
export async function addMember(teamId: string, displayName: string): Promise<boolean> {
  return applyFrom(async () => (await backend.newEntity({ kind: 'member', teamId, displayName }, null)).applied);
}

export function newProduct(domainId?: string, at?: { x: number; y: number }): Promise<boolean> {
  const { model, selection, path } = mesh();
  if (!path) return Promise.resolve(false);
  const target = domainId ?? build.targetDomain(model, selection);
  if (!target) {
    ui().toast('Create a domain first');
    return Promise.resolve(false);
  }
  const place = at ? { view: MESH_VIEW, x: at.x, y: at.y } : build.productPlace(model, target);
  return create({ kind: 'product', domainId: target }, 'product', place, true);
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
  return create({ kind: 'outputPort', productId: target }, 'outputPort', null, true);
}

export function connect(portId: string, consumerId: string): Promise<boolean> {
  return create({ kind: 'dependency', portId, consumerId }, 'inputPort', null, false);
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
