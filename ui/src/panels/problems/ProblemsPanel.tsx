// The Problems panel, docked under the canvas: the open mesh's governance findings with
// counts, filters (severity, rule, domain, team, waived), focus on click and waiving.
// It shows the core's report as is; filtering here is display only.
import { ScenarioDelta } from './ScenarioDelta';
import { useMemo } from 'react';
import type { Severity } from '../../bindings';
import { useMeshStore } from '../../state/meshStore';
import { useGovernanceStore } from '../../state/governanceStore';
import { SEVERITIES, filterFindings, findingKey } from '../../state/findings';
import { FindingRow, SEVERITY_ICON } from './FindingRow';
import { PolicyEditor } from './PolicyEditor';

/** Rows drawn at most; a large mesh can have thousands of findings. */
const MAX_ROWS = 500;

function Choice({
  testId,
  label,
  value,
  options,
  onChange,
}: {
  testId: string;
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
  onChange(value: string | null): void;
}) {
  return (
    <select
      className="problems__select"
      data-testid={testId}
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">{label}: all</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function ProblemsPanel() {
  const model = useMeshStore((s) => s.model);
  const report = useGovernanceStore((s) => s.report);
  const error = useGovernanceStore((s) => s.error);
  const filters = useGovernanceStore((s) => s.filters);
  const editorOpen = useGovernanceStore((s) => s.editorOpen);
  const { setFilters, togglePanel, setEditorOpen } = useGovernanceStore.getState();
  const findings = useMemo(() => report?.findings ?? [], [report]);
  const shown = useMemo(() => filterFindings(model, findings, filters), [model, findings, filters]);
  const ruleOptions = useMemo(() => [...new Set(findings.map((f) => f.ruleId))].sort().map((id) => ({ value: id, label: id })), [findings]);
  const domains = [...model.domains.values()].map((d) => ({ value: d.id, label: d.title || d.name }));
  const teams = [...model.teams.values()].map((t) => ({ value: t.id, label: t.title || t.name }));
  const summary = report?.summary;
  const toggleSeverity = (s: Severity) =>
    setFilters({
      severities: filters.severities.includes(s) ? filters.severities.filter((x) => x !== s) : [...filters.severities, s],
    });
  const count = (s: Severity) => (summary ? { error: summary.errors, warning: summary.warnings, info: summary.infos }[s] : 0);
  return (
    <section className="problems" data-testid="problems-panel" aria-label="Problems">
      <header className="problems__head">
        <h2 className="problems__title">Problems</h2>
        <div className="problems__severities" role="group" aria-label="Severity">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={`problems__sev severity-${s}${filters.severities.includes(s) ? ' is-pressed' : ''}`}
              data-testid={`filter-severity-${s}`}
              aria-pressed={filters.severities.includes(s)}
              title={`Show only ${s}s (toggle)`}
              onClick={() => toggleSeverity(s)}
            >
              {SEVERITY_ICON[s]} <span data-testid={`count-${s}`}>{count(s)}</span>
            </button>
          ))}
          <span className="problems__waived-count" title="Waived findings">
            waived <span data-testid="count-waived">{summary?.waived ?? 0}</span>
          </span>
        </div>
        <Choice testId="filter-rule" label="Rule" value={filters.rule} options={ruleOptions} onChange={(rule) => setFilters({ rule })} />
        <Choice
          testId="filter-domain"
          label="Domain"
          value={filters.domain}
          options={domains}
          onChange={(domain) => setFilters({ domain })}
        />
        <Choice testId="filter-team" label="Team" value={filters.team} options={teams} onChange={(team) => setFilters({ team })} />
        <label className="problems__check">
          <input
            type="checkbox"
            data-testid="filter-waived"
            checked={filters.showWaived}
            onChange={(e) => setFilters({ showWaived: e.target.checked })}
          />
          waived
        </label>
        <span className="problems__spacer" />
        <button type="button" className="button button--small" data-testid="open-policy-editor" onClick={() => setEditorOpen(true)}>
          Policy…
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="close-problems"
          aria-label="Close Problems"
          onClick={() => togglePanel(false)}
        >
          ✕
        </button>
      </header>
      <ScenarioDelta />
      {error && (
        <div className="problems__error" data-testid="problems-error" role="alert">
          {error}
        </div>
      )}
      <ul className="problems__list" data-testid="findings">
        {shown.slice(0, MAX_ROWS).map((f) => {
          const key = findingKey(f);
          return <FindingRow key={key} rowKey={key} finding={f} />;
        })}
        {report && shown.length === 0 && (
          <li className="problems__empty" data-testid="no-findings">
            {findings.length === 0 ? 'No problems: every rule passes.' : 'No finding matches the filters.'}
          </li>
        )}
        {shown.length > MAX_ROWS && <li className="problems__more">{shown.length - MAX_ROWS} more; narrow the filters to see them.</li>}
      </ul>
      {editorOpen && <PolicyEditor />}
    </section>
  );
}
