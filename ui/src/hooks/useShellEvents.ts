// Subscribes to the shell's events: native menu choices run the same actions as the
// toolbar; progress drives the status bar, and task progress the Export and Import
// dialogs' bars. Undo/redo/delete/select-all arriving while a
// text field has focus act on the text instead (the menu's accelerators catch those
// keys before the page sees them).
import { loadConflicts } from '../actions/conflicts';
import { useEffect } from 'react';
import type { MenuAction } from '../bindings';
import { shellEvents } from '../lib/backend';
import * as editing from '../actions/editing';
import * as layout from '../actions/layout';
import * as files from '../actions/files';
import * as impact from '../actions/impact';
import * as manifests from '../actions/manifests';
import { useUiStore } from '../state/uiStore';
import { useMeshStore } from '../state/meshStore';
import { useGovernanceStore } from '../state/governanceStore';
import { canvasControls } from '../canvas/canvasControls';
import { isTextTarget, recentlyHandled } from './keyGuard';

const TEXT_COMMAND: Partial<Record<MenuAction['kind'], string>> = {
  undo: 'undo',
  redo: 'redo',
  delete: 'forwardDelete',
  selectAll: 'selectAll',
};

export function runMenuAction(action: MenuAction): void {
  const textCommand = TEXT_COMMAND[action.kind];
  if (textCommand && isTextTarget(document.activeElement)) {
    document.execCommand(textCommand);
    return;
  }
  // The same key may have reached the page too; do it once.
  if (recentlyHandled(action.kind)) return;
  const ui = useUiStore.getState();
  switch (action.kind) {
    case 'new':
      return void files.newFile();
    case 'newWindow':
      return files.newWindow();
    case 'toggleImpact':
      return impact.toggleImpact();
    case 'open':
      return void files.openFile();
    case 'openRecent':
      return void files.openPath(action.path);
    case 'saveAs':
      return void files.saveAs();
    case 'export':
      return manifests.openExport();
    case 'exportDiagram':
      return ui.setDiagramOpen(true);
    case 'compareWith':
      return ui.setCompareOpen(true);
    case 'import':
      return manifests.openImport();
    case 'undo':
      return void editing.undo();
    case 'redo':
      return void editing.redo();
    case 'delete':
      return void editing.deleteItems();
    case 'selectAll':
      return editing.selectAll();
    case 'newDomain':
      return void editing.newDomain();
    case 'newTeam':
      return void editing.newTeam();
    case 'newProduct':
      return void editing.newProduct();
    case 'zoomToFit':
      return canvasControls.fit();
    case 'autoLayout':
      return void layout.autoLayout();
    case 'toggleMinimap':
      return ui.toggleMinimap();
    case 'toggleProblems':
      return useGovernanceStore.getState().togglePanel();
    case 'toggleContracts':
      return ui.toggleContracts();
    case 'showCanvas':
      return ui.setView('canvas');
    case 'showTable':
      return ui.setView('table');
    case 'showOwnership':
      return ui.setView('ownership');
    case 'showDomains':
      return ui.setView('domains');
    case 'showTeams':
      return ui.setView('teams');
    case 'togglePresentation':
      return ui.togglePresentation();
    case 'commandPalette':
      return ui.setPaletteOpen(true);
    case 'about':
      return ui.setAbout(true);
  }
}

export function useShellEvents(): void {
  useEffect(() => {
    const offs: (() => void)[] = [];
    let live = true;
    const keep = (p: Promise<() => void>) =>
      p.then(
        (off) => (live ? offs.push(off) : off()),
        () => undefined, // outside Tauri (unit tests, plain browser) there are no events
      );
    keep(shellEvents.onMenu(runMenuAction));
    keep(
      shellEvents.onProgress((p) => {
        useUiStore.getState().setOpening(p.phase === 'done' ? null : p.path);
      }),
    );
    keep(shellEvents.onTaskProgress((p) => useUiStore.getState().setTask(p)));
    keep(
      shellEvents.onMeshChanged((followed) => {
        useMeshStore.getState().followSnapshot(followed.snapshot);
        void loadConflicts();
        if (followed.summary) useUiStore.getState().toast(`Changed elsewhere: ${followed.summary}`, 'info');
      }),
    );
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, []);
}
