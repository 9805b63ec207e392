// The Table view's own memory across view switches: the open tab and the domain new
// products went to last (a default for the next new row). Not saved, not the mesh.
import { create } from 'zustand';
import type { SheetKind } from '../../bindings';

interface TableState {
  tab: SheetKind;
  lastDomain: string | null;
  setTab(tab: SheetKind): void;
  setLastDomain(id: string | null): void;
}

export const useTableStore = create<TableState>((set) => ({
  tab: 'products',
  lastDomain: null,
  setTab: (tab) => set((s) => (s.tab === tab ? s : { tab })),
  setLastDomain: (lastDomain) => set({ lastDomain }),
}));
