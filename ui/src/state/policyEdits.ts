// Builds the next governance policy from the current one for one user action (waive a
// finding, switch a rule, override a severity, set a parameter, save a custom rule).
// The result is sent whole as one `setPolicy` edit, so the core validates it and it is
// undoable. Pure functions: no defaults are invented, empty settings are dropped so the
// stored policy (and its YAML) only holds what the user changed.
import type { CustomRule, ParamKind, Policy, RuleConfig, Severity, Value, Waiver } from '../bindings';

/** A waiver for one finding: rule and entity name as findings show them. */
export function withWaiver(policy: Policy, waiver: Waiver): Policy {
  const others = (policy.waivers ?? []).filter((w) => !(w.rule === waiver.rule && w.entity === waiver.entity));
  const clean: Waiver = { rule: waiver.rule, entity: waiver.entity, reason: waiver.reason.trim() };
  if (waiver.expires) clean.expires = waiver.expires;
  return { ...policy, waivers: [...others, clean] };
}

/** Drops the waivers of a rule on an entity, named by any of `names` (its name, its id). */
export function withoutWaiver(policy: Policy, rule: string, names: readonly string[]): Policy {
  return { ...policy, waivers: (policy.waivers ?? []).filter((w) => !(w.rule === rule && names.includes(w.entity))) };
}

/** The waiver of a rule on an entity (by name or id), if the policy has one. */
export function waiverFor(policy: Policy | null, rule: string, names: readonly string[]): Waiver | null {
  return policy?.waivers?.find((w) => w.rule === rule && names.includes(w.entity)) ?? null;
}

export interface RuleChange {
  enabled?: boolean;
  /** A severity, or null to go back to the rule's default. */
  severity?: Severity | null;
  /** One parameter: a value, or undefined to go back to its default. */
  param?: { name: string; value: Value | undefined };
}

function isEmpty(c: RuleConfig): boolean {
  return c.enabled == null && c.severity == null && Object.keys(c.params ?? {}).length === 0;
}

/** Changes how one rule runs; `defaultSeverity` lets a choice of the default drop the override. */
export function withRuleChange(policy: Policy, ruleId: string, change: RuleChange, defaultSeverity: Severity): Policy {
  const current: RuleConfig = policy.rules?.[ruleId] ?? {};
  const next: RuleConfig = { ...current, params: { ...(current.params ?? {}) } };
  if (change.enabled !== undefined) next.enabled = change.enabled ? null : false;
  if (change.severity !== undefined) next.severity = change.severity === defaultSeverity ? null : change.severity;
  if (change.param) {
    const params = next.params ?? {};
    if (change.param.value === undefined) delete params[change.param.name];
    else params[change.param.name] = change.param.value;
  }
  if (next.enabled == null) delete next.enabled;
  if (next.severity == null) delete next.severity;
  if (Object.keys(next.params ?? {}).length === 0) delete next.params;
  const rules = { ...(policy.rules ?? {}) };
  if (isEmpty(next)) delete rules[ruleId];
  else rules[ruleId] = next;
  return { ...policy, rules };
}

/** Adds a custom rule, or replaces the one with id `replacing`. */
export function withCustomRule(policy: Policy, rule: CustomRule, replacing: string | null): Policy {
  const list = policy.customRules ?? [];
  const at = replacing === null ? -1 : list.findIndex((r) => r.id === replacing);
  const customRules = at < 0 ? [...list, rule] : list.map((r, i) => (i === at ? rule : r));
  let rules = policy.rules;
  // A renamed rule keeps its settings under the new id.
  if (replacing && replacing !== rule.id && rules?.[replacing]) {
    rules = { ...rules, [rule.id]: rules[replacing]! };
    delete rules[replacing];
  }
  return { ...policy, rules, customRules };
}

/** Removes a custom rule with its settings (its waivers stay; the core names them if they must go). */
export function withoutCustomRule(policy: Policy, id: string): Policy {
  const rules = { ...(policy.rules ?? {}) };
  delete rules[id];
  return { ...policy, rules, customRules: (policy.customRules ?? []).filter((r) => r.id !== id) };
}

/** Reads a parameter typed as text into its JSON value; `error` says what was expected. */
export function parseParam(kind: ParamKind, text: string): { value: Value } | { error: string } {
  const t = text.trim();
  switch (kind) {
    case 'integer':
      return /^\d+$/.test(t) ? { value: Number(t) } : { error: 'a whole number (0 or more)' };
    case 'number':
      return t !== '' && Number.isFinite(Number(t)) ? { value: Number(t) } : { error: 'a number' };
    case 'boolean':
      return t === 'true' || t === 'false' ? { value: t === 'true' } : { error: 'true or false' };
    case 'pattern':
      return { value: text };
    case 'list':
      return {
        value:
          t === ''
            ? []
            : t
                .split(',')
                .map((w) => w.trim())
                .filter((w) => w !== ''),
      };
  }
}

/** A parameter's JSON value as the text its input shows. */
export function paramText(value: Value): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value === null || value === undefined) return '';
  return String(value);
}
