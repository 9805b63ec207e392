// Paths as the UI shows them. Pure string work: the shell and the core decide what a
// path means and whether it may be used.

/** The last part of a path (after `/` or `\`), for messages and lists whose whole path goes in a tooltip. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
