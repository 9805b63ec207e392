// The zoomed-out drawings of products and domains (see detail.ts). Label level: a
// product is its box with only its display name, in type sized to stay readable on
// screen. Low level: a product is a plain rectangle coloured by archetype, without text
// or handles; a domain is its tinted box with only its title, sized to stay readable.
// They keep the test ids and data-id of the full drawing so selection and clicks work
// the same. Display only.
import type { DataProduct, Domain } from '../bindings';
import { PRODUCT_WIDTH, productHeight } from './geometry';
import { useLabelFontSize, useProductLabelFontSize } from './detail';
import { SeverityBadge } from './SeverityBadge';

/** What the full drawing's node carries too, so tests and clicks find a product at any zoom. */
const hooksOf = (product: DataProduct, detail: 'label' | 'low', impact: string | null, change: string | undefined) => ({
  'data-testid': 'product-node',
  'data-detail': detail,
  'data-id': product.id,
  'data-status': product.status,
  'data-impact': impact ?? undefined,
  'data-change': change,
});

/** What every drawing of a product takes: its ports' count, selection and impact role. */
interface ProductDrawing {
  product: DataProduct;
  portCount: number;
  selected: boolean;
  /** Its role in the impact shown (`target`, `upstream`, `downstream`), if it has one. */
  impact: string | null;
  /** Added, removed or changed by the scenario, in its Changes mode. */
  change?: string | undefined;
}

// Flow units above and below the name, and the name's line height; CSS leaves both to this.
const LABEL_PADDING = 12;
const LABEL_LINE_HEIGHT = 1.12;

export function ProductLabel({ product, portCount, selected, impact, change }: ProductDrawing) {
  const fontSize = useProductLabelFontSize();
  const height = productHeight(portCount);
  // As many lines as the box holds; a longer name ends in an ellipsis.
  const lines = Math.max(1, Math.floor((height - LABEL_PADDING) / (fontSize * LABEL_LINE_HEIGHT)));
  const classes = [
    'product-node',
    'product-label',
    `status-${product.status}`,
    selected ? 'is-selected' : '',
    impact ? `impact-${impact}` : '',
    change ? `change-${change}` : '',
  ];
  return (
    <div
      className={classes.join(' ')}
      {...hooksOf(product, 'label', impact, change)}
      style={{ width: PRODUCT_WIDTH, height }}
      title={`${product.displayName} (${product.name})`}
    >
      <div className={`product-node__stripe archetype-${product.archetype ?? 'none'}`} />
      <SeverityBadge id={product.id} />
      <span className="product-label__name" style={{ fontSize, lineHeight: LABEL_LINE_HEIGHT, WebkitLineClamp: lines }}>
        {product.displayName}
      </span>
    </div>
  );
}

export function ProductRect({ product, portCount, selected, impact, change }: ProductDrawing) {
  const classes = [
    'product-rect',
    `archetype-${product.archetype ?? 'none'}`,
    `status-${product.status}`,
    selected ? 'is-selected' : '',
    impact ? `impact-${impact}` : '',
    change ? `change-${change}` : '',
  ];
  return (
    <div
      className={classes.join(' ')}
      {...hooksOf(product, 'low', impact, change)}
      style={{ width: PRODUCT_WIDTH, height: productHeight(portCount) }}
    />
  );
}

export function DomainLabelBox({
  domain,
  tint,
  selected,
  width,
  height,
}: {
  domain: Domain;
  tint: number;
  selected: boolean;
  width?: number;
  height?: number;
}) {
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
