// Scenarios from the UI: list them, start one, switch the canvas between the as-is, a
// scenario's changes and its to-be, apply and discard. Each asks the core through the
// one `scenario` command and installs what it answers; the changes mode draws the
// removed entities back where they were so they can be marked.
import { backend } from '../lib/backend';
import type { MeshSnapshot, ScenarioChanges } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { positionKey, type MeshModel } from '../state/model';
import { useScenarioStore, type ScenarioMode } from '../state/scenarioStore';
import { reportError } from './editing';

const scenario = () => useScenarioStore.getState();

function show(snapshot: MeshSnapshot, mode: ScenarioMode): void {
  useMeshStore.getState().loadSnapshot(snapshot);
  scenario().setMode(snapshot.scenario ? mode : 'as-is');
  scenario().setChanges(null);
  scenario().setComparing(null);
}

/**
 * File > Compare With…: what the mesh file at `path` has different from the shown mesh,
 * marked in the Changes mode (its extra entities drawn in). Throws the core's refusal
 * for the dialog to show.
 */
export async function compareWith(path: string): Promise<void> {
  const answer = await backend.scenario({ action: 'compare', path });
  if (answer.kind !== 'changes') return;
  const { model } = useMeshStore.getState();
  useMeshStore.setState({ model: withRemoved(model, answer.changes) });
  scenario().setChanges(answer.changes);
  scenario().setComparing(path);
  scenario().setMode('changes');
}

/** Ends a comparison: the shown mesh as it is. */
export async function stopComparing(): Promise<void> {
  await showMode(useMeshStore.getState().scenario ? 'to-be' : 'as-is', useMeshStore.getState().scenario);
}

/** The shown mesh with what it lacks drawn in (what a scenario removed, what a compared file adds), to be marked. */
export function withRemoved(model: MeshModel, changes: ScenarioChanges): MeshModel {
  const add = <T extends { id: string }>(map: ReadonlyMap<string, T>, items: readonly T[]) => {
    const next = new Map(map);
    for (const item of items) next.set(item.id, item);
    return next;
  };
  const positions = new Map(model.positions);
  for (const p of changes.absent.positions) positions.set(positionKey(p.entityId, p.view), p);
  return {
    ...model,
    products: add(model.products, changes.absent.products),
    outputPorts: add(model.outputPorts, changes.absent.outputPorts),
    inputPorts: add(model.inputPorts, changes.absent.inputPorts),
    positions,
  };
}

/** The scenarios the open file keeps. */
export async function refreshScenarios(): Promise<void> {
  try {
    const answer = await backend.scenario({ action: 'list' });
    if (answer.kind === 'list') scenario().setScenarios(answer.scenarios);
  } catch (e) {
    reportError(e);
  }
}

/** Starts the scenario `name` on top of the as-is and shows its to-be. */
export async function startScenario(name: string): Promise<boolean> {
  try {
    const answer = await backend.scenario({ action: 'start', name });
    if (answer.kind === 'shown') show(answer.snapshot, 'to-be');
    await refreshScenarios();
    return true;
  } catch (e) {
    reportError(e);
    return false;
  }
}

async function loadChanges(): Promise<void> {
  const answer = await backend.scenario({ action: 'changes' });
  if (answer.kind !== 'changes') return;
  const { model } = useMeshStore.getState();
  useMeshStore.setState({ model: withRemoved(model, answer.changes) });
  scenario().setChanges(answer.changes);
}

/** Shows the as-is, or the scenario `name` in `mode`. */
export async function showMode(mode: ScenarioMode, name: string | null): Promise<void> {
  try {
    scenario().setConflicts([]);
    const answer = await backend.scenario({ action: 'show', name: mode === 'as-is' ? null : name });
    if (answer.kind === 'shown') show(answer.snapshot, mode);
    if (mode === 'changes') await loadChanges();
  } catch (e) {
    reportError(e);
  }
}

/** The Problems panel's delta and the marks again, after an edit in the changes mode. */
export async function refreshChanges(): Promise<void> {
  if (scenario().mode === 'as-is' || scenario().comparing || !useMeshStore.getState().scenario) return;
  try {
    const answer = await backend.scenario({ action: 'changes' });
    if (answer.kind !== 'changes') return;
    scenario().setChanges(answer.changes);
    // What an edit just removed is drawn back, marked (once: the model then has it).
    const { model } = useMeshStore.getState();
    const { absent } = answer.changes;
    const missing = absent.products.some((p) => !model.products.has(p.id)) || absent.inputPorts.some((i) => !model.inputPorts.has(i.id));
    if (scenario().mode === 'changes' && missing) useMeshStore.setState({ model: withRemoved(model, answer.changes) });
  } catch (e) {
    reportError(e);
  }
}

/** Applies the shown scenario to the as-is (one undoable edit), or lists the conflicts. */
export async function applyScenario(): Promise<void> {
  try {
    const answer = await backend.scenario({ action: 'apply' });
    if (answer.kind === 'shown') show(answer.snapshot, 'as-is');
    if (answer.kind === 'conflicts') scenario().setConflicts(answer.conflicts);
    await refreshScenarios();
  } catch (e) {
    reportError(e);
  }
}

/** Drops the scenario `name`; the as-is is shown when it was the shown one. */
export async function discardScenario(name: string): Promise<void> {
  try {
    const answer = await backend.scenario({ action: 'discard', name });
    if (answer.kind === 'shown') show(answer.snapshot, scenario().mode);
    await refreshScenarios();
  } catch (e) {
    reportError(e);
  }
}
