// Quick create on the canvas: with a data product selected, N makes a sibling in the
// same domain; with a domain selected, a product in it (the name field then takes the
// typing). This module only decides whether a key press is that gesture and which
// domain it targets; the keyboard hook runs it. Pure, so the decision is unit-testable.
import type { MeshModel } from '../state/model';
import type { SelectedRef } from '../state/selection';
import type { MainView } from '../state/uiStore';

/** The key, without Ctrl, Cmd or Alt (Shift is ignored: N and n alike). */
export const QUICK_CREATE_KEY = 'n';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeyContext {
  view: MainView;
  /** Focus is in a text field: the key is the user's typing. */
  typing: boolean;
  /** A dialog or the palette is open: keys belong to it. */
  modal: boolean;
}

/** The domain a new product goes to for this key press, or null when it is not quick create. */
export function quickCreateDomain(
  model: MeshModel,
  selection: readonly SelectedRef[],
  press: KeyPress,
  context: KeyContext,
): string | null {
  if (press.key.toLowerCase() !== QUICK_CREATE_KEY || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (context.view !== 'canvas' || context.typing || context.modal) return null;
  // One selected item: with several, "the same domain" would be a guess.
  if (selection.length !== 1) return null;
  const [ref] = selection as [SelectedRef];
  const domainId = ref.kind === 'product' ? model.products.get(ref.id)?.domainId : ref.kind === 'domain' ? ref.id : undefined;
  return domainId !== undefined && model.domains.has(domainId) ? domainId : null;
}
