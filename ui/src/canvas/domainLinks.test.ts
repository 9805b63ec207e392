import { describe, expect, it } from 'vitest';
import { DOMAIN_IN, DOMAIN_OUT, MAX_DOMAIN_LINKS, domainHandles, domainLinks } from './domainLinks';
import { meshToFlow } from './toFlow';
import { modelFromMesh } from '../state/model';
import { nestedMesh, smallMesh } from '../test/fixtures';

describe('domainLinks', () => {
  it('stands one link in for all dependencies from one domain to another, counting them', () => {
    const mesh = smallMesh();
    mesh.inputPorts.push({ id: 'i4', productId: 'c', name: 'in-stream', source: { kind: 'outputPort', portId: 'a-out2' } });
    const links = domainLinks(meshToFlow(modelFromMesh(mesh)));
    expect(links.map((l) => [l.source, l.target, l.data?.count])).toEqual([['d1', 'd2', 2]]);
    expect(links[0]).toMatchObject({ type: 'domainLink', sourceHandle: DOMAIN_OUT, targetHandle: DOMAIN_IN, selectable: false });
  });

  it('leaves out dependencies inside one domain', () => {
    const mesh = smallMesh();
    mesh.inputPorts = mesh.inputPorts.filter((p) => p.id !== 'i1');
    expect(domainLinks(meshToFlow(modelFromMesh(mesh)))).toEqual([]);
  });

  it('keeps the two directions between a pair of domains apart', () => {
    const mesh = smallMesh();
    mesh.inputPorts.push({ id: 'i5', productId: 'a', name: 'in-revenue', source: { kind: 'outputPort', portId: 'b-out' } });
    const links = domainLinks(meshToFlow(modelFromMesh(mesh)));
    expect(links.map((l) => l.id).sort()).toEqual(['link:d1->d2', 'link:d2->d1']);
  });
});

describe('domainLinks on a large mesh', () => {
  it('keeps only the heaviest links, heaviest first', () => {
    // 40 domains of one product each, every product reading every other: 1,560 pairs,
    // plus a second dependency on the pairs into d0, which makes those the heaviest.
    const mesh = smallMesh();
    mesh.domains = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, name: `d${i}`, title: `D${i}` }));
    mesh.products = mesh.domains.map((d, i) => ({
      id: `p${i}`,
      name: `p${i}`,
      displayName: `P${i}`,
      version: '1.0.0',
      domainId: d.id,
      status: 'active' as const,
    }));
    mesh.outputPorts = mesh.products.map((p) => ({
      id: `${p.id}-out`,
      productId: p.id,
      name: 'out',
      version: '1.0.0',
      type: 'table',
      visibility: 'public' as const,
      status: 'active' as const,
    }));
    mesh.inputPorts = mesh.products.flatMap((p, i) =>
      mesh.products
        .filter((_, j) => j !== i)
        .map((q) => ({
          id: `${p.id}<${q.id}`,
          productId: p.id,
          name: `in-${q.id}`,
          source: { kind: 'outputPort' as const, portId: `${q.id}-out` },
        })),
    );
    for (let j = 1; j < 40; j++)
      mesh.inputPorts.push({ id: `again${j}`, productId: 'p0', name: `again${j}`, source: { kind: 'outputPort', portId: `p${j}-out` } });
    mesh.positions = [];
    const links = domainLinks(meshToFlow(modelFromMesh(mesh)));
    expect(links).toHaveLength(MAX_DOMAIN_LINKS);
    expect(links.slice(0, 39).every((l) => l.target === 'd0' && l.data?.count === 2)).toBe(true);
    expect(links.slice(39).every((l) => l.data?.count === 1)).toBe(true);
  });
});

describe('domainLinks with subdomains', () => {
  it('counts a product in a subdomain for its outermost domain', () => {
    const mesh = nestedMesh();
    mesh.inputPorts.push({ id: 'i6', productId: 'e', name: 'in-orders', source: { kind: 'outputPort', portId: 'a-out1' } });
    const links = domainLinks(meshToFlow(modelFromMesh(mesh)));
    // a→b and a→e both run from d1 into d2; b→e and e→c stay inside d2.
    expect(links.map((l) => [l.source, l.target, l.data?.count])).toEqual([['d1', 'd2', 2]]);
  });
});

describe('domainHandles', () => {
  it('puts the outgoing handle on the right and the incoming one on the left, at mid height', () => {
    const [out, inc] = domainHandles(400, 200);
    expect(out).toMatchObject({ id: DOMAIN_OUT, type: 'source', x: 399.5, y: 99.5, width: 1, height: 1 });
    expect(inc).toMatchObject({ id: DOMAIN_IN, type: 'target', x: -0.5, y: 99.5, width: 1, height: 1 });
  });

  it('is given to every domain node, so links can be drawn before anything is measured', () => {
    const { nodes } = meshToFlow(modelFromMesh(smallMesh()));
    for (const n of nodes.filter((n) => n.type === 'domain')) {
      expect(n.handles?.map((h) => h.id)).toEqual([DOMAIN_OUT, DOMAIN_IN]);
    }
  });
});
