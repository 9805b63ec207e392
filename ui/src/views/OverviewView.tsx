// The domains and teams views: the mesh one level up, drawn from the core's overview
// (nodes by React Flow, links by `OverviewEdges`)
// (asked again when the model, the view's filter or the expanded domain changes). Nodes
// stay where the user drags them, stored as positions of this view (one undoable edit),
// apart from the canvas's; a click selects the domain, team or product for the
// inspector, shared with every other view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  getNodesBounds,
  getViewportForBounds,
  useReactFlow,
  type Node,
  type Viewport,
} from '@xyflow/react';
import { backend, type Overview } from '../lib/backend';
import { useMeshStore } from '../state/meshStore';
import { useFilterStore } from '../state/filterStore';
import { positionOf } from '../state/model';
import { edit, reportError } from '../actions/editing';
import { overviewFlow, type OverviewFlowNode } from './overview/overviewFlow';
import { OverviewNodeView } from './overview/OverviewNodeView';
import { OverviewEdges } from './overview/OverviewEdges';
import { expandedIn, useExpandedStore } from './overview/expandedStore';
import type { SelectedRef } from '../state/selection';

const nodeTypes = { overview: OverviewNodeView };
const proOptions = { hideAttribution: true };
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2.5;
/** React Flow's own fitView padding, a tenth of the pane. */
const FIT = { padding: 0.1 };

/** The core's overview of `view`, asked again whenever what it depends on changes. */
function useOverview(view: 'domains' | 'teams', expand: string | null): Overview | null {
  const model = useMeshStore((s) => s.model);
  const filtered = useFilterStore((s) => s.view === view);
  const shown = useFilterStore((s) => s.shown);
  const [overview, setOverview] = useState<Overview | null>(null);
  useEffect(() => {
    // Until the filter store holds this view's filter, an answer would be for another view's.
    if (!filtered) return;
    let live = true;
    backend
      .overview(view, expandedIn(view, expand))
      .then((o) => {
        // Marks for the timed end-to-end test, which tells the answer from the drawing.
        performance.mark('overview-answered');
        if (live) setOverview(o);
      })
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [view, expand, model, shown, filtered]);
  return overview;
}

function refOf(node: Node): SelectedRef | null {
  const kind = (node as OverviewFlowNode).data.node.kind;
  if (kind === 'domain' || kind === 'team' || kind === 'product') return { kind, id: node.id };
  return null;
}

function OverviewCanvas({ view }: { view: 'domains' | 'teams' }) {
  const model = useMeshStore((s) => s.model);
  const selection = useMeshStore((s) => s.selection);
  const expanded = useExpandedStore((s) => s.expanded);
  const overview = useOverview(view, expanded);
  const [dragging, setDragging] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const flow = useMemo(() => {
    if (!overview || overview.view !== view) return null;
    const mapped = overviewFlow(overview, view, (id) => positionOf(model, id, view));
    // For the timed end-to-end test: the core's placed answer turned into flow nodes.
    performance.mark('overview-mapped');
    return mapped;
  }, [overview, view, model]);
  const selected = useMemo(() => new Set(selection.map((r) => r.id)), [selection]);
  const nodes = useMemo(
    () =>
      flow?.nodes.map((n) => {
        const moved = dragging.get(n.id);
        return moved || selected.has(n.id) ? { ...n, position: moved ?? n.position, selected: selected.has(n.id) } : n;
      }) ?? [],
    [flow, dragging, selected],
  );
  const onNodesChange = useCallback((changes: { type: string; id?: string; position?: { x: number; y: number } }[]) => {
    const moved = changes.filter((c) => c.type === 'position' && c.id && c.position);
    if (moved.length > 0) setDragging((prev) => new Map([...prev, ...moved.map((c) => [c.id!, c.position!] as const)]));
  }, []);
  // A move stores every node's place in this view, not only the dragged one's, so the
  // layout the user sees is the one kept (an unplaced node would be laid out again).
  const onNodeDragStop = useCallback(() => {
    const ops = nodes
      .filter((n) => !n.parentId)
      .map((n) => ({ entityId: n.id, view, x: Math.round(n.position.x), y: Math.round(n.position.y) }))
      .filter((p) => {
        const stored = positionOf(model, p.entityId, view);
        return !stored || stored.x !== p.x || stored.y !== p.y;
      })
      .map((value) => ({ op: 'setPosition' as const, value }));
    void edit(ops, 'Move').finally(() => setDragging(new Map()));
  }, [nodes, model, view]);
  const onNodeClick = useCallback((_: unknown, node: Node) => {
    const ref = refOf(node);
    useMeshStore.getState().select(ref ? [ref] : []);
  }, []);
  const onPaneClick = useCallback(() => useMeshStore.getState().select([]), []);
  // How React Flow starts: set once, from the first answer with nodes and the pane's size
  // then, in whole pixels as React Flow measures it, so its own fit once the nodes are
  // measured lands on the same viewport and moves nothing.
  const pane = useRef<HTMLDivElement>(null);
  const start = useRef<{ viewport: Viewport; width: number; height: number } | null>(null);
  if (flow && nodes.length > 0 && pane.current && !start.current) {
    const { offsetWidth: width, offsetHeight: height } = pane.current;
    start.current = { viewport: fitted(nodes, width, height), width, height };
  }
  return (
    <div
      ref={pane}
      className="overview"
      data-testid={`overview-${view}`}
      data-ready={flow ? 'true' : undefined}
      data-edges={flow?.edges.length}
    >
      {flow && start.current && (
        // Made with the first answer's nodes and fitted to them (the store's first
        // viewport, and the same as the pan and zoom's default, which would otherwise
        // reset it): the nodes, the links and the zoom land in one frame. Made empty
        // with `fitView`, React Flow took the nodes an effect later and fitted them once
        // measured: three frames, each repainting the whole pane (about 130 ms each
        // without a GPU).
        <ReactFlowProvider
          initialNodes={nodes}
          initialWidth={start.current.width}
          initialHeight={start.current.height}
          initialMinZoom={MIN_ZOOM}
          initialMaxZoom={MAX_ZOOM}
          initialFitViewOptions={FIT}
          fitView
        >
          <ReactFlow
            nodes={nodes}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStop={onNodeDragStop}
            onNodeClick={onNodeClick}
            onPaneClick={onPaneClick}
            nodesConnectable={false}
            deleteKeyCode={null}
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            defaultViewport={start.current.viewport}
            proOptions={proOptions}
            colorMode="system"
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
            <OverviewEdges nodes={nodes} edges={flow.edges} />
            <FitWhenExpanded overview={overview} expanded={expanded} />
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
        </ReactFlowProvider>
      )}
      {overview && overview.nodes.length === 0 && <div className="overview__empty">Nothing to show under this filter.</div>}
    </div>
  );
}

/** The viewport that shows every top-level node in a pane this size, as React Flow's fitView would. */
function fitted(nodes: readonly OverviewFlowNode[], width: number, height: number): Viewport {
  const bounds = getNodesBounds(nodes.filter((n) => !n.parentId));
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, MAX_ZOOM, FIT.padding);
}

/** Fits the drawing to the pane once the answer with the domain expanded (or collapsed) is drawn. */
function FitWhenExpanded({ overview, expanded }: { overview: Overview | null; expanded: string | null }) {
  const { fitView } = useReactFlow();
  const fittedFor = useRef<string | null>(expanded);
  useEffect(() => {
    const drawn = overview?.nodes.find((n) => n.expanded)?.id ?? null;
    if (drawn !== expanded || fittedFor.current === expanded) return;
    fittedFor.current = expanded;
    requestAnimationFrame(() => void fitView({ duration: 200 }));
  }, [overview, expanded, fitView]);
  return null;
}

export function OverviewView({ view }: { view: 'domains' | 'teams' }) {
  return <OverviewCanvas key={view} view={view} />;
}
