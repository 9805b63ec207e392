import { describe, expect, it } from 'vitest';
import vectors from './slug.vectors.json';
import { MAX_SLUG, slugify, uniqueName, uniqueSlug } from './slug';

describe('slugs', () => {
  it('make every slug the core makes (vectors written by mesh-core)', () => {
    expect(vectors.slugify.length).toBeGreaterThan(10);
    for (const { text, slug } of vectors.slugify) expect([text, slugify(text)]).toEqual([text, slug]);
  });
  it('number a taken name as the core does', () => {
    for (const { base, taken, unique } of vectors.unique) expect(uniqueName(base, new Set(taken))).toBe(unique);
  });
  it('number clashes from 2 on the slug of what was typed', () => {
    expect(uniqueSlug('new-domain', [])).toBe('new-domain');
    expect(uniqueSlug('New Domain', ['new-domain'])).toBe('new-domain-2');
    expect(uniqueSlug('new-domain', new Set(['new-domain', 'new-domain-2']))).toBe('new-domain-3');
  });
  it('stays within 63 characters, keeping the counter', () => {
    const long = 'in-' + 'x'.repeat(80);
    const second = uniqueSlug(long, [uniqueSlug(long, [])]);
    expect(second.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(second.endsWith('-2')).toBe(true);
  });
});
