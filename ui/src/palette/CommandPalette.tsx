// The command palette (Ctrl+K, View > Command Palette): one field that finds any domain,
// team, data product or output port and jumps to it in the current view, or runs a
// command by name. cmdk draws the list and handles the keys (arrows, Enter; Escape
// closes, through its Radix dialog); search.ts decides what matches and in which order,
// and at most RESULT_LIMIT rows are rendered. Closing gives the focus back to where it was.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Command } from 'cmdk';
import { useMeshStore } from '../state/meshStore';
import { useUiStore } from '../state/uiStore';
import { commandEntries, entriesOf, indexOf, rank, type PaletteEntry, type PaletteKind } from './search';
import { COMMANDS, choose } from './commands';

const COMMAND_ENTRIES = commandEntries(COMMANDS);

const KIND_LABEL: Record<PaletteKind, string> = {
  command: 'Command',
  product: 'Product',
  domain: 'Domain',
  team: 'Team',
  outputPort: 'Port',
};

export function CommandPalette() {
  const wanted = useUiStore((s) => s.paletteOpen);
  const hasMesh = useMeshStore((s) => s.path !== null);
  const open = wanted && hasMesh;
  // Read only while open, so the index is built when the palette is used, not on every edit.
  const model = useMeshStore((s) => (open ? s.model : null));
  const [query, setQuery] = useState('');
  const index = useMemo(() => (model ? indexOf(COMMAND_ENTRIES, entriesOf(model)) : null), [model]);
  const results = useMemo(() => (index ? rank(index, query) : []), [index, query]);
  // The highlighted row, kept on the best match as the results change.
  const [active, setActive] = useState('');
  useEffect(() => setActive(results[0] ? keyOf(results[0]) : ''), [results]);
  // Each opening starts from an empty field.
  useEffect(() => {
    if (!open) setQuery('');
  }, [open]);
  useFocusReturn(open);
  const pick = (entry: PaletteEntry) => {
    useUiStore.getState().setPaletteOpen(false);
    choose(entry);
  };
  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => useUiStore.getState().setPaletteOpen(next)}
      label="Command palette"
      shouldFilter={false}
      value={active}
      onValueChange={setActive}
      loop
      // Ctrl+K opens the palette; cmdk would also take it as "previous item".
      vimBindings={false}
      className="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-dialog"
      data-testid="palette"
    >
      <Command.Input
        data-testid="palette-input"
        className="palette__input"
        value={query}
        onValueChange={setQuery}
        placeholder="Find a product, domain, team or port, or type a command…"
      />
      <Command.List className="palette__list">
        <Command.Empty className="palette__empty">Nothing matches “{query.trim()}”.</Command.Empty>
        {results.map((entry) => (
          <Command.Item
            key={keyOf(entry)}
            value={keyOf(entry)}
            className="palette__item"
            data-testid="palette-item"
            data-id={entry.id}
            data-kind={entry.kind}
            onSelect={() => pick(entry)}
          >
            <span className={`palette__kind palette__kind--${entry.kind}`}>{KIND_LABEL[entry.kind]}</span>
            <span className="palette__title">{entry.title}</span>
            {entry.name && <span className="palette__slug">{entry.name}</span>}
            <span className="palette__detail">{entry.detail}</span>
          </Command.Item>
        ))}
      </Command.List>
    </Command.Dialog>
  );
}

/**
 * Gives the focus back on closing to the element that had it on opening. Radix's dialog
 * would give it to its trigger, and the palette has none (keys and menus open it).
 */
function useFocusReturn(open: boolean): void {
  const returnTo = useRef<HTMLElement | null>(null);
  // A layout effect runs before the dialog's own effects move the focus into it.
  useLayoutEffect(() => {
    if (open) returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, [open]);
  useEffect(() => {
    if (open) return;
    const el = returnTo.current;
    returnTo.current = null;
    if (!el) return;
    // After the dialog has let go; unless what was chosen took the focus elsewhere.
    const frame = requestAnimationFrame(() => {
      const now = document.activeElement;
      if (el.isConnected && (now === null || now === document.body)) el.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [open]);
}

// cmdk keys its highlight by value; an entity id and a command id never collide.
const keyOf = (entry: PaletteEntry) => `${entry.kind}:${entry.id}`;
