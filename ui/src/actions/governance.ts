// Governance actions: re-check the open mesh (coalesced, so a burst of edits costs one
// check after the running one), focus a finding's entity, and the policy changes (waive,
// rule settings, custom rules), each sent as the user's action (`PolicyEdit`): the core
// works out the next policy, validates it and stores it as one undoable edit. The core
// decides findings and policies; nothing here does.
import { backend } from '../lib/backend';
import type { CommandError, CustomRule, Finding, PolicyEdit, RuleDoc, RuleProblem } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { useGovernanceStore } from '../state/governanceStore';
import { placeOf, worstByNode } from '../state/findings';
import { canvasControls } from '../canvas/canvasControls';
import { applyFrom, errorOf } from './editing';

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

function editPolicy(change: PolicyEdit, onError?: (e: CommandError) => void) {
  return applyFrom(() => backend.editPolicy(change), { onError });
}

/** Waives a finding with a reason and an optional last day (`YYYY-MM-DD`). */
export function waive(finding: Finding, reason: string, expires: string | null, onError?: (e: CommandError) => void) {
  return editPolicy({ action: 'waive', rule: finding.ruleId, entity: finding.entity.name, reason, expires }, onError);
}

export function unwaive(finding: Finding) {
  const names = [finding.entity.name, ...(finding.entity.id ? [finding.entity.id] : [])];
  return editPolicy({ action: 'unwaive', rule: finding.ruleId, names });
}

/** One change of how a rule runs: on or off, a severity, or a parameter as typed. */
export type RuleChange = { enabled: boolean } | { severity: RuleDoc['severity'] } | { param: string; text: string };

export function changeRule(rule: RuleDoc, change: RuleChange, onError?: (e: CommandError) => void) {
  const id = rule.id;
  if ('enabled' in change) return editPolicy({ action: 'setEnabled', rule: id, enabled: change.enabled }, onError);
  if ('severity' in change) return editPolicy({ action: 'setSeverity', rule: id, severity: change.severity }, onError);
  return editPolicy({ action: 'setParam', rule: id, name: change.param, text: change.text }, onError);
}

export function saveCustomRule(rule: CustomRule, replacing: string | null, onError?: (e: CommandError) => void) {
  return editPolicy({ action: 'saveCustomRule', rule, replacing }, onError);
}

export function deleteCustomRule(id: string) {
  return editPolicy({ action: 'deleteCustomRule', id });
}

/** The problems of a custom rule being written; an IPC failure reads as no problems. */
export async function validateCustomRule(rule: CustomRule): Promise<RuleProblem[]> {
  try {
    return await backend.validateCustomRule(rule);
  } catch {
    return [];
  }
}
