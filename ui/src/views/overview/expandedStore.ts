// Which domain the domains view shows expanded into its products (one at a time, per
// window, not saved): the node's button sets it, the view asks the core with it.
import { create } from 'zustand';

export const useExpandedStore = create<{ expanded: string | null; expand(id: string | null): void }>()((set) => ({
  expanded: null,
  expand: (expanded) => set({ expanded }),
}));

/** The domain `view` is asked for expanded: only the domains view expands one. */
export function expandedIn(view: 'domains' | 'teams', expanded: string | null): string | null {
  return view === 'domains' ? expanded : null;
}
