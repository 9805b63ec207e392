// The contract editor, under the canvas while an output port is selected: the contract's
// objects as tabs, the shown object's schema as a grid, a row to type a new column by
// keyboard (name, Tab, type, Tab, description, Enter), a paste box for a column list
// copied from a spreadsheet or SQL CREATE TABLE statements (read by the core), and the
// servers and quality rules as forms. Every change is one undoable edit the core
// validates; its refusal is shown here and at the row it names.
import { useEffect, useRef, useState } from 'react';
import type { ContractBody, OutputPort } from '../../../bindings';
import { readPaste, saveBody } from '../../../actions/contract';
import { primarySelection, useMeshStore } from '../../../state/meshStore';
import { useContractEditorStore } from '../../../state/contractEditorStore';
import { addObject, bodyOf, refusedAt, removeObject, withPasted } from './schemaEdits';
import { LOGICAL_TYPES, SchemaGrid } from './SchemaGrid';
import { QualityForm, ServersForm } from './ContractForms';

/** Tabs and cells are plain text; a tab inside a description would split the row. */
const cell = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();

function NewColumn({ port, body, object }: { port: OutputPort; body: ContractBody; object: number }) {
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [description, setDescription] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const add = async () => {
    if (cell(name) === '') return;
    // The core reads the row as it reads a pasted one: a logical type word, or a
    // physical type it maps.
    const pasted = await readPaste(`${cell(name)}\t${cell(type)}\t${cell(description)}`);
    if (!pasted) return;
    if (await saveBody(port, withPasted(body, object, pasted, port.name), `Add column ${cell(name)}`)) {
      setName('');
      setType('');
      setDescription('');
      first.current?.focus();
    }
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void add();
    }
  };
  return (
    <div className="contract-editor__new" data-testid="contract-new-row">
      <input
        ref={first}
        placeholder="New column"
        aria-label="New column name"
        data-testid="contract-new-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={onKey}
      />
      <input
        placeholder="type"
        aria-label="New column type"
        list="contract-logical-types"
        data-testid="contract-new-type"
        value={type}
        onChange={(e) => setType(e.target.value)}
        onKeyDown={onKey}
      />
      <input
        placeholder="description"
        aria-label="New column description"
        data-testid="contract-new-description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        onKeyDown={onKey}
      />
      <datalist id="contract-logical-types">
        {LOGICAL_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <button type="button" className="button button--small" data-testid="contract-new-add" onClick={() => void add()}>
        Add
      </button>
    </div>
  );
}

function PasteBox({ port, body, object }: { port: OutputPort; body: ContractBody; object: number }) {
  const [text, setText] = useState('');
  const apply = async () => {
    const pasted = await readPaste(text);
    if (!pasted) return;
    const what = pasted.kind === 'objects' ? `${pasted.objects.length} table(s)` : `${pasted.properties.length} column(s)`;
    if (await saveBody(port, withPasted(body, object, pasted, port.name), `Paste ${what} into the contract of ${port.name}`)) setText('');
  };
  return (
    <div className="contract-editor__paste">
      <textarea
        data-testid="contract-paste"
        aria-label="Paste columns or CREATE TABLE"
        placeholder="Paste columns from a spreadsheet (name, type, description) or CREATE TABLE statements, then Ctrl+Enter"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void apply();
          }
        }}
      />
      <button
        type="button"
        className="button button--small"
        data-testid="contract-paste-apply"
        disabled={text.trim() === ''}
        onClick={() => void apply()}
      >
        Add from paste
      </button>
    </div>
  );
}

export function ContractEditor() {
  const model = useMeshStore((s) => s.model);
  const selection = useMeshStore((s) => s.selection);
  const { hidden, object, error, setHidden, setObject } = useContractEditorStore();
  const primary = primarySelection(selection);
  const port = primary?.kind === 'outputPort' ? model.outputPorts.get(primary.id) : undefined;
  // Another port: its first object, and no refusal left from the port before.
  const portId = port?.id;
  useEffect(() => {
    if (portId) setObject(0);
  }, [portId, setObject]);
  if (!port || hidden) return null;
  const body = bodyOf(port);
  const objects = body.schema ?? [];
  const shown = Math.min(object, Math.max(0, objects.length - 1));
  const refused = error ? refusedAt(error) : null;
  const change = (next: ContractBody, label: string) => void saveBody(port, next, label);
  const product = model.products.get(port.productId);
  return (
    <section className="contract-editor" data-testid="contract-editor" data-port={port.id} aria-label="Contract editor">
      <header className="contract-editor__head">
        <h2 className="contract-editor__title">
          Contract of {product?.name ?? '?'} / {port.name}{' '}
          <span className="contract-editor__version">v{port.contract?.version ?? port.version}</span>
        </h2>
        {!port.contract && (
          <p className="contract-editor__no-id" data-testid="contract-no-id">
            No contract id yet: the export writes this contract once the port has one (Contract id in the inspector).
          </p>
        )}
        <div className="contract-editor__objects" role="tablist" aria-label="Objects">
          {objects.map((o, i) => (
            <button
              key={`${i}/${o.name}`}
              type="button"
              role="tab"
              aria-selected={i === shown}
              className={`contract-editor__object${i === shown ? ' is-pressed' : ''}`}
              data-testid="contract-object"
              data-name={o.name}
              onClick={() => setObject(i)}
            >
              {o.name}
              <span className="contract-editor__count">{o.properties?.length ?? 0}</span>
            </button>
          ))}
          <button
            type="button"
            className="contract-editor__object contract-editor__object--add"
            data-testid="contract-add-object"
            onClick={() => {
              change(
                addObject(body, objects.length === 0 ? port.name : `${port.name}_${objects.length + 1}`),
                `Add an object to the contract of ${port.name}`,
              );
              setObject(objects.length);
            }}
          >
            + Object
          </button>
          {objects[shown] && (
            <button
              type="button"
              className="contract-editor__object"
              title="Remove this object"
              onClick={() => change(removeObject(body, shown), `Remove object ${objects[shown]?.name ?? ''}`)}
            >
              Remove
            </button>
          )}
        </div>
        <span className="contract-editor__spacer" />
        <button type="button" className="button button--small" data-testid="contract-editor-close" onClick={() => setHidden(true)}>
          Close
        </button>
      </header>
      {error && (
        <p className="contract-editor__error" data-testid="contract-error" role="alert">
          {error}
        </p>
      )}
      <div className="contract-editor__body">
        <div className="contract-editor__schema">
          {objects[shown] ? (
            <SchemaGrid
              body={body}
              object={shown}
              refused={refused && refused.object === objects[shown]?.name ? refused.names : null}
              onChange={change}
            />
          ) : (
            <p className="contract-editor__empty">No schema yet: type a column below, paste one, or add an object.</p>
          )}
          <NewColumn port={port} body={body} object={shown} />
        </div>
        <div className="contract-editor__side">
          <PasteBox port={port} body={body} object={shown} />
          <ServersForm body={body} object={shown} onChange={change} />
          <QualityForm body={body} object={shown} onChange={change} />
        </div>
      </div>
    </section>
  );
}
