import { describe, expect, it } from 'vitest';
import type { ContractBody, SchemaProperty } from '../../../bindings';
import {
  addObject,
  addProperty,
  moveProperty,
  nestProperty,
  outdentProperty,
  propertyAt,
  refusedAt,
  removeProperty,
  setProperty,
  withPasted,
} from './schemaEdits';

const prop = (name: string): SchemaProperty => ({ name, logicalType: 'string' });
const names = (body: ContractBody, object = 0) => (body.schema?.[object]?.properties ?? []).map((p) => p.name);

function orders(): ContractBody {
  let body = addObject({ schema: [], servers: [], terms: {} }, 'orders');
  for (const n of ['id', 'customer', 'street', 'total']) body = addProperty(body, 0, [], prop(n));
  return body;
}

describe('contract body edits', () => {
  it('adds, sets, moves and removes properties', () => {
    let body = orders();
    expect(names(body)).toEqual(['id', 'customer', 'street', 'total']);
    body = setProperty(body, { object: 0, path: [0] }, { primaryKey: true });
    expect(propertyAt(body, { object: 0, path: [0] })?.primaryKey).toBe(true);
    body = moveProperty(body, { object: 0, path: [3] }, -1);
    expect(names(body)).toEqual(['id', 'customer', 'total', 'street']);
    expect(moveProperty(body, { object: 0, path: [0] }, -1)).toEqual(body);
    body = removeProperty(body, { object: 0, path: [2] });
    expect(names(body)).toEqual(['id', 'customer', 'street']);
  });

  it('nests a property under the one before it and takes it out again', () => {
    let body = nestProperty(orders(), { object: 0, path: [2] });
    expect(names(body)).toEqual(['id', 'customer', 'total']);
    const customer = propertyAt(body, { object: 0, path: [1] });
    expect(customer?.logicalType).toBe('object');
    expect(customer?.properties?.map((p) => p.name)).toEqual(['street']);
    body = outdentProperty(body, { object: 0, path: [1, 0] });
    expect(names(body)).toEqual(['id', 'customer', 'street', 'total']);
    expect(nestProperty(body, { object: 0, path: [0] })).toEqual(body);
  });

  it('merges pasted objects by name and appends pasted properties', () => {
    const body = orders();
    const replaced = withPasted(
      body,
      0,
      { kind: 'objects', objects: [{ name: 'orders', properties: [prop('x')] }, { name: 'lines' }] },
      'p',
    );
    expect(replaced.schema?.map((o) => o.name)).toEqual(['orders', 'lines']);
    expect(names(replaced)).toEqual(['x']);
    const appended = withPasted(body, 0, { kind: 'properties', properties: [prop('a')] }, 'p');
    expect(names(appended)).toEqual(['id', 'customer', 'street', 'total', 'a']);
    const fresh = withPasted({ schema: [] }, 0, { kind: 'properties', properties: [prop('a')] }, 'port-name');
    expect(fresh.schema?.map((o) => o.name)).toEqual(['port-name']);
    expect(names(fresh)).toEqual(['a']);
  });

  it('reads where the core refused a body', () => {
    expect(refusedAt('data product x: field `contractBody` schema.orders.properties.email.logicalType: "varchar" is no')).toEqual({
      object: 'orders',
      names: ['email'],
      field: 'logicalType',
    });
    expect(refusedAt('schema.orders.properties.a.properties.b: nests too deep')).toEqual({
      object: 'orders',
      names: ['a', 'b'],
      field: null,
    });
    expect(refusedAt('schema.orders.logicalType: must be object')).toEqual({ object: 'orders', names: [], field: 'logicalType' });
    expect(refusedAt('something else')).toBeNull();
  });
});
