// What the shown scenario does to the governance findings: the ones its to-be adds and
// the ones it resolves, as the core's diff answered them (actions/scenario.ts). Shown
// at the top of the Problems panel while a scenario is shown.
import { useMeshStore } from '../../state/meshStore';
import { useScenarioStore } from '../../state/scenarioStore';
import type { FindingChange } from '../../bindings';

function Findings({ items, testId, sign }: { items: readonly FindingChange[]; testId: string; sign: string }) {
  return (
    <ul className="scenario-delta__list">
      {items.slice(0, 50).map((f) => (
        <li key={`${f.ruleId}/${f.entity}/${f.message}`} className={`scenario-delta__item severity-${f.severity}`} data-testid={testId}>
          {sign} <span className="scenario-delta__rule">{f.ruleId}</span> {f.entity}: {f.message}
        </li>
      ))}
    </ul>
  );
}

export function ScenarioDelta() {
  const shown = useMeshStore((s) => s.scenario);
  const changes = useScenarioStore((s) => s.changes);
  if (!shown || !changes) return null;
  const { findingsNew, findingsResolved } = changes.diff;
  return (
    <div className="scenario-delta" data-testid="scenario-delta" data-new={findingsNew.length} data-resolved={findingsResolved.length}>
      <p className="scenario-delta__head">
        Scenario {shown}: adds {findingsNew.length} {findingsNew.length === 1 ? 'finding' : 'findings'}, resolves {findingsResolved.length}
      </p>
      <Findings items={findingsNew} testId="scenario-finding-new" sign="+" />
      <Findings items={findingsResolved} testId="scenario-finding-resolved" sign="✓" />
    </div>
  );
}
