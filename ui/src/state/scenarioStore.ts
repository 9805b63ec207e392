// The scenario side of one window: which mode the canvas is in (the as-is, a scenario's
// changes or its to-be), the scenarios the file keeps, the shown scenario's changes as
// the core answered them (or a compared file's), and what each changed entity is marked (added, removed,
// changed) for the canvas. What changed is the core's diff; this only keeps it.
import { create } from 'zustand';
import type { Conflict, ScenarioChanges, ScenarioSummary } from '../bindings';

/** What the canvas shows. */
export type ScenarioMode = 'as-is' | 'changes' | 'to-be';

/** How a changed entity is marked. */
export type ChangeMark = 'added' | 'removed' | 'changed';

interface ScenarioState {
  mode: ScenarioMode;
  scenarios: ScenarioSummary[];
  changes: ScenarioChanges | null;
  /** Each changed entity's mark, by id (products, ports and dependencies). */
  marks: ReadonlyMap<string, ChangeMark>;
  /** What stopped the last apply, if it was stopped. */
  conflicts: Conflict[];
  /** The file compared with (File > Compare With…), while its differences are shown. */
  comparing: string | null;
  setMode(mode: ScenarioMode): void;
  setScenarios(scenarios: ScenarioSummary[]): void;
  setChanges(changes: ScenarioChanges | null): void;
  setConflicts(conflicts: Conflict[]): void;
  setComparing(comparing: string | null): void;
}

const NONE = new Map<string, ChangeMark>();

/** The marks of `changes`: every entity added, removed or changed. */
export function marksOf(changes: ScenarioChanges): Map<string, ChangeMark> {
  const marks = new Map<string, ChangeMark>();
  for (const e of changes.diff.entities) marks.set(e.id, e.change);
  return marks;
}

export const useScenarioStore = create<ScenarioState>()((set) => ({
  mode: 'as-is',
  scenarios: [],
  changes: null,
  marks: NONE,
  conflicts: [],
  comparing: null,
  setMode: (mode) => set({ mode }),
  setScenarios: (scenarios) => set({ scenarios }),
  setChanges: (changes) => set({ changes, marks: changes ? marksOf(changes) : NONE }),
  setConflicts: (conflicts) => set({ conflicts }),
  setComparing: (comparing) => set({ comparing }),
}));
