// The domains and teams views: the mesh one level up, drawn from the core's overview
// (nodes by React Flow, links by `OverviewEdges`)
// (asked again when the model, the view's filter or the expanded domain changes). Nodes
// stay where the user drags them, stored as positions of this view (one undoable edit),
// apart from the canvas's; a click selects the domain, team or product for the
// inspector, shared with every other view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from '@xyflow/react';
import { backend, type Overview } from '../lib/backend';
import { useMeshStore } from '../state/meshStore';
import { useFilterStore } from '../state/filterStore';
import { positionOf } from '../state/model';
import { edit, reportError } from '../actions/editing';
import { overviewFlow, type OverviewFlowNode } from './overview/overviewFlow';
import { OverviewNodeView } from './overview/OverviewNodeView';
import { OverviewEdges } from './overview/OverviewEdges';
import { useExpandedStore } from './overview/expandedStore';
import type { SelectedRef } from '../state/selection';

const nodeTypes = { overview: OverviewNodeView };
const proOptions = { hideAttribution: true };

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
      .overview(view, view === 'domains' ? expand : null)
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
  // Expanding or collapsing changes the drawing's size: fit once its answer is drawn.
  const { fitView } = useReactFlow();
  const fitted = useRef<string | null>(expanded);
  useEffect(() => {
    const drawn = overview?.nodes.find((n) => n.expanded)?.id ?? null;
    if (!flow || drawn !== expanded || fitted.current === expanded) return;
    fitted.current = expanded;
    requestAnimationFrame(() => void fitView({ duration: 200 }));
  }, [flow, overview, expanded, fitView]);
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
  return (
    <div className="overview" data-testid={`overview-${view}`} data-ready={flow ? 'true' : undefined} data-edges={flow?.edges.length}>
      <ReactFlow
        nodes={nodes}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesConnectable={false}
        deleteKeyCode={null}
        fitView
        minZoom={0.05}
        maxZoom={2.5}
        proOptions={proOptions}
        colorMode="system"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        {flow && <OverviewEdges nodes={nodes} edges={flow.edges} />}
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      {overview && overview.nodes.length === 0 && <div className="overview__empty">Nothing to show under this filter.</div>}
    </div>
  );
}

export function OverviewView({ view }: { view: 'domains' | 'teams' }) {
  return (
    <ReactFlowProvider>
      <OverviewCanvas key={view} view={view} />
    </ReactFlowProvider>
  );
}
