// The merge conflicts of one window: what the report beside the open file lists, as the
// core read it, or why it could not be read (kept, with its line). Nothing here decides
// a resolution; actions/conflicts.ts asks the core.
import { create } from 'zustand';
import type { MergeConflicts } from '../bindings';

interface ConflictsState {
  conflicts: MergeConflicts | null;
  /** The report could not be read: the core's message, naming its line. */
  error: string | null;
  set(conflicts: MergeConflicts | null, error: string | null): void;
}

export const useConflictsStore = create<ConflictsState>()((set) => ({
  conflicts: null,
  error: null,
  set: (conflicts, error) => set({ conflicts, error }),
}));
