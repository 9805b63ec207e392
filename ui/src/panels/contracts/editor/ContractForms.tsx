// The contract's servers and the shown object's quality rules as small forms: each field
// committed as one edit of the body when it changes, rows added and removed. What a
// server type needs (host, database, topic, ...) is not enforced here; the core keeps
// every field ODCS names.
import type { ContractBody, QualityRule, Server } from '../../../bindings';
import { addRule, addServer, removeRule, removeServer, setRule, setServer } from './schemaEdits';

interface FormsProps {
  body: ContractBody;
  object: number;
  onChange(body: ContractBody, label: string): void;
}

function Field({
  label,
  value,
  testId,
  onCommit,
}: {
  label: string;
  value: string | null | undefined;
  testId: string;
  onCommit(v: string | null): void;
}) {
  return (
    <label className="contract-form__field">
      <span>{label}</span>
      <input
        data-testid={testId}
        defaultValue={value ?? ''}
        key={value ?? ''}
        onBlur={(e) => {
          const v = e.target.value.trim();
          if (v !== (value ?? '')) onCommit(v === '' ? null : v);
        }}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
    </label>
  );
}

const SERVER_FIELDS = ['environment', 'host', 'database', 'schema', 'location'] as const satisfies readonly (keyof Server)[];

export function ServersForm({ body, onChange }: FormsProps) {
  const servers = body.servers ?? [];
  return (
    <details className="contract-form" data-testid="contract-servers" open={servers.length > 0}>
      <summary>Servers ({servers.length})</summary>
      {servers.map((s, i) => (
        <div className="contract-form__row" key={`${i}/${s.server}`} data-testid="contract-server">
          <Field
            label="Server"
            value={s.server}
            testId="contract-server-name"
            onCommit={(v) => onChange(setServer(body, i, { server: v ?? '' }), `Set server ${s.server}`)}
          />
          <Field
            label="Type"
            value={s.type}
            testId="contract-server-type"
            onCommit={(v) => onChange(setServer(body, i, { type: v ?? '' }), `Set server ${s.server}`)}
          />
          {SERVER_FIELDS.map((f) => (
            <Field
              key={f}
              label={f}
              value={s[f] ?? null}
              testId={`contract-server-${f}`}
              onCommit={(v) => onChange(setServer(body, i, { [f]: v }), `Set server ${s.server}`)}
            />
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() => onChange(removeServer(body, i), `Remove server ${s.server}`)}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        data-testid="contract-add-server"
        onClick={() => onChange(addServer(body, { server: `server-${servers.length + 1}`, type: 'postgres' }), 'Add server')}
      >
        + Server
      </button>
    </details>
  );
}

export function QualityForm({ body, object, onChange }: FormsProps) {
  const target = body.schema?.[object];
  if (!target) return null;
  const rules: readonly QualityRule[] = target.quality ?? [];
  const put = (i: number, patch: Partial<QualityRule>) => onChange(setRule(body, object, i, patch), `Set a quality rule of ${target.name}`);
  return (
    <details className="contract-form" data-testid="contract-quality" open={rules.length > 0}>
      <summary>
        Quality rules of {target.name} ({rules.length})
      </summary>
      {rules.map((r, i) => (
        <div className="contract-form__row" key={`${i}/${r.name ?? ''}`} data-testid="contract-rule">
          <label className="contract-form__field">
            <span>Kind</span>
            <select value={r.type ?? 'text'} onChange={(e) => put(i, { type: e.target.value as QualityRule['type'] })}>
              {['text', 'library', 'sql', 'custom'].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <Field
            label="Description"
            value={r.description}
            testId="contract-rule-description"
            onCommit={(v) => put(i, { description: v })}
          />
          <Field label="Dimension" value={r.dimension} testId="contract-rule-dimension" onCommit={(v) => put(i, { dimension: v })} />
          <Field label="Severity" value={r.severity} testId="contract-rule-severity" onCommit={(v) => put(i, { severity: v })} />
          <Field
            label="Metric / SQL"
            value={r.type === 'sql' ? r.query : r.metric}
            testId="contract-rule-what"
            onCommit={(v) => put(i, r.type === 'sql' ? { query: v } : { metric: v })}
          />
          <button
            type="button"
            className="button button--small"
            onClick={() => onChange(removeRule(body, object, i), `Remove a quality rule of ${target.name}`)}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        data-testid="contract-add-rule"
        onClick={() =>
          onChange(addRule(body, object, { type: 'text', description: 'Describe the expectation' }), `Add a quality rule to ${target.name}`)
        }
      >
        + Rule
      </button>
    </details>
  );
}
