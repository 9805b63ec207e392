// Slug helpers for names the UI proposes (new entities, input ports). They only make a
// good first guess; the core decides what is valid and unique.

export const MAX_SLUG = 63;

/** Lower-case letters, digits and single hyphens, starting with a letter, ≤ 63 chars. */
export function slugify(text: string, fallback = 'item'): string {
  let s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (!s) s = fallback;
  return trimSlug(s, MAX_SLUG);
}

function trimSlug(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max).replace(/-+$/, '');
}

/**
 * `base`, or `base-2`, `base-3`, ... whichever is not in `taken`; the result keeps
 * within MAX_SLUG by shortening the base, never the counter.
 */
export function uniqueSlug(base: string, taken: ReadonlySet<string> | Iterable<string>): string {
  const set = taken instanceof Set ? (taken as ReadonlySet<string>) : new Set(taken);
  const root = slugify(base);
  if (!set.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = trimSlug(root, MAX_SLUG - suffix.length) + suffix;
    if (!set.has(candidate)) return candidate;
  }
}
