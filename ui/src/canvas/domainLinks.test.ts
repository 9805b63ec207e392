import { describe, expect, it } from 'vitest';
import { DOMAIN_IN, DOMAIN_OUT, domainHandles, domainLinks } from './domainLinks';
import { meshToFlow } from './toFlow';
import { modelFromMesh } from '../state/model';
import { smallMesh } from '../test/fixtures';

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
