// A domain drawn as a tinted, labelled group around its products. Its size comes from
// the node (computed from the children), never from stored data. Below the detail
// threshold only the title is drawn. Display only.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { DomainFlowNode } from './flowTypes';
import { SeverityBadge } from './SeverityBadge';
import { useDetail } from './detail';
import { DomainLabelBox } from './LowDetailNodes';

const TINTS = 8;

/** A stable tint per domain, so colours survive reordering and reloads. */
export function tintOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(h) % TINTS;
}

function DomainGroupNodeImpl({ data, selected, width, height }: NodeProps<DomainFlowNode>) {
  const { domain, productCount } = data;
  // Zoomed out: the box with only a readable title (see detail.ts).
  const detail = useDetail();
  if (detail === 'low') return <DomainLabelBox domain={domain} tint={tintOf(domain.id)} selected={selected} width={width} height={height} />;
  return (
    <div
      className={`domain-group tint-${tintOf(domain.id)}${selected ? ' is-selected' : ''}`}
      data-testid="domain-group"
      data-id={domain.id}
      style={{ width, height }}
    >
      <div className="domain-group__header" title={`${domain.title} (${domain.name})`}>
        <SeverityBadge id={domain.id} />
        <span className="domain-group__title">{domain.title}</span>
        <span className="domain-group__slug">{domain.name}</span>
        <span className="domain-group__count">
          {productCount} {productCount === 1 ? 'product' : 'products'}
        </span>
      </div>
    </div>
  );
}

export const DomainGroupNode = memo(DomainGroupNodeImpl);
