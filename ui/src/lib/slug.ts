// The core's slug rule (mesh-core's `slug.rs`), copied for the names the UI proposes as
// the user acts (a new entity, a new input port): accents folded away, ASCII letters and
// digits in lower case, other runs one hyphen, `x-` in front of what would not start with
// a letter, at most 63 characters; a taken name gets -2, -3, ... A test checks this copy
// against the vectors the core writes (slug.vectors.json), so the two cannot drift. The
// core still decides what is valid and unique.

export const MAX_SLUG = 63;

/** The slug of free text, as the core makes it. */
export function slugify(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()
    .replace(/^-+/, '')
    .replace(/-+$/, '');
  if (!/^[a-z]/.test(s)) s = s ? `x-${s}` : 'x';
  return truncate(s, MAX_SLUG);
}

/** `s` cut to at most `max` characters without a trailing hyphen. */
function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max).join('').replace(/-+$/, '');
}

/**
 * `base` cut to MAX_SLUG, or `base-2`, `base-3`, ... whichever is not in `taken`; the
 * counter is kept whole and the base shortened to fit. `base` is slugified first.
 */
export function uniqueSlug(base: string, taken: ReadonlySet<string> | Iterable<string>): string {
  const set = taken instanceof Set ? (taken as ReadonlySet<string>) : new Set(taken);
  return uniqueName(slugify(base), set);
}

/** The core's `slug::unique` on a slug. */
export function uniqueName(slug: string, taken: ReadonlySet<string>): string {
  const cut = truncate(slug, MAX_SLUG);
  if (!taken.has(cut)) return cut;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = truncate(slug, MAX_SLUG - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
