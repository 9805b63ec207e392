// The worst unwaived governance severity of one canvas node (a product or a domain
// group), as a small corner badge; nothing when the node has no open finding. It reads
// its own slice of the governance store, so a new report re-renders the badges only,
// never the nodes.
import { memo } from 'react';
import { useGovernanceStore } from '../state/governanceStore';

const ICON = { error: '✖', warning: '▲', info: 'i' } as const;

function SeverityBadgeImpl({ id }: { id: string }) {
  const severity = useGovernanceStore((s) => s.worst.get(id));
  if (!severity) return null;
  return (
    <span
      className={`severity-badge severity-${severity}`}
      data-testid="severity-badge"
      data-severity={severity}
      title={`Governance: worst open finding is ${severity === 'info' ? 'an info' : `a ${severity}`} (see Problems)`}
    >
      {ICON[severity]}
    </span>
  );
}

export const SeverityBadge = memo(SeverityBadgeImpl);
