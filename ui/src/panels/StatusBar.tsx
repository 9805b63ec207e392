// The bottom status bar: mesh name, file, counts, next undo, and open/layout progress.
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import * as layout from '../actions/layout';
import * as files from '../actions/files';

export function StatusBar() {
  const path = useMeshStore((s) => s.path);
  const model = useMeshStore((s) => s.model);
  const undo = useMeshStore((s) => s.undo.undo);
  const opening = useUiStore((s) => s.opening);
  const layingOut = useUiStore((s) => s.layingOut);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {opening ? (
        <span className="status-bar__progress" data-testid="progress" role="progressbar" aria-label={`Opening ${opening}`}>
          <span className="indeterminate" /> Opening {opening}…
          <button type="button" className="status-bar__cancel" data-testid="cancel-open" onClick={files.cancelOpen}>
            Cancel
          </button>
        </span>
      ) : null}
      {layingOut && (
        <span className="status-bar__progress" role="status" data-testid="layout-progress">
          <span className="indeterminate" /> Laying out…
          <button type="button" className="status-bar__cancel" data-testid="cancel-layout" onClick={layout.cancelLayout}>
            Cancel
          </button>
        </span>
      )}
      {path ? (
        <>
          <span className="status-bar__name" data-testid="status-mesh-name">
            {model.info.name}
          </span>
          <span className="status-bar__path" title={path} data-testid="status-path">
            {path}
          </span>
          <span className="status-bar__counts" data-testid="status-counts">
            {model.domains.size} domains · {model.products.size} products · {model.outputPorts.size} ports · {model.inputPorts.size} inputs
            · {model.teams.size} teams
          </span>
          <span className="status-bar__undo" data-testid="status-undo">
            {undo ? `Undo: ${undo}` : 'Nothing to undo'}
          </span>
        </>
      ) : (
        <span>No mesh open</span>
      )}
    </footer>
  );
}
