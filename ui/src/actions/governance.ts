// Governance actions: re-check the open mesh (coalesced, so a burst of edits costs one
// check after the running one), focus a finding's entity, and the policy changes (waive,
// rule settings, custom rules), each sent as one undoable `setPolicy` edit through
// actions/editing.ts. The core decides findings and validates policies; nothing here does.
import { backend } from '../lib/backend';
import type { CommandError, CustomRule, Finding, RuleDoc, RuleProblem } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { useGovernanceStore } from '../state/governanceStore';
import { placeOf, worstByNode } from '../state/findings';
import { withCustomRule, withoutCustomRule, withoutWaiver, withRuleChange, withWaiver, type RuleChange } from '../state/policyEdits';
import { canvasControls } from '../canvas/canvasControls';
import { edit, errorOf } from './editing';

const gov = () => useGovernanceStore.getState();
const mesh = () => useMeshStore.getState();

let running: Promise<void> | null = null;
let again = false;

async function checkOnce(): Promise<void> {
  const { path, generation } = mesh();
  if (!path) {
    gov().clear();
    return;
  }
  try {
    const [report, policy, catalog] = await Promise.all([backend.checkMesh(), backend.getPolicy(), backend.rulesCatalog()]);
    // Another file was opened meanwhile: its own check follows.
    if (mesh().generation !== generation) return;
    gov().setResult({ report, policy, catalog, worst: worstByNode(mesh().model, report.findings) });
  } catch (e) {
    gov().setError(errorOf(e).message);
  }
}

/** Checks the open mesh now, or once more right after the check already running. */
export function recheck(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await checkOnce();
    } while (again);
    running = null;
  })();
  return running;
}

/** Selects a finding's entity and brings its node into view. */
export function focusFinding(finding: Finding): void {
  const place = placeOf(mesh().model, finding.entity);
  if (place.select) mesh().select([place.select]);
  if (place.node) canvasControls.reveal(place.node);
}

function setPolicy(next: Parameters<typeof withWaiver>[0], label: string, onError?: (e: CommandError) => void) {
  return edit([{ op: 'setPolicy', value: next }], label, { onError });
}

/** Waives a finding with a reason and an optional last day (`YYYY-MM-DD`). */
export function waive(finding: Finding, reason: string, expires: string | null, onError?: (e: CommandError) => void) {
  const policy = gov().policy ?? {};
  const next = withWaiver(policy, { rule: finding.ruleId, entity: finding.entity.name, reason, expires });
  return setPolicy(next, `Waive ${finding.ruleId} on ${finding.entity.name}`, onError);
}

export function unwaive(finding: Finding) {
  const names = [finding.entity.name, ...(finding.entity.id ? [finding.entity.id] : [])];
  const next = withoutWaiver(gov().policy ?? {}, finding.ruleId, names);
  return setPolicy(next, `Remove waiver of ${finding.ruleId} on ${finding.entity.name}`);
}

export function changeRule(rule: RuleDoc, change: RuleChange, onError?: (e: CommandError) => void) {
  const next = withRuleChange(gov().policy ?? {}, rule.id, change, rule.defaultSeverity);
  return setPolicy(next, `Change rule ${rule.id}`, onError);
}

export function saveCustomRule(rule: CustomRule, replacing: string | null, onError?: (e: CommandError) => void) {
  const next = withCustomRule(gov().policy ?? {}, rule, replacing);
  return setPolicy(next, `${replacing ? 'Update' : 'Add'} custom rule ${rule.id}`, onError);
}

export function deleteCustomRule(id: string) {
  return setPolicy(withoutCustomRule(gov().policy ?? {}, id), `Delete custom rule ${id}`);
}

/** The problems of a custom rule being written; an IPC failure reads as no problems. */
export async function validateCustomRule(rule: CustomRule): Promise<RuleProblem[]> {
  try {
    return await backend.validateCustomRule(rule);
  } catch {
    return [];
  }
}
