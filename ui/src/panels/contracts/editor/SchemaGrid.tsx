// The schema grid of one contract object: a row per property (nested ones indented under
// the property that holds them), each cell committed as one edit when it changes, and
// the keyboard moves of the Table view: Alt+Up/Down reorder, Alt+Right nests under the
// property above, Alt+Left takes it out again. The row the core refused is marked.
import { Fragment, type KeyboardEvent } from 'react';
import { CellInput as TextCell } from '../../inspector/fields';
import type { ContractBody, SchemaProperty } from '../../../bindings';
import { moveProperty, nestProperty, outdentProperty, removeProperty, setProperty, type PropertyAt } from './schemaEdits';

/** The text columns besides the name; an emptied cell clears the field. */
const OPTIONAL_TEXT = [
  { key: 'logicalType', id: 'type', label: 'Logical type' },
  { key: 'physicalType', id: 'physical', label: 'Physical type' },
  { key: 'description', id: 'description', label: 'Description' },
] as const;

/** The yes/no columns, and what ticking one sets (a key off drops its position too). */
const FLAGS = [
  { key: 'required', id: 'required', label: 'Required', patch: (v: boolean) => ({ required: v }) },
  { key: 'unique', id: 'unique', label: 'Unique', patch: (v: boolean) => ({ unique: v }) },
  {
    key: 'primaryKey',
    id: 'pk',
    label: 'Primary key',
    patch: (v: boolean) => (v ? { primaryKey: true } : { primaryKey: null, primaryKeyPosition: null }),
  },
  { key: 'personalData', id: 'personal', label: 'Personal data', patch: (v: boolean) => ({ personalData: v }) },
] as const satisfies readonly { key: keyof SchemaProperty; id: string; label: string; patch(v: boolean): Partial<SchemaProperty> }[];

export const LOGICAL_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'timestamp', 'time', 'object', 'array'] as const;

interface GridProps {
  body: ContractBody;
  object: number;
  /** The property names down to the refused one, if the core refused one in this object. */
  refused: readonly string[] | null;
  onChange(body: ContractBody, label: string): void;
}

function Flag({ checked, label, testId, onChange }: { checked: boolean; label: string; testId: string; onChange(v: boolean): void }) {
  return <input type="checkbox" aria-label={label} data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />;
}

function Rows({ props, at, depth, grid }: { props: readonly SchemaProperty[]; at: readonly number[]; depth: number; grid: GridProps }) {
  const { body, object, refused, onChange } = grid;
  return (
    <>
      {props.map((p, i) => {
        const here: PropertyAt = { object, path: [...at, i] };
        const set = (patch: Partial<SchemaProperty>, what: string) =>
          onChange(setProperty(body, here, patch), `Set ${what} of column ${p.name}`);
        const keys = (e: KeyboardEvent) => {
          if (!e.altKey) return;
          const moves: Record<string, () => ContractBody> = {
            ArrowUp: () => moveProperty(body, here, -1),
            ArrowDown: () => moveProperty(body, here, 1),
            ArrowRight: () => nestProperty(body, here),
            ArrowLeft: () => outdentProperty(body, here),
          };
          const move = moves[e.key];
          if (!move) return;
          e.preventDefault();
          onChange(move(), `Move column ${p.name}`);
        };
        const isRefused = refused !== null && refused.length === depth + 1 && refused[depth] === p.name;
        return (
          <Fragment key={`${depth}/${i}/${p.name}`}>
            <tr
              className={`schema-grid__row${isRefused ? ' is-refused' : ''}`}
              data-testid="contract-property"
              data-name={p.name}
              data-depth={depth}
              data-error={isRefused || undefined}
              onKeyDown={keys}
            >
              <td style={{ paddingLeft: 6 + depth * 18 }}>
                <TextCell value={p.name ?? ''} label="Name" testId="contract-cell-name" onCommit={(v) => set({ name: v }, 'name')} />
              </td>
              {OPTIONAL_TEXT.map((c) => (
                <td key={c.key}>
                  <TextCell
                    value={p[c.key] ?? ''}
                    label={c.label}
                    testId={`contract-cell-${c.id}`}
                    onCommit={(v) => set({ [c.key]: v.trim() === '' ? null : v.trim() }, c.label.toLowerCase())}
                  />
                </td>
              ))}
              {FLAGS.map((f) => (
                <td className="schema-grid__flag" key={f.key}>
                  <Flag
                    checked={p[f.key] === true}
                    label={f.label}
                    testId={`contract-cell-${f.id}`}
                    onChange={(v) => set(f.patch(v), f.label.toLowerCase())}
                  />
                </td>
              ))}
              <td className="schema-grid__actions">
                <button
                  type="button"
                  title="Up (Alt+↑)"
                  aria-label="Move up"
                  onClick={() => onChange(moveProperty(body, here, -1), `Move column ${p.name}`)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  title="Down (Alt+↓)"
                  aria-label="Move down"
                  onClick={() => onChange(moveProperty(body, here, 1), `Move column ${p.name}`)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  title="Into the column above (Alt+→)"
                  aria-label="Nest"
                  onClick={() => onChange(nestProperty(body, here), `Nest column ${p.name}`)}
                >
                  →
                </button>
                <button
                  type="button"
                  title="Remove"
                  aria-label="Remove"
                  data-testid="contract-remove-property"
                  onClick={() => onChange(removeProperty(body, here), `Remove column ${p.name}`)}
                >
                  ✕
                </button>
              </td>
            </tr>
            {p.properties && p.properties.length > 0 && <Rows props={p.properties} at={[...at, i]} depth={depth + 1} grid={grid} />}
          </Fragment>
        );
      })}
    </>
  );
}

export function SchemaGrid(props: GridProps) {
  const properties = props.body.schema?.[props.object]?.properties ?? [];
  return (
    <table className="schema-grid" data-testid="contract-grid">
      <thead>
        <tr>
          <th>Name</th>
          <th>Logical type</th>
          <th>Physical type</th>
          <th>Description</th>
          <th title="Required">Req.</th>
          <th title="Unique">Uniq.</th>
          <th title="Primary key">PK</th>
          <th title="Personal data">PII</th>
          <th />
        </tr>
      </thead>
      <tbody>
        <Rows props={properties} at={[]} depth={0} grid={props} />
      </tbody>
    </table>
  );
}
