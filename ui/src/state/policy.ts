// What the Problems panel shows of the stored policy: the waiver behind a finding, a
// parameter's value as the text its input shows. Reads only: every change is a
// `PolicyEdit` the core turns into the next policy (actions/governance.ts).
import type { Policy, Value, Waiver } from '../bindings';

/** The waiver of a rule on an entity (by name or id), if the policy has one. */
export function waiverFor(policy: Policy | null, rule: string, names: readonly string[]): Waiver | null {
  return policy?.waivers?.find((w) => w.rule === rule && names.includes(w.entity)) ?? null;
}

/** A parameter's JSON value as the text its input shows. */
export function paramText(value: Value): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value === null || value === undefined) return '';
  return String(value);
}
