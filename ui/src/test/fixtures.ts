// A small hand-made mesh for unit tests: two domains, three products, ports and
// dependencies. Ids are readable strings; nothing here talks to Tauri.
import type { Mesh } from '../bindings';

export function smallMesh(): Mesh {
  return {
    info: { name: 'Test mesh', namespace: 'com.test' },
    people: [{ id: 'p1', username: 'ann', displayName: 'Ann' }],
    teams: [{ id: 't1', name: 'sales-team', title: 'Sales Team', members: [{ personId: 'p1', role: 'owner' }] }],
    domains: [
      { id: 'd1', name: 'sales', title: 'Sales' },
      { id: 'd2', name: 'finance', title: 'Finance' },
    ],
    sourceSystems: [{ id: 's1', name: 'erp' }],
    products: [
      {
        id: 'a',
        name: 'orders',
        displayName: 'Orders',
        version: '1.0.0',
        domainId: 'd1',
        ownerTeamId: 't1',
        status: 'active',
        archetype: 'source-aligned',
      },
      { id: 'b', name: 'revenue', displayName: 'Revenue', version: '1.0.0', domainId: 'd2', status: 'proposed', archetype: 'aggregate' },
      { id: 'c', name: 'kpis', displayName: 'KPIs', version: '1.0.0', domainId: 'd2', status: 'active' },
    ],
    outputPorts: [
      { id: 'a-out2', productId: 'a', name: 'orders-stream', version: '1.0.0', type: 'stream', visibility: 'public', status: 'active' },
      { id: 'a-out1', productId: 'a', name: 'orders', version: '1.0.0', type: 'table', visibility: 'public', status: 'active' },
      { id: 'b-out', productId: 'b', name: 'revenue', version: '1.0.0', type: 'table', visibility: 'public', status: 'deprecated' },
    ],
    inputPorts: [
      { id: 'i1', productId: 'b', name: 'in-orders', source: { kind: 'outputPort', portId: 'a-out1' } },
      { id: 'i2', productId: 'c', name: 'in-revenue', source: { kind: 'outputPort', portId: 'b-out' } },
      { id: 'i3', productId: 'a', name: 'in-erp', source: { kind: 'sourceSystem', sourceSystemId: 's1' } },
    ],
    positions: [
      { entityId: 'd1', view: 'mesh', x: 0, y: 0 },
      { entityId: 'd2', view: 'mesh', x: 600, y: 0 },
      { entityId: 'a', view: 'mesh', x: 24, y: 46 },
      { entityId: 'b', view: 'mesh', x: 24, y: 46 },
      { entityId: 'c', view: 'mesh', x: 340, y: 46 },
    ],
  };
}

/**
 * smallMesh with a subdomain: d3 ("billing") inside d2, holding product e, which reads
 * b's port (i4) and feeds c (i5). d3 and e have no stored position.
 */
export function nestedMesh(): Mesh {
  const mesh = smallMesh();
  mesh.domains.push({ id: 'd3', name: 'billing', title: 'Billing', parentId: 'd2' });
  mesh.products.push({ id: 'e', name: 'invoices', displayName: 'Invoices', version: '1.0.0', domainId: 'd3', status: 'active' });
  mesh.outputPorts.push({
    id: 'e-out',
    productId: 'e',
    name: 'invoices',
    version: '1.0.0',
    type: 'table',
    visibility: 'public',
    status: 'active',
  });
  mesh.inputPorts.push(
    { id: 'i4', productId: 'e', name: 'in-revenue', source: { kind: 'outputPort', portId: 'b-out' } },
    { id: 'i5', productId: 'c', name: 'in-invoices', source: { kind: 'outputPort', portId: 'e-out' } },
  );
  return mesh;
}
