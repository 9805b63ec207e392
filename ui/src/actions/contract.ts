// The contract editor's writes: each change to an output port's contract body is one
// undoable `saveOutputPort` edit the core validates; a refusal is kept for the grid to
// show at its cell. A paste is read by the core (a column list or CREATE TABLE) and
// merged in as one edit.
import { backend } from '../lib/backend';
import type { ContractBody, OutputPort, Pasted } from '../bindings';
import { useContractEditorStore } from '../state/contractEditorStore';
import { edit, errorOf } from './editing';

const editor = () => useContractEditorStore.getState();

/** Saves `body` as `port`'s contract body; `label` names the edit in the history. */
export async function saveBody(port: OutputPort, body: ContractBody, label: string): Promise<boolean> {
  const ok = await edit([{ op: 'saveOutputPort', value: { ...port, contractBody: body } }], label, {
    onError: (error) => editor().setError(error.message),
  });
  if (ok) editor().setError(null);
  return ok;
}

/** What `text` holds, or null with the core's reason (its line and column) shown. */
export async function readPaste(text: string): Promise<Pasted | null> {
  try {
    return await backend.readContractPaste(text);
  } catch (e) {
    editor().setError(errorOf(e).message);
    return null;
  }
}
