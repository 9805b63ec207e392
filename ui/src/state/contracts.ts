// What the Contracts panel shows, derived from the model: one row per kept contract with
// the port it is attached to, the output ports it can be attached to (product / port),
// filtered as the user types, and the edit that attaches or detaches it. Pure functions
// only: the core decides what attaching does (it also points the port at the contract).
import type { Contract, ContractFormat, DataProduct, EditOp, OutputPort } from '../bindings';
import type { MeshModel } from './model';

export const FORMAT_LABEL: Record<ContractFormat, string> = {
  odcs: 'ODCS',
  dcs: 'DCS',
};

/** What the Format column says about the standard, in full, for its tooltip. */
export const FORMAT_TITLE: Record<ContractFormat, string> = {
  odcs: 'Open Data Contract Standard',
  dcs: 'Data Contract Specification',
};

export interface ContractRow {
  contract: Contract;
  /** The port it is attached to; null while unattached (or when the port is gone). */
  port: OutputPort | null;
  product: DataProduct | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every kept contract with its port, unattached first, then by contract id and version. */
export function contractRows(model: Pick<MeshModel, 'contracts' | 'outputPorts' | 'products'>): ContractRow[] {
  const rows: ContractRow[] = [];
  for (const contract of model.contracts.values()) {
    const port = contract.outputPortId ? (model.outputPorts.get(contract.outputPortId) ?? null) : null;
    const product = port ? (model.products.get(port.productId) ?? null) : null;
    rows.push({ contract, port, product });
  }
  return rows.sort(
    (a, b) =>
      Number(a.port !== null) - Number(b.port !== null) ||
      byText(a.contract.contractId, b.contract.contractId) ||
      byText(a.contract.version ?? '', b.contract.version ?? ''),
  );
}

/** `product / port`, how a port is named where the product is not obvious. */
export function portLabel(product: DataProduct | null | undefined, port: OutputPort): string {
  return `${product?.name ?? '?'} / ${port.name}`;
}

export interface PortChoice {
  id: string;
  productId: string;
  /** `product / port`. */
  label: string;
  version: string;
  /** Lower-case text the filter matches: names, titles and version. */
  search: string;
}

/** Every output port, by product then port name. */
export function portChoices(model: Pick<MeshModel, 'outputPorts' | 'products'>): PortChoice[] {
  const choices: PortChoice[] = [];
  for (const port of model.outputPorts.values()) {
    const product = model.products.get(port.productId);
    const label = portLabel(product, port);
    choices.push({
      id: port.id,
      productId: port.productId,
      label,
      version: port.version,
      search: `${label} ${product?.displayName ?? ''} ${port.version}`.toLowerCase(),
    });
  }
  return choices.sort((a, b) => byText(a.label, b.label) || byText(a.version, b.version));
}

/**
 * The choices whose text holds every word typed, at most `limit` of them, and how many
 * more matched: a 2,000-product mesh has thousands of ports.
 */
export function filterChoices(choices: readonly PortChoice[], text: string, limit: number): { shown: PortChoice[]; more: number } {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const shown: PortChoice[] = [];
  let more = 0;
  for (const c of choices) {
    if (!words.every((w) => c.search.includes(w))) continue;
    if (shown.length < limit) shown.push(c);
    else more += 1;
  }
  return { shown, more };
}

/** The edit that attaches `contract` to a port, or detaches it with null. */
export function attachOp(contract: Contract, outputPortId: string | null): EditOp {
  return { op: 'saveContract', value: { ...contract, outputPortId } };
}

/** The contract as the history names it: its id, with its version when it has one. */
export function contractName(contract: Contract): string {
  return contract.version ? `${contract.contractId} v${contract.version}` : contract.contractId;
}
