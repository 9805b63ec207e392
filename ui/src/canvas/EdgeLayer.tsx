// The lines of the canvas, drawn as paths in one SVG that covers only the visible part
// of the flow plus a margin (see edgeLayer.ts for why not React Flow's one <svg> per
// edge): dependencies at full detail, domain links in the simplified drawing. It sits
// in the viewport between the domain boxes and the products. Clicking a dependency
// selects it, right-clicking opens its menu; edits go through the store and actions.
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { ViewportPortal, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import {
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

const NO_MARKS: ReadonlyMap<string, ChangeMark> = new Map();

const rectOf = (s: ReactFlowState): Rect => layerRect(s.transform, s.width, s.height);

interface PathProps extends EdgeEnds {
  selected: boolean;
  /** Whether this dependency joins two highlighted products of the impact shown. */
  lit: boolean;
  /** Added, removed or changed by the scenario, in its Changes mode. */
  change: ChangeMark | undefined;
  onPick(id: string, e: React.MouseEvent): void;
  onMenu(id: string, e: React.MouseEvent): void;
}

const DependencyPath = memo(function DependencyPath({ id, sx, sy, tx, ty, fading, selected, lit, change, onPick, onMenu }: PathProps) {
  const [d] = sideToSide(sx, sy, tx, ty);
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
      data-testid="dependency-edge"
      data-id={id}
      data-change={change}
      onClick={(e) => onPick(id, e)}
      onContextMenu={(e) => onMenu(id, e)}
    >
      <path className="dependency-edge__hit" d={d} />
      <path className="dependency-edge__path" d={d} markerEnd={selected ? 'url(#mw-arrow-selected)' : 'url(#mw-arrow)'} />
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
  const endsCache = useRef(newEndsCache());
  const ends = useMemo(() => stableEdgeEnds(nodes, edges, endsCache.current), [nodes, edges]);
  const shown = useMemo(() => ends.filter((e) => edgeMeets(e, rect)), [ends, rect]);
  // Only the lit dependencies re-render; the rest fade through `has-impact` (CSS).
  const litEdges = useImpactStore((s) => s.litEdges);
  const marks = useScenarioStore((s) => (s.mode === 'changes' ? s.marks : NO_MARKS));
  // The SVG lives in the zoomed viewport (for its place between domains and products)
  // but is counter-scaled to the canvas's size in screen pixels, and its group carries
  // the zoom instead: WebKitGTK sizes a layer's backing store in the layer's own units,
  // so an SVG measured in flow units cost gigabytes when zoomed out. Moved on every
  // viewport change by writing three attributes, without a React render.
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const group = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    const follow = (s: ReactFlowState) => {
      if (!svg.current || !group.current) return;
      const p = screenPlacement(s.transform, s.width, s.height);
      svg.current.style.transform = p.svgTransform;
      svg.current.style.width = `${p.width}px`;
      svg.current.style.height = `${p.height}px`;
      group.current.setAttribute('transform', p.groupTransform);
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store]);
  return (
    <ViewportPortal>
      <svg ref={svg} className="edge-layer" data-testid="edge-layer">
        <g ref={group}>
          {shown.map((e) =>
            e.count === undefined ? (
              <DependencyPath
                key={e.id}
                {...e}
                selected={selectedIds.has(e.id)}
                lit={litEdges.has(e.id)}
                change={marks.get(e.id)}
                onPick={onPick}
                onMenu={onMenu}
              />
            ) : (
              <DomainLinkPath key={e.id} sx={e.sx} sy={e.sy} tx={e.tx} ty={e.ty} count={e.count} />
            ),
          )}
        </g>
      </svg>
    </ViewportPortal>
  );
}
