// The segmented control that switches the main area between Canvas, Table, Ownership,
// Domains and Teams (also View menu, Ctrl+1 to Ctrl+5). It only sets the view; each view reads the
// same model and selection.
import { useUiStore, type MainView } from '../state/uiStore';

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

const VIEWS: { view: MainView; label: string; key: string }[] = [
  { view: 'canvas', label: 'Canvas', key: '1' },
  { view: 'table', label: 'Table', key: '2' },
  { view: 'ownership', label: 'Ownership', key: '3' },
  { view: 'domains', label: 'Domains', key: '4' },
  { view: 'teams', label: 'Teams', key: '5' },
];

export function ViewSwitch({ disabled }: { disabled: boolean }) {
  const current = useUiStore((s) => s.view);
  return (
    <div className="view-switch" role="tablist" aria-label="View">
      {VIEWS.map(({ view, label, key }) => (
        <button
          key={view}
          type="button"
          role="tab"
          className={`view-switch__button${current === view ? ' is-active' : ''}`}
          data-testid={`view-${view}`}
          aria-selected={current === view}
          title={`${label} (${MOD}${key})`}
          disabled={disabled}
          onClick={() => useUiStore.getState().setView(view)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
