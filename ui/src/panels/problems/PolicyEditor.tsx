// The policy editor: every rule with its switch, severity and typed parameters, and the
// custom CEL rules. Each change is sent as the user's action, which the core turns into
// one undoable edit of the policy; a refusal shows next to the rule. The catalog it lists comes from the core.
import { useState } from 'react';
import type { CustomRule, ParamDoc, RuleDoc, Severity } from '../../bindings';
import { changeRule, deleteCustomRule } from '../../actions/governance';
import { useGovernanceStore } from '../../state/governanceStore';
import { SEVERITIES } from '../../state/findings';
import { paramText } from '../../state/policy';
import { BLANK_RULE, CustomRuleForm } from './CustomRuleForm';

function ParamInput({ rule, param, onError }: { rule: RuleDoc; param: ParamDoc; onError(m: string | null): void }) {
  const [text, setText] = useState(paramText(param.value));
  const commit = () => {
    if (text === paramText(param.value)) return;
    // The core reads the text as the parameter's kind, or says what it expected.
    void changeRule(rule, { param: param.name, text }, (e) => onError(e.message));
  };
  if (param.kind === 'boolean') {
    return (
      <label className="param" title={param.description}>
        <input
          type="checkbox"
          data-testid={`param-${param.name}`}
          checked={param.value === true}
          onChange={(e) => void changeRule(rule, { param: param.name, text: String(e.target.checked) }, (err) => onError(err.message))}
        />
        {param.name}
      </label>
    );
  }
  return (
    <label className="param" title={`${param.description} (default ${paramText(param.default)})`}>
      {param.name}
      <input
        type="text"
        className="mono"
        data-testid={`param-${param.name}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onError(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}

function RuleRow({ rule }: { rule: RuleDoc }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <li className={`rule-row${rule.enabled ? '' : ' is-disabled'}`} data-testid="rule-row" data-rule={rule.id}>
      <label className="rule-row__switch" title={rule.rationale}>
        <input
          type="checkbox"
          data-testid="rule-enabled"
          checked={rule.enabled}
          onChange={(e) => void changeRule(rule, { enabled: e.target.checked }, (err) => setError(err.message))}
        />
        <span className="rule-row__id">{rule.id}</span>
        <span className="rule-row__summary">{rule.summary}</span>
      </label>
      <select
        data-testid="rule-severity"
        aria-label={`Severity of ${rule.id}`}
        value={rule.severity}
        onChange={(e) => void changeRule(rule, { severity: e.target.value as Severity }, (err) => setError(err.message))}
      >
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
            {s === rule.defaultSeverity ? ' (default)' : ''}
          </option>
        ))}
      </select>
      {rule.params.length > 0 && (
        <div className="rule-row__params">
          {rule.params.map((p) => (
            <ParamInput key={`${p.name}:${paramText(p.value)}`} rule={rule} param={p} onError={setError} />
          ))}
        </div>
      )}
      {error && (
        <div className="field-error" data-testid="rule-error" role="alert">
          {error}
        </div>
      )}
    </li>
  );
}

// One empty list, so the store selector's answer is stable when there are no rules.
const NO_RULES: CustomRule[] = [];

export function PolicyEditor() {
  const catalog = useGovernanceStore((s) => s.catalog);
  const custom = useGovernanceStore((s) => s.policy?.customRules ?? NO_RULES);
  const [editing, setEditing] = useState<{ rule: CustomRule; replacing: string | null } | null>(null);
  const close = () => useGovernanceStore.getState().setEditorOpen(false);
  const builtIn = catalog.filter((r) => !r.custom);
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal policy-editor"
        role="dialog"
        aria-modal="true"
        aria-label="Governance policy"
        data-testid="policy-editor"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="policy-editor__head">
          <h2>Governance policy</h2>
          <button type="button" className="button button--small" data-testid="policy-close" onClick={close}>
            Close
          </button>
        </header>
        <div className="policy-editor__scroll">
          <h3>Custom rules (CEL)</h3>
          <ul className="policy-editor__custom">
            {custom.map((c) => (
              <li key={c.id} className="custom-row" data-testid="custom-rule" data-rule={c.id}>
                <span className="rule-row__id">{c.id}</span>
                <span className="mono custom-row__assert">{c.assert}</span>
                <button
                  type="button"
                  className="link-button"
                  data-testid="custom-edit"
                  onClick={() => setEditing({ rule: c, replacing: c.id })}
                >
                  Edit
                </button>
                <button type="button" className="link-button" data-testid="custom-delete" onClick={() => void deleteCustomRule(c.id)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
          {editing ? (
            <CustomRuleForm
              key={editing.replacing ?? 'new'}
              initial={editing.rule}
              replacing={editing.replacing}
              onDone={() => setEditing(null)}
            />
          ) : (
            <button
              type="button"
              className="button button--small"
              data-testid="custom-add"
              onClick={() => setEditing({ rule: BLANK_RULE, replacing: null })}
            >
              Add custom rule
            </button>
          )}
          <h3>Built-in rules</h3>
          <ul className="policy-editor__rules">
            {builtIn.map((r) => (
              <RuleRow key={r.id} rule={r} />
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
