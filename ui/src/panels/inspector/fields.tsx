// Form fields of the inspector. Text commits on blur or Enter and reverts on Escape;
// selects and checkboxes commit on change. A field shows the core's error for it
// (data-testid="field-error-<field>") and keeps what the user typed until it is fixed.
// Fields never validate: the core does.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useUiStore } from '../../state/uiStore';

import type { TeamType } from '../../bindings';
export function FieldError({ field }: { field: string }) {
  const message = useUiStore((s) => s.fieldErrors[field]);
  if (!message) return null;
  return (
    <div className="field-error" role="alert" data-testid={`field-error-${field}`}>
      {message}
    </div>
  );
}

function Row({ field, label, children, wide }: { field: string; label: string; children: ReactNode; wide?: boolean }) {
  const hasError = useUiStore((s) => !!s.fieldErrors[field]);
  return (
    <div className={`field${wide ? ' field--wide' : ''}${hasError ? ' has-error' : ''}`}>
      <label className="field__label" htmlFor={`f-${field}`}>
        {label}
      </label>
      {children}
      <FieldError field={field} />
    </div>
  );
}

/** The last name-focus request (uiStore.focusNameRequest) a field has served. */
let servedFocusRequest = 0;

interface TextProps {
  field: string;
  label: string;
  value: string | null | undefined;
  onCommit(value: string): void;
  multiline?: boolean;
  placeholder?: string;
  mono?: boolean;
  focusOn?: number;
  type?: 'text' | 'email' | 'date';
}

export function TextField({ field, label, value, onCommit, multiline, placeholder, mono, focusOn, type = 'text' }: TextProps) {
  const external = value ?? '';
  const [draft, setDraft] = useState(external);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // A new value from the store (commit, undo) replaces the draft; a refused commit
  // leaves the store unchanged, so the user's text stays.
  useEffect(() => setDraft(external), [external]);
  useEffect(() => {
    // Each request is served once: a form mounting later (another kind of entity
    // selected) must not take the focus for a request an earlier form already served.
    if (focusOn && focusOn > servedFocusRequest && ref.current) {
      servedFocusRequest = focusOn;
      ref.current.focus();
      ref.current.select();
    }
  }, [focusOn]);
  const commit = () => {
    if (draft !== external) onCommit(draft);
  };
  const common = {
    id: `f-${field}`,
    ref,
    className: `input${mono ? ' input--mono' : ''}`,
    'data-testid': `field-${field}`,
    value: draft,
    placeholder,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Escape') {
        setDraft(external);
        useUiStore.getState().clearFieldErrors(undefined, field);
        e.stopPropagation();
      } else if (e.key === 'Enter' && (!multiline || e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        commit();
      }
    },
  };
  return (
    <Row field={field} label={label} wide={multiline}>
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} />}
    </Row>
  );
}

interface SelectProps {
  field: string;
  label: string;
  value: string | null | undefined;
  options: readonly (readonly [string, string])[];
  onCommit(value: string | null): void;
  /** Label of the empty choice; absent when a value is required. */
  empty?: string;
}

export function SelectField({ field, label, value, options, onCommit, empty }: SelectProps) {
  return (
    <Row field={field} label={label}>
      <select
        id={`f-${field}`}
        className="input"
        data-testid={`field-${field}`}
        value={value ?? ''}
        onChange={(e) => onCommit(e.target.value === '' ? null : e.target.value)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {value && !options.some(([v]) => v === value) && <option value={value}>{value}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </Row>
  );
}

export function CheckField({
  field,
  label,
  value,
  onCommit,
}: {
  field: string;
  label: string;
  value: boolean;
  onCommit(v: boolean): void;
}) {
  return (
    <div className="field field--check">
      <label className="check">
        <input type="checkbox" data-testid={`field-${field}`} checked={value} onChange={(e) => onCommit(e.target.checked)} />
        {label}
      </label>
      <FieldError field={field} />
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="insp-section">
      <header className="insp-section__head">
        <h3>{title}</h3>
        {actions}
      </header>
      <div className="insp-section__body">{children}</div>
    </section>
  );
}

/** A compact table editor for lists of small records (links, service levels, members). */
export function ListEditor<T>({
  field,
  items,
  columns,
  onCommit,
  blank,
  addLabel,
}: {
  field: string;
  items: readonly T[];
  columns: {
    key: string;
    label: string;
    get(item: T): string;
    set(item: T, value: string): T;
    options?: readonly (readonly [string, string])[];
  }[];
  onCommit(items: T[]): void;
  blank(): T;
  addLabel: string;
}) {
  return (
    <div className="list-editor" data-testid={`field-${field}`}>
      {items.length > 0 && (
        <div className="list-editor__row list-editor__row--head" style={{ gridTemplateColumns: `repeat(${columns.length}, 1fr) 24px` }}>
          {columns.map((c) => (
            <span key={c.key}>{c.label}</span>
          ))}
          <span />
        </div>
      )}
      {items.map((item, index) => (
        <div key={index} className="list-editor__row" style={{ gridTemplateColumns: `repeat(${columns.length}, 1fr) 24px` }}>
          {columns.map((c) =>
            c.options ? (
              <select
                key={c.key}
                className="input input--small"
                aria-label={c.label}
                data-testid={`field-${field}-${index}-${c.key}`}
                value={c.get(item)}
                onChange={(e) => onCommit(items.map((it, i) => (i === index ? c.set(it, e.target.value) : it)))}
              >
                {!c.options.some(([v]) => v === c.get(item)) && <option value={c.get(item)}>{c.get(item) || '—'}</option>}
                {c.options.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            ) : (
              <CellInput
                key={c.key}
                label={c.label}
                testId={`field-${field}-${index}-${c.key}`}
                value={c.get(item)}
                onCommit={(v) => onCommit(items.map((it, i) => (i === index ? c.set(it, v) : it)))}
              />
            ),
          )}
          <button
            type="button"
            className="icon-button"
            title="Remove"
            aria-label="Remove"
            onClick={() => onCommit(items.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" data-testid={`add-${field}`} onClick={() => onCommit([...items, blank()])}>
        + {addLabel}
      </button>
      <FieldError field={field} />
    </div>
  );
}

/** A text cell committed on Enter or when it loses the focus, if it changed; Escape restores it. */
export function CellInput({ label, testId, value, onCommit }: { label: string; testId: string; value: string; onCommit(v: string): void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      className="input input--small"
      aria-label={label}
      data-testid={testId}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') setDraft(value);
      }}
    />
  );
}

/** Team Topologies' four team types, as the core spells them. */
export const TEAM_TYPE_OPTIONS: [TeamType, string][] = [
  ['stream-aligned', 'Stream-aligned'],
  ['platform', 'Platform'],
  ['enabling', 'Enabling'],
  ['complicated-subsystem', 'Complicated subsystem'],
];

export const STATUS_OPTIONS = [
  ['proposed', 'Proposed'],
  ['draft', 'Draft'],
  ['development', 'Development'],
  ['active', 'Active'],
  ['deprecated', 'Deprecated'],
  ['retired', 'Retired'],
] as const;
