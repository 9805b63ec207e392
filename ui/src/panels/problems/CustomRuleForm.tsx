// Adds or edits one custom CEL rule. Each keystroke asks the core to check the rule
// (ids, CEL that compiles, variables its target provides) and shows every problem
// under its field; saving sends the whole policy as one undoable edit.
import { useEffect, useState } from 'react';
import type { CustomRule, RuleProblem, Severity, Target } from '../../bindings';
import { saveCustomRule, validateCustomRule } from '../../actions/governance';
import { SEVERITIES } from '../../state/findings';

const TARGETS: Target[] = ['product', 'outputPort', 'domain', 'team', 'dependency'];

export const BLANK_RULE: CustomRule = {
  id: 'ACME-RULE-001',
  target: 'product',
  when: null,
  assert: 'product.fanIn <= 20',
  message: '${product.name} has ${product.fanIn} consumers',
  severity: 'warning',
};

type TextField = 'id' | 'when' | 'assert' | 'message' | 'fix';

export function CustomRuleForm({ initial, replacing, onDone }: { initial: CustomRule; replacing: string | null; onDone(): void }) {
  const [rule, setRule] = useState<CustomRule>(initial);
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void validateCustomRule(rule).then((p) => live && setProblems(p));
    return () => {
      live = false;
    };
  }, [rule]);
  const set = (patch: Partial<CustomRule>) => {
    setRule((r) => ({ ...r, ...patch }));
    setSaveError(null);
  };
  const problemOf = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => (
        <div key={p.message} className="field-error" data-testid={`custom-problem-${field}`}>
          {p.message}
        </div>
      ));
  const text = (field: TextField, label: string, wide = true) => (
    <label className={`custom-rule__field${wide ? ' is-wide' : ''}`}>
      <span>{label}</span>
      <input
        type="text"
        className="mono"
        data-testid={`custom-${field}`}
        value={rule[field] ?? ''}
        spellCheck={false}
        onChange={(e) => set({ [field]: field === 'when' || field === 'fix' ? e.target.value || null : e.target.value })}
      />
      {problemOf(field === 'assert' ? 'assert' : field)}
    </label>
  );
  const save = async () => {
    const ok = await saveCustomRule(rule, replacing, (e) => setSaveError(e.message));
    if (ok) onDone();
  };
  return (
    <div className="custom-rule" data-testid="custom-rule-form">
      {text('id', 'Id', false)}
      <label className="custom-rule__field">
        <span>Target</span>
        <select data-testid="custom-target" value={rule.target} onChange={(e) => set({ target: e.target.value as Target })}>
          {TARGETS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="custom-rule__field">
        <span>Severity</span>
        <select
          data-testid="custom-severity"
          value={rule.severity ?? 'warning'}
          onChange={(e) => set({ severity: e.target.value as Severity })}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {text('when', 'When (optional)')}
      {text('assert', 'Assert')}
      {text('message', 'Message')}
      {text('fix', 'Fix hint')}
      {saveError && (
        <div className="field-error" data-testid="custom-save-error" role="alert">
          {saveError}
        </div>
      )}
      <div className="custom-rule__actions">
        <button
          type="button"
          className="button button--primary button--small"
          data-testid="custom-save"
          disabled={problems.length > 0}
          onClick={() => void save()}
        >
          Save rule
        </button>
        <button type="button" className="button button--small" data-testid="custom-cancel" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
