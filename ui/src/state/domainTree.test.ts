import { describe, expect, it } from 'vitest';
import { domainTree, domainsInTreeOrder, topDomain } from './domainTree';
import { modelFromMesh } from './model';
import { nestedMesh, smallMesh } from '../test/fixtures';

describe('domainTree', () => {
  it('nests a subdomain in its parent, one level down', () => {
    const tree = domainTree(modelFromMesh(nestedMesh()));
    expect(tree.parent.get('d3')).toBe('d2');
    expect(tree.parent.has('d2')).toBe(false);
    expect([tree.depth.get('d1'), tree.depth.get('d2'), tree.depth.get('d3')]).toEqual([0, 0, 1]);
    expect(tree.children.get('d2')).toEqual(['d3']);
    expect(topDomain(tree, 'd3')).toBe('d2');
    expect(topDomain(tree, 'd1')).toBe('d1');
  });

  it('draws a domain whose parent is missing at the top level', () => {
    const mesh = nestedMesh();
    mesh.domains[2]!.parentId = 'gone';
    expect(domainTree(modelFromMesh(mesh)).parent.has('d3')).toBe(false);
  });

  it('cuts a loop of parents so every domain still has a place', () => {
    const mesh = smallMesh();
    mesh.domains[0]!.parentId = 'd2';
    mesh.domains[1]!.parentId = 'd1';
    const tree = domainTree(modelFromMesh(mesh));
    expect(tree.parent.size).toBe(1);
    const top = [...['d1', 'd2']].filter((id) => !tree.parent.has(id));
    expect(top).toHaveLength(1);
    expect(Math.max(...tree.depth.values())).toBe(1);
  });

  it('lists domains as a tree: each followed by its subdomains, siblings by title', () => {
    const mesh = nestedMesh();
    mesh.domains.push({ id: 'd4', name: 'audit', title: 'Audit', parentId: 'd2' });
    expect(domainsInTreeOrder(modelFromMesh(mesh))).toEqual([
      { id: 'd2', depth: 0 },
      { id: 'd4', depth: 1 },
      { id: 'd3', depth: 1 },
      { id: 'd1', depth: 0 },
    ]);
  });
});
