// The filter bar's actions: set the current view's filter (the core saves it with the
// mesh and answers what it shows) and ask again for the saved one when the mesh, the
// model or the view changes. The answers go to the filter store; the views read them there.
import { backend, type ViewFilter } from '../lib/backend';
import { useFilterStore } from '../state/filterStore';
import { reportError } from './editing';

/** Answers arrive in order of asking; an older one never replaces a newer one. */
let asked = 0;

async function ask(filter: ViewFilter | null): Promise<void> {
  const mine = ++asked;
  try {
    const shown = await backend.filterView(useFilterStore.getState().view, filter);
    if (mine === asked) useFilterStore.getState().setShown(shown);
  } catch (e) {
    if (mine === asked) reportError(e);
  }
}

/** Makes `filter` the current view's filter, saved with the mesh. */
export function setFilter(filter: ViewFilter): Promise<void> {
  return ask(filter);
}

/** Shows every product again. */
export function clearFilter(): Promise<void> {
  return ask({});
}

/** The saved filter applied to the model as it is now (after an open or an edit). */
export function refreshFilter(): Promise<void> {
  return ask(null);
}
