// Paths as the UI shows them. Pure string work: the shell and the core decide what a
// path means and whether it may be used.

/** The last part of a path (after `/` or `\`), for messages and lists whose whole path goes in a tooltip. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * The folder every path lies in, with its trailing separator (`/m/in/`), or '' when they
 * share none; lists show each path after it.
 */
export function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let prefix = paths[0]!;
  for (const p of paths) {
    let i = 0;
    while (i < prefix.length && i < p.length && prefix[i] === p[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Back to the last separator, so a shared start of two names is not cut.
  const cut = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('\\'));
  return cut < 0 ? '' : prefix.slice(0, cut + 1);
}
