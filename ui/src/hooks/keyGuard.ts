// Shared by the keyboard handler and the menu listener: whether focus is in a text
// field, and a short memory of actions just run so a key seen by both the page and
// the native menu runs once.
export function isTextTarget(el: Element | EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return false;
}

const last = new Map<string, number>();
const WINDOW_MS = 250;

/** Records `kind` as run now; true if it already ran within the last moment. */
export function recentlyHandled(kind: string): boolean {
  const now = performance.now();
  const before = last.get(kind);
  last.set(kind, now);
  return before !== undefined && now - before < WINDOW_MS;
}
