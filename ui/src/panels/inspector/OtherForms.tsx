// Inspector forms of output ports, domains, teams, dependencies and the mesh header.
// Each commit sends the whole entity in its save op; the core validates.
import { useContractEditorStore } from '../../state/contractEditorStore';
import { useMemo, useState } from 'react';
import type { Domain, InputPort, MeshInfo, OutputPort, ServiceLevel, Team, Membership } from '../../bindings';
import { useMeshStore } from '../../state/meshStore';
import { useUiStore } from '../../state/uiStore';
import { addMember } from '../../actions/editing';
import { CheckField, ListEditor, Section, SelectField, STATUS_OPTIONS, TEAM_TYPE_OPTIONS, TextField } from './fields';
import { CustomPropertiesEditor, LinksEditor } from './ProductForm';
import { useSave } from './useSave';
import { reparentDomain } from '../../actions/edits';

const orNull = (v: string) => (v.trim() === '' ? null : v);

const PORT_FIELDS = new Set([
  'name',
  'version',
  'type',
  'description',
  'visibility',
  'status',
  'contract',
  'contractId',
  'contractVersion',
  'contractStatus',
  'containsPii',
  'classification',
  'serviceLevels',
  'deprecationDate',
  'successorPortId',
  'customProperties',
]);

/** Opens the contract editor again after it was closed. */
function ContractEditorOpener() {
  const { hidden, setHidden } = useContractEditorStore();
  if (!hidden) return null;
  return (
    <button type="button" className="ref-item" data-testid="open-contract-editor" onClick={() => setHidden(false)}>
      Design the contract's schema…
    </button>
  );
}

export function OutputPortForm({ port }: { port: OutputPort }) {
  const model = useMeshStore((s) => s.model);
  const select = useMeshStore((s) => s.select);
  const focusOn = useUiStore((s) => s.focusNameRequest);
  const save = useSave(port.id, PORT_FIELDS);
  const put = (field: string, patch: Partial<OutputPort>) => save(field, { op: 'saveOutputPort', value: { ...port, ...patch } });
  const product = model.products.get(port.productId);
  const contract = port.contract ?? null;
  const putContract = (field: string, patch: Partial<NonNullable<OutputPort['contract']>>) => {
    const next = { contractId: contract?.contractId ?? '', ...contract, ...patch };
    put(field, { contract: next.contractId === '' && !next.version && !next.status ? null : next });
  };
  const successors = useMemo(
    () =>
      [...model.outputPorts.values()]
        .filter((p) => p.id !== port.id)
        .map((p) => [p.id, `${model.products.get(p.productId)?.name ?? '?'} / ${p.name} v${p.version}`] as const),
    [model.outputPorts, model.products, port.id],
  );
  return (
    <>
      <Section title="Output port">
        <ContractEditorOpener />
        {product && (
          <button type="button" className="ref-item ref-item--parent" onClick={() => select([{ kind: 'product', id: product.id }])}>
            ← {product.displayName}
          </button>
        )}
        <TextField field="name" label="Name" mono value={port.name} focusOn={focusOn} onCommit={(v) => put('name', { name: v })} />
        <TextField field="version" label="Version" mono value={port.version} onCommit={(v) => put('version', { version: v })} />
        <SelectField
          field="type"
          label="Type"
          value={port.type}
          options={[
            ['table', 'Table'],
            ['stream', 'Stream'],
            ['api', 'API'],
            ['file', 'File'],
            ['other', 'Other'],
          ]}
          onCommit={(v) => v && put('type', { type: v as OutputPort['type'] })}
        />
        <SelectField
          field="visibility"
          label="Visibility"
          value={port.visibility}
          options={[
            ['private', 'Private'],
            ['domain', 'Domain'],
            ['public', 'Public'],
          ]}
          onCommit={(v) => v && put('visibility', { visibility: v as OutputPort['visibility'] })}
        />
        <SelectField
          field="status"
          label="Status"
          value={port.status}
          options={STATUS_OPTIONS}
          onCommit={(v) => v && put('status', { status: v as OutputPort['status'] })}
        />
        <TextField
          field="description"
          label="Description"
          multiline
          value={port.description}
          onCommit={(v) => put('description', { description: orNull(v) })}
        />
      </Section>
      <Section title="Contract">
        <TextField
          field="contractId"
          label="Contract id"
          mono
          value={contract?.contractId}
          onCommit={(v) => putContract('contractId', { contractId: v })}
        />
        <TextField
          field="contractVersion"
          label="Contract version"
          mono
          value={contract?.version}
          onCommit={(v) => putContract('contractVersion', { version: orNull(v) })}
        />
        <SelectField
          field="contractStatus"
          label="Contract status"
          value={contract?.status}
          options={STATUS_OPTIONS}
          empty="—"
          onCommit={(v) => putContract('contractStatus', { status: v as OutputPort['status'] | null })}
        />
      </Section>
      <Section title="Governance">
        <CheckField
          field="containsPii"
          label="Contains personal data (PII)"
          value={port.containsPii ?? false}
          onCommit={(v) => put('containsPii', { containsPii: v })}
        />
        <TextField
          field="classification"
          label="Classification"
          placeholder="internal, confidential…"
          value={port.classification}
          onCommit={(v) => put('classification', { classification: orNull(v) })}
        />
        <TextField
          field="deprecationDate"
          label="Deprecation date"
          type="date"
          value={port.deprecationDate}
          onCommit={(v) => put('deprecationDate', { deprecationDate: orNull(v) })}
        />
        <SelectField
          field="successorPortId"
          label="Successor port"
          value={port.successorPortId}
          options={successors}
          empty="None"
          onCommit={(v) => put('successorPortId', { successorPortId: v })}
        />
      </Section>
      <Section title="Service levels">
        <ListEditor<ServiceLevel>
          field="serviceLevels"
          items={port.serviceLevels ?? []}
          addLabel="Add service level"
          blank={() => ({ property: 'freshness', value: null, unit: 'h' })}
          onCommit={(serviceLevels) => put('serviceLevels', { serviceLevels })}
          columns={[
            { key: 'property', label: 'Property', get: (s) => s.property, set: (s, v) => ({ ...s, property: v }) },
            {
              key: 'value',
              label: 'Value',
              get: (s) => (s.value === null ? '' : String(s.value)),
              set: (s, v) => ({ ...s, value: v.trim() === '' || Number.isNaN(Number(v)) ? null : Number(v) }),
            },
            { key: 'unit', label: 'Unit', get: (s) => s.unit ?? '', set: (s, v) => ({ ...s, unit: orNull(v) }) },
          ]}
        />
      </Section>
      <Section title="Custom properties">
        <CustomPropertiesEditor
          items={port.customProperties ?? []}
          onCommit={(customProperties) => put('customProperties', { customProperties })}
        />
      </Section>
    </>
  );
}

const DOMAIN_FIELDS = new Set(['name', 'title', 'description', 'parentId', 'ownerTeamId', 'links', 'customProperties', 'repoFolder']);

export function DomainForm({ domain }: { domain: Domain }) {
  const model = useMeshStore((s) => s.model);
  const focusOn = useUiStore((s) => s.focusNameRequest);
  const save = useSave(domain.id, DOMAIN_FIELDS);
  const put = (field: string, patch: Partial<Domain>) => save(field, { op: 'saveDomain', value: { ...domain, ...patch } });
  const others = useMemo(
    () => [...model.domains.values()].filter((d) => d.id !== domain.id).map((d) => [d.id, d.title] as const),
    [model.domains, domain.id],
  );
  const teams = useMemo(() => [...model.teams.values()].map((t) => [t.id, t.title] as const), [model.teams]);
  return (
    <>
      <Section title="Domain">
        <TextField field="title" label="Title" value={domain.title} onCommit={(v) => put('title', { title: v })} />
        <TextField field="name" label="Name (slug)" mono value={domain.name} focusOn={focusOn} onCommit={(v) => put('name', { name: v })} />
        <TextField
          field="description"
          label="Description"
          multiline
          value={domain.description}
          onCommit={(v) => put('description', { description: orNull(v) })}
        />
        <SelectField
          field="parentId"
          label="Parent domain"
          value={domain.parentId}
          options={others}
          empty="None"
          onCommit={(v) => save('parentId', reparentDomain(model, domain, v))}
        />
        <SelectField
          field="ownerTeamId"
          label="Owner team"
          value={domain.ownerTeamId}
          options={teams}
          empty="No owner"
          onCommit={(v) => put('ownerTeamId', { ownerTeamId: v })}
        />
        <TextField
          field="repoFolder"
          label="Repository folder (export)"
          mono
          value={domain.repoFolder}
          onCommit={(v) => put('repoFolder', { repoFolder: orNull(v) })}
        />
      </Section>
      <Section title="Links">
        <LinksEditor links={domain.links ?? []} onCommit={(links) => put('links', { links })} />
      </Section>
      <Section title="Custom properties">
        <CustomPropertiesEditor
          items={domain.customProperties ?? []}
          onCommit={(customProperties) => put('customProperties', { customProperties })}
        />
      </Section>
    </>
  );
}

const TEAM_FIELDS = new Set(['name', 'title', 'teamType', 'description', 'email', 'members', 'customProperties']);

export function TeamForm({ team }: { team: Team }) {
  const model = useMeshStore((s) => s.model);
  const focusOn = useUiStore((s) => s.focusNameRequest);
  const save = useSave(team.id, TEAM_FIELDS);
  const put = (field: string, patch: Partial<Team>) => save(field, { op: 'saveTeam', value: { ...team, ...patch } });
  const people = useMemo(() => [...model.people.values()].map((p) => [p.id, p.displayName] as const), [model.people]);
  const [newPerson, setNewPerson] = useState('');

  const addPerson = async () => {
    const displayName = newPerson.trim();
    if (!displayName) return;
    // The person's username and role are the core's.
    const ok = await addMember(team.id, displayName);
    if (ok) setNewPerson('');
  };

  return (
    <>
      <Section title="Team">
        <TextField field="title" label="Title" value={team.title} onCommit={(v) => put('title', { title: v })} />
        <TextField field="name" label="Name (slug)" mono value={team.name} focusOn={focusOn} onCommit={(v) => put('name', { name: v })} />
        <SelectField
          field="teamType"
          label="Team type"
          value={team.teamType}
          options={TEAM_TYPE_OPTIONS}
          empty="Not set"
          onCommit={(v) => put('teamType', { teamType: v as Team['teamType'] })}
        />
        <TextField
          field="description"
          label="Description"
          multiline
          value={team.description}
          onCommit={(v) => put('description', { description: orNull(v) })}
        />
        <TextField field="email" label="E-mail" type="email" value={team.email} onCommit={(v) => put('email', { email: orNull(v) })} />
      </Section>
      <Section title={`Members (${team.members?.length ?? 0})`}>
        <ListEditor<Membership>
          field="members"
          items={team.members ?? []}
          addLabel="Add member"
          blank={() => ({ personId: people[0]?.[0] ?? '', role: 'member' })}
          onCommit={(members) => put('members', { members })}
          columns={[
            { key: 'personId', label: 'Person', get: (m) => m.personId, set: (m, v) => ({ ...m, personId: v }), options: people },
            { key: 'role', label: 'Role', get: (m) => m.role, set: (m, v) => ({ ...m, role: v }) },
          ]}
        />
        <div className="inline-add">
          <input
            className="input input--small"
            placeholder="New person's full name"
            data-testid="new-person-name"
            value={newPerson}
            onChange={(e) => setNewPerson(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void addPerson()}
          />
          <button type="button" className="button button--small" data-testid="add-person" onClick={() => void addPerson()}>
            Add person
          </button>
        </div>
      </Section>
      <Section title="Custom properties">
        <CustomPropertiesEditor
          items={team.customProperties ?? []}
          onCommit={(customProperties) => put('customProperties', { customProperties })}
        />
      </Section>
    </>
  );
}

const INPUT_FIELDS = new Set(['name', 'description', 'source']);

export function InputPortForm({ input }: { input: InputPort }) {
  const model = useMeshStore((s) => s.model);
  const select = useMeshStore((s) => s.select);
  const focusOn = useUiStore((s) => s.focusNameRequest);
  const save = useSave(input.id, INPUT_FIELDS);
  const put = (field: string, patch: Partial<InputPort>) => save(field, { op: 'saveInputPort', value: { ...input, ...patch } });
  const consumer = model.products.get(input.productId);
  let source = '';
  let providerId: string | null = null;
  if (input.source.kind === 'outputPort') {
    const port = model.outputPorts.get(input.source.portId);
    const provider = port ? model.products.get(port.productId) : undefined;
    providerId = provider?.id ?? null;
    source = port ? `${provider?.displayName ?? '?'} → ${port.name} v${port.version}` : 'missing port';
  } else if (input.source.kind === 'sourceSystem') {
    source = `source system ${model.sourceSystems.get(input.source.sourceSystemId)?.name ?? '?'}`;
  } else {
    source = `unresolved: ${input.source.reference}`;
  }
  return (
    <>
      <Section title="Dependency">
        <TextField field="name" label="Name" mono value={input.name} focusOn={focusOn} onCommit={(v) => put('name', { name: v })} />
        <TextField
          field="description"
          label="Description"
          multiline
          value={input.description}
          onCommit={(v) => put('description', { description: orNull(v) })}
        />
        <div className="field">
          <span className="field__label">Reads from</span>
          <div className="readonly" data-testid="field-source">
            {providerId ? (
              <button type="button" className="ref-item" onClick={() => select([{ kind: 'product', id: providerId }])}>
                {source}
              </button>
            ) : (
              source
            )}
          </div>
        </div>
        <div className="field">
          <span className="field__label">Consumer</span>
          <div className="readonly">
            {consumer ? (
              <button type="button" className="ref-item" onClick={() => select([{ kind: 'product', id: consumer.id }])}>
                {consumer.displayName}
              </button>
            ) : (
              '?'
            )}
          </div>
        </div>
      </Section>
    </>
  );
}

const MESH_FIELDS = new Set(['name', 'namespace', 'description']);

export function MeshForm({ info }: { info: MeshInfo }) {
  const model = useMeshStore((s) => s.model);
  const save = useSave('mesh', MESH_FIELDS);
  const put = (field: string, patch: Partial<MeshInfo>) => save(field, { op: 'setMeshInfo', value: { ...info, ...patch } });
  const deps = useMemo(() => [...model.inputPorts.values()].filter((p) => p.source.kind === 'outputPort').length, [model.inputPorts]);
  const unowned = useMemo(() => [...model.products.values()].filter((p) => !p.ownerTeamId).length, [model.products]);
  return (
    <>
      <Section title="Mesh">
        <TextField field="name" label="Name" value={info.name} onCommit={(v) => put('name', { name: v })} />
        <TextField field="namespace" label="Namespace" mono value={info.namespace} onCommit={(v) => put('namespace', { namespace: v })} />
        <TextField
          field="description"
          label="Description"
          multiline
          value={info.description}
          onCommit={(v) => put('description', { description: orNull(v) })}
        />
      </Section>
      <Section title="Overview">
        <dl className="stats">
          <dt>Domains</dt>
          <dd>{model.domains.size}</dd>
          <dt>Teams</dt>
          <dd>{model.teams.size}</dd>
          <dt>Data products</dt>
          <dd>{model.products.size}</dd>
          <dt>Output ports</dt>
          <dd>{model.outputPorts.size}</dd>
          <dt>Dependencies</dt>
          <dd>{deps}</dd>
          <dt>Without owner</dt>
          <dd className={unowned ? 'warn' : ''}>{unowned}</dd>
        </dl>
      </Section>
    </>
  );
}
