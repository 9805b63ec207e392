// Inspector form of a data product: every model field, plus its ports and dependencies
// as links to select them. Each commit sends the whole product in one saveProduct op,
// but the display name, which goes through the core's sheet rule (the name follows it).
import { useMemo } from 'react';
import type { CustomProperty, DataProduct, Link, Value } from '../../bindings';
import { useMeshStore } from '../../state/meshStore';
import { useUiStore } from '../../state/uiStore';
import { comparePorts } from '../../state/model';
import * as editing from '../../actions/editing';
import { applySheet } from '../../actions/sheet';
import { ListEditor, Section, SelectField, STATUS_OPTIONS, TextField } from './fields';
import { useSave } from './useSave';

const FIELDS = new Set([
  'name',
  'displayName',
  'version',
  'purpose',
  'usage',
  'limitations',
  'domainId',
  'ownerTeamId',
  'accountablePersonId',
  'status',
  'archetype',
  'tags',
  'links',
  'customProperties',
  'description',
]);

const ARCHETYPE_OPTIONS = [
  ['source-aligned', 'Source-aligned'],
  ['aggregate', 'Aggregate'],
  ['consumer-aligned', 'Consumer-aligned'],
] as const;

export function ProductForm({ product }: { product: DataProduct }) {
  const model = useMeshStore((s) => s.model);
  const select = useMeshStore((s) => s.select);
  const focusOn = useUiStore((s) => s.focusNameRequest);
  const focusTarget = useUiStore((s) => s.focusTarget);
  const save = useSave(product.id, FIELDS);
  // The display name goes through the core's sheet rule, so the name (slug) follows it
  // while nobody has edited the name: a product typed in the inspector gets the same
  // name as one typed in the Table view.
  const rename = async (displayName: string) => {
    const ui = useUiStore.getState();
    const outcome = await applySheet({
      kind: 'products',
      rows: [{ id: product.id, cells: { displayName } }],
      createMissing: false,
      defaultDomain: null,
    });
    const problem = outcome.problems[0];
    if (!problem) ui.clearFieldErrors(product.id, 'displayName');
    else if (problem.column === 'name' || problem.column === 'displayName') ui.setFieldError(product.id, problem.column, problem.message);
    else ui.toast(problem.message);
  };
  const put = (field: string, patch: Partial<DataProduct>) => save(field, { op: 'saveProduct', value: { ...product, ...patch } });
  const describe = (field: 'purpose' | 'usage' | 'limitations', v: string) =>
    put(field, { description: { ...product.description, [field]: v === '' ? null : v } });

  const domains = useMemo(() => [...model.domains.values()].map((d) => [d.id, d.title] as const), [model.domains]);
  const teams = useMemo(() => [...model.teams.values()].map((t) => [t.id, t.title] as const), [model.teams]);
  const people = useMemo(() => [...model.people.values()].map((p) => [p.id, p.displayName] as const), [model.people]);
  const ports = useMemo(
    () => [...model.outputPorts.values()].filter((p) => p.productId === product.id).sort(comparePorts),
    [model.outputPorts, product.id],
  );
  const inputs = useMemo(() => [...model.inputPorts.values()].filter((p) => p.productId === product.id), [model.inputPorts, product.id]);

  return (
    <>
      <Section title="Data product">
        <TextField
          field="displayName"
          label="Display name"
          value={product.displayName}
          focusOn={focusTarget === 'title' ? focusOn : undefined}
          onCommit={(v) => void rename(v)}
        />
        <TextField
          field="name"
          label="Name (slug)"
          mono
          value={product.name}
          focusOn={focusTarget === 'name' ? focusOn : undefined}
          onCommit={(v) => put('name', { name: v })}
        />
        <TextField field="version" label="Version" mono value={product.version} onCommit={(v) => put('version', { version: v })} />
        <SelectField
          field="status"
          label="Status"
          value={product.status}
          options={STATUS_OPTIONS}
          onCommit={(v) => v && put('status', { status: v as DataProduct['status'] })}
        />
        <SelectField
          field="archetype"
          label="Archetype"
          value={product.archetype}
          options={ARCHETYPE_OPTIONS}
          empty="—"
          onCommit={(v) => put('archetype', { archetype: v as DataProduct['archetype'] })}
        />
      </Section>
      <Section title="Ownership">
        <SelectField
          field="domainId"
          label="Domain"
          value={product.domainId}
          options={domains}
          onCommit={(v) => v && put('domainId', { domainId: v })}
        />
        <SelectField
          field="ownerTeamId"
          label="Owner team"
          value={product.ownerTeamId}
          options={teams}
          empty="No owner"
          onCommit={(v) => put('ownerTeamId', { ownerTeamId: v })}
        />
        <SelectField
          field="accountablePersonId"
          label="Accountable"
          value={product.accountablePersonId}
          options={people}
          empty="Nobody"
          onCommit={(v) => put('accountablePersonId', { accountablePersonId: v })}
        />
      </Section>
      <Section title="Description">
        <TextField
          field="purpose"
          label="Purpose"
          multiline
          value={product.description?.purpose}
          onCommit={(v) => describe('purpose', v)}
        />
        <TextField field="usage" label="Usage" multiline value={product.description?.usage} onCommit={(v) => describe('usage', v)} />
        <TextField
          field="limitations"
          label="Limitations"
          multiline
          value={product.description?.limitations}
          onCommit={(v) => describe('limitations', v)}
        />
        <TextField
          field="tags"
          label="Tags"
          placeholder="comma, separated"
          value={(product.tags ?? []).join(', ')}
          onCommit={(v) =>
            put('tags', {
              tags: v
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            })
          }
        />
      </Section>
      <Section
        title={`Output ports (${ports.length})`}
        actions={
          <button
            type="button"
            className="link-button"
            data-testid="inspector-add-output-port"
            onClick={() => void editing.newOutputPort(product.id)}
          >
            + Add
          </button>
        }
      >
        <ul className="ref-list">
          {ports.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="ref-item"
                data-testid="port-item"
                data-id={p.id}
                onClick={() => select([{ kind: 'outputPort', id: p.id }])}
              >
                <span className="mono">{p.name}</span>{' '}
                <span className="muted">
                  v{p.version} · {p.type}
                </span>
                <span className={`status-pill status-${p.status}`}>{p.status}</span>
              </button>
            </li>
          ))}
        </ul>
      </Section>
      {inputs.length > 0 && (
        <Section title={`Inputs (${inputs.length})`}>
          <ul className="ref-list">
            {inputs.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="ref-item"
                  data-testid="input-item"
                  data-id={p.id}
                  onClick={() => select([{ kind: 'inputPort', id: p.id }])}
                >
                  <span className="mono">{p.name}</span>
                  {p.source.kind === 'unresolved' && (
                    <span
                      className="unattached-pill ref-item__tag"
                      title={`Reads ${p.source.reference}, which neither an import nor the mesh holds`}
                    >
                      unresolved
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Links">
        <LinksEditor links={product.links ?? []} onCommit={(links) => put('links', { links })} />
      </Section>
      <Section title="Custom properties">
        <CustomPropertiesEditor
          items={product.customProperties ?? []}
          onCommit={(customProperties) => put('customProperties', { customProperties })}
        />
      </Section>
    </>
  );
}

export function LinksEditor({ links, onCommit }: { links: Link[]; onCommit(l: Link[]): void }) {
  return (
    <ListEditor<Link>
      field="links"
      items={links}
      addLabel="Add link"
      blank={() => ({ url: 'https://', title: null, kind: null })}
      onCommit={onCommit}
      columns={[
        { key: 'url', label: 'URL', get: (l) => l.url, set: (l, v) => ({ ...l, url: v }) },
        { key: 'title', label: 'Title', get: (l) => l.title ?? '', set: (l, v) => ({ ...l, title: v || null }) },
        { key: 'kind', label: 'Kind', get: (l) => l.kind ?? '', set: (l, v) => ({ ...l, kind: v || null }) },
      ]}
    />
  );
}

/** Values are edited as text; JSON literals (numbers, true, objects) keep their type. */
function parseValue(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    return text;
  }
}
const showValue = (v: Value) => (typeof v === 'string' ? v : JSON.stringify(v));

export function CustomPropertiesEditor({ items, onCommit }: { items: CustomProperty[]; onCommit(c: CustomProperty[]): void }) {
  return (
    <ListEditor<CustomProperty>
      field="customProperties"
      items={items}
      addLabel="Add property"
      blank={() => ({ key: `property-${items.length + 1}`, value: '' })}
      onCommit={onCommit}
      columns={[
        { key: 'key', label: 'Key', get: (c) => c.key, set: (c, v) => ({ ...c, key: v }) },
        { key: 'value', label: 'Value', get: (c) => showValue(c.value), set: (c, v) => ({ ...c, value: parseValue(v) }) },
      ]}
    />
  );
}
