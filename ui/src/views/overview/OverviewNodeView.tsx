// One node of the domains or teams view: a domain with its coupling (afferent, efferent,
// instability) and an expand button, a team with its products and links, or a product
// of the expanded domain. Draws what the core answered; decides nothing.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { OverviewFlowNode } from './overviewFlow';
import { useExpandedStore } from './expandedStore';

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} className="overview-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} className="overview-handle" isConnectable={false} />
    </>
  );
}

function OverviewNodeImpl({ data, selected }: NodeProps<OverviewFlowNode>) {
  const { node, view } = data;
  const common = {
    'data-testid': 'overview-node',
    'data-id': node.id,
    'data-kind': node.kind,
    'data-name': node.name,
    'data-products': node.products,
    'data-afferent': node.afferent,
    'data-efferent': node.efferent,
  };
  if (node.kind === 'product') {
    return (
      <div className={`overview-product${selected ? ' is-selected' : ''}`} {...common}>
        <Handles />
        <span className="overview-product__title">{node.title}</span>
        <span className="overview-node__name">{node.name}</span>
      </div>
    );
  }
  const instability = node.instability === null ? '–' : node.instability.toFixed(2);
  const products = `${node.products} product${node.products === 1 ? '' : 's'}`;
  return (
    <div
      className={`overview-node overview-node--${node.kind}${node.expanded ? ' is-expanded' : ''}${selected ? ' is-selected' : ''}`}
      {...common}
    >
      <Handles />
      <div className="overview-node__head">
        <span className="overview-node__title" title={node.title}>
          {node.title}
        </span>
        {view === 'domains' && (
          <button
            type="button"
            className="overview-node__expand nodrag"
            data-testid="overview-expand"
            title={node.expanded ? 'Collapse to one node' : 'Expand to its products'}
            aria-label={node.expanded ? `Collapse ${node.title}` : `Expand ${node.title}`}
            aria-expanded={node.expanded}
            onClick={(e) => {
              e.stopPropagation();
              useExpandedStore.getState().expand(node.expanded ? null : node.id);
            }}
          >
            {node.expanded ? '−' : '+'}
          </button>
        )}
      </div>
      {node.name && <div className="overview-node__name">{node.name}</div>}
      <div className="overview-node__facts">{products}</div>
      <div
        className="overview-node__coupling"
        data-testid="overview-coupling"
        title="Afferent: dependencies on it from elsewhere · Efferent: its dependencies on others · Instability: Ce / (Ca + Ce)"
      >
        {view === 'domains'
          ? `Ca ${node.afferent} · Ce ${node.efferent} · I ${instability}`
          : `serves ${node.afferent} · reads ${node.efferent}`}
      </div>
    </div>
  );
}

export const OverviewNodeView = memo(OverviewNodeImpl);
