import { describe, expect, it } from 'vitest';
import { MAX_SLUG, slugify, uniqueSlug } from './slug';

describe('slugs', () => {
  it('numbers clashes from 2', () => {
    expect(uniqueSlug('new-domain', [])).toBe('new-domain');
    expect(uniqueSlug('new-domain', ['new-domain'])).toBe('new-domain-2');
    expect(uniqueSlug('new-domain', new Set(['new-domain', 'new-domain-2']))).toBe('new-domain-3');
  });
  it('makes valid slugs from text', () => {
    expect(slugify('In Customer 360 (EU)')).toBe('in-customer-360-eu');
    expect(slugify('42 things')).toBe('things');
    expect(slugify('Ünïcode Café')).toBe('unicode-cafe');
    expect(slugify('!!!')).toBe('item');
  });
  it('stays within 63 characters, keeping the counter', () => {
    const long = 'in-' + 'x'.repeat(80);
    const first = uniqueSlug(long, []);
    expect(first.length).toBeLessThanOrEqual(MAX_SLUG);
    const second = uniqueSlug(long, [first]);
    expect(second.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(second.endsWith('-2')).toBe(true);
    expect(/^[a-z][a-z0-9-]*$/.test(second)).toBe(true);
  });
});
