// Asks the core for the domains and teams views once a newly opened mesh and its window
// have been still for a moment, and drops the answers: the open mesh keeps each view's
// layout (`layered::Memo` in the core), so the first switch to either view finds it
// made instead of laying out then (about 50 ms on a 2,000-product mesh in a release
// build, the largest part of that switch's answer). What a view shows stays the core's;
// this only asks early, with the request the view itself makes.
import { useEffect } from 'react';
import { backend } from '../lib/backend';
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { expandedIn, useExpandedStore } from '../views/overview/expandedStore';

/**
 * How long a newly opened mesh must stay unchanged, and its window untouched, before its
 * views are asked for: the layouts hold the session, and a click or key meanwhile would
 * wait for them.
 */
export const WARM_AFTER_MS = 1000;

/** What the user does that puts the warm-up off. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel'] as const;

/** Starts warming the views of each mesh opened from now on; returns how to stop. */
export function startOverviewWarmup(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const warm = async () => {
    pending = false;
    const generation = useMeshStore.getState().generation;
    for (const view of ['domains', 'teams'] as const) {
      // Another mesh opened meanwhile: its own warm-up follows.
      if (useMeshStore.getState().generation !== generation) return;
      // A view on screen asks for itself.
      if (useUiStore.getState().view === view) continue;
      // Only a warm-up: an error is the switch's to report, when the user makes it.
      await backend.overview(view, expandedIn(view, useExpandedStore.getState().expanded)).catch(() => undefined);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void warm(), WARM_AFTER_MS);
  };
  const putOff = () => {
    if (pending) later();
  };
  const off = useMeshStore.subscribe((s, prev) => {
    if (s.path !== prev.path || s.generation !== prev.generation) {
      pending = s.path !== null;
      if (pending) later();
      else clearTimeout(timer);
    } else if (s.undo !== prev.undo || s.selection !== prev.selection) {
      putOff();
    }
  });
  for (const kind of ACTIVITY) window.addEventListener(kind, putOff, { capture: true, passive: true });
  return () => {
    clearTimeout(timer);
    off();
    for (const kind of ACTIVITY) window.removeEventListener(kind, putOff, { capture: true });
  };
}

export function useOverviewWarmup(): void {
  useEffect(() => startOverviewWarmup(), []);
}
