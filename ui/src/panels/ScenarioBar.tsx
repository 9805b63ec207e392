// The scenario bar under the toolbar: start a named scenario or open a kept one; while
// one is shown, switch between As-is, Changes and To-be, apply it to the as-is (one
// undoable edit) or discard it, and read what stopped an apply. The core decides all of
// it (actions/scenario.ts); this only shows the answers.
import { useEffect, useState } from 'react';
import { useMeshStore } from '../state/meshStore';
import { useScenarioStore, type ScenarioMode } from '../state/scenarioStore';
import {
  applyScenario,
  discardScenario,
  refreshChanges,
  refreshScenarios,
  showMode,
  startScenario,
  stopComparing,
} from '../actions/scenario';

const MODES: readonly { mode: ScenarioMode; label: string; title: string }[] = [
  { mode: 'as-is', label: 'As-is', title: 'The mesh as it is' },
  { mode: 'changes', label: 'Changes', title: 'What the scenario adds, removes and changes' },
  { mode: 'to-be', label: 'To-be', title: 'The mesh as the scenario has it; edits go here' },
];

function NewScenario({ onDone }: { onDone(): void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="scenario-bar__new"
      onSubmit={(e) => {
        e.preventDefault();
        void startScenario(name).then((ok) => ok && onDone());
      }}
    >
      <input
        autoFocus
        className="scenario-bar__name"
        data-testid="scenario-name"
        aria-label="Scenario name"
        placeholder="Scenario name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      />
      <button type="submit" className="scenario-bar__button" data-testid="scenario-start">
        Start
      </button>
    </form>
  );
}

export function ScenarioBar() {
  const shown = useMeshStore((s) => s.scenario);
  const model = useMeshStore((s) => s.model);
  const path = useMeshStore((s) => s.path);
  const { mode, scenarios, conflicts, changes, comparing } = useScenarioStore();
  const [naming, setNaming] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    void refreshScenarios();
  }, [path]);
  // An edit in the scenario changes what it adds and resolves.
  useEffect(() => {
    void refreshChanges();
  }, [model]);
  const current = shown ?? picked ?? scenarios[scenarios.length - 1]?.name ?? null;
  if (comparing) {
    return (
      <div className="scenario-bar is-comparing" data-testid="scenario-bar" data-comparing={comparing}>
        <span className="scenario-bar__title">Compared with {comparing}</span>
        {changes && (
          <span className="scenario-bar__delta" data-testid="compare-summary" data-count={changes.diff.entities.length}>
            {changes.diff.entities.length} entities differ: added green (drawn from the other file), removed red, changed amber
          </span>
        )}
        <button type="button" className="scenario-bar__button" data-testid="compare-stop" onClick={() => void stopComparing()}>
          Stop comparing
        </button>
      </div>
    );
  }
  return (
    <div className="scenario-bar" data-testid="scenario-bar" data-scenario={shown ?? undefined}>
      {current && (
        <div className="scenario-bar__modes" role="group" aria-label="Scenario mode" data-testid="scenario-mode" data-mode={mode}>
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              className={`scenario-bar__mode${mode === m.mode ? ' is-pressed' : ''}`}
              data-mode={m.mode}
              aria-pressed={mode === m.mode}
              title={m.title}
              onClick={() => void showMode(m.mode, current)}
            >
              {m.label}
            </button>
          ))}
        </div>
      )}
      {!shown && scenarios.length > 0 && (
        <select
          className="scenario-bar__pick"
          data-testid="scenario-pick"
          aria-label="Scenario"
          value={current ?? ''}
          onChange={(e) => setPicked(e.target.value)}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.name}>
              {s.name} (+{s.added} −{s.removed} ~{s.changed})
            </option>
          ))}
        </select>
      )}
      {shown && (
        <span className="scenario-bar__title" title="The scenario shown">
          {shown}
        </span>
      )}
      {shown && changes && (
        <span className="scenario-bar__delta" data-testid="scenario-summary">
          {changes.diff.entities.length} changed entities
        </span>
      )}
      {shown && (
        <>
          <button type="button" className="scenario-bar__button" data-testid="scenario-apply" onClick={() => void applyScenario()}>
            Apply to as-is
          </button>
          <button type="button" className="scenario-bar__button" data-testid="scenario-discard" onClick={() => void discardScenario(shown)}>
            Discard
          </button>
        </>
      )}
      {!shown &&
        (naming ? (
          <NewScenario onDone={() => setNaming(false)} />
        ) : (
          <button type="button" className="scenario-bar__button" data-testid="scenario-new" onClick={() => setNaming(true)}>
            New scenario
          </button>
        ))}
      {conflicts.length > 0 && (
        <div className="scenario-bar__conflicts" data-testid="scenario-conflicts" role="alert">
          Not applied: the as-is changed the same {conflicts.length === 1 ? 'field' : 'fields'} since the scenario began:
          <ul>
            {conflicts.map((c) => (
              <li key={`${c.id}/${c.field ?? ''}`} data-testid="scenario-conflict">
                {c.name}
                {c.field ? ` · ${c.field}` : ''}: {c.resolution}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
