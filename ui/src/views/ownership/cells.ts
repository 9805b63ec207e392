// What the Ownership view shows beside the core's matrix: the products behind one cell,
// the words of a team's load hint, and the edit that moves a product to another team.
// Pure functions of the model and the matrix; the counts and limits are the core's.
import type { DataProduct, EditOp, Limits, LoadLimit, TeamLoad, TeamType } from '../../bindings';
import type { MeshModel } from '../../state/model';

/** One cell of the matrix: a team (null: the unowned row) in a domain. */
export interface MatrixCellRef {
  teamId: string | null;
  domainId: string;
}

/** The products counted in a cell, by display name. */
export function cellProducts(model: MeshModel, cell: MatrixCellRef): DataProduct[] {
  const teams = model.teams;
  const out: DataProduct[] = [];
  for (const p of model.products.values()) {
    if (p.domainId !== cell.domainId) continue;
    // An owner the mesh does not hold counts as unowned, as the core counts it.
    const owner = p.ownerTeamId && teams.has(p.ownerTeamId) ? p.ownerTeamId : null;
    if (owner === cell.teamId) out.push(p);
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** "5 products · 2 domains · 10 consumers", with what is past the policy's limits. */
export function loadHint(team: TeamLoad, limits: Limits): { text: string; over: string | null } {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const text = [plural(team.products, 'product'), plural(team.domains, 'domain'), plural(team.consumers, 'consumer')].join(' · ');
  if (team.over.length === 0) return { text, over: null };
  const why = team.over.map((limit: LoadLimit) =>
    limit === 'products'
      ? `owns ${team.products} products (at most ${limits.maxProducts ?? '—'})`
      : `spans ${team.domains} domains (at most ${limits.maxDomains ?? '—'})`,
  );
  return { text, over: `Past DM-OWN-005: ${why.join('; ')}` };
}

/** The short badge of a team type. */
export const TEAM_TYPE_BADGE: Record<TeamType, string> = {
  'stream-aligned': 'SA',
  platform: 'PL',
  enabling: 'EN',
  'complicated-subsystem': 'CS',
};

/** The edit that gives `product` to `teamId` (null: no owner), or null when it already is. */
export function moveToTeam(product: DataProduct, teamId: string | null): EditOp | null {
  if ((product.ownerTeamId ?? null) === teamId) return null;
  return { op: 'saveProduct', value: { ...product, ownerTeamId: teamId } };
}
