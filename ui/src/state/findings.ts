// Findings as the UI shows them: where each one sits in the model (the canvas node to
// focus, its domain and owner team for the filters), the filters themselves, and the
// worst unwaived severity per product node and domain group for the canvas badges.
// Pure display functions: which findings exist and why is decided by the core.
import type { EntityRef, Finding, Severity } from '../bindings';
import type { MeshModel } from './model';
import type { SelectedRef } from './selection';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The more severe of two severities (`null` is none). */
export function worse(a: Severity | null | undefined, b: Severity): Severity {
  return a != null && RANK[a] <= RANK[b] ? a : b;
}

/** Where a finding's entity is in the model. */
export interface Place {
  /** What to select when the finding is clicked; null for the mesh and the policy. */
  select: SelectedRef | null;
  /** The canvas node to bring into view (a product or a domain). */
  node: string | null;
  productId: string | null;
  domainId: string | null;
  teamId: string | null;
}

const NOWHERE: Place = { select: null, node: null, productId: null, domainId: null, teamId: null };

function productPlace(model: MeshModel, productId: string, select: SelectedRef): Place {
  const product = model.products.get(productId);
  if (!product) return NOWHERE;
  return {
    select,
    node: product.id,
    productId: product.id,
    domainId: product.domainId,
    teamId: product.ownerTeamId ?? null,
  };
}

/** Locates an entity a finding names; entities that are gone (or have no id) are nowhere. */
export function placeOf(model: MeshModel, entity: EntityRef): Place {
  const id = entity.id;
  if (!id) return NOWHERE;
  switch (entity.kind) {
    case 'product':
      return productPlace(model, id, { kind: 'product', id });
    case 'outputPort': {
      const port = model.outputPorts.get(id);
      return port ? productPlace(model, port.productId, { kind: 'outputPort', id }) : NOWHERE;
    }
    case 'inputPort': {
      const input = model.inputPorts.get(id);
      return input ? productPlace(model, input.productId, { kind: 'inputPort', id }) : NOWHERE;
    }
    case 'domain': {
      const domain = model.domains.get(id);
      if (!domain) return NOWHERE;
      return { select: { kind: 'domain', id }, node: id, productId: null, domainId: id, teamId: domain.ownerTeamId ?? null };
    }
    case 'team':
      return model.teams.has(id) ? { ...NOWHERE, select: { kind: 'team', id }, teamId: id } : NOWHERE;
    default:
      return NOWHERE;
  }
}

export interface FindingFilters {
  /** Severities shown; all when empty. */
  severities: readonly Severity[];
  /** A rule id, or null for all. */
  rule: string | null;
  domain: string | null;
  team: string | null;
  /** Waived findings are shown (marked) unless this is false. */
  showWaived: boolean;
}

export const NO_FILTERS: FindingFilters = { severities: [], rule: null, domain: null, team: null, showWaived: true };

/** The findings that pass the filters, in the core's order. */
export function filterFindings(model: MeshModel, findings: readonly Finding[], f: FindingFilters): Finding[] {
  return findings.filter((finding) => {
    if (f.severities.length > 0 && !f.severities.includes(finding.severity)) return false;
    if (f.rule && finding.ruleId !== f.rule) return false;
    if (!f.showWaived && finding.waived != null) return false;
    if (f.domain || f.team) {
      const place = placeOf(model, finding.entity);
      if (f.domain && place.domainId !== f.domain) return false;
      if (f.team && place.teamId !== f.team) return false;
    }
    return true;
  });
}

/**
 * The worst unwaived severity per canvas node: a product gets its own findings and
 * those of its ports; a domain group gets its own and those of every product in it.
 * Waived findings are accepted risk, so they raise no badge.
 */
export function worstByNode(model: MeshModel, findings: readonly Finding[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  const raise = (id: string | null, s: Severity) => {
    if (id) worst.set(id, worse(worst.get(id), s));
  };
  for (const finding of findings) {
    if (finding.waived != null) continue;
    const place = placeOf(model, finding.entity);
    raise(place.productId, finding.severity);
    if (place.productId || finding.entity.kind === 'domain') raise(place.domainId, finding.severity);
  }
  return worst;
}

/** Stable key of a finding in a list (rule, entity and message identify it). */
export function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.entity.id ?? f.entity.name}\u0000${f.message}`;
}
