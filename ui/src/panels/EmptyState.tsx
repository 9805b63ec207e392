// Shown when no mesh is open (or the start-up file failed): New and Open buttons.
import { useUiStore } from '../state/uiStore';
import * as files from '../actions/files';

export function EmptyState() {
  const error = useUiStore((s) => s.startupError);
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-state__card">
        <div className="about__mark">◆</div>
        <h1>Meshwright</h1>
        <p>Model your data mesh visually: domains, teams, data products and the dependencies between them.</p>
        {error && (
          <p className="empty-state__error" role="alert" data-testid="startup-error">
            {error}
          </p>
        )}
        <div className="empty-state__actions">
          <button type="button" className="button button--primary" data-testid="empty-new" onClick={() => void files.newFile()}>
            New mesh…
          </button>
          <button type="button" className="button" data-testid="empty-open" onClick={() => void files.openFile()}>
            Open…
          </button>
        </div>
      </div>
    </div>
  );
}
