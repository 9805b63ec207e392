// File > Import…: manifest files or folders (typed one a line, or added with the native
// file and folder dialogs), the core's dry-run report (entities to create and update per
// kind, the totals and per-file counts the core computed (kept unresolved and unattached
// included), files read and skipped, every problem and warning as path:line:column and
// reason, the fields the formats disagree on with the value kept), then the
// import on confirm as one undoable edit, with progress and Cancel. It shows what the
// core answers; the core decides what is imported.
import { useCallback, useState } from 'react';
import type { CommandError, FileSummary, ImportPreview, ImportResult } from '../../bindings';
import { errorOf } from '../../actions/editing';
import * as manifests from '../../actions/manifests';
import { useUiStore } from '../../state/uiStore';
import { claimText, kindLabel, kindNoun, plural, problemPlace, splitPaths, tallies, warningText } from '../../state/manifests';
import { DialogFrame } from './DialogFrame';
import { ErrorNotice } from './ErrorNotice';
import { TaskProgressBar } from './TaskProgressBar';
import { commonFolder } from '../../lib/paths';

type Phase = 'choose' | 'checking' | 'report' | 'importing' | 'done';

/** Longest list drawn at once. */
const LIST_LIMIT = 300;

/** Test ids of the totals: the two kept counts have their own names. */
const TOTAL_TESTID = {
  created: 'import-total-created',
  updated: 'import-total-updated',
  unchanged: 'import-total-unchanged',
  unresolved: 'import-unresolved',
  unattached: 'import-unattached',
} as const;

const TALLY_HINT = {
  created: 'Entities the import creates',
  updated: 'Entities the import changes',
  unchanged: 'Entities the files declare exactly as the mesh holds them',
  unresolved: 'Inputs kept with a provider neither the files nor the mesh hold: drawn as dangling references on the canvas',
  unattached: 'Contracts kept that no output port references: listed in the Contracts panel, to attach to a port',
} as const;

/** The whole import's counts, as the core summed them. */
function Totals({ report }: { report: ImportPreview }) {
  return (
    <div className="import-totals" data-testid="import-totals">
      {tallies(report.totals, true).map((t) => (
        <div
          key={t.key}
          className={`tally tally--${t.key}${t.count === 0 ? ' is-zero' : ''}`}
          data-testid={TOTAL_TESTID[t.key]}
          data-count={t.count}
          title={TALLY_HINT[t.key]}
        >
          <span className="tally__count">{t.count.toLocaleString('en')}</span>
          <span className="tally__label">{t.label}</span>
        </div>
      ))}
    </div>
  );
}

/** One file's part: what it creates, changes and keeps, or why it was skipped. */
function FileRow({ file, folder }: { file: FileSummary; folder: string }) {
  const parts = tallies(file, false);
  return (
    <li
      className="import-file"
      data-testid="import-file"
      data-path={file.path}
      data-created={file.created}
      data-updated={file.updated}
      data-unchanged={file.unchanged}
      data-unresolved={file.unresolved}
      data-unattached={file.unattached}
      title={file.path}
    >
      <span className="import-file__path mono">{file.path.slice(folder.length)}</span>
      <span className="import-file__counts">
        {file.skipped ? (
          <span className="muted">skipped: {file.skipped}</span>
        ) : parts.length === 0 ? (
          <span className="muted">nothing</span>
        ) : (
          parts.map((t) => (
            <span key={t.key} className={`file-count file-count--${t.key}`}>
              {t.count.toLocaleString('en')} {t.label}
            </span>
          ))
        )}
      </span>
    </li>
  );
}

function Report({ report }: { report: ImportPreview }) {
  const counts = report.byKind;
  const folder = commonFolder(report.byFile.map((f) => f.path));
  return (
    <div className="import-report" data-testid="import-report">
      <p className="import-report__read" data-testid="import-read" data-documents={report.documents} data-files={report.files.length}>
        {plural(report.documents, 'manifest document')} in {plural(report.files.length, 'file')}
        {report.skipped.length > 0 && <span className="muted"> · {plural(report.skipped.length, 'file')} skipped</span>}
      </p>
      <Totals report={report} />
      {report.problems.length > 0 && (
        <div className="notice notice--error import-problems">
          <span className="notice__icon" aria-hidden="true">
            ⚠
          </span>
          <div className="notice__text">
            <div>
              {plural(report.problems.length, 'problem')}: nothing will be imported until{' '}
              {report.problems.length === 1 ? 'it is' : 'they are'} fixed.
            </div>
            <ul className="problem-list" data-testid="import-problems">
              {report.problems.slice(0, LIST_LIMIT).map((p, i) => (
                <li key={i} className="problem" data-testid="import-problem" data-path={p.path} data-line={p.line ?? ''}>
                  <span className="problem__place mono">{problemPlace(p)}</span>
                  <span className="problem__reason">
                    {p.field && <code className="problem__field">{p.field}</code>} {p.reason}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {report.warnings.length > 0 && (
        <div className="notice notice--warn import-warnings" data-testid="import-warnings">
          <span className="notice__icon" aria-hidden="true">
            ⚠
          </span>
          <div className="notice__text">
            <div>
              {plural(report.warnings.length, 'warning')}: what the files reference but neither they nor the mesh hold is kept as written,
              and the import goes ahead. A later import that brings it resolves it.
            </div>
            <ul className="problem-list">
              {report.warnings.slice(0, LIST_LIMIT).map((w, i) => (
                <li
                  key={i}
                  className="problem problem--warning"
                  data-testid="import-warning"
                  data-path={w.path}
                  data-line={w.line ?? ''}
                  data-field={w.field ?? ''}
                >
                  <span className="problem__line mono" title={warningText(w)}>
                    <span className="problem__place">{problemPlace(w)}</span>: {w.field && <>{w.field}: </>}
                    <span className="problem__reason">{w.reason}</span>
                  </span>
                </li>
              ))}
              {report.warnings.length > LIST_LIMIT && <li className="muted">and {plural(report.warnings.length - LIST_LIMIT, 'more')}</li>}
            </ul>
          </div>
        </div>
      )}
      {report.disagreements.length > 0 && (
        <div className="notice notice--warn import-disagreements" data-testid="import-disagreements">
          <span className="notice__icon" aria-hidden="true">
            ≠
          </span>
          <div className="notice__text">
            <div>
              The formats disagree on {plural(report.disagreements.length, 'field')}. The first format&rsquo;s value is imported (ODPS and
              ODCS, then DPDS, then Backstage, then DataHub); check that it is the one you mean.
            </div>
            <ul className="problem-list">
              {report.disagreements.slice(0, LIST_LIMIT).map((d, i) => (
                <li
                  key={i}
                  className="problem"
                  data-testid="import-disagreement"
                  data-kind={d.kind}
                  data-name={d.name}
                  data-field={d.field}
                  title={`${d.kept.path}\n${d.other.path}`}
                >
                  <span className="problem__reason">
                    {kindNoun(d.kind)} <span className="mono">{d.name}</span> <code className="problem__field">{d.field}</code>
                  </span>
                  <span className="disagreement__claim">Kept: {claimText(d.kept)}</span>
                  <span className="disagreement__claim muted">Passed over: {claimText(d.other)}</span>
                </li>
              ))}
              {report.disagreements.length > LIST_LIMIT && (
                <li className="muted">and {plural(report.disagreements.length - LIST_LIMIT, 'more')}</li>
              )}
            </ul>
          </div>
        </div>
      )}
      {report.byFile.length > 0 && (
        <details className="import-details" open={report.byFile.length <= 12}>
          <summary>
            Files ({report.byFile.length.toLocaleString('en')}){folder && <span className="mono muted"> in {folder}</span>}
          </summary>
          <ul className="import-files" data-testid="import-files">
            {report.byFile.slice(0, LIST_LIMIT).map((f) => (
              <FileRow key={f.path} file={f} folder={folder} />
            ))}
            {report.byFile.length > LIST_LIMIT && <li className="muted">and {plural(report.byFile.length - LIST_LIMIT, 'more')}</li>}
          </ul>
        </details>
      )}
      {counts.length > 0 && (
        <table className="import-counts">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Create</th>
              <th scope="col">Update</th>
              <th scope="col">Unchanged</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.kind} data-testid="import-count" data-kind={c.kind} data-create={c.created} data-update={c.updated}>
                <th scope="row">{kindLabel(c.kind)}</th>
                <td className={c.created > 0 ? 'is-create' : 'is-zero'}>{c.created.toLocaleString('en')}</td>
                <td className={c.updated > 0 ? 'is-update' : 'is-zero'}>{c.updated.toLocaleString('en')}</td>
                <td className="is-zero">{c.unchanged.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.entities.length > 0 && (
        <details className="import-details">
          <summary>Entities ({report.entities.length.toLocaleString('en')})</summary>
          <ul className="entity-list">
            {report.entities.slice(0, LIST_LIMIT).map((e, i) => (
              <li key={i} title={e.path}>
                <span className={`action-pill action-pill--${e.action}`}>{e.action}</span>
                <span className="muted">{kindNoun(e.kind)}</span> <span className="mono">{e.name}</span>
              </li>
            ))}
            {report.entities.length > LIST_LIMIT && <li className="muted">and {plural(report.entities.length - LIST_LIMIT, 'more')}</li>}
          </ul>
        </details>
      )}
      {report.skipped.length > 0 && (
        <details className="import-details">
          <summary>Skipped files ({report.skipped.length.toLocaleString('en')})</summary>
          <ul className="entity-list">
            {report.skipped.slice(0, LIST_LIMIT).map((s) => (
              <li key={s.path}>
                <span className="mono">{s.path}</span> <span className="muted">— {s.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function ImportDialog() {
  const open = useUiStore((s) => s.importOpen);
  return open ? <ImportDialogBody /> : null;
}

function ImportDialogBody() {
  const paths = useUiStore((s) => s.importPaths);
  const [phase, setPhase] = useState<Phase>('choose');
  const [report, setReport] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const busy = phase === 'checking' || phase === 'importing';
  const changes = report ? report.changes : 0;

  const close = useCallback(() => useUiStore.getState().setImportOpen(false), []);

  const setPaths = (text: string) => {
    useUiStore.getState().setImportPaths(text);
    setReport(null);
    setResult(null);
    setError(null);
    setPhase('choose');
  };

  const check = async () => {
    setPhase('checking');
    setError(null);
    setResult(null);
    try {
      setReport(await manifests.previewImport());
      setPhase('report');
    } catch (e) {
      setReport(null);
      setError(errorOf(e));
      setPhase('choose');
    }
  };

  const apply = async () => {
    setPhase('importing');
    setError(null);
    try {
      const done = await manifests.applyImport();
      setReport(done.report);
      // Files can change between the check and the import: problems found now are shown.
      if (done.report.problems.length > 0) {
        setPhase('report');
        return;
      }
      setResult(done);
      setPhase('done');
    } catch (e) {
      setError(errorOf(e));
      setPhase('report');
    }
  };

  const browse = async (pick: () => Promise<void>) => {
    const before = useUiStore.getState().importPaths;
    await pick();
    if (useUiStore.getState().importPaths !== before) setPaths(useUiStore.getState().importPaths);
  };

  return (
    <DialogFrame
      name="import"
      title="Import manifests"
      lede="ODPS products, ODCS contracts, DPDS descriptors, Backstage catalogs, DataHub data products and Data Contract Specification contracts, merged into this mesh by id. You see what changes before anything is written; one undo takes the import back."
      phase={phase}
      busy={busy}
      onClose={close}
      className="manifest-dialog--import"
    >
      <section className="manifest-options" aria-label="What to import">
        <div className={`option-row option-row--top${error?.field === 'paths' ? ' has-error' : ''}`}>
          <label className="option-row__label" htmlFor="import-paths">
            Files
          </label>
          <div className="option-row__value">
            <textarea
              id="import-paths"
              className="input input--mono import-paths"
              data-testid="import-paths"
              rows={3}
              spellCheck={false}
              placeholder="Manifest files or folders, one a line: choose them below"
              value={paths}
              disabled={busy}
              onChange={(e) => setPaths(e.target.value)}
            />
            {error?.field === 'paths' && <div className="field-error">{error.message}</div>}
            <div className="path-actions">
              <button
                type="button"
                className="button button--small"
                data-testid="import-browse-files"
                disabled={busy}
                onClick={() => void browse(manifests.browseImportFiles)}
              >
                Add files…
              </button>
              <button
                type="button"
                className="button button--small"
                data-testid="import-browse-folder"
                disabled={busy}
                onClick={() => void browse(manifests.browseImportFolder)}
              >
                Add folder…
              </button>
              <span className="muted">{plural(splitPaths(paths).length, 'path')} · folders are read with everything in them</span>
            </div>
          </div>
        </div>
      </section>

      <section className="manifest-preview manifest-preview--import" aria-label="Report">
        {report ? (
          <Report report={report} />
        ) : (
          <div className="manifest-preview__placeholder">
            {phase === 'checking' ? 'Reading the files…' : 'Check the files to see what the import would create and update.'}
          </div>
        )}
      </section>

      {error && error.field !== 'paths' && <ErrorNotice error={error} testId="import-error" />}
      {phase === 'done' && result && (
        <div className="notice notice--ok" data-testid="import-done">
          <span className="notice__icon" aria-hidden="true">
            ✓
          </span>
          <div className="notice__text">
            {result.applied
              ? `Imported ${plural(changes, 'change')} as one edit (“${result.applied.label}”); Undo takes it back.`
              : 'Nothing to import: the mesh already holds all of it.'}
          </div>
        </div>
      )}

      <footer className="manifest-dialog__foot">
        <div className="manifest-dialog__status">
          {busy && <TaskProgressBar testId="import-progress" onCancel={manifests.cancelTask} />}
        </div>
        {/* While a task runs, its own Cancel (beside the bar) is the one to press. */}
        {!busy && (
          <button type="button" className="button" data-testid="import-cancel-dialog" onClick={close}>
            {phase === 'done' ? 'Close' : 'Cancel'}
          </button>
        )}
        {/* Files fixed after a check are read again without retyping the paths. */}
        {phase === 'report' && (
          <button type="button" className="button" data-testid="import-recheck" onClick={() => void check()}>
            Check again
          </button>
        )}
        {phase === 'report' || phase === 'importing' ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="import-apply"
            disabled={busy || !report || report.problems.length > 0 || changes === 0}
            onClick={() => void apply()}
          >
            {report && report.problems.length > 0 ? 'Import' : changes === 0 ? 'Nothing to import' : `Import ${plural(changes, 'change')}`}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            data-testid="import-preview-button"
            disabled={busy || (phase !== 'done' && splitPaths(paths).length === 0)}
            onClick={() => void check()}
          >
            {phase === 'done' ? 'Check again' : 'Check files'}
          </button>
        )}
      </footer>
    </DialogFrame>
  );
}
