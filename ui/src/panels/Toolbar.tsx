// The top toolbar: file, create, delete, history and view actions. Buttons only call
// actions; enabling reflects the store (open mesh, selection, undo state).
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import * as editing from '../actions/editing';
import * as layout from '../actions/layout';
import { canvasControls } from '../canvas/canvasControls';
import { useGovernanceStore } from '../state/governanceStore';
import * as manifests from '../actions/manifests';
import { targetOf, toggleImpact } from '../actions/impact';
import { useImpactStore } from '../state/impactStore';
import { ViewSwitch } from '../views/ViewSwitch';

interface ButtonProps {
  testId: string;
  label: string;
  title: string;
  icon: string;
  onClick(): void;
  disabled?: boolean;
  pressed?: boolean;
  /** Shows only its icon in a narrow window (the title still names it). */
  compact?: boolean;
}

function ToolButton({ testId, label, title, icon, onClick, disabled, pressed, compact }: ButtonProps) {
  return (
    <button
      type="button"
      className={`tool-button${pressed ? ' is-pressed' : ''}${compact ? ' tool-button--compact' : ''}`}
      data-testid={testId}
      title={title}
      aria-label={title}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      <span className="tool-button__icon" aria-hidden="true">
        {icon}
      </span>
      <span className="tool-button__label">{label}</span>
    </button>
  );
}

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function Toolbar() {
  const open = useMeshStore((s) => s.path !== null);
  const selection = useMeshStore((s) => s.selection);
  const undo = useMeshStore((s) => s.undo);
  const minimap = useUiStore((s) => s.minimap);
  const layingOut = useUiStore((s) => s.layingOut);
  const problemsOpen = useGovernanceStore((s) => s.panelOpen);
  const contractsOpen = useUiStore((s) => s.contractsOpen);
  const impactShown = useImpactStore((s) => s.target !== null);
  const impactTarget = useMeshStore((s) => targetOf(s.model, s.selection) !== null);
  const contractCount = useMeshStore((s) => s.model.contracts.size);
  const openProblems = useGovernanceStore((s) => (s.report ? s.report.summary.errors + s.report.summary.warnings : 0));
  const one = selection.length === 1 ? selection[0] : undefined;
  const canAddPort = one?.kind === 'product' || one?.kind === 'outputPort';
  return (
    <header className="toolbar" role="toolbar" aria-label="Mesh tools">
      <div className="toolbar__brand" aria-hidden="true">
        <span className="brand-mark">◆</span> Meshwright
      </div>
      <div className="toolbar__group">
        <ToolButton
          testId="new-domain"
          icon="▢"
          label="Domain"
          title={`New domain (${MOD}Shift+D)`}
          disabled={!open}
          onClick={() => void editing.newDomain()}
        />
        <ToolButton
          testId="new-team"
          icon="◎"
          label="Team"
          title={`New team (${MOD}Shift+T)`}
          disabled={!open}
          onClick={() => void editing.newTeam()}
        />
        <ToolButton
          testId="new-product"
          icon="▣"
          label="Product"
          title={`New data product (${MOD}Shift+P; on the canvas, N adds one beside the selected product or in the selected domain)`}
          disabled={!open}
          onClick={() => void editing.newProduct()}
        />
        <ToolButton
          testId="new-output-port"
          icon="⇥"
          label="Port"
          title="New output port on the selected product"
          disabled={!open || !canAddPort}
          onClick={() => void editing.newOutputPort()}
        />
      </div>
      <div className="toolbar__group">
        <ToolButton
          compact
          testId="delete-selected"
          icon="⌫"
          label="Delete"
          title="Delete the selection (Delete)"
          disabled={!open || selection.length === 0}
          onClick={() => void editing.deleteItems()}
        />
      </div>
      <div className="toolbar__group">
        <ToolButton
          compact
          testId="undo"
          icon="↶"
          label="Undo"
          title={undo.undo ? `Undo ${undo.undo} (${MOD}Z)` : 'Nothing to undo'}
          disabled={!open || !undo.undo}
          onClick={() => void editing.undo()}
        />
        <ToolButton
          compact
          testId="redo"
          icon="↷"
          label="Redo"
          title={undo.redo ? `Redo ${undo.redo} (${MOD}Shift+Z)` : 'Nothing to redo'}
          disabled={!open || !undo.redo}
          onClick={() => void editing.redo()}
        />
      </div>
      <div className="toolbar__group">
        <ToolButton
          compact
          testId="import-manifests"
          icon="⇩"
          label="Import"
          title="Import manifests (File > Import…)"
          disabled={!open}
          onClick={manifests.openImport}
        />
        <ToolButton
          compact
          testId="export-manifests"
          icon="⇪"
          label="Export"
          title={`Export manifests (${MOD}Shift+E)`}
          disabled={!open}
          onClick={manifests.openExport}
        />
      </div>
      <ViewSwitch disabled={!open} />
      <div className="toolbar__spacer" />
      <div className="toolbar__group">
        <ToolButton
          testId="auto-layout"
          icon="⊞"
          label={layingOut ? 'Laying out…' : 'Auto layout'}
          title={`Auto layout (${MOD}L)`}
          disabled={!open || layingOut}
          onClick={() => void layout.autoLayout()}
        />
        <ToolButton
          compact
          testId="zoom-fit"
          icon="⤢"
          label="Fit"
          title={`Zoom to fit (${MOD}0)`}
          disabled={!open}
          onClick={() => canvasControls.fit()}
        />
        <ToolButton
          testId="toggle-problems"
          icon="⚑"
          label={`Problems ${openProblems}`}
          title={`Show or hide governance problems (${MOD}Shift+G)`}
          disabled={!open}
          pressed={problemsOpen}
          onClick={() => useGovernanceStore.getState().togglePanel()}
        />
        <ToolButton
          testId="toggle-impact"
          icon="⇅"
          label="Impact"
          title={`What the selected product or port reaches, and what a change would break (${MOD}I)`}
          disabled={!open || (!impactShown && !impactTarget)}
          pressed={impactShown}
          onClick={toggleImpact}
        />
        <ToolButton
          testId="toggle-contracts"
          icon="§"
          label={`Contracts ${contractCount}`}
          title="Show or hide the kept contracts (View > Show or Hide Contracts)"
          disabled={!open}
          pressed={contractsOpen}
          onClick={() => useUiStore.getState().toggleContracts()}
        />
        <ToolButton
          compact
          testId="toggle-minimap"
          icon="▦"
          label="Minimap"
          title="Show or hide the minimap"
          pressed={minimap}
          onClick={() => useUiStore.getState().toggleMinimap()}
        />
      </div>
    </header>
  );
}
