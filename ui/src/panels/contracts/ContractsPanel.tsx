// The Contracts panel, docked under the canvas: every contract the mesh keeps as its
// document (a standalone ODCS file, a Data Contract Specification file), with the output
// port it is attached to or "unattached". *Attach to…* picks a port (product / port) and
// *Detach* lets go of it; both send one saveContract edit, and the core's refusal shows
// in the row. Nothing here decides what attaching does.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMeshStore } from '../../state/meshStore';
import { useUiStore } from '../../state/uiStore';
import {
  FORMAT_LABEL,
  FORMAT_TITLE,
  attachOp,
  contractName,
  contractRows,
  filterChoices,
  portChoices,
  portLabel,
  type ContractRow,
  type PortChoice,
} from '../../state/contracts';
import { plural } from '../../state/manifests';
import * as editing from '../../actions/editing';
import { canvasControls } from '../../canvas/canvasControls';

/** Rows drawn at most; an import of a whole registry can keep thousands. */
const MAX_ROWS = 500;
/** Ports listed at once in the picker; typing narrows the rest. */
const MAX_CHOICES = 60;

function PortPicker({ choices, onPick, onCancel }: { choices: readonly PortChoice[]; onPick(id: string): void; onCancel(): void }) {
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const { shown, more } = useMemo(() => filterChoices(choices, text, MAX_CHOICES), [choices, text]);
  return (
    <div className="port-picker" data-testid="contract-picker" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="port-picker__bar">
        <input
          ref={input}
          className="input input--small port-picker__filter"
          data-testid="contract-attach-filter"
          placeholder="Filter output ports: product or port name"
          aria-label="Filter output ports"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && shown.length === 1) onPick(shown[0]!.id);
          }}
        />
        <button type="button" className="button button--small" data-testid="contract-attach-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ul className="port-picker__list" role="listbox" aria-label="Output ports">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="port-picker__option"
              role="option"
              aria-selected={false}
              data-testid="contract-port-option"
              data-port-id={c.id}
              onClick={() => onPick(c.id)}
            >
              <span className="mono">{c.label}</span>
              <span className="muted">v{c.version}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 && (
          <li className="port-picker__note">{choices.length === 0 ? 'The mesh has no output port yet.' : 'No output port matches.'}</li>
        )}
        {more > 0 && <li className="port-picker__note">{plural(more, 'more port')}: type to narrow.</li>}
      </ul>
    </div>
  );
}

function ContractRowView({ row, choices }: { row: ContractRow; choices: readonly PortChoice[] }) {
  const { contract, port, product } = row;
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const select = useMeshStore((s) => s.select);

  const send = async (outputPortId: string | null) => {
    setBusy(true);
    setError(null);
    const label = `${outputPortId ? 'Attach' : 'Detach'} contract ${contractName(contract)}`;
    const ok = await editing.edit([attachOp(contract, outputPortId)], label, { onError: (e) => setError(e.message) });
    setBusy(false);
    if (ok) setPicking(false);
  };

  return (
    <>
      <tr
        className={`contract-row${port ? '' : ' is-unattached'}${picking ? ' is-picking' : ''}`}
        data-testid="contract-row"
        data-id={contract.id}
        data-contract-id={contract.contractId}
        data-port-id={port?.id ?? ''}
      >
        <td className="mono contract-row__id" title={contract.contractId}>
          {contract.contractId}
        </td>
        <td className="contract-row__name" title={contract.name ?? ''}>
          {contract.name ?? <span className="muted">—</span>}
        </td>
        <td className="mono">{contract.version ?? <span className="muted">—</span>}</td>
        <td>
          <span className={`format-pill format-pill--${contract.format}`} title={FORMAT_TITLE[contract.format]}>
            {FORMAT_LABEL[contract.format]}
          </span>
        </td>
        <td className="contract-row__port" data-testid="contract-attached">
          {port ? (
            <button
              type="button"
              className="ref-item contract-row__portref"
              title="Select the port on the canvas"
              onClick={() => {
                select([{ kind: 'outputPort', id: port.id }]);
                canvasControls.reveal(port.productId);
              }}
            >
              <span className="mono">{portLabel(product, port)}</span>
              <span className="muted">v{port.version}</span>
            </button>
          ) : (
            <span className="unattached-pill" title="No output port references this contract">
              unattached
            </span>
          )}
        </td>
        <td className="contract-row__actions">
          <button
            type="button"
            className="button button--small"
            data-testid="contract-attach"
            disabled={busy || picking}
            onClick={() => setPicking(true)}
          >
            {port ? 'Move to…' : 'Attach to…'}
          </button>
          {port && (
            <button
              type="button"
              className="button button--small"
              data-testid="contract-detach"
              disabled={busy}
              onClick={() => void send(null)}
            >
              Detach
            </button>
          )}
          {error && (
            <div className="contract-row__error" data-testid="contract-error" role="alert">
              {error}
            </div>
          )}
        </td>
      </tr>
      {picking && (
        <tr className="contract-row__picker">
          <td colSpan={6}>
            <PortPicker choices={choices} onPick={(id) => void send(id)} onCancel={() => setPicking(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

export function ContractsPanel() {
  const model = useMeshStore((s) => s.model);
  const [unattachedOnly, setUnattachedOnly] = useState(false);
  // Only contracts, ports and products matter: a move or a rename elsewhere keeps the lists.
  const { contracts, outputPorts, products } = model;
  const rows = useMemo(() => contractRows({ contracts, outputPorts, products }), [contracts, outputPorts, products]);
  const choices = useMemo(() => portChoices({ outputPorts, products }), [outputPorts, products]);
  const unattached = rows.filter((r) => r.port === null).length;
  const shown = unattachedOnly ? rows.filter((r) => r.port === null) : rows;
  return (
    <section className="contracts" data-testid="contracts-panel" aria-label="Contracts">
      <header className="contracts__head">
        <h2 className="contracts__title">Contracts</h2>
        <span className="contracts__summary" data-testid="contracts-summary" data-count={rows.length} data-unattached={unattached}>
          {plural(rows.length, 'contract')} kept
          {unattached > 0 && <span className="warn"> · {unattached.toLocaleString('en')} unattached</span>}
        </span>
        <label className="problems__check">
          <input
            type="checkbox"
            data-testid="contracts-unattached-only"
            checked={unattachedOnly}
            onChange={(e) => setUnattachedOnly(e.target.checked)}
          />
          unattached only
        </label>
        <span className="problems__spacer" />
        <button
          type="button"
          className="button button--small"
          data-testid="close-contracts"
          aria-label="Close Contracts"
          onClick={() => useUiStore.getState().toggleContracts(false)}
        >
          ✕
        </button>
      </header>
      <div className="contracts__scroll">
        {rows.length === 0 ? (
          <p className="contracts__empty" data-testid="no-contracts">
            No contract kept. Contracts imported on their own (ODCS or Data Contract Specification files, File &gt; Import…) are listed here
            to attach to an output port.
          </p>
        ) : (
          <table className="contracts__table">
            <thead>
              <tr>
                <th scope="col">Contract</th>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Format</th>
                <th scope="col">Attached to</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, MAX_ROWS).map((r) => (
                <ContractRowView key={r.contract.id} row={r} choices={choices} />
              ))}
              {shown.length > MAX_ROWS && (
                <tr>
                  <td colSpan={6} className="contracts__empty">
                    {plural(shown.length - MAX_ROWS, 'more contract')}.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
