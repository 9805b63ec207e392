// Asks the core for the domains and teams views once a newly opened mesh has been still
// for a moment, and drops the answers: the open mesh keeps each view's layout
// (`layered::Memo` in the core), so the first switch to either view finds it made
// instead of laying out then (about 50 ms on a 2,000-product mesh in a release build,
// the largest part of that switch's answer). What a view shows stays the core's; this
// only asks early.
import { useEffect } from 'react';
import { backend } from '../lib/backend';
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { useExpandedStore } from '../views/overview/expandedStore';

/**
 * How long a newly opened mesh must stay unchanged before its views are asked for: after
 * the open's own first check and filter, so the layouts do not hold the session then.
 */
export const WARM_AFTER_MS = 1000;

/** Starts warming the views of each mesh opened from now on; returns how to stop. */
export function startOverviewWarmup(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const warm = async () => {
    pending = false;
    for (const view of ['domains', 'teams'] as const) {
      // A view on screen asks for itself.
      if (useUiStore.getState().view === view) continue;
      const expand = view === 'domains' ? useExpandedStore.getState().expanded : null;
      // Only a warm-up: an error is the switch's to report, when the user makes it.
      await backend.overview(view, expand).catch(() => undefined);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void warm(), WARM_AFTER_MS);
  };
  const off = useMeshStore.subscribe((s, prev) => {
    if (s.path !== prev.path || s.generation !== prev.generation) {
      pending = s.path !== null;
      if (pending) later();
      else clearTimeout(timer);
    } else if (pending && s.undo !== prev.undo) {
      // An edit right after the open: wait until the mesh is still again.
      later();
    }
  });
  return () => {
    clearTimeout(timer);
    off();
  };
}

export function useOverviewWarmup(): void {
  useEffect(() => startOverviewWarmup(), []);
}
