// The window's layout: toolbar, the filter bar, sidebar, the main view (canvas, table, ownership matrix, domains or teams), inspector, the docked Problems and
// Contracts panels, status bar, and overlays (the command palette among them). While presenting, the side
// panels are left out and a badge says how to leave. It starts the app (loads the current mesh) and wires
// keyboard and shell events.
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useMeshStore } from './state/meshStore';
import { Toolbar } from './panels/Toolbar';
import { Sidebar } from './panels/Sidebar';
import { Inspector } from './panels/inspector/Inspector';
import { StatusBar } from './panels/StatusBar';
import { Toasts } from './panels/Toasts';
import { ContextMenu } from './panels/ContextMenu';
import { AboutDialog } from './panels/AboutDialog';
import { ExportDialog } from './panels/manifests/ExportDialog';
import { DiagramDialog } from './panels/manifests/DiagramDialog';
import { ImportDialog } from './panels/manifests/ImportDialog';
import { EmptyState } from './panels/EmptyState';
import { MeshCanvas } from './canvas/MeshCanvas';
import { useKeyboard } from './hooks/useKeyboard';
import { useShellEvents } from './hooks/useShellEvents';
import { useLiveGovernance } from './hooks/useLiveGovernance';
import { useLiveFilter } from './hooks/useLiveFilter';
import { useOverviewWarmup } from './hooks/useOverviewWarmup';
import { useFilterStore } from './state/filterStore';
import { FilterBar } from './panels/FilterBar';
import { ScenarioBar } from './panels/ScenarioBar';
import { useGovernanceStore } from './state/governanceStore';
import { ProblemsPanel } from './panels/problems/ProblemsPanel';
import { ContractsPanel } from './panels/contracts/ContractsPanel';
import { ImpactPanel } from './panels/impact/ImpactPanel';
import { ConflictsPanel } from './panels/ConflictsPanel';
import { CompareDialog } from './panels/CompareDialog';
import { ContractEditor } from './panels/contracts/editor/ContractEditor';
import { useUiStore } from './state/uiStore';
import * as files from './actions/files';
import { TableView } from './views/TableView';
import { OwnershipView } from './views/OwnershipView';
import { OverviewView } from './views/OverviewView';
import { CommandPalette } from './palette/CommandPalette';
import { PresentationBadge, useFitOnPresentation } from './views/Presentation';

export function App() {
  const open = useMeshStore((s) => s.path !== null);
  useKeyboard();
  useShellEvents();
  useLiveGovernance();
  useLiveFilter();
  useOverviewWarmup();
  const filtered = useFilterStore((s) => s.shown !== null);
  const presenting = useUiStore((s) => s.presentation) && open;
  const problems = useGovernanceStore((s) => s.panelOpen) && open && !presenting;
  const contracts = useUiStore((s) => s.contractsOpen) && open && !presenting;
  const view = useUiStore((s) => s.view);
  useFitOnPresentation(presenting);
  useEffect(() => {
    void files.startup();
  }, []);
  return (
    <div
      className={`app${problems ? ' has-problems' : ''}${contracts ? ' has-contracts' : ''}${presenting ? ' is-presenting' : ''}`}
      data-view={view}
    >
      <header className="app-head">
        <Toolbar />
        {open && (!presenting || filtered) && <FilterBar />}
        {open && !presenting && <ScenarioBar />}
      </header>
      <div className="workspace">
        {open ? (
          <>
            {!presenting && <Sidebar />}
            {view === 'canvas' && (
              <ReactFlowProvider>
                <MeshCanvas />
              </ReactFlowProvider>
            )}
            {view === 'table' && <TableView />}
            {view === 'ownership' && <OwnershipView />}
            {(view === 'domains' || view === 'teams') && <OverviewView view={view} />}
            {!presenting && <Inspector />}
            {!presenting && <ImpactPanel />}
            {!presenting && <ConflictsPanel />}
            {!presenting && <ContractEditor />}
          </>
        ) : (
          <EmptyState />
        )}
      </div>
      {problems && <ProblemsPanel />}
      {contracts && <ContractsPanel />}
      <StatusBar />
      {presenting && <PresentationBadge />}
      <CommandPalette />
      <ContextMenu />
      <AboutDialog />
      <ExportDialog />
      <DiagramDialog />
      <CompareDialog />
      <ImportDialog />
      <Toasts />
    </div>
  );
}
