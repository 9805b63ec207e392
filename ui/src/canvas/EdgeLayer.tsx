// The lines of the canvas, drawn as paths in one SVG that covers only the visible part
// of the flow plus a margin (see edgeLayer.ts for why not React Flow's one <svg> per
// edge): dependencies at full detail, domain links in the simplified drawing. It sits
// in the viewport between the domain boxes and the products; with an impact shown, a
// veil over both dims what it leaves out. Clicking a dependency
// selects it, right-clicking opens its menu; edits go through the store and actions.
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { ViewportPortal, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import {
  arrowedLine,
  edgeMeets,
  newEndsCache,
  stableEdgeEnds,
  layerRect,
  linkWidth,
  sameRect,
  screenPlacement,
  sideToSide,
  type EdgeEnds,
  type Rect,
} from './edgeLayer';
import type { MeshFlowEdge, MeshFlowNode } from './flowTypes';
import { useImpactStore } from '../state/impactStore';
import { useScenarioStore, type ChangeMark } from '../state/scenarioStore';
import { useUiStore } from '../state/uiStore';

const NO_MARKS: ReadonlyMap<string, ChangeMark> = new Map();
/** A dependency's arrowhead, in flow units. */
const ARROW_SIZE = 9;

const rectOf = (s: ReactFlowState): Rect => layerRect(s.transform, s.width, s.height);

interface PathProps extends EdgeEnds {
  selected: boolean;
  /** Whether this is the copy drawn above the impact's veil: it joins two highlighted products. */
  lit: boolean;
  /** Added, removed or changed by the scenario, in its Changes mode. */
  change: ChangeMark | undefined;
  onPick(id: string, e: React.MouseEvent): void;
  onMenu(id: string, e: React.MouseEvent): void;
}

const DependencyPath = memo(function DependencyPath({ id, sx, sy, tx, ty, fading, selected, lit, change, onPick, onMenu }: PathProps) {
  const { line: d, head } = arrowedLine(sx, sy, tx, ty, ARROW_SIZE);
  const classes = [
    'dependency-edge',
    'nopan',
    selected ? 'is-selected' : '',
    fading ? 'is-fading' : '',
    lit ? 'impact-lit' : '',
    change ? `change-${change}` : '',
  ];
  return (
    <g
      className={classes.join(' ')}
      // The copy drawn above an impact's veil is told apart from the dependency itself.
      data-testid={lit ? 'impact-edge' : 'dependency-edge'}
      data-id={id}
      data-change={change}
      onClick={(e) => onPick(id, e)}
      onContextMenu={(e) => onMenu(id, e)}
    >
      {/* The copy takes no clicks: they reach the line below, or the dimmed product. */}
      {!lit && <path className="dependency-edge__hit" d={d} />}
      <path className="dependency-edge__path" d={d} />
      <path className="dependency-edge__head" d={head} />
    </g>
  );
});

/** One line standing for all dependencies between two domains; not interactive. */
const DomainLinkPath = memo(function DomainLinkPath({
  sx,
  sy,
  tx,
  ty,
  count,
}: {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  count: number;
}) {
  const [d] = sideToSide(sx, sy, tx, ty);
  return <path className="domain-link" data-testid="domain-link" data-count={count} d={d} style={{ strokeWidth: linkWidth(count) }} />;
});

export function EdgeLayer({
  nodes,
  edges,
  selectedIds,
  onPick,
  onMenu,
}: {
  nodes: readonly MeshFlowNode[];
  edges: readonly MeshFlowEdge[];
  selectedIds: ReadonlySet<string>;
  onPick(id: string, e: React.MouseEvent): void;
  onMenu(id: string, e: React.MouseEvent): void;
}) {
  const rect = useStore(rectOf, sameRect);
  const presenting = useUiStore((s) => s.presentation);
  const endsCache = useRef(newEndsCache());
  const ends = useMemo(() => stableEdgeEnds(nodes, edges, endsCache.current), [nodes, edges]);
  const shown = useMemo(() => ends.filter((e) => edgeMeets(e, rect)), [ends, rect]);
  // The impact shown, if any (not while presenting, which hides its panel): its
  // dependencies are drawn again above the veil. The layer below is left as it is: any
  // change to it lays out all its paths again, about 40 ms for 1,500 lines in view.
  const impactShown = useImpactStore((s) => s.impact !== null) && !presenting;
  const litEdges = useImpactStore((s) => s.litEdges);
  const marks = useScenarioStore((s) => (s.mode === 'changes' ? s.marks : NO_MARKS));
  // The SVGs live in the zoomed viewport (for their place between domains and products)
  // but are counter-scaled to the canvas's size in screen pixels, and their groups carry
  // the zoom instead: WebKitGTK sizes a layer's backing store in the layer's own units,
  // so an SVG measured in flow units cost gigabytes when zoomed out. Moved on every
  // viewport change by writing a few attributes, without a React render.
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const group = useRef<SVGGElement>(null);
  const veil = useRef<HTMLDivElement>(null);
  const litSvg = useRef<SVGSVGElement>(null);
  const litGroup = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    const follow = (s: ReactFlowState) => {
      const p = screenPlacement(s.transform, s.width, s.height);
      for (const layer of [svg.current, veil.current, litSvg.current]) {
        if (!layer) continue;
        layer.style.transform = p.svgTransform;
        layer.style.width = `${p.width}px`;
        layer.style.height = `${p.height}px`;
      }
      for (const g of [group.current, litGroup.current]) g?.setAttribute('transform', p.groupTransform);
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store, impactShown]);
  const path = (e: EdgeEnds, lit: boolean) => (
    <DependencyPath key={e.id} {...e} selected={selectedIds.has(e.id)} lit={lit} change={marks.get(e.id)} onPick={onPick} onMenu={onMenu} />
  );
  return (
    <ViewportPortal>
      <svg ref={svg} className="edge-layer" data-testid="edge-layer">
        <g ref={group}>
          {shown.map((e) =>
            e.count === undefined ? path(e, false) : <DomainLinkPath key={e.id} sx={e.sx} sy={e.sy} tx={e.tx} ty={e.ty} count={e.count} />,
          )}
        </g>
      </svg>
      {/* The impact's dimming: one veil over the canvas, under the lit products (raised
          in app.css) and the lit dependencies, drawn here above it. Restyling every
          product and line instead cost a style pass over the whole canvas and a
          transparency layer each, a long frame more without a GPU. */}
      {impactShown && (
        <>
          <div ref={veil} className="impact-veil" data-testid="impact-veil" />
          <svg ref={litSvg} className="edge-layer edge-layer--lit" data-testid="edge-layer-lit" aria-hidden="true">
            <g ref={litGroup}>{shown.map((e) => (e.count === undefined && litEdges.has(e.id) ? path(e, true) : null))}</g>
          </svg>
        </>
      )}
    </ViewportPortal>
  );
}
