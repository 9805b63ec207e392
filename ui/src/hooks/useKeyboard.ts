// Keyboard shortcuts of the canvas and lists. Nothing fires while typing in a field,
// except F2 (focus the name field) and the window-wide view keys, so text editing keeps
// its native keys. N on the canvas is quick create (canvas/quickCreate.ts); Escape
// leaves presentation mode.
import { useEffect } from 'react';
import * as editing from '../actions/editing';
import { useUiStore } from '../state/uiStore';
import { useMeshStore } from '../state/meshStore';
import { quickCreateDomain } from '../canvas/quickCreate';
import { isTextTarget, recentlyHandled } from './keyGuard';

// Each kind is the menu action's, so a key seen by the page and the menu runs once.
const VIEWS = {
  '1': ['showCanvas', 'canvas'],
  '2': ['showTable', 'table'],
  '3': ['showOwnership', 'ownership'],
  '4': ['showDomains', 'domains'],
  '5': ['showTeams', 'teams'],
} as const;

/** The window-wide shortcuts: Ctrl+1 to 5 switch the view, F11 presents, Ctrl+K finds. */
function viewKey(e: KeyboardEvent): { kind: string; run(): void } | null {
  const ui = useUiStore.getState();
  const mod = (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey;
  if (mod && e.key in VIEWS) {
    const [kind, view] = VIEWS[e.key as keyof typeof VIEWS];
    return { kind, run: () => ui.setView(view) };
  }
  if (e.key === 'F11') return { kind: 'togglePresentation', run: () => ui.togglePresentation() };
  if (mod && e.key.toLowerCase() === 'k') return { kind: 'commandPalette', run: () => ui.setPaletteOpen(true) };
  return null;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // View switches, presentation and the palette work from anywhere, a text field too;
      // the native menu has the same shortcuts, and `recentlyHandled` runs them once.
      const view = viewKey(e);
      if (view) {
        e.preventDefault();
        if (!recentlyHandled(view.kind)) view.run();
        return;
      }
      if (e.key === 'F2') {
        e.preventDefault();
        useUiStore.getState().requestNameFocus();
        return;
      }
      const ui = useUiStore.getState();
      const typing = isTextTarget(e.target);
      const { model, selection } = useMeshStore.getState();
      const modal = ui.paletteOpen || ui.exportOpen || ui.importOpen || ui.aboutOpen;
      const domain = e.defaultPrevented ? null : quickCreateDomain(model, selection, e, { view: ui.view, typing, modal });
      if (domain) {
        e.preventDefault();
        void editing.newProduct(domain).then((ok) => ok && useUiStore.getState().requestNameFocus('title'));
        return;
      }
      if (typing || e.defaultPrevented) return;
      if (e.key === 'Escape' && ui.presentation && !modal) {
        ui.togglePresentation(false);
        return;
      }
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let kind: string | null = null;
      if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) kind = 'delete';
      else if (mod && key === 'z' && !e.shiftKey) kind = 'undo';
      else if ((mod && key === 'z' && e.shiftKey) || (e.ctrlKey && key === 'y')) kind = 'redo';
      else if (mod && key === 'a') kind = 'selectAll';
      if (!kind) return;
      e.preventDefault();
      if (recentlyHandled(kind)) return;
      if (kind === 'delete') void editing.deleteItems();
      else if (kind === 'undo') void editing.undo();
      else if (kind === 'redo') void editing.redo();
      else editing.selectAll();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
