// Keyboard shortcuts of the canvas and lists. Nothing fires while typing in a field,
// except F2 (focus the name field), so text editing keeps its native keys.
import { useEffect } from 'react';
import * as actions from '../actions/run';
import { useUiStore } from '../state/uiStore';
import { isTextTarget, recentlyHandled } from './keyGuard';

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        useUiStore.getState().requestNameFocus();
        return;
      }
      if (isTextTarget(e.target) || e.defaultPrevented) return;
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
      if (kind === 'delete') void actions.deleteItems();
      else if (kind === 'undo') void actions.undo();
      else if (kind === 'redo') void actions.redo();
      else actions.selectAll();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
