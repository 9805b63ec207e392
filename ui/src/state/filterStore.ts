// The filter of the window's current view, as the core answered it: the filter (saved
// with the mesh per view), the products and domains it shows, and the stubs standing for
// the dependencies on hidden products. The canvas, the Table and the Ownership views
// share the products view's filter; the domains and teams views have their own. Nothing
// here decides what a filter shows; that is the core's `filterView`.
import { create } from 'zustand';
import type { Filtered, Stub, View, ViewFilter } from '../lib/backend';
import type { MainView } from './uiStore';

/** The saved filter a main view shows. */
export function filterViewOf(view: MainView): View {
  return view === 'domains' || view === 'teams' ? view : 'products';
}

interface FilterState {
  /** Whose filter this is. */
  view: View;
  /** The filter in force (the empty filter when none). */
  filter: ViewFilter;
  /** The core's answer for it; null until the first answer, and when all shows. */
  shown: Filtered | null;
  /** Visible product ids; null when every product shows. */
  products: ReadonlySet<string> | null;
  /** Drawn domain ids; null when every domain shows. */
  domains: ReadonlySet<string> | null;
  /** The stubs of visible products, by product id. */
  stubs: ReadonlyMap<string, Stub>;
  setShown(shown: Filtered | null): void;
  setView(view: View): void;
}

const NO_STUBS: ReadonlyMap<string, Stub> = new Map();

export const useFilterStore = create<FilterState>()((set) => ({
  view: 'products',
  filter: {},
  shown: null,
  products: null,
  domains: null,
  stubs: NO_STUBS,
  setShown: (shown) =>
    set(
      !shown || shown.all
        ? { filter: shown?.filter ?? {}, shown: null, products: null, domains: null, stubs: NO_STUBS }
        : {
            filter: shown.filter,
            shown,
            products: new Set(shown.products),
            domains: new Set(shown.domains),
            stubs: new Map(shown.stubs.map((s) => [s.productId, s])),
          },
    ),
  setView: (view) => set({ view, filter: {}, shown: null, products: null, domains: null, stubs: NO_STUBS }),
}));
