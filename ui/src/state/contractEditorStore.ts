// The contract editor of one window: whether it is shown for the selected output port,
// which of the contract's objects it shows, and the core's last refusal (kept until the
// next change succeeds), so the grid can mark the cell it names.
import { create } from 'zustand';

interface ContractEditorState {
  /** Closed by the user; opened again from the port's inspector. */
  hidden: boolean;
  /** The object shown, by index in the contract's schema. */
  object: number;
  /** The core's refusal of the last change, if it was refused. */
  error: string | null;
  setHidden(hidden: boolean): void;
  setObject(object: number): void;
  setError(error: string | null): void;
}

export const useContractEditorStore = create<ContractEditorState>()((set) => ({
  hidden: false,
  object: 0,
  error: null,
  setHidden: (hidden) => set({ hidden }),
  setObject: (object) => set({ object, error: null }),
  setError: (error) => set({ error }),
}));
