// The text field of the cell being edited, with the suggestions a reference or choice
// cell offers (a small listbox: Up/Down choose, Enter or Tab take the chosen one, a
// click takes it too). Every other key goes to the grid's keyboard (./keys.ts); what
// it leaves is the text field's, or the window's (Ctrl+1/2/3 work while typing).
import { useMemo, useState, type KeyboardEvent } from 'react';
import { suggestions } from './completion';

export function CellEditor({
  draft,
  options,
  onDraft,
  onKey,
}: {
  draft: string;
  /** Names or words to suggest; empty for free text. */
  options: readonly string[];
  onDraft(value: string): void;
  /** A key for the grid; `draft` replaces the text when a suggestion was taken. */
  onKey(e: KeyboardEvent<HTMLInputElement>, draft?: string): void;
}) {
  const [chosen, setChosen] = useState(-1);
  const list = useMemo(() => (options.length > 0 ? suggestions(options, draft) : []), [options, draft]);
  const shown = list.length > 0 && !(list.length === 1 && list[0] === draft);
  return (
    <div className="sheet-editor">
      <input
        className="sheet-editor__input"
        data-testid="cell-editor"
        autoFocus
        value={draft}
        spellCheck={false}
        aria-autocomplete={options.length > 0 ? 'list' : undefined}
        onChange={(e) => {
          setChosen(-1);
          onDraft(e.target.value);
        }}
        onFocus={(e) => e.target.setSelectionRange(e.target.value.length, e.target.value.length)}
        onKeyDown={(e) => {
          // F2 would focus the inspector's name field; in a cell it does nothing.
          if (e.key === 'F2') {
            e.preventDefault();
            e.stopPropagation();
            return;
          }
          if (shown && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            e.stopPropagation();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setChosen((c) => Math.max(-1, Math.min(list.length - 1, c + step)));
            return;
          }
          const taken = shown && chosen >= 0 && (e.key === 'Enter' || e.key === 'Tab') ? list[chosen] : undefined;
          onKey(e, taken);
        }}
      />
      {shown && (
        <ul className="sheet-editor__list" role="listbox" data-testid="cell-suggestions">
          {list.map((option, i) => (
            <li
              key={option}
              role="option"
              aria-selected={i === chosen}
              className={i === chosen ? 'is-chosen' : undefined}
              data-testid="cell-suggestion"
              onMouseDown={(e) => {
                // Keep the focus in the field; the grid commits the chosen name.
                e.preventDefault();
                onDraft(option);
                setChosen(i);
              }}
            >
              {option}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
