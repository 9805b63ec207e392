// File > Export Diagram…: the view the user is in (or another) as SVG, PNG at a scale,
// Mermaid or Graphviz DOT, drawn by the core under the view's filter, with the impact
// highlight when one is shown, into the file the user chose (typed, or Browse…). A PNG
// of a large view takes seconds: its progress shows, with Cancel.
import { useCallback, useState } from 'react';
import { dialogs, type CommandError, type DiagramFormat, type View } from '../../lib/backend';
import { cancelTask, exportDiagram } from '../../actions/manifests';
import { toCommandError } from '../../lib/errors';
import { useMeshStore } from '../../state/meshStore';
import { useUiStore } from '../../state/uiStore';
import { useImpactStore } from '../../state/impactStore';
import { DIAGRAM_FORMATS, DIAGRAM_SCALES, DIAGRAM_VIEWS, diagramViewOf, extensionOf, suggestedPath } from '../../state/diagrams';
import { DialogFrame } from './DialogFrame';
import { ErrorNotice } from './ErrorNotice';
import { PathField } from './PathField';
import { TaskProgressBar } from './TaskProgressBar';

export function DiagramDialog() {
  const open = useUiStore((s) => s.diagramOpen);
  return open ? <DiagramDialogBody /> : null;
}

function DiagramDialogBody() {
  const meshPath = useMeshStore((s) => s.path);
  const lit = useImpactStore((s) => s.roles);
  const [view, setView] = useState<View>(() => diagramViewOf(useUiStore.getState().view));
  const [format, setFormat] = useState<DiagramFormat>('svg');
  const [scale, setScale] = useState(2);
  const [highlight, setHighlight] = useState(true);
  const [path, setPath] = useState(() => suggestedPath(meshPath, view, 'svg'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const close = useCallback(() => useUiStore.getState().setDiagramOpen(false), []);

  // The suggested name follows the choices until the user types one of their own.
  const choose = (next: { view?: View; format?: DiagramFormat }) => {
    const was = suggestedPath(meshPath, view, format);
    const v = next.view ?? view;
    const f = next.format ?? format;
    setView(v);
    setFormat(f);
    if (path === was) setPath(suggestedPath(meshPath, v, f));
    setError(null);
  };
  const browse = async () => {
    const picked = await dialogs.saveDiagram(path, extensionOf(format));
    if (picked) setPath(picked);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const written = await exportDiagram({
        path,
        format,
        view,
        scale,
        highlight: highlight ? [...lit.keys()] : [],
      });
      useUiStore.getState().toast(`Diagram saved to ${written.path}`, 'info');
      close();
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error?.field === field ? error.message : null);
  return (
    <DialogFrame
      name="diagram"
      title="Export diagram"
      lede="A picture of the mesh for a wiki page or a decision record, as the view's filter shows it."
      phase={busy ? 'writing' : 'choose'}
      busy={busy}
      onClose={close}
    >
      <section className="manifest-options" data-testid="export-diagram">
        <div className="option-row">
          <span className="option-row__label">View</span>
          <select
            className="option-row__value select"
            data-testid="diagram-view"
            value={view}
            disabled={busy}
            onChange={(e) => choose({ view: e.target.value as View })}
          >
            {DIAGRAM_VIEWS.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="option-row">
          <span className="option-row__label">Format</span>
          <div className="option-row__value format-chips" role="radiogroup" aria-label="Format">
            {DIAGRAM_FORMATS.map((f) => (
              <label key={f.id} className={`format-chip${format === f.id ? ' is-on' : ''}`}>
                <input
                  type="radio"
                  name="diagram-format"
                  data-testid={`diagram-format-${f.id}`}
                  checked={format === f.id}
                  disabled={busy}
                  onChange={() => choose({ format: f.id })}
                />
                {f.label}
              </label>
            ))}
          </div>
        </div>
        {format === 'png' && (
          <div className={`option-row${fieldError('scale') ? ' has-error' : ''}`}>
            <span className="option-row__label">Scale</span>
            <div className="option-row__value">
              <select data-testid="diagram-scale" value={scale} disabled={busy} onChange={(e) => setScale(Number(e.target.value))}>
                {DIAGRAM_SCALES.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
              {fieldError('scale') && <div className="field-error">{fieldError('scale')}</div>}
            </div>
          </div>
        )}
        {lit.size > 0 && (
          <div className="option-row">
            <span className="option-row__label" />
            <label className="check option-row__value">
              <input
                type="checkbox"
                data-testid="diagram-highlight"
                checked={highlight}
                disabled={busy}
                onChange={(e) => setHighlight(e.target.checked)}
              />
              Keep the impact highlight <span className="muted">— what the Impact panel lights is drawn as is, the rest faded</span>
            </label>
          </div>
        )}
        <PathField
          id="diagram-path"
          label="File"
          value={path}
          error={fieldError('path')}
          busy={busy}
          onChange={setPath}
          onEnter={() => void save()}
          onBrowse={() => void browse()}
        />
      </section>
      {error && !error.field && <ErrorNotice error={error} testId="diagram-error" />}
      <footer className="manifest-dialog__foot">
        <div className="manifest-dialog__status">{busy && <TaskProgressBar testId="diagram-progress" onCancel={cancelTask} />}</div>
        {/* While the diagram is drawn, its own Cancel (beside the bar) is the one to press. */}
        {!busy && (
          <button type="button" className="button" data-testid="diagram-cancel" onClick={close}>
            Cancel
          </button>
        )}
        <button type="button" className="button button--primary" data-testid="diagram-save" disabled={busy} onClick={() => void save()}>
          Save
        </button>
      </footer>
    </DialogFrame>
  );
}
