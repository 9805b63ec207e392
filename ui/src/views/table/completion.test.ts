import { describe, expect, it } from 'vitest';
import { suggestions } from './completion';

describe('suggestions', () => {
  const teams = ['checkout-team', 'growth', 'platform-team', 'team-a'];

  it('lists names starting with the typed text before names containing it', () => {
    expect(suggestions(teams, 'te')).toEqual(['team-a', 'checkout-team', 'platform-team']);
  });

  it('ignores case and surrounding spaces', () => {
    expect(suggestions(teams, ' GRO ')).toEqual(['growth']);
  });

  it('offers the first names for an empty cell, at most the limit', () => {
    expect(suggestions(teams, '', 2)).toEqual(['checkout-team', 'growth']);
    expect(suggestions(teams, 'zzz')).toEqual([]);
  });
});
