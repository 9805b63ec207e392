// The React Flow canvas of the "mesh" view. It derives nodes and edges from the store,
// keeps only transient drag positions locally, reports selection to the store, and
// turns gestures (drag stop, connect, right-click) into actions. It never edits the
// model directly: every change goes through actions/editing.ts to the core.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type NodeChange,
  getViewportForBounds,
  useStoreApi,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { refsFromIds } from '../state/selection';
import { meshToFlow, newFlowCache } from './toFlow';
import { filterFlow } from './filtered';
import { useFilterStore } from '../state/filterStore';
import type { MeshFlowEdge, MeshFlowNode } from './flowTypes';
import { ProductNode } from './ProductNode';
import { DomainGroupNode, tintOf } from './DomainGroupNode';
import { domainLinks } from './domainLinks';
import { LOW_DETAIL_ZOOM, useDetail } from './detail';
import { EdgeLayer } from './EdgeLayer';
import { carriedSubdomains, drawnInside, storedPosition } from './subdomains';
import { canvasControls } from './canvasControls';
import { moveOps } from '../actions/edits';
import * as editing from '../actions/editing';
import { markReady } from './readiness';
import { isTextTarget } from '../hooks/keyGuard';

// Module scope: React Flow re-creates every node when these objects change identity.
const nodeTypes = { product: ProductNode, domain: DomainGroupNode };
// Lines are drawn by EdgeLayer, not as React Flow edges (see edgeLayer.ts).
const noEdges: MeshFlowEdge[] = [];
const proOptions = { hideAttribution: true };
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
const LARGE = 300;
// Module scope: when this function changes identity the MiniMap redraws every one of its
// node rectangles, which cost 20 – 40 ms per edit on a 2,000-product mesh.
const minimapClass = (n: MeshFlowNode) => (n.type === 'domain' ? `minimap-domain tint-${tintOf(n.id)}` : 'minimap-product');

type Flow = ReactFlowInstance<MeshFlowNode, MeshFlowEdge>;

/**
 * A press on the canvas ends typing in a field outside it (the inspector's name after
 * quick create), which commits it on blur: React Flow keeps the focus where it was, and
 * the canvas's keys (N, Delete) would go on landing in the field.
 */
function leaveField(e: React.PointerEvent<HTMLDivElement>) {
  const active = document.activeElement;
  if (active instanceof HTMLElement && isTextTarget(active) && !e.currentTarget.contains(active)) active.blur();
}

/**
 * Fits the view to the nodes' stored boxes. Computed here rather than with fitView,
 * which waits until every node is measured: with onlyRenderVisibleElements off-screen
 * nodes never are. Large meshes start on their first domains, since drawing every
 * node at once is what makes a first paint slow; zoom to fit still shows all.
 */
function fitAll(flow: Flow | null, nodes: readonly MeshFlowNode[], el: HTMLElement | null, firstOnly: boolean, duration = 250) {
  if (!flow || !el || nodes.length === 0) return;
  // Subdomains are drawn as top-level nodes but lie inside their parent.
  const tops = nodes.filter((n) => !n.parentId && drawnInside(n) === null);
  const large = firstOnly && nodes.length > LARGE;
  const viewportOf = (boxes: readonly MeshFlowNode[]) => {
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const n of boxes) {
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + (n.width ?? 0));
      y1 = Math.max(y1, n.position.y + (n.height ?? 0));
    }
    if (!Number.isFinite(x0)) return null;
    return getViewportForBounds(
      { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
      el.clientWidth,
      el.clientHeight,
      0.01,
      large ? 0.8 : 1.1,
      0.06,
    );
  };
  let viewport = large ? null : viewportOf(tops);
  if (large) {
    // The first domains as the mesh is laid out (top row, from the left), not in the
    // file's order, and no more of them than can be read: the full drawing of a few
    // domains paints fast, and zoom to fit still shows all.
    const first = [...tops].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
    for (let count = 4; count >= 1; count--) {
      viewport = viewportOf(first.slice(0, count));
      if (!viewport || viewport.zoom >= LOW_DETAIL_ZOOM) break;
    }
    // A first domain too tall for the window at a readable zoom: its top, readable.
    if (viewport && viewport.zoom < LOW_DETAIL_ZOOM) {
      const box = first[0];
      const zoom = LOW_DETAIL_ZOOM;
      viewport = box ? { x: -box.position.x * zoom + 24, y: -box.position.y * zoom + 24, zoom } : viewport;
    }
  }
  if (viewport) void flow.setViewport(viewport, { duration });
}

export function MeshCanvas() {
  const model = useMeshStore((s) => s.model);
  const selection = useMeshStore((s) => s.selection);
  const generation = useMeshStore((s) => s.generation);
  const minimap = useUiStore((s) => s.minimap);
  const cache = useRef(newFlowCache());
  const instance = useRef<Flow | null>(null);
  const [inited, setInited] = useState(false);
  const [ready, setReady] = useState(false);
  // Positions of nodes being dragged, until the core has stored them.
  const [dragging, setDragging] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const draggingRef = useRef(dragging);
  draggingRef.current = dragging;

  const visibleProducts = useFilterStore((s) => s.products);
  const visibleDomains = useFilterStore((s) => s.domains);
  const all = useMemo(() => meshToFlow(model, cache.current), [model]);
  // What the filter shows; hidden products' dependencies become stubs on their nodes.
  const base = useMemo(() => filterFlow(all, visibleProducts, visibleDomains), [all, visibleProducts, visibleDomains]);
  const baseRef = useRef(base);
  baseRef.current = base;
  const container = useRef<HTMLDivElement>(null);
  const selectedIds = useMemo(() => new Set(selection.map((r) => r.id)), [selection]);

  const nodes = useMemo(() => {
    const carried = carriedSubdomains(base.nodes, dragging);
    return base.nodes.map((n) => {
      const moved = dragging.get(n.id) ?? carried.get(n.id);
      const selected = selectedIds.has(n.id);
      if (!moved && !selected) return n;
      return { ...n, selected, position: moved ?? n.position } as MeshFlowNode;
    });
  }, [base, selectedIds, dragging]);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  // Zoomed out, thousands of port-to-port edges give way to one line per pair of domains.
  const detail = useDetail();
  const lines = useMemo<readonly MeshFlowEdge[]>(() => (detail === 'low' ? domainLinks(base) : base.edges), [base, detail]);

  const pickEdge = useCallback((id: string, e: React.MouseEvent) => {
    e.stopPropagation();
    useUiStore.getState().openContextMenu(null);
    const store = useMeshStore.getState();
    const ids = new Set(e.shiftKey || e.metaKey || e.ctrlKey ? store.selection.map((r) => r.id) : []);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    store.select(refsFromIds(store.model, ids));
  }, []);

  const flowStore = useStoreApi();
  const applySelect = useCallback(
    (changes: readonly { type: string; id?: string; selected?: boolean }[]) => {
      const store = useMeshStore.getState();
      const ids = new Set(store.selection.map((r) => r.id));
      let touched = false;
      for (const c of changes) {
        if (c.type !== 'select' || !c.id) continue;
        touched = true;
        if (c.selected) {
          // React Flow deselects only its own elements; a plain click on a node also
          // ends the selection of dependencies, which EdgeLayer selects.
          if (!flowStore.getState().multiSelectionActive) {
            for (const id of ids) if (store.model.inputPorts.has(id)) ids.delete(id);
          }
          ids.add(c.id);
        } else ids.delete(c.id);
      }
      if (touched) store.select(refsFromIds(store.model, ids));
    },
    [flowStore],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<MeshFlowNode>[]) => {
      applySelect(changes as { type: string; id?: string; selected?: boolean }[]);
      let next: Map<string, { x: number; y: number }> | null = null;
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          next ??= new Map();
          next.set(c.id, c.position);
        }
      }
      if (next) {
        const moved = next;
        setDragging((prev) => new Map([...prev, ...moved]));
      }
    },
    [applySelect],
  );

  const onNodeDragStop = useCallback((_: unknown, _node: MeshFlowNode, dragged: MeshFlowNode[]) => {
    const prev = draggingRef.current;
    const drawn = new Map(nodesRef.current.map((n) => [n.id, n]));
    const moves = dragged.map((n) => ({ id: n.id, ...storedPosition(n, prev.get(n.id) ?? n.position, drawn) }));
    void editing.edit(moveOps(moves), 'Move').finally(() => setDragging(new Map()));
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.sourceHandle && c.target) void editing.connect(c.sourceHandle, c.target);
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | MeshFlowEdge) => c.targetHandle === 'in' && !!c.sourceHandle && c.sourceHandle !== 'in',
    [],
  );

  const openMenu = useUiStore((s) => s.openContextMenu);
  const onNodeContextMenu = useCallback(
    (e: React.MouseEvent, node: MeshFlowNode) => {
      e.preventDefault();
      const store = useMeshStore.getState();
      if (!store.selection.some((r) => r.id === node.id)) store.select(refsFromIds(store.model, [node.id]));
      const flow = instance.current?.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      openMenu({
        x: e.clientX,
        y: e.clientY,
        target:
          node.type === 'domain'
            ? { kind: 'domain', id: node.id, at: flow ? { x: flow.x - node.position.x, y: flow.y - node.position.y } : undefined }
            : { kind: 'product', id: node.id },
      });
    },
    [openMenu],
  );
  const onDependencyMenu = useCallback(
    (id: string, e: React.MouseEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const store = useMeshStore.getState();
      store.select(refsFromIds(store.model, [id]));
      openMenu({ x: e.clientX, y: e.clientY, target: { kind: 'edge', id } });
    },
    [openMenu],
  );
  const onPaneContextMenu = useCallback(
    (e: React.MouseEvent | MouseEvent) => {
      e.preventDefault();
      openMenu({ x: e.clientX, y: e.clientY, target: { kind: 'pane' } });
    },
    [openMenu],
  );
  const closeMenu = useCallback(() => openMenu(null), [openMenu]);
  // React Flow clears only what it selected itself; dependencies are selected in EdgeLayer.
  const onPaneClick = useCallback(() => {
    openMenu(null);
    useMeshStore.getState().select([]);
  }, [openMenu]);

  const onInit = useCallback((flow: Flow) => {
    instance.current = flow;
    setInited(true);
  }, []);

  // Fit each newly opened file; large meshes start zoomed on their first domains, since
  // drawing every node at once is what makes the first paint slow.
  const fittedGeneration = useRef(-1);
  useEffect(() => {
    const flow = instance.current;
    if (!inited || !flow || fittedGeneration.current === generation) return;
    fittedGeneration.current = generation;
    const count = base.nodes.length;
    if (count === 0) return;
    fitAll(flow, base.nodes, container.current, true, 0);
  }, [inited, generation, base]);

  // A new filter shows other products: bring them into view, at once rather than gliding,
  // in the frame that first draws them. Without a GPU each frame of a glide repainted
  // the whole canvas, about 100 ms each, and a filter took three of them to settle.
  const filterShown = useRef(visibleProducts);
  useEffect(() => {
    if (filterShown.current === visibleProducts) return;
    filterShown.current = visibleProducts;
    requestAnimationFrame(() => fitAll(instance.current, baseRef.current.nodes, container.current, true, 0));
  }, [visibleProducts]);

  const fitRequest = useUiStore((s) => s.fitRequest);
  useEffect(() => {
    if (fitRequest === 0) return;
    // Two frames: React Flow has to take in the new positions before fitting to them.
    requestAnimationFrame(() => fitAll(instance.current, baseRef.current.nodes, container.current, true));
    // Only a new request should fit, not every model change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitRequest]);

  useEffect(() => {
    if (!inited || ready) return;
    const nodesPresent = all.nodes.length > 0 || (model.products.size === 0 && model.domains.size === 0);
    if (!nodesPresent) return;
    // Two frames: React commits, then the browser paints the nodes.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        setReady(true);
        markReady();
      }),
    );
  }, [inited, ready, all, model]);

  useEffect(() => {
    canvasControls.register({
      fit: () => fitAll(instance.current, baseRef.current.nodes, container.current, false),
      reveal: (id) => {
        const node = instance.current?.getInternalNode(id);
        if (!node) return;
        const { x, y } = node.internals.positionAbsolute;
        const w = node.measured.width ?? node.width ?? 0;
        const h = node.measured.height ?? node.height ?? 0;
        const current = instance.current?.getZoom() ?? 1;
        const zoom = Math.max(current, 0.6);
        // A jump rather than an animation when zooming in far: every frame of an animated
        // zoom from the whole mesh to one product would draw thousands of nodes.
        const duration = zoom > current * 2 ? 0 : 300;
        void instance.current?.setCenter(x + w / 2, y + h / 2, { zoom, duration });
      },
    });
    return () => canvasControls.register(null);
  }, []);

  return (
    <div
      ref={container}
      className="canvas"
      data-testid="canvas"
      data-ready={ready ? 'true' : undefined}
      data-detail={detail}
      onPointerDownCapture={leaveField}
    >
      <ReactFlow<MeshFlowNode, MeshFlowEdge>
        nodes={nodes}
        edges={noEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeContextMenu={onNodeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        onPaneClick={onPaneClick}
        onMoveStart={closeMenu}
        onInit={onInit}
        onlyRenderVisibleElements
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_KEYS}
        minZoom={0.01}
        maxZoom={2.5}
        proOptions={proOptions}
        elevateNodesOnSelect={false}
        nodeDragThreshold={2}
        colorMode="system"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <EdgeLayer nodes={nodes} edges={lines} selectedIds={selectedIds} onPick={pickEdge} onMenu={onDependencyMenu} />
        <Controls showInteractive={false} position="bottom-left" />
        {minimap && <MiniMap pannable zoomable position="bottom-right" nodeClassName={minimapClass} />}
      </ReactFlow>
    </div>
  );
}
