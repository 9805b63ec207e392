// The simplified (zoomed-out) drawing of products and domains: a product is a plain
// rectangle coloured by archetype, without text or handles; a domain is its tinted box
// with only its title, sized to stay readable on screen. They keep the test ids and
// data-id of the full drawing so selection and clicks work the same. Display only.
import type { DataProduct, Domain } from '../bindings';
import { PRODUCT_WIDTH, productHeight } from './geometry';
import { useLabelFontSize } from './detail';

export function ProductRect({ product, portCount, selected }: { product: DataProduct; portCount: number; selected: boolean }) {
  const classes = [
    'product-rect',
    `archetype-${product.archetype ?? 'none'}`,
    `status-${product.status}`,
    selected ? 'is-selected' : '',
  ];
  return (
    <div
      className={classes.join(' ')}
      data-testid="product-node"
      data-detail="low"
      data-id={product.id}
      data-status={product.status}
      style={{ width: PRODUCT_WIDTH, height: productHeight(portCount) }}
    />
  );
}

export function DomainLabelBox({ domain, tint, selected, width, height }: { domain: Domain; tint: number; selected: boolean; width?: number; height?: number }) {
  const fontSize = useLabelFontSize();
  return (
    <div
      className={`domain-group domain-group--low tint-${tint}${selected ? ' is-selected' : ''}`}
      data-testid="domain-group"
      data-detail="low"
      data-id={domain.id}
      style={{ width, height }}
    >
      <div className="domain-group__label" style={{ fontSize }} title={domain.title}>
        {domain.title}
      </div>
    </div>
  );
}
