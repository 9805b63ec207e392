// Transient UI state that is not part of the mesh: toasts, inline field errors, the
// main view (canvas, table, ownership), presentation mode, the palette, the minimap switch, dialogs (with the Export and Import dialogs' last choices), the
// Contracts panel, the context menu, and open and task progress. Nothing here is saved.
import { create } from 'zustand';
import type { TaskProgress } from '../bindings';
import { DEFAULT_EXPORT, type ExportChoices } from './manifests';

/**
 * What the window's main area shows: the graph, the spreadsheet, the ownership matrix, or
 * the mesh one level up (domains, teams).
 */
export type MainView = 'canvas' | 'table' | 'ownership' | 'domains' | 'teams';

export interface Toast {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

export type ContextTarget =
  | { kind: 'product'; id: string }
  | { kind: 'domain'; id: string; at?: { x: number; y: number } }
  | { kind: 'edge'; id: string }
  | { kind: 'pane' };

export interface ContextMenuState {
  x: number;
  y: number;
  target: ContextTarget;
}

export interface UiState {
  toasts: Toast[];
  /** Inline errors of the inspector form, by field; owned by the selected entity. */
  fieldErrors: Record<string, string>;
  fieldErrorsOwner: string | null;
  minimap: boolean;
  aboutOpen: boolean;
  exportOpen: boolean;
  /** File > Export Diagram… */
  diagramOpen: boolean;
  /** File > Compare With…'s dialog. */
  compareOpen: boolean;
  importOpen: boolean;
  /** The Contracts panel, docked under the canvas. */
  contractsOpen: boolean;
  /** The main area's view; the selection is shared by all of them. */
  view: MainView;
  /** Presentation mode: side panels hidden, larger type, for a projector. */
  presentation: boolean;
  /** The command palette (Ctrl+K). */
  paletteOpen: boolean;
  /** The Export dialog's last choices, so reopening it previews the same export. */
  exportChoices: ExportChoices;
  /** The Import dialog's paths, one a line. */
  importPaths: string;
  /** The latest progress of the running export, import or diagram. */
  task: TaskProgress | null;
  contextMenu: ContextMenuState | null;
  /** The file being opened, while an open is running. */
  opening: string | null;
  /** True while an automatic layout is computing. */
  layingOut: boolean;
  /** Why the start-up mesh could not be opened. */
  startupError: string | null;
  /** Incremented to ask the inspector to focus a name field: `focusTarget` says which. */
  focusNameRequest: number;
  /** The slug name (F2, Rename) or the display name or title (quick create, new from the palette). */
  focusTarget: 'name' | 'title';
  /** Incremented to ask the canvas to zoom to fit once the current model is drawn. */
  fitRequest: number;
  requestFit(): void;
  toast(message: string, tone?: Toast['tone']): void;
  dismissToast(id: number): void;
  setFieldError(owner: string, field: string, message: string): void;
  clearFieldErrors(owner?: string | null, field?: string): void;
  toggleMinimap(): void;
  setAbout(open: boolean): void;
  setExportOpen(open: boolean): void;
  setDiagramOpen(open: boolean): void;
  setCompareOpen(open: boolean): void;
  setImportOpen(open: boolean): void;
  toggleContracts(open?: boolean): void;
  setView(view: MainView): void;
  togglePresentation(on?: boolean): void;
  setPaletteOpen(open: boolean): void;
  setExportChoices(choices: Partial<ExportChoices>): void;
  setImportPaths(paths: string): void;
  setTask(task: TaskProgress | null): void;
  openContextMenu(menu: ContextMenuState | null): void;
  setOpening(path: string | null): void;
  setLayingOut(on: boolean): void;
  setStartupError(message: string | null): void;
  requestNameFocus(target?: 'name' | 'title'): void;
}

let nextToast = 1;

export const useUiStore = create<UiState>((set) => ({
  toasts: [],
  fieldErrors: {},
  fieldErrorsOwner: null,
  minimap: true,
  aboutOpen: false,
  exportOpen: false,
  diagramOpen: false,
  compareOpen: false,
  importOpen: false,
  contractsOpen: false,
  view: 'canvas',
  presentation: false,
  paletteOpen: false,
  exportChoices: DEFAULT_EXPORT,
  importPaths: '',
  task: null,
  contextMenu: null,
  opening: null,
  layingOut: false,
  startupError: null,
  focusNameRequest: 0,
  focusTarget: 'name',
  fitRequest: 0,
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
  toast: (message, tone = 'error') => set((s) => ({ toasts: [...s.toasts.slice(-4), { id: nextToast++, message, tone }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setFieldError: (owner, field, message) =>
    set((s) => ({
      fieldErrorsOwner: owner,
      fieldErrors: s.fieldErrorsOwner === owner ? { ...s.fieldErrors, [field]: message } : { [field]: message },
    })),
  clearFieldErrors: (owner, field) =>
    set((s) => {
      if (owner !== undefined && owner !== s.fieldErrorsOwner) return s;
      if (field === undefined) return { fieldErrors: {}, fieldErrorsOwner: null };
      if (!(field in s.fieldErrors)) return s;
      const rest = { ...s.fieldErrors };
      delete rest[field];
      return { fieldErrors: rest };
    }),
  toggleMinimap: () => set((s) => ({ minimap: !s.minimap })),
  setAbout: (aboutOpen) => set({ aboutOpen }),
  setExportOpen: (exportOpen) => set({ exportOpen }),
  setDiagramOpen: (diagramOpen) => set({ diagramOpen }),
  setCompareOpen: (compareOpen) => set({ compareOpen }),
  setImportOpen: (importOpen) => set({ importOpen }),
  toggleContracts: (open) => set((s) => ({ contractsOpen: open ?? !s.contractsOpen })),
  setView: (view) => set({ view }),
  togglePresentation: (on) => set((s) => ({ presentation: on ?? !s.presentation })),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setExportChoices: (choices) => set((s) => ({ exportChoices: { ...s.exportChoices, ...choices } })),
  setImportPaths: (importPaths) => set({ importPaths }),
  setTask: (task) => set({ task }),
  openContextMenu: (contextMenu) => set({ contextMenu }),
  setOpening: (opening) => set({ opening }),
  setLayingOut: (layingOut) => set({ layingOut }),
  setStartupError: (startupError) => set({ startupError }),
  requestNameFocus: (target = 'name') => set((s) => ({ focusNameRequest: s.focusNameRequest + 1, focusTarget: target })),
}));
