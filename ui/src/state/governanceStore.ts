// The governance state the UI shows: the latest report of the open mesh (findings with
// their waived state), its policy and rule catalog, the worst severity per canvas node,
// and the Problems panel's own state (open, filters, the finding being waived, the
// policy editor). Replaced whole from the core's answers; nothing here decides a
// finding.
import { create } from 'zustand';
import type { Policy, Report, RuleDoc, Severity } from '../bindings';
import { NO_FILTERS, type FindingFilters } from './findings';

export interface GovernanceState {
  report: Report | null;
  policy: Policy | null;
  catalog: RuleDoc[];
  /** Worst unwaived severity per product and domain node id, for the canvas badges. */
  worst: ReadonlyMap<string, Severity>;
  /** Why the last check failed (a policy the core refuses), or null. */
  error: string | null;
  panelOpen: boolean;
  editorOpen: boolean;
  filters: FindingFilters;
  /** Key of the finding whose waive form is open. */
  waiving: string | null;
  setResult(result: { report: Report; policy: Policy; catalog: RuleDoc[]; worst: ReadonlyMap<string, Severity> }): void;
  setError(error: string | null): void;
  clear(): void;
  togglePanel(open?: boolean): void;
  setEditorOpen(open: boolean): void;
  setFilters(patch: Partial<FindingFilters>): void;
  setWaiving(key: string | null): void;
}

const EMPTY_WORST: ReadonlyMap<string, Severity> = new Map();

export const useGovernanceStore = create<GovernanceState>((set) => ({
  report: null,
  policy: null,
  catalog: [],
  worst: EMPTY_WORST,
  error: null,
  panelOpen: false,
  editorOpen: false,
  filters: NO_FILTERS,
  waiving: null,
  setResult: ({ report, policy, catalog, worst }) => set({ report, policy, catalog, worst, error: null }),
  setError: (error) => set({ error }),
  clear: () => set({ report: null, policy: null, catalog: [], worst: EMPTY_WORST, error: null, waiving: null }),
  togglePanel: (open) => set((s) => ({ panelOpen: open ?? !s.panelOpen })),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  setWaiving: (waiving) => set({ waiving }),
}));
