import { describe, expect, it } from 'vitest';
import { carriedSubdomains, storedPosition } from './subdomains';
import { meshToFlow } from './toFlow';
import { modelFromMesh } from '../state/model';
import { nestedMesh } from '../test/fixtures';

describe('subdomains while dragging', () => {
  const { nodes } = meshToFlow(modelFromMesh(nestedMesh()));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const d2 = byId.get('d2')!;
  const d3 = byId.get('d3')!;

  it('carries a subdomain along with its dragged parent, by the same offset', () => {
    const carried = carriedSubdomains(nodes, new Map([['d2', { x: d2.position.x + 50, y: d2.position.y - 20 }]]));
    expect(carried.get('d3')).toEqual({ x: d3.position.x + 50, y: d3.position.y - 20 });
    expect(carried.size).toBe(1);
  });

  it('leaves subdomains alone when their parent is not dragged, or when they are dragged themselves', () => {
    expect(carriedSubdomains(nodes, new Map([['d1', { x: 5, y: 5 }]])).size).toBe(0);
    const both = new Map([
      ['d2', { x: d2.position.x + 50, y: d2.position.y }],
      ['d3', { x: 1, y: 2 }],
    ]);
    expect(carriedSubdomains(nodes, both).has('d3')).toBe(false);
  });

  it('stores a dropped subdomain relative to where its parent is drawn, anything else as drawn', () => {
    expect(storedPosition(d3, { x: d2.position.x + 30, y: d2.position.y + 40 }, byId)).toEqual({ x: 30, y: 40 });
    expect(storedPosition(d2, { x: 7, y: 8 }, byId)).toEqual({ x: 7, y: 8 });
    // Parent and subdomain dropped together: relative to the parent's new place.
    const moved = new Map(byId);
    moved.set('d2', { ...d2, position: { x: 1000, y: 500 } });
    expect(storedPosition(d3, { x: 1010, y: 520 }, moved)).toEqual({ x: 10, y: 20 });
  });
});
