// The contract editor's changes to an output port's contract body, as pure functions
// from one body to the next: objects added, renamed and removed; properties set, added,
// removed, moved among their siblings, nested under the property before them and taken
// out again; pasted objects and properties merged in; servers and quality rules. Each
// result is sent as one edit, which the core validates (names, nesting, logical types):
// nothing here decides whether a body is valid.
import type { ContractBody, OutputPort, Pasted, QualityRule, SchemaObject, SchemaProperty, Server } from '../../../bindings';

/** Where a property is: its object's index, then the indices down through `properties`. */
export interface PropertyAt {
  object: number;
  path: readonly number[];
}

export const emptyBody = (): ContractBody => ({ schema: [], servers: [], terms: {} });

export const bodyOf = (port: OutputPort): ContractBody => ({ ...emptyBody(), ...port.contractBody });

const objectsOf = (body: ContractBody): SchemaObject[] => [...(body.schema ?? [])];

/** `body` with the object at `index` replaced by `f` of it. */
function withObject(body: ContractBody, index: number, f: (o: SchemaObject) => SchemaObject): ContractBody {
  const schema = objectsOf(body);
  const object = schema[index];
  if (!object) return body;
  schema[index] = f(object);
  return { ...body, schema };
}

/** The sibling list at `parent` (a path) of `properties`, changed by `f`. */
function withSiblings(
  properties: readonly SchemaProperty[],
  parent: readonly number[],
  f: (siblings: SchemaProperty[]) => SchemaProperty[],
): SchemaProperty[] {
  if (parent.length === 0) return f([...properties]);
  const [head, ...rest] = parent;
  const list = [...properties];
  const at = list[head ?? -1];
  if (head === undefined || !at) return list;
  list[head] = { ...at, properties: withSiblings(at.properties ?? [], rest, f) };
  return list;
}

function onSiblings(body: ContractBody, at: PropertyAt, f: (siblings: SchemaProperty[], index: number) => SchemaProperty[]): ContractBody {
  const parent = at.path.slice(0, -1);
  const index = at.path[at.path.length - 1] ?? -1;
  return withObject(body, at.object, (o) => ({ ...o, properties: withSiblings(o.properties ?? [], parent, (s) => f(s, index)) }));
}

/** The property at `at`, if there is one. */
export function propertyAt(body: ContractBody, at: PropertyAt): SchemaProperty | undefined {
  let list: readonly SchemaProperty[] | undefined = body.schema?.[at.object]?.properties;
  let found: SchemaProperty | undefined;
  for (const i of at.path) {
    found = list?.[i];
    list = found?.properties;
  }
  return found;
}

export function addObject(body: ContractBody, name: string): ContractBody {
  return { ...body, schema: [...objectsOf(body), { name, logicalType: 'object', properties: [] }] };
}

export function setObject(body: ContractBody, index: number, patch: Partial<SchemaObject>): ContractBody {
  return withObject(body, index, (o) => ({ ...o, ...patch }));
}

export function removeObject(body: ContractBody, index: number): ContractBody {
  return { ...body, schema: objectsOf(body).filter((_, i) => i !== index) };
}

export function setProperty(body: ContractBody, at: PropertyAt, patch: Partial<SchemaProperty>): ContractBody {
  return onSiblings(body, at, (s, i) => s.map((p, j) => (j === i ? { ...p, ...patch } : p)));
}

/** `property` appended under `parent` (the object's top level when empty). */
export function addProperty(body: ContractBody, object: number, parent: readonly number[], property: SchemaProperty): ContractBody {
  return withObject(body, object, (o) => ({ ...o, properties: withSiblings(o.properties ?? [], parent, (s) => [...s, property]) }));
}

export function removeProperty(body: ContractBody, at: PropertyAt): ContractBody {
  return onSiblings(body, at, (s, i) => s.filter((_, j) => j !== i));
}

/** Moves the property `by` places among its siblings; unchanged at either end. */
export function moveProperty(body: ContractBody, at: PropertyAt, by: -1 | 1): ContractBody {
  return onSiblings(body, at, (s, i) => {
    const j = i + by;
    if (j < 0 || j >= s.length) return s;
    const next = [...s];
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(j, 0, moved);
    return next;
  });
}

/** Makes the property the last field of the property before it, which becomes an object. */
export function nestProperty(body: ContractBody, at: PropertyAt): ContractBody {
  return onSiblings(body, at, (s, i) => {
    const parent = s[i - 1];
    const moved = s[i];
    if (i < 1 || !parent || !moved) return s;
    const next = s.filter((_, j) => j !== i);
    next[i - 1] = { ...parent, logicalType: 'object', properties: [...(parent.properties ?? []), moved] };
    return next;
  });
}

/** Takes a nested property out, right after the property that held it. */
export function outdentProperty(body: ContractBody, at: PropertyAt): ContractBody {
  if (at.path.length < 2) return body;
  const moved = propertyAt(body, at);
  if (!moved) return body;
  const holder = at.path.slice(0, -1);
  const without = removeProperty(body, at);
  const holderIndex = holder[holder.length - 1] ?? 0;
  return onSiblings(without, { object: at.object, path: holder }, (s) => {
    const next = [...s];
    next.splice(holderIndex + 1, 0, moved);
    return next;
  });
}

/**
 * A paste merged in: pasted objects replace objects of the same name (pasting the
 * changed DDL again) or are appended; pasted properties are appended to `object`, or to
 * a new object named `fallbackName` when the contract has none yet.
 */
export function withPasted(body: ContractBody, object: number, pasted: Pasted, fallbackName: string): ContractBody {
  if (pasted.kind === 'objects') {
    const schema = objectsOf(body);
    for (const o of pasted.objects) {
      const same = schema.findIndex((s) => s.name === o.name);
      if (same >= 0) schema[same] = o;
      else schema.push(o);
    }
    return { ...body, schema };
  }
  const target = body.schema?.[object] ? body : addObject(body, fallbackName);
  const index = body.schema?.[object] ? object : (target.schema?.length ?? 1) - 1;
  return withObject(target, index, (o) => ({ ...o, properties: [...(o.properties ?? []), ...pasted.properties] }));
}

export function addServer(body: ContractBody, server: Server): ContractBody {
  return { ...body, servers: [...(body.servers ?? []), server] };
}

export function setServer(body: ContractBody, index: number, patch: Partial<Server>): ContractBody {
  return { ...body, servers: (body.servers ?? []).map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

export function removeServer(body: ContractBody, index: number): ContractBody {
  return { ...body, servers: (body.servers ?? []).filter((_, i) => i !== index) };
}

export function addRule(body: ContractBody, object: number, rule: QualityRule): ContractBody {
  return withObject(body, object, (o) => ({ ...o, quality: [...(o.quality ?? []), rule] }));
}

export function setRule(body: ContractBody, object: number, index: number, patch: Partial<QualityRule>): ContractBody {
  return withObject(body, object, (o) => ({ ...o, quality: (o.quality ?? []).map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
}

export function removeRule(body: ContractBody, object: number, index: number): ContractBody {
  return withObject(body, object, (o) => ({ ...o, quality: (o.quality ?? []).filter((_, i) => i !== index) }));
}

/** Where the core's refusal points: `schema.<object>.properties.<name>(.properties.<name>)*.<field>: why`. */
export interface RefusedAt {
  object: string;
  names: string[];
  field: string | null;
}

export function refusedAt(message: string): RefusedAt | null {
  const start = message.indexOf('schema.');
  if (start < 0) return null;
  const token = (/^[^\s:]+/.exec(message.slice(start + 'schema.'.length)) ?? [''])[0];
  const [head = '', ...props] = token.split('.properties.');
  const headDot = head.indexOf('.');
  const object = headDot >= 0 ? head.slice(0, headDot) : head;
  if (props.length === 0) return { object, names: [], field: headDot >= 0 ? head.slice(headDot + 1) : null };
  const last = props[props.length - 1] ?? '';
  const dot = last.indexOf('.');
  const names = [...props.slice(0, -1), dot >= 0 ? last.slice(0, dot) : last];
  return { object, names, field: dot >= 0 ? last.slice(dot + 1) : null };
}
