// The suggestions a reference or choice cell offers while typing: names that start
// with the typed text first, then names containing it, case-insensitively. Pure.

export const MAX_SUGGESTIONS = 8;

export function suggestions(options: readonly string[], typed: string, limit = MAX_SUGGESTIONS): string[] {
  const needle = typed.trim().toLowerCase();
  if (needle === '') return options.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const option of options) {
    const at = option.toLowerCase().indexOf(needle);
    if (at === 0) starts.push(option);
    else if (at > 0) contains.push(option);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}
