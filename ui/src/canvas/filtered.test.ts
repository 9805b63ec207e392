import { describe, expect, it } from 'vitest';
import { filterFlow } from './filtered';
import type { FlowGraph } from './toFlow';
import type { MeshFlowNode, DependencyFlowEdge } from './flowTypes';

const node = (id: string, type: 'product' | 'domain', parentId?: string) =>
  ({ id, type, parentId, position: { x: 0, y: 0 }, data: {} }) as unknown as MeshFlowNode;
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target }) as DependencyFlowEdge;

const graph: FlowGraph = {
  nodes: [
    node('sales', 'domain'),
    node('fin', 'domain'),
    node('a', 'product', 'sales'),
    node('b', 'product', 'sales'),
    node('c', 'product', 'fin'),
  ],
  edges: [edge('a', 'b'), edge('b', 'c')],
};

describe('filterFlow', () => {
  it('gives the graph back when nothing is filtered', () => {
    expect(filterFlow(graph, null, null)).toBe(graph);
  });

  it('keeps the visible products, the drawn domains and the edges between visible products', () => {
    const shown = filterFlow(graph, new Set(['a', 'b']), new Set(['sales']));
    expect(shown.nodes.map((n) => n.id)).toEqual(['sales', 'a', 'b']);
    expect(shown.edges.map((e) => e.id)).toEqual(['a-b']);
  });
});
