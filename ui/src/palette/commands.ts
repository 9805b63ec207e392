// The commands the palette runs by name, each the same action as its toolbar button or
// menu item (one way to do each thing), and jumping to a found entity in the current
// view. Only dispatch: the actions and stores decide what happens.
import * as editing from '../actions/editing';
import * as files from '../actions/files';
import * as impact from '../actions/impact';
import * as layout from '../actions/layout';
import * as manifests from '../actions/manifests';
import { canvasControls } from '../canvas/canvasControls';
import { useGovernanceStore } from '../state/governanceStore';
import { useMeshStore } from '../state/meshStore';
import { useUiStore, type MainView } from '../state/uiStore';
import type { SelectableKind } from '../state/selection';
import type { CommandInfo, PaletteEntry } from './search';

export interface PaletteCommand extends CommandInfo {
  run(): void;
}

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';
const ui = () => useUiStore.getState();

const view = (id: MainView, title: string, key: string, words: string[]): PaletteCommand => ({
  id: `view-${id}`,
  title: `Switch to ${title} view`,
  keywords: ['view', 'show', 'go to', ...words],
  shortcut: `${MOD}${key}`,
  run: () => ui().setView(id),
});

/** A new entity's name field is focused once the core has created it, ready to type. */
const thenName = (created: Promise<boolean>) => void created.then((ok) => ok && ui().requestNameFocus('title'));

export const COMMANDS: readonly PaletteCommand[] = [
  {
    id: 'new-product',
    title: 'New data product',
    keywords: ['create', 'add', 'product'],
    shortcut: `${MOD}Shift+P`,
    run: () => thenName(editing.newProduct()),
  },
  {
    id: 'new-domain',
    title: 'New domain',
    keywords: ['create', 'add'],
    shortcut: `${MOD}Shift+D`,
    run: () => thenName(editing.newDomain()),
  },
  {
    id: 'new-team',
    title: 'New team',
    keywords: ['create', 'add', 'owner'],
    shortcut: `${MOD}Shift+T`,
    run: () => thenName(editing.newTeam()),
  },
  view('canvas', 'Canvas', '1', ['graph', 'diagram']),
  view('table', 'Table', '2', ['spreadsheet', 'grid']),
  view('ownership', 'Ownership', '3', ['matrix', 'teams']),
  view('domains', 'Domains', '4', ['coupling', 'overview', 'context map']),
  view('teams', 'Teams', '5', ['team topology', 'communication']),
  { id: 'auto-layout', title: 'Auto layout', keywords: ['arrange', 'tidy'], shortcut: `${MOD}L`, run: () => void layout.autoLayout() },
  { id: 'zoom-fit', title: 'Zoom to fit', keywords: ['fit', 'whole mesh', 'overview'], shortcut: `${MOD}0`, run: zoomToFit },
  {
    id: 'show-problems',
    title: 'Show problems',
    keywords: ['governance', 'findings', 'check', 'rules'],
    shortcut: `${MOD}Shift+G`,
    run: () => useGovernanceStore.getState().togglePanel(true),
  },
  {
    id: 'show-impact',
    title: 'Show impact of the selection',
    keywords: ['upstream', 'downstream', 'what if', 'breaks', 'lineage'],
    shortcut: `${MOD}I`,
    run: impact.toggleImpact,
  },
  { id: 'show-contracts', title: 'Show contracts', keywords: ['odcs', 'attach'], run: () => ui().toggleContracts(true) },
  {
    id: 'export',
    title: 'Export manifests…',
    keywords: ['odps', 'odcs', 'backstage', 'datahub', 'dpds', 'write'],
    shortcut: `${MOD}Shift+E`,
    run: manifests.openExport,
  },
  {
    id: 'export-diagram',
    title: 'Export diagram…',
    keywords: ['picture', 'image', 'svg', 'png', 'mermaid', 'graphviz', 'dot', 'wiki', 'adr'],
    run: () => ui().setDiagramOpen(true),
  },
  {
    id: 'compare-with',
    title: 'Compare with another version…',
    keywords: ['diff', 'changes', 'branch', 'copy', 'versus'],
    run: () => ui().setCompareOpen(true),
  },
  {
    id: 'import',
    title: 'Import manifests…',
    keywords: ['odps', 'odcs', 'backstage', 'datahub', 'dpds', 'read'],
    run: manifests.openImport,
  },
  {
    id: 'new-window',
    title: 'New window',
    keywords: ['another mesh', 'second file'],
    shortcut: `${MOD}Shift+N`,
    run: files.newWindow,
  },
  {
    id: 'presentation',
    title: 'Presentation mode',
    keywords: ['present', 'projector', 'workshop', 'full screen'],
    shortcut: 'F11',
    run: () => ui().togglePresentation(),
  },
  { id: 'undo', title: 'Undo', keywords: ['revert', 'back'], shortcut: `${MOD}Z`, run: () => void editing.undo() },
  { id: 'redo', title: 'Redo', keywords: ['again'], shortcut: `${MOD}Shift+Z`, run: () => void editing.redo() },
];

const BY_ID = new Map(COMMANDS.map((c) => [c.id, c]));

/** Zoom to fit is a canvas command: from another view it switches to the canvas, which fits as it opens. */
function zoomToFit(): void {
  if (ui().view === 'canvas') canvasControls.fit();
  else ui().setView('canvas');
}

/**
 * Selects a found entity, which every view reads; on the canvas also brings it into
 * view (a port by its product, a team is not drawn there).
 */
export function jumpTo(entry: PaletteEntry): void {
  const kind = entry.kind as SelectableKind;
  const mesh = useMeshStore.getState();
  mesh.select([{ kind, id: entry.id }]);
  if (ui().view !== 'canvas') return;
  const node = kind === 'outputPort' ? mesh.model.outputPorts.get(entry.id)?.productId : kind === 'team' ? undefined : entry.id;
  if (node) canvasControls.reveal(node);
}

/** Runs a command or jumps to an entity. */
export function choose(entry: PaletteEntry): void {
  if (entry.kind === 'command') BY_ID.get(entry.id)?.run();
  else jumpTo(entry);
}
