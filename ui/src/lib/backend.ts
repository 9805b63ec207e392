// The one door to the Tauri shell: commands, native dialogs and shell events.
// Every other module talks to the backend through here, so tests can mock this file
// and nothing else imports ./bindings or @tauri-apps/*. No state and no business
// rules live here: results are unwrapped and errors normalised, nothing more.
import { commands, events } from '../bindings';
import type {
  Direction,
  Filtered,
  Followed,
  DiagramRequest,
  DiagramWritten,
  ConflictChoice,
  ConflictsLeft,
  Overview,
  Pasted,
  ScenarioAnswer,
  ScenarioRequest,
  View,
  ViewFilter,
  Impact,
  ImpactTarget,
  WhatIf,
  WhatIfChange,
  Applied,
  AppInfo,
  CommandError,
  CreatedEntity,
  CustomRule,
  EditOp,
  ExportPreview,
  ExportRequest,
  ExportSummary,
  ImportPreview,
  ImportResult,
  MenuAction,
  MeshSnapshot,
  OwnershipMatrix,
  NewEntity,
  Place,
  Policy,
  PolicyEdit,
  Progress,
  Report,
  RuleDoc,
  RuleProblem,
  SheetEdit,
  SheetPaste,
  SheetResult,
  TaskProgress,
} from '../bindings';
import { open, save, message } from '@tauri-apps/plugin-dialog';
import { toCommandError } from './errors';

export type * from '../bindings';

type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: CommandError };

/** Thrown by every wrapped command that the core refused; `error` is the typed reason. */
export class BackendError extends Error {
  readonly error: CommandError;
  constructor(error: CommandError) {
    super(error.message);
    this.error = error;
  }
}

async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (e) {
    // The generated wrapper rethrows real Errors (IPC failure, missing permission).
    throw new BackendError(toCommandError(e));
  }
  if (result.status === 'error') throw new BackendError(toCommandError(result.error));
  return result.data;
}

export const backend = {
  appInfo: (): Promise<AppInfo> => commands.appInfo(),
  currentMesh: () => unwrap<MeshSnapshot | null>(() => commands.currentMesh()),
  /** The opened mesh, or null when another window has the file and was brought forward. */
  openMesh: (path: string) => unwrap<MeshSnapshot | null>(() => commands.openMesh(path)),
  cancelOpen: (): Promise<void> => commands.cancel('open').then(() => undefined),
  newMesh: (path: string, name: string) => unwrap<MeshSnapshot>(() => commands.newMesh(path, name)),
  saveMeshAs: (path: string) => unwrap<null>(() => commands.saveMeshAs(path)),
  recentFiles: (): Promise<string[]> => commands.recentFiles(),
  /** File > New Window: another window, with no mesh, its own file and history. */
  newWindow: () => unwrap<null>(() => commands.newWindow()),
  applyEdits: (ops: EditOp[], label: string | null) => unwrap<Applied>(() => commands.applyEdits(ops, label)),
  /** A new entity with the core's names and defaults, drawn at `place` when given; one edit. */
  newEntity: (entity: NewEntity, place: Place | null) => unwrap<CreatedEntity>(() => commands.newEntity(entity, place)),
  /** Cell edits and new rows of the Table view, as one edit; problems come per cell. */
  applySheet: (edit: SheetEdit) => unwrap<SheetResult>(() => commands.applySheet(edit)),
  /** A pasted block of the Table view, all or nothing; problems come per pasted cell. */
  pasteSheet: (paste: SheetPaste) => unwrap<SheetResult>(() => commands.pasteSheet(paste)),
  undo: () => unwrap<Applied | null>(() => commands.history('undo')),
  redo: () => unwrap<Applied | null>(() => commands.history('redo')),
  checkMesh: () => unwrap<Report>(() => commands.checkMesh()),
  ownershipMatrix: () => unwrap<OwnershipMatrix>(() => commands.ownershipMatrix()),
  /** What `view` shows under `filter`, which becomes its saved filter; its saved filter when null. */
  filterView: (view: View, filter: ViewFilter | null) => unwrap<Filtered>(() => commands.filterView(view, filter)),
  /** The domains or teams view under its filter, `expand` (a domain) drawn as its products. */
  overview: (view: View, expand: string | null) => unwrap<Overview>(() => commands.overview(view, expand)),
  /** Lists, starts, shows, discards or applies a scenario (one command, typed answers). */
  scenario: (request: ScenarioRequest) => unwrap<ScenarioAnswer>(() => commands.scenario(request)),
  /** The conflicts a merge left beside the file; with a choice, that one resolved first. */
  conflicts: (choice: ConflictChoice | null) => unwrap<ConflictsLeft>(() => commands.conflicts(choice)),
  /** What a paste into the contract editor holds (a column list or CREATE TABLE statements). */
  readContractPaste: (text: string) => unwrap<Pasted>(() => commands.readContractPaste(text)),
  /** Upstream and downstream of a product or port, `depth` deep (all when null). */
  impact: (target: ImpactTarget, direction: Direction, depth: number | null) =>
    unwrap<Impact>(() => commands.impact(target, direction, depth)),
  /** What a change to a product or port would break, without making it. */
  whatIf: (target: ImpactTarget, change: WhatIfChange) => unwrap<WhatIf>(() => commands.whatIf(target, change)),
  rulesCatalog: () => unwrap<RuleDoc[]>(() => commands.rulesCatalog()),
  getPolicy: () => unwrap<Policy>(() => commands.getPolicy()),
  /** One policy change as the user made it; the core works out the policy and stores it as an edit. */
  editPolicy: (edit: PolicyEdit) => unwrap<Applied>(() => commands.editPolicy(edit)),
  validateCustomRule: (rule: CustomRule): Promise<RuleProblem[]> => commands.validateCustomRule(rule),
  /** Draws a view of the open mesh into the chosen file. */
  exportDiagram: (request: DiagramRequest) => unwrap<DiagramWritten>(() => commands.exportDiagram(request)),
  previewExport: (request: ExportRequest) => unwrap<ExportPreview>(() => commands.previewExport(request)),
  exportDiff: (path: string) => unwrap<string>(() => commands.exportDiff(path)),
  writeExport: (prune: boolean) => unwrap<ExportSummary>(() => commands.writeExport(prune)),
  previewImport: (paths: string[]) => unwrap<ImportPreview>(() => commands.previewImport(paths)),
  applyImport: (paths: string[]) => unwrap<ImportResult>(() => commands.applyImport(paths)),
  cancelTask: (): Promise<void> => commands.cancel('task').then(() => undefined),
};

const MESH_FILTER = [{ name: 'Mesh files', extensions: ['mesh'] }];
const MANIFEST_FILTER = [{ name: 'Manifests (YAML, JSON)', extensions: ['yaml', 'yml', 'json'] }];

export const dialogs = {
  /** Asks for an existing mesh file; null when cancelled. */
  async openFile(): Promise<string | null> {
    const picked = await open({ multiple: false, directory: false, filters: MESH_FILTER });
    return typeof picked === 'string' ? picked : null;
  },
  /** Asks where to write a mesh file; null when cancelled. */
  async saveFile(title: string, defaultPath?: string): Promise<string | null> {
    const picked = await save({ title, filters: MESH_FILTER, defaultPath });
    return picked ?? null;
  },
  /** Asks where to write a diagram of `extension`; null when cancelled. */
  async saveDiagram(defaultPath: string, extension: string): Promise<string | null> {
    const picked = await save({
      title: 'Export diagram',
      defaultPath,
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    });
    return picked ?? null;
  },
  /** Asks for a folder (the export root, or manifests to import); null when cancelled. */
  async pickFolder(title: string, defaultPath?: string): Promise<string | null> {
    const picked = await open({ title, directory: true, multiple: false, defaultPath: defaultPath || undefined });
    return typeof picked === 'string' ? picked : null;
  },
  /** Asks for manifest files to import; empty when cancelled. */
  async pickManifests(): Promise<string[]> {
    const picked = await open({ title: 'Import manifests', multiple: true, directory: false, filters: MANIFEST_FILTER });
    if (picked === null) return [];
    return Array.isArray(picked) ? picked : [picked];
  },
  async message(text: string, title: string, kind: 'info' | 'warning' | 'error' = 'info') {
    await message(text, { title, kind });
  },
};

export type Unsubscribe = () => void;

export const shellEvents = {
  onMenu(handler: (action: MenuAction) => void): Promise<Unsubscribe> {
    return events.menuActivated.listen((e) => handler(e.payload.action));
  },
  onProgress(handler: (progress: Progress) => void): Promise<Unsubscribe> {
    return events.progress.listen((e) => handler(e.payload));
  },
  onTaskProgress(handler: (progress: TaskProgress) => void): Promise<Unsubscribe> {
    return events.taskProgress.listen((e) => handler(e.payload));
  },
  /** Another process changed the window's file; the payload is the mesh as it is now. */
  onMeshChanged(handler: (followed: Followed) => void): Promise<Unsubscribe> {
    return events.meshChanged.listen((e) => handler(e.payload.followed));
  },
};
