// A domain drawn as a tinted, labelled group around its products. Its size comes from
// the node (computed from the children), never from stored data. Zoomed out to the
// label level its header is enlarged to stay readable; below the low-detail threshold
// only the title is drawn. Display only.
import { memo, type CSSProperties } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { DomainFlowNode } from './flowTypes';
import { SeverityBadge } from './SeverityBadge';
import { useDetail, useDomainHeaderScale } from './detail';
import { DomainLabelBox } from './LowDetailNodes';

const TINTS = 8;

/** A stable tint per domain, so colours survive reordering and reloads. */
export function tintOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(h) % TINTS;
}

// Grows upwards from the header's bottom, into the margin above the box, so it covers
// none of the products; as wide as the box once enlarged.
const headerStyle = (scale: number): CSSProperties => ({
  transform: `scale(${scale})`,
  transformOrigin: 'left bottom',
  width: `${100 / scale}%`,
});

function DomainGroupNodeImpl({ data, selected, width, height }: NodeProps<DomainFlowNode>) {
  const { domain, productCount } = data;
  // Zoomed out: the box with only a readable title (see detail.ts).
  const detail = useDetail();
  const scale = useDomainHeaderScale();
  if (detail === 'low')
    return <DomainLabelBox domain={domain} tint={tintOf(domain.id)} selected={selected} width={width} height={height} />;
  return (
    <div
      className={`domain-group tint-${tintOf(domain.id)}${selected ? ' is-selected' : ''}`}
      data-testid="domain-group"
      data-id={domain.id}
      style={{ width, height }}
    >
      <div
        className="domain-group__header"
        title={`${domain.title} (${domain.name})`}
        style={detail === 'label' ? headerStyle(scale) : undefined}
      >
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
