// The Table view's commands: cell edits, new rows and pastes sent to the core's sheet
// API, one at a time and in order (a new row must exist before the next cell of it is
// stored), and the answer applied to the store like any edit. The core decides what a
// cell means and answers problems per cell; a refused command becomes one problem at
// the cell the core names. No business rules here.
import { backend } from '../lib/backend';
import type { Applied, CellProblem, EntityKind, SheetEdit, SheetPaste, SheetResult } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { errorOf } from './editing';
import { recordEditRoundTrip } from '../canvas/readiness';

/** Stored (`problems` empty; `applied` null when nothing changed), or refused. */
export interface SheetOutcome {
  applied: Applied | null;
  problems: CellProblem[];
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every sheet command sent before it has been answered. */
function inOrder<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

async function send(call: () => Promise<SheetResult>): Promise<SheetOutcome> {
  const started = performance.now();
  let result: SheetResult;
  try {
    result = await call();
  } catch (e) {
    const error = errorOf(e);
    return { applied: null, problems: [{ row: 0, column: error.field, kind: 'invalid', message: error.message }] };
  }
  if (result.problems.length > 0) return { applied: null, problems: result.problems };
  if (result.applied) {
    useMeshStore.getState().applyApplied(result.applied);
    recordEditRoundTrip(started);
  }
  return { applied: result.applied, problems: [] };
}

/** Stores edited cells and new rows as one undoable edit. */
export function applySheet(edit: SheetEdit | (() => SheetEdit)): Promise<SheetOutcome> {
  // A function is built when its turn comes, so it can name an entity created just before.
  return inOrder(() => send(() => backend.applySheet(typeof edit === 'function' ? edit() : edit)));
}

/** Stores a pasted block as one undoable edit, or nothing. */
export function pasteSheet(paste: SheetPaste): Promise<SheetOutcome> {
  return inOrder(() => send(() => backend.pasteSheet(paste)));
}

/** Waits until every sheet command sent so far has been answered. */
export function settled(): Promise<void> {
  return inOrder(() => Promise.resolve());
}

/**
 * The entity of `kind` an edit created: when it created several (a missing parent
 * domain with the new one), the one whose first cell is `first`, else the last.
 */
export function createdId(applied: Applied, kind: EntityKind, first: string): string | null {
  const created = applied.changes.flatMap((c) =>
    c.before === null && c.after?.kind === kind && 'id' in c.after.value ? [c.after.value] : [],
  );
  const named = created.find((e) => {
    const label = 'displayName' in e ? e.displayName : 'title' in e ? e.title : undefined;
    return label === first.trim();
  });
  return (named ?? created[created.length - 1])?.id ?? null;
}
