// Turning whatever a failed call threw into a CommandError, and deciding where an error
// is shown: under a form field (the core named the field) or in a toast. Pure functions;
// no UI and no backend calls.
import type { CommandError, ErrorKind } from '../bindings';

function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { kind?: unknown }).kind === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

/** Normalises anything thrown by a command into the typed error shape. */
export function toCommandError(e: unknown): CommandError {
  if (isCommandError(e)) {
    return { kind: e.kind, entity: e.entity ?? null, field: e.field ?? null, path: e.path ?? null, message: e.message };
  }
  if (typeof e === 'object' && e !== null && 'error' in e && isCommandError((e as { error: unknown }).error)) {
    return toCommandError((e as { error: unknown }).error);
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : 'Something went wrong';
  return { kind: 'internal', entity: null, field: null, path: null, message };
}

/**
 * What a failure means to the user: `stopped` (they cancelled it), `overtaken` (the mesh
 * changed since they looked: look again), or `failed`. One entry per kind of the core's
 * ErrorKind, so a kind the core adds fails the type check until it is placed here; the UI
 * asks this instead of comparing kinds.
 */
export type Outcome = 'failed' | 'stopped' | 'overtaken';

const OUTCOMES: Record<ErrorKind, Outcome> = {
  invalid: 'failed',
  conflict: 'failed',
  notFound: 'failed',
  nothingToDo: 'failed',
  badFile: 'failed',
  corrupt: 'failed',
  newerSchema: 'failed',
  io: 'failed',
  export: 'failed',
  cancelled: 'stopped',
  database: 'failed',
  decode: 'failed',
  noMeshOpen: 'failed',
  stale: 'overtaken',
  internal: 'failed',
};

export function outcomeOf(error: CommandError): Outcome {
  return OUTCOMES[error.kind] ?? 'failed';
}

/** Where an error belongs. */
export type ErrorPlacement = { where: 'field'; field: string; message: string } | { where: 'toast'; message: string };

/**
 * An error naming a field the open form shows goes under that field; anything else
 * (relational conflicts on other entities, I/O) goes to a toast so it is never lost.
 */
export function placeError(error: CommandError, formFields: ReadonlySet<string>): ErrorPlacement {
  if (error.field && formFields.has(error.field)) {
    return { where: 'field', field: error.field, message: error.message };
  }
  return { where: 'toast', message: error.message };
}
