// Keeps the filter's answer live: asks the core for the saved filter when a mesh is
// opened or the main view changes to one with another filter, and again after edits,
// undo and redo while a filter is set (an edit can move a product in or out of it), once
// the model has been still for a moment.
import { useEffect } from 'react';
import { useMeshStore } from '../state/meshStore';
import { filterViewOf, useFilterStore } from '../state/filterStore';
import { useUiStore } from '../state/uiStore';
import { refreshFilter } from '../actions/filter';

const QUIET_MS = 100;

export function useLiveFilter(): void {
  useEffect(() => {
    if (useMeshStore.getState().path) void refreshFilter();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = useMeshStore.subscribe((s, prev) => {
      if (s.path !== prev.path || s.generation !== prev.generation) {
        clearTimeout(timer);
        useFilterStore.getState().setShown(null);
        if (s.path) void refreshFilter();
      } else if (s.undo !== prev.undo && useFilterStore.getState().shown) {
        clearTimeout(timer);
        timer = setTimeout(() => void refreshFilter(), QUIET_MS);
      }
    });
    const offView = useUiStore.subscribe((s) => {
      const view = filterViewOf(s.view);
      if (view === useFilterStore.getState().view) return;
      useFilterStore.getState().setView(view);
      if (useMeshStore.getState().path) void refreshFilter();
    });
    return () => {
      clearTimeout(timer);
      off();
      offView();
    };
  }, []);
}
