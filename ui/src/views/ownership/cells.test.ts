import { describe, expect, it } from 'vitest';
import type { TeamLoad } from '../../bindings';
import { modelFromMesh } from '../../state/model';
import { smallMesh } from '../../test/fixtures';
import { cellProducts, loadHint, moveToTeam } from './cells';

const team = (over: TeamLoad['over']): TeamLoad => ({
  id: 't',
  name: 'payments',
  title: 'Payments',
  teamType: 'platform',
  counts: { a: 4, b: 1 },
  products: 5,
  domains: 2,
  consumers: 1,
  over,
});

describe('ownership cells', () => {
  it('lists the products of one team in one domain, and the unowned ones', () => {
    const model = modelFromMesh(smallMesh());
    const product = [...model.products.values()][0]!;
    const mine = cellProducts(model, { teamId: product.ownerTeamId ?? null, domainId: product.domainId });
    expect(mine.map((p) => p.id)).toContain(product.id);
    expect(mine.every((p) => p.domainId === product.domainId && (p.ownerTeamId ?? null) === (product.ownerTeamId ?? null))).toBe(true);
    const total = [...model.teams.keys(), null].reduce(
      (n, teamId) => n + [...model.domains.keys()].reduce((m, domainId) => m + cellProducts(model, { teamId, domainId }).length, 0),
      0,
    );
    expect(total).toBe(model.products.size);
  });

  it('says the load and why it is past the limits', () => {
    expect(loadHint(team([]), { maxProducts: null, maxDomains: 3 })).toEqual({ text: '5 products · 2 domains · 1 consumer', over: null });
    const hint = loadHint(team(['products']), { maxProducts: 4, maxDomains: 3 });
    expect(hint.over).toBe('Past DM-OWN-005: owns 5 products (at most 4)');
  });

  it('moves a product to a team, and not onto its own', () => {
    const model = modelFromMesh(smallMesh());
    const product = [...model.products.values()].find((p) => p.ownerTeamId)!;
    expect(moveToTeam(product, product.ownerTeamId ?? null)).toBeNull();
    expect(moveToTeam(product, null)).toEqual({ op: 'saveProduct', value: { ...product, ownerTeamId: null } });
  });
});
