import { describe, expect, it } from 'vitest';
import { chipsOf, withValue, withoutChip } from './filters';
import { modelFromMesh } from './model';
import { smallMesh } from '../test/fixtures';

describe('filter chips', () => {
  const model = modelFromMesh(smallMesh());
  const domain = [...model.domains.values()][0]!;
  const team = [...model.teams.values()][0]!;

  it('labels each value of each criterion with the names the model gives', () => {
    const chips = chipsOf(
      { domains: [domain.id], teams: [team.id], statuses: ['active'], archetypes: ['aggregate'], tags: ['pii'], minSeverity: 'warning' },
      model,
    );
    expect(chips.map((c) => c.label)).toEqual([
      `Domain: ${domain.title}`,
      `Team: ${team.title}`,
      'Status: Active',
      'Archetype: Aggregate',
      'Tag: pii',
      'Findings: Warnings or worse',
    ]);
    expect(chipsOf({}, model)).toEqual([]);
  });

  it('adds a value once, and removes exactly the chip asked', () => {
    let filter = withValue({}, 'statuses', 'active');
    filter = withValue(filter, 'statuses', 'active');
    filter = withValue(filter, 'statuses', 'draft');
    filter = withValue(filter, 'minSeverity', 'error');
    expect(filter).toEqual({ statuses: ['active', 'draft'], minSeverity: 'error' });
    expect(withoutChip(filter, { key: 'statuses', value: 'active' })).toEqual({ statuses: ['draft'], minSeverity: 'error' });
    expect(withoutChip(filter, { key: 'minSeverity', value: 'error' })).toEqual({ statuses: ['active', 'draft'], minSeverity: null });
  });
});
