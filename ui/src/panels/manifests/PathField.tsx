// A path the user types or picks with Browse…, as the dialogs' option row: the label,
// the field (Enter runs the dialog's action) and the error the core gave for it.
export function PathField({
  id,
  label,
  value,
  placeholder,
  error,
  busy,
  onChange,
  onEnter,
  onBrowse,
}: {
  /** The field's id, also its test id (`<id>`, and `<prefix>-browse` for the button). */
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  error: string | null;
  busy: boolean;
  onChange(value: string): void;
  onEnter(): void;
  onBrowse(): void;
}) {
  const browse = `${id.split('-')[0]}-browse`;
  return (
    <div className={`option-row${error ? ' has-error' : ''}`}>
      <label className="option-row__label" htmlFor={id}>
        {label}
      </label>
      <div className="option-row__value">
        <div className="path-pick">
          <input
            id={id}
            className="input input--mono"
            data-testid={id}
            placeholder={placeholder}
            spellCheck={false}
            value={value}
            disabled={busy}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && onEnter()}
          />
          <button type="button" className="button" data-testid={browse} disabled={busy} onClick={onBrowse}>
            Browse…
          </button>
        </div>
        {error && <div className="field-error">{error}</div>}
      </div>
    </div>
  );
}
