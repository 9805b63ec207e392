// One finding in the Problems panel: severity, rule, entity and message; a click
// selects the entity and brings it into view. Waived findings stay listed, marked with
// their reason; the others can be waived from here.
import type { Finding } from '../../bindings';
import { focusFinding, unwaive } from '../../actions/governance';
import { useGovernanceStore } from '../../state/governanceStore';
import { waiverFor } from '../../state/policy';
import { WaiveForm } from './WaiveForm';

export const SEVERITY_ICON = { error: '✖', warning: '▲', info: 'i' } as const;

export function FindingRow({ finding, rowKey }: { finding: Finding; rowKey: string }) {
  const waiving = useGovernanceStore((s) => s.waiving === rowKey);
  const waived = finding.waived != null;
  const names = [finding.entity.name, finding.entity.id ?? ''];
  const until = useGovernanceStore((s) => (waived ? waiverFor(s.policy, finding.ruleId, names)?.expires : null));
  return (
    <li
      className={`finding severity-${finding.severity}${waived ? ' is-waived' : ''}`}
      data-testid="finding"
      data-rule={finding.ruleId}
      data-entity={finding.entity.name}
      data-entity-id={finding.entity.id ?? ''}
      data-severity={finding.severity}
      data-waived={waived ? 'true' : 'false'}
    >
      <div className="finding__row">
        <button
          type="button"
          className="finding__main"
          data-testid="finding-focus"
          title={finding.fixHint}
          onClick={() => focusFinding(finding)}
        >
          <span className={`finding__icon severity-${finding.severity}`} aria-label={finding.severity}>
            {SEVERITY_ICON[finding.severity]}
          </span>
          <span className="finding__rule">{finding.ruleId}</span>
          <span className="finding__entity">{finding.entity.name}</span>
          <span className="finding__message" title={finding.message}>
            {finding.message}
          </span>
        </button>
        {waived ? (
          <>
            <span className="finding__waived" data-testid="finding-waived" title={finding.waived ?? ''}>
              waived: {finding.waived}
              {until ? ` (until ${until})` : ''}
            </span>
            <button type="button" className="button button--small" data-testid="finding-unwaive" onClick={() => void unwaive(finding)}>
              Unwaive
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--small"
            data-testid="finding-waive"
            onClick={() => useGovernanceStore.getState().setWaiving(waiving ? null : rowKey)}
          >
            Waive…
          </button>
        )}
      </div>
      {waiving && <WaiveForm finding={finding} />}
    </li>
  );
}
