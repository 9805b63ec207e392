// The links of the domains and teams views, each labelled with its weight, drawn as
// paths in one SVG the size of the pane, under the nodes and outside React Flow's
// zoomed viewport: its one group carries the pan and zoom. React Flow's one <svg> per
// edge, and an SVG counter-scaled inside the viewport (as the canvas's EdgeLayer), both
// took WebKitGTK over twenty seconds to paint the 1,700 links between the 80 domains of
// a 2,000-product mesh zoomed out to fit: it rasterizes a layer at the scale the layer
// itself is drawn at. Lines run from a node's right side to the next one's left, as the
// nodes' handles show, and follow nodes while they are dragged. The weights are drawn
// only from the zoom at which products get readable labels (LABEL_ZOOM). It draws only:
// the links and their weights are the core's overview.
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { OverviewFlowEdge, OverviewFlowNode } from './overviewFlow';
import { LABEL_ZOOM } from '../../canvas/detail';
import { arrowedLine } from '../../canvas/edgeLayer';

/** An arrowhead's length per unit of its line's width. */
const ARROW_PER_WIDTH = 6;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Link {
  id: string;
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  weight: number;
  width: number;
}

/** Every node's box in flow coordinates (a child's position is its parent's plus its own). */
function boxes(nodes: readonly OverviewFlowNode[]): Map<string, Box> {
  const at = new Map<string, Box>();
  for (const n of nodes) {
    const parent = n.parentId ? at.get(n.parentId) : undefined;
    at.set(n.id, {
      x: (parent?.x ?? 0) + n.position.x,
      y: (parent?.y ?? 0) + n.position.y,
      w: n.width ?? 0,
      h: n.height ?? 0,
    });
  }
  return at;
}

const LinkPath = memo(function LinkPath({ sx, sy, tx, ty, weight, width }: Link) {
  const { line: d, head, midX: lx, midY: ly } = arrowedLine(sx, sy, tx, ty, ARROW_PER_WIDTH * width);
  return (
    <g className="overview-link" data-testid="overview-edge" data-weight={weight}>
      <path d={d} className="overview-link__path" strokeWidth={width} />
      <path d={head} className="overview-link__arrow" />
      <text x={lx} y={ly} className="overview-link__weight" data-testid="overview-edge-label">
        {weight}
      </text>
    </g>
  );
});

export function OverviewEdges({ nodes, edges }: { nodes: readonly OverviewFlowNode[]; edges: readonly OverviewFlowEdge[] }) {
  // Follows every pan and zoom by writing one attribute, without a React render.
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const group = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    const follow = (s: ReactFlowState) => {
      const [x, y, zoom] = s.transform;
      group.current?.setAttribute('transform', `translate(${x} ${y}) scale(${zoom})`);
      // Weights too small to read are not drawn: painting 1,700 haloed labels a pixel
      // high took WebKitGTK seconds, for nothing anyone could see. Arrowheads stay, as
      // the only sign of direction (hiding them measured no faster).
      svg.current?.classList.toggle('is-far', zoom < LABEL_ZOOM);
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store]);
  const links = useMemo(() => {
    const at = boxes(nodes);
    return edges.flatMap((e): Link[] => {
      const s = at.get(e.source);
      const t = at.get(e.target);
      if (!s || !t) return [];
      const weight = e.data?.weight ?? 1;
      const width = Number(e.style?.strokeWidth ?? 1);
      return [{ id: e.id, sx: s.x + s.w, sy: s.y + s.h / 2, tx: t.x, ty: t.y + t.h / 2, weight, width }];
    });
  }, [nodes, edges]);
  return (
    <svg ref={svg} className="overview-links" data-testid="overview-links">
      <title>Links between the nodes, each with its weight</title>
      <g ref={group}>
        {links.map((l) => (
          <LinkPath key={l.id} {...l} />
        ))}
      </g>
    </svg>
  );
}
