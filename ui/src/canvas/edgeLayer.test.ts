import { describe, expect, it } from 'vitest';
import {
  arrowedLine,
  edgeEnds,
  edgeMeets,
  layerRect,
  linkWidth,
  newEndsCache,
  sameRect,
  screenPlacement,
  stableEdgeEnds,
} from './edgeLayer';
import { domainLinks } from './domainLinks';
import { meshToFlow } from './toFlow';
import { modelFromMesh } from '../state/model';
import { nestedMesh, smallMesh } from '../test/fixtures';
import { INPUT_HANDLE_Y, PRODUCT_WIDTH, portCenterY } from './geometry';

describe('edgeEnds', () => {
  it('runs from the provider port handle to the consumer input handle, in absolute flow coordinates', () => {
    const { nodes, edges } = meshToFlow(modelFromMesh(smallMesh()));
    const ends = edgeEnds(nodes, edges);
    const i1 = ends.find((e) => e.id === 'i1')!;
    // a sits in d1 (0,0) at 24,46; its handles are in port order.
    const a = nodes.find((n) => n.id === 'a')!;
    const portIndex = a.handles!.filter((h) => h.type === 'source').findIndex((h) => h.id === 'a-out1');
    expect(i1.sx).toBe(0 + 24 + PRODUCT_WIDTH);
    expect(i1.sy).toBe(0 + 46 + portCenterY(portIndex));
    // b sits in d2 (600,0) at 24,46.
    expect(i1.tx).toBe(600 + 24);
    expect(i1.ty).toBe(0 + 46 + INPUT_HANDLE_Y);
    expect(ends.find((e) => e.id === 'i2')!.fading).toBe(true);
  });

  it("places a product in a subdomain by the subdomain's drawn position", () => {
    const { nodes, edges } = meshToFlow(modelFromMesh(nestedMesh()));
    const i4 = edgeEnds(nodes, edges).find((e) => e.id === 'i4')!;
    const d3 = nodes.find((n) => n.id === 'd3')!;
    const e = nodes.find((n) => n.id === 'e')!;
    // e sits in d3, which is drawn inside d2 (600,0), at an absolute position.
    expect(d3.position.x).toBeGreaterThan(600);
    expect(i4.tx).toBe(d3.position.x + e.position.x);
    expect(i4.ty).toBe(d3.position.y + e.position.y + INPUT_HANDLE_Y);
  });

  it('skips edges whose nodes are gone', () => {
    const { nodes, edges } = meshToFlow(modelFromMesh(smallMesh()));
    expect(
      edgeEnds(
        nodes.filter((n) => n.id !== 'b'),
        edges,
      ).map((e) => e.id),
    ).toEqual([]);
  });
});

describe('stableEdgeEnds', () => {
  it('keeps the same array while no node moved, and follows a move', () => {
    const { nodes, edges } = meshToFlow(modelFromMesh(smallMesh()));
    const cache = newEndsCache();
    const first = stableEdgeEnds(nodes, edges, cache);
    expect(first).toEqual(edgeEnds(nodes, edges));
    // Selected: a new node object with the same geometry.
    const selected = nodes.map((n) => (n.id === 'a' ? { ...n, selected: true } : n));
    expect(stableEdgeEnds(selected, edges, cache)).toBe(first);
    // Moved: the ends follow.
    const moved = nodes.map((n) => (n.id === 'a' ? { ...n, position: { x: n.position.x + 100, y: n.position.y } } : n));
    const after = stableEdgeEnds(moved, edges, cache);
    expect(after).not.toBe(first);
    expect(after).toEqual(edgeEnds(moved, edges));
    expect(after.find((e) => e.id === 'i1')!.sx).toBe(first.find((e) => e.id === 'i1')!.sx + 100);
  });
});

describe('layerRect', () => {
  it('covers the visible area with a margin on every side', () => {
    const r = layerRect([-1000, -500, 0.5], 800, 600);
    // Visible flow area: x 2000..3600, y 1000..2200.
    expect(r.x).toBeLessThanOrEqual(2000 - 800);
    expect(r.y).toBeLessThanOrEqual(1000 - 600);
    expect(r.x + r.w).toBeGreaterThanOrEqual(3600 + 800);
    expect(r.y + r.h).toBeGreaterThanOrEqual(2200 + 600);
    // ...but stays a few screens in size, however large the mesh is.
    expect(r.w * 0.5).toBeLessThanOrEqual(800 * 4);
  });

  it('does not change while panning within the margin', () => {
    const a = layerRect([-1000, -500, 0.5], 800, 600);
    const b = layerRect([-1010, -505, 0.5], 800, 600);
    expect(sameRect(a, b)).toBe(true);
    expect(sameRect(a, layerRect([-3000, -500, 0.5], 800, 600))).toBe(false);
  });
});

describe('edgeMeets', () => {
  const rect = { x: 0, y: 0, w: 1000, h: 1000 };
  it('keeps edges crossing the rect and drops those beside it', () => {
    expect(edgeMeets({ id: 'x', sx: -5000, sy: 500, tx: 5000, ty: 500, fading: false }, rect)).toBe(true);
    expect(edgeMeets({ id: 'y', sx: 2000, sy: 500, tx: 3000, ty: 600, fading: false }, rect)).toBe(false);
  });

  it('allows for the sideways bulge of an edge running backwards', () => {
    // Source right of the target: the curve swings out to the right of the source.
    expect(edgeMeets({ id: 'z', sx: -100, sy: 500, tx: -10000, ty: 600, fading: false }, rect)).toBe(true);
  });
});

describe('domain links in the layer', () => {
  it('run from the right edge of one domain box to the left edge of the other, with their count', () => {
    const graph = meshToFlow(modelFromMesh(smallMesh()));
    const [link] = edgeEnds(graph.nodes, domainLinks(graph));
    const d1 = graph.nodes.find((n) => n.id === 'd1')!;
    const d2 = graph.nodes.find((n) => n.id === 'd2')!;
    expect(link).toMatchObject({ sx: d1.width, sy: d1.height! / 2, tx: 600, ty: d2.height! / 2, count: 1 });
  });

  it('grow thicker slowly with the number of dependencies, within bounds', () => {
    expect(linkWidth(1)).toBe(1);
    expect(linkWidth(4)).toBeGreaterThan(linkWidth(2));
    expect(linkWidth(100000)).toBe(8);
  });
});

describe('screenPlacement', () => {
  it('sizes the layer to the canvas in screen pixels and still puts flow points where the viewport shows them', () => {
    const [tx, ty, zoom] = [-300, 120, 0.05];
    const p = screenPlacement([tx, ty, zoom], 1000, 700);
    expect([p.width, p.height]).toEqual([1000, 700]);
    const nums = (t: string) => [...t.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
    const [gx, gy, gs] = nums(p.groupTransform);
    const [sx, sy, ss] = nums(p.svgTransform);
    // flow point -> group -> SVG pixels -> viewport (flow) units: back where it started.
    const flow = { x: 12345, y: -678 };
    const px = { x: gx! + gs! * flow.x, y: gy! + gs! * flow.y };
    expect(sx! + ss! * px.x).toBeCloseTo(flow.x, 6);
    expect(sy! + ss! * px.y).toBeCloseTo(flow.y, 6);
    // On screen (the viewport applies translate(tx, ty) scale(zoom)) that is the SVG pixel.
    expect(tx + zoom * flow.x).toBeCloseTo(px.x, 6);
  });
});

describe('arrowedLine', () => {
  const points = (d: string) => [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  // Forward, backward (the target left of the source) and level lines all enter the
  // target's left side moving right: the head points right with its tip on (tx, ty), and
  // the line ends level inside the head, halfway along it.
  it.each([
    [0, 0, 300, 120],
    [500, 40, 100, 300],
    [0, 50, 80, 50],
  ])('from (%d, %d) to (%d, %d): the line ends inside a head pointing right', (sx, sy, tx, ty) => {
    const { line, head } = arrowedLine(sx, sy, tx, ty, 9);
    const curve = points(line);
    expect(curve.at(0)).toEqual([sx, sy]);
    expect(curve.at(-1)).toEqual([tx - 4.5, ty]);
    const [cx, cy] = curve.at(-2) ?? [];
    expect(cy).toBe(ty);
    expect(cx).toBeLessThan(tx - 4.5);
    expect(points(head)).toEqual([
      [tx - 9, ty - 4.5],
      [tx, ty],
      [tx - 9, ty + 4.5],
    ]);
  });
});
