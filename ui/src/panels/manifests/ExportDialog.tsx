// The Export dialog (File > Export…, Ctrl+Shift+E, the toolbar's Export): formats,
// versions, the folder (typed, or filled by Browse… from the native folder dialog) and
// by-domain; then the core's preview (added, changed, removed, unchanged, conflicts with
// a diff per file, shown as text), and the write with progress and Cancel. Removed
// files are deleted only when the box confirming it is ticked. It shows what the core
// answers and decides nothing about what is written.
import { PathField } from './PathField';
import { GitOptions, RepoResults } from './GitExport';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandError, ExportPreview, ExportSummary, FileChange } from '../../bindings';
import { errorOf } from '../../actions/editing';
import { outcomeOf } from '../../lib/errors';
import * as manifests from '../../actions/manifests';
import { useUiStore } from '../../state/uiStore';
import {
  CHANGES,
  CHANGE_LABEL,
  FORMATS,
  ODCS_VERSIONS,
  ODPS_VERSIONS,
  allFormatsChosen,
  diffLines,
  filesToWrite,
  groupPreview,
  plural,
  toggleAllFormats,
  toggleFormat,
  type ExportChoices,
  type PreviewGroups,
} from '../../state/manifests';
import { DialogFrame } from './DialogFrame';
import { ErrorNotice } from './ErrorNotice';
import { TaskProgressBar } from './TaskProgressBar';

type Phase = 'choose' | 'previewing' | 'preview' | 'writing' | 'done';

/** Longest list drawn at once; the counts above it stay exact. */
const LIST_LIMIT = 400;

/** The tab to open on: what blocks the export, then what it changes, else what stays. */
const FIRST_TAB: readonly FileChange[] = ['conflict', 'changed', 'removed', 'added', 'unchanged'];

function firstTab(groups: PreviewGroups): FileChange {
  return FIRST_TAB.find((c) => groups[c].length > 0) ?? 'unchanged';
}

function DiffView({ path, diff, change }: { path: string | null; diff: string | null; change: FileChange | null }) {
  if (!path) return <div className="diff-view diff-view--empty">Choose a file to see what changes in it.</div>;
  const lines = diff === null ? null : diffLines(diff);
  return (
    <div className="diff-view" data-testid="export-diff" data-path={path}>
      <div className="diff-view__head mono" title={path}>
        {path}
      </div>
      {lines === null ? (
        <div className="diff-view__note">Loading…</div>
      ) : lines.length === 0 ? (
        <div className="diff-view__note">
          {change === 'unchanged' ? 'Already up to date in the folder; it is not written.' : 'No differences.'}
        </div>
      ) : (
        <pre className="diff-view__text">
          {lines.map((l, i) => (
            <span key={i} className={`diff-line diff-line--${l.kind}`}>
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}

function VersionSelect<V extends string>(props: {
  label: string;
  testId: string;
  versions: readonly V[];
  value: V;
  disabled: boolean;
  onChange(value: V): void;
}) {
  return (
    <label className="version-pick">
      {props.label}
      <select
        className="input input--small"
        data-testid={props.testId}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ExportDialog() {
  const open = useUiStore((s) => s.exportOpen);
  return open ? <ExportDialogBody /> : null;
}

function ExportDialogBody() {
  const choices = useUiStore((s) => s.exportChoices);
  const [phase, setPhase] = useState<Phase>('choose');
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [tab, setTab] = useState<FileChange>('added');
  const [selected, setSelected] = useState<string | null>(null);
  const [diff, setDiff] = useState<string | null>(null);
  const [prune, setPrune] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [summary, setSummary] = useState<ExportSummary | null>(null);
  const run = useRef(0);
  const shownPath = useRef<string | null>(null);
  const groups = preview ? groupPreview(preview.files) : null;
  const busy = phase === 'previewing' || phase === 'writing';

  const close = useCallback(() => useUiStore.getState().setExportOpen(false), []);

  const select = useCallback((path: string | null) => {
    shownPath.current = path;
    setSelected(path);
    setDiff(null);
    if (!path) return;
    manifests.exportDiff(path).then(
      // A later click wins over a slower earlier answer.
      (text) => shownPath.current === path && setDiff(text),
      (e) => setError(errorOf(e)),
    );
  }, []);

  const runPreview = useCallback(async () => {
    const mine = ++run.current;
    setPhase('previewing');
    setError(null);
    setSummary(null);
    setPrune(false);
    try {
      const next = await manifests.previewExport();
      if (mine !== run.current) return;
      const g = groupPreview(next.files);
      const first = firstTab(g);
      setPreview(next);
      setTab(first);
      setPhase('preview');
      select(g[first][0] ?? null);
    } catch (e) {
      if (mine !== run.current) return;
      setPreview(null);
      setError(errorOf(e));
      setPhase('choose');
    }
  }, [select]);

  // Reopened with a folder already chosen: show where that export stands now.
  useEffect(() => {
    if (useUiStore.getState().exportChoices.folder.trim() !== '') void runPreview();
  }, [runPreview]);

  /** A changed choice makes the preview stale: it is dropped until previewed again. */
  const choose = (next: Partial<ExportChoices>) => {
    run.current++;
    useUiStore.getState().setExportChoices(next);
    setPreview(null);
    select(null);
    setSummary(null);
    setError(null);
    setPhase('choose');
  };

  const write = async () => {
    setPhase('writing');
    setError(null);
    try {
      setSummary(await manifests.writeExport(prune));
      setPhase('done');
    } catch (e) {
      const error = errorOf(e);
      // The mesh changed since the preview (nothing was written): show the new preview,
      // to be confirmed again.
      if (outcomeOf(error) === 'overtaken') {
        await runPreview();
        setError(error);
        return;
      }
      setError(error);
      // Whatever happened, the folder may have changed: the old preview no longer holds.
      setPreview(null);
      select(null);
      setPhase('choose');
    }
  };

  const browse = async () => {
    const before = useUiStore.getState().exportChoices.folder;
    await manifests.browseExportFolder();
    const after = useUiStore.getState().exportChoices.folder;
    if (after !== before) choose({ folder: after });
    if (after.trim() !== '') await runPreview();
  };

  const fieldError = (field: string) => (error?.field === field ? error.message : null);
  const toWrite = groups ? filesToWrite(groups, prune) : 0;
  const shown = groups ? groups[tab] : [];

  return (
    <DialogFrame
      name="export"
      title="Export manifests"
      lede="Registry files for every data product, written into a folder you choose. Nothing is written before you confirm."
      phase={phase}
      busy={busy}
      onClose={close}
    >
      <section className="manifest-options" aria-label="Export choices">
        <div className="option-row">
          <span className="option-row__label">Formats</span>
          <div className="option-row__value">
            <div className="format-chips" role="group" aria-label="Formats">
              <label className={`format-chip format-chip--all${allFormatsChosen(choices.formats) ? ' is-on' : ''}`}>
                <input
                  type="checkbox"
                  data-testid="export-format-all"
                  checked={allFormatsChosen(choices.formats)}
                  disabled={busy}
                  onChange={() => choose({ formats: toggleAllFormats(choices.formats) })}
                />
                All
              </label>
              {FORMATS.map((f) => (
                <label key={f.id} className={`format-chip${choices.formats.includes(f.id) ? ' is-on' : ''}`} title={f.hint}>
                  <input
                    type="checkbox"
                    data-testid={`export-format-${f.id}`}
                    checked={choices.formats.includes(f.id)}
                    disabled={busy}
                    onChange={() => choose({ formats: toggleFormat(choices.formats, f.id) })}
                  />
                  {f.label}
                </label>
              ))}
            </div>
            {fieldError('formats') && <div className="field-error">{fieldError('formats')}</div>}
          </div>
        </div>
        <div className="option-row">
          <span className="option-row__label">Versions</span>
          <div className="option-row__value option-row__inline">
            <VersionSelect
              label="ODPS"
              testId="export-odps-version"
              versions={ODPS_VERSIONS}
              value={choices.odpsVersion}
              disabled={busy || !choices.formats.includes('odps')}
              onChange={(odpsVersion) => choose({ odpsVersion })}
            />
            <VersionSelect
              label="ODCS"
              testId="export-odcs-version"
              versions={ODCS_VERSIONS}
              value={choices.odcsVersion}
              disabled={busy || !choices.formats.includes('odcs')}
              onChange={(odcsVersion) => choose({ odcsVersion })}
            />
          </div>
        </div>
        <PathField
          id="export-folder"
          label="Folder"
          placeholder="Choose a folder with Browse…"
          value={choices.folder}
          error={fieldError('folder')}
          busy={busy}
          onChange={(folder) => choose({ folder })}
          onEnter={() => void runPreview()}
          onBrowse={() => void browse()}
        />
        <div className="option-row">
          <span className="option-row__label" />
          <label className="check option-row__value">
            <input
              type="checkbox"
              data-testid="export-by-domain"
              checked={choices.byDomain}
              disabled={busy}
              onChange={(e) => choose({ byDomain: e.target.checked })}
            />
            One folder per domain <span className="muted">— each domain&apos;s repository folder, else its name</span>
          </label>
        </div>
        <GitOptions choices={choices} busy={busy} choose={choose} />
      </section>

      <section className="manifest-preview" aria-label="Preview" data-testid="export-preview">
        {groups && preview ? (
          <>
            <div className="change-tabs" role="tablist" aria-label="Files by change">
              {CHANGES.map((c) => (
                <button
                  key={c}
                  type="button"
                  role="tab"
                  aria-selected={tab === c}
                  className={`change-tab change-tab--${c}${tab === c ? ' is-active' : ''}${groups[c].length === 0 ? ' is-empty' : ''}`}
                  data-testid={`export-preview-${c}`}
                  data-count={groups[c].length}
                  onClick={() => {
                    setTab(c);
                    select(groups[c][0] ?? null);
                  }}
                >
                  <span className="change-tab__count">{groups[c].length.toLocaleString('en')}</span>
                  <span className="change-tab__label">{CHANGE_LABEL[c]}</span>
                </button>
              ))}
            </div>
            <div className="preview-split">
              <ul className="preview-files" data-testid="export-files" aria-label={`${CHANGE_LABEL[tab]} files`}>
                {shown.length === 0 && <li className="preview-files__empty">No {CHANGE_LABEL[tab].toLowerCase()} files.</li>}
                {shown.slice(0, LIST_LIMIT).map((path) => (
                  <li key={path}>
                    <button
                      type="button"
                      className={`preview-file preview-file--${tab}${selected === path ? ' is-selected' : ''}`}
                      data-testid="export-file"
                      data-change={tab}
                      data-path={path}
                      title={path}
                      onClick={() => select(path)}
                    >
                      <span className="preview-file__mark" aria-hidden="true" />
                      <span className="preview-file__path">{path}</span>
                    </button>
                  </li>
                ))}
                {shown.length > LIST_LIMIT && <li className="preview-files__more">and {plural(shown.length - LIST_LIMIT, 'more file')}</li>}
              </ul>
              <DiffView path={selected} diff={diff} change={selected ? tab : null} />
            </div>
            {groups.removed.length > 0 && (
              <label className="notice notice--warn notice--check" data-testid="export-removed">
                <input
                  type="checkbox"
                  data-testid="export-prune"
                  checked={prune}
                  disabled={busy}
                  onChange={(e) => setPrune(e.target.checked)}
                />
                <span>
                  Delete the {plural(groups.removed.length, 'file')} listed as removed: an earlier export wrote them for what is no longer
                  in the mesh. Unticked, they stay in the folder.
                </span>
              </label>
            )}
            {groups.conflict.length > 0 && (
              <div className="notice notice--error" data-testid="export-conflicts">
                <span className="notice__icon" aria-hidden="true">
                  ⚠
                </span>
                <div className="notice__text">
                  <span>
                    {plural(groups.conflict.length, 'file')} in the way {groups.conflict.length === 1 ? 'was' : 'were'} not written by
                    Meshwright; the export will not overwrite {groups.conflict.length === 1 ? 'it' : 'them'}. Move{' '}
                    {groups.conflict.length === 1 ? 'it' : 'them'} away or choose another folder.
                  </span>
                  <ul className="notice__list mono">
                    {groups.conflict.slice(0, 3).map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                    {groups.conflict.length > 3 && <li>and {plural(groups.conflict.length - 3, 'more')}</li>}
                  </ul>
                </div>
              </div>
            )}
          </>
        ) : (
          <div className="manifest-preview__placeholder">
            {phase === 'previewing'
              ? 'Comparing with the folder…'
              : 'Choose the formats and a folder, then Preview to see every file the export adds, changes or removes.'}
          </div>
        )}
      </section>

      {error && <ErrorNotice error={error} testId="export-error" />}
      {phase === 'done' && summary && (
        <div className="notice notice--ok" data-testid="export-summary" data-written={summary.written} data-removed={summary.removed}>
          <span className="notice__icon" aria-hidden="true">
            ✓
          </span>
          <div className="notice__text">
            <div>
              {summary.repos.length > 0
                ? `Committed to ${plural(summary.repos.filter((r) => r.commit).length, 'domain repository', 'domain repositories')}; outside them `
                : 'Exported: '}
              {plural(summary.written, 'file')} written, {plural(summary.removed, 'file')} removed, {summary.unchanged.toLocaleString('en')}{' '}
              unchanged
              {summary.kept > 0 ? `, ${plural(summary.kept, 'old file')} kept` : ''}.
            </div>
            <div className="notice__path mono">{summary.folder}</div>
            <RepoResults repos={summary.repos} />
          </div>
        </div>
      )}

      <footer className="manifest-dialog__foot">
        <div className="manifest-dialog__status">
          {phase === 'writing' && <TaskProgressBar testId="export-progress" onCancel={manifests.cancelTask} />}
          {phase === 'previewing' && <TaskProgressBar testId="export-progress" onCancel={manifests.cancelTask} />}
        </div>
        {/* While a task runs, its own Cancel (beside the bar) is the one to press. */}
        {!busy && (
          <button type="button" className="button" data-testid="export-cancel-dialog" onClick={close}>
            {phase === 'done' ? 'Close' : 'Cancel'}
          </button>
        )}
        {phase === 'done' || phase === 'choose' || phase === 'previewing' ? (
          <button type="button" className="button" data-testid="export-preview-button" disabled={busy} onClick={() => void runPreview()}>
            {phase === 'done' ? 'Preview again' : 'Preview'}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            data-testid="export-write"
            disabled={busy || !groups || groups.conflict.length > 0 || toWrite === 0}
            onClick={() => void write()}
          >
            {toWrite === 0 ? 'Nothing to write' : `Export ${plural(toWrite, 'file')}`}
          </button>
        )}
      </footer>
    </DialogFrame>
  );
}
