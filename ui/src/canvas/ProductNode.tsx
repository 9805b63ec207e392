// One data product on the canvas: names, owner, status, archetype, its output ports as
// source handles and one input handle, and its unresolved inputs as dangling references
// on its left (a click selects the input). Display only: edits go through the inspector,
// toolbar and menus. Memoised; geometry comes from geometry.ts so edges can be drawn
// before the node is measured. Zoomed out it draws its name only, then a plain rectangle.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ProductFlowNode } from './flowTypes';
import type { InputPort, Stub } from '../bindings';
import {
  DANGLING_ROW,
  DANGLING_TOP,
  HANDLE_SIZE,
  INPUT_HANDLE_Y,
  PORT_ROW,
  PRODUCT_WIDTH,
  danglingSlots,
  portCenterY,
  productHeight,
} from './geometry';
import { useMeshStore } from '../state/meshStore';
import { useImpactStore } from '../state/impactStore';
import { useScenarioStore } from '../state/scenarioStore';
import { INPUT_HANDLE_ID } from './toFlow';
import { ARCHETYPES } from './archetypes';
import { SeverityBadge } from './SeverityBadge';
import { useFilterStore } from '../state/filterStore';
import { useDetail } from './detail';
import { ProductLabel, ProductRect } from './LowDetailNodes';

function referenceOf(input: InputPort): string {
  return input.source.kind === 'unresolved' ? input.source.reference : '';
}

/** Unresolved inputs: dashed stubs with the reference, as many as fit beside the node. */
function DanglingRefs({ inputs, height }: { inputs: readonly InputPort[]; height: number }) {
  const slots = danglingSlots(height);
  const shown = inputs.length > slots ? inputs.slice(0, slots - 1) : inputs;
  const hidden = inputs.length - shown.length;
  // Only nodes with dangling references subscribe, and re-render only when one of theirs
  // is selected or no longer is.
  const selectedId = useMeshStore((s) => {
    for (const r of s.selection) if (r.kind === 'inputPort' && inputs.some((i) => i.id === r.id)) return r.id;
    return null;
  });
  const pick = (e: React.MouseEvent, input: InputPort) => {
    e.stopPropagation();
    useMeshStore.getState().select([{ kind: 'inputPort', id: input.id }]);
  };
  return (
    <>
      {shown.map((input, i) => {
        const reference = referenceOf(input);
        return (
          <button
            key={input.id}
            type="button"
            className={`dangling-ref nodrag nopan${input.id === selectedId ? ' is-selected' : ''}`}
            data-testid="dangling-ref"
            data-reference={reference}
            data-input-id={input.id}
            style={{ top: DANGLING_TOP + i * DANGLING_ROW }}
            title={`Unresolved input ${input.name}: reads ${reference}, which neither an import nor the mesh holds. A later import that brings it resolves it.`}
            onClick={(e) => pick(e, input)}
          >
            <span className="dangling-ref__label">
              <span className="dangling-ref__icon" aria-hidden="true">
                ?
              </span>
              <span className="dangling-ref__text">{reference}</span>
            </span>
            <span className="dangling-ref__stub" aria-hidden="true" />
          </button>
        );
      })}
      {hidden > 0 && (
        <span
          className="dangling-ref dangling-ref--more"
          style={{ top: DANGLING_TOP + shown.length * DANGLING_ROW }}
          title={inputs.slice(shown.length).map(referenceOf).join('\n')}
        >
          <span className="dangling-ref__label">
            <span className="dangling-ref__text">+{hidden} unresolved</span>
          </span>
          <span className="dangling-ref__stub" aria-hidden="true" />
        </span>
      )}
    </>
  );
}

/** Stubs for the dependencies on hidden products: providers on the left, consumers on the right. */
function FilterStubs({ stub }: { stub: Stub }) {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return (
    <div className="filter-stubs" data-testid="filter-stub" data-upstream={stub.upstream} data-downstream={stub.downstream}>
      {stub.upstream > 0 && (
        <span className="filter-stub filter-stub--up" title={`Reads ${plural(stub.upstream, 'product')} the filter hides`}>
          +{stub.upstream} →
        </span>
      )}
      {stub.downstream > 0 && (
        <span className="filter-stub filter-stub--down" title={`Read by ${plural(stub.downstream, 'product')} the filter hides`}>
          → +{stub.downstream}
        </span>
      )}
    </div>
  );
}

function ProductNodeImpl({ data, selected }: NodeProps<ProductFlowNode>) {
  const { product, ports, ownerTitle, unresolved } = data;
  // Zoomed out: the name alone, then a plain rectangle (see detail.ts).
  const detail = useDetail();
  // Its role in the impact shown, if it has one: only the highlighted nodes re-render,
  // and rise above the veil that dims the rest (EdgeLayer.tsx).
  const impact = useImpactStore((s) => s.roles.get(product.id) ?? null);
  // Dependencies on products the filter hides, counted on this end.
  const stub = useFilterStore((s) => s.stubs.get(product.id));
  // Added, removed or changed by the scenario, in its Changes mode.
  const change = useScenarioStore((s) => (s.mode === 'changes' ? s.marks.get(product.id) : undefined));
  const drawing = { product, portCount: ports.length, selected, impact, change };
  if (detail === 'low') return <ProductRect {...drawing} />;
  if (detail === 'label') return <ProductLabel {...drawing} />;
  const archetype = product.archetype ? ARCHETYPES[product.archetype] : null;
  const classes = [
    'product-node',
    `status-${product.status}`,
    selected ? 'is-selected' : '',
    impact ? `impact-${impact}` : '',
    change ? `change-${change}` : '',
  ];
  return (
    <div
      className={classes.join(' ')}
      data-testid="product-node"
      data-id={product.id}
      data-status={product.status}
      data-impact={impact ?? undefined}
      data-change={change}
      style={{ width: PRODUCT_WIDTH, height: productHeight(ports.length) }}
    >
      <div className={`product-node__stripe archetype-${product.archetype ?? 'none'}`} />
      {unresolved.length > 0 && <DanglingRefs inputs={unresolved} height={productHeight(ports.length)} />}
      {stub && <FilterStubs stub={stub} />}
      <SeverityBadge id={product.id} />
      <Handle
        type="target"
        position={Position.Left}
        id={INPUT_HANDLE_ID}
        className="port-handle port-handle--in"
        data-testid="input-handle"
        style={{ top: INPUT_HANDLE_Y, width: HANDLE_SIZE, height: HANDLE_SIZE }}
      />
      <div className="product-node__head">
        <div className="product-node__title-row">
          <span className="product-node__title" title={product.displayName}>
            {product.displayName}
          </span>
          {archetype && (
            <span className={`archetype-badge archetype-${product.archetype}`} title={archetype.label}>
              {archetype.letter}
            </span>
          )}
        </div>
        <div className="product-node__slug" title={product.name}>
          {product.name} <span className="product-node__version">v{product.version}</span>
        </div>
        <div className="product-node__owner">
          {ownerTitle ? (
            <span title="Owner team">{ownerTitle}</span>
          ) : (
            <span className="warn" title="No owner team: a governance gap">
              ⚠ no owner
            </span>
          )}
        </div>
        <div className="product-node__badges">
          <span className={`status-pill status-${product.status}`}>{product.status}</span>
        </div>
      </div>
      <div className="product-node__ports">
        {ports.length === 0 && <div className="product-node__noports">no output ports</div>}
        {ports.map((port, i) => (
          <div
            key={port.id}
            className={`port-row status-${port.status}`}
            style={{ top: portCenterY(i) - PORT_ROW / 2, height: PORT_ROW }}
            title={`${port.name} v${port.version} (${port.type}, ${port.visibility})`}
          >
            <span className={`port-type port-type--${port.type}`}>{port.type.slice(0, 3)}</span>
            <span className="port-row__label">
              {port.name} v{port.version}
            </span>
            <Handle
              type="source"
              position={Position.Right}
              id={port.id}
              className="port-handle port-handle--out"
              data-testid="output-port-handle"
              data-port-id={port.id}
              style={{ width: HANDLE_SIZE, height: HANDLE_SIZE }}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

export const ProductNode = memo(ProductNodeImpl);
