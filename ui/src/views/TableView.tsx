// The Table view: the mesh as a spreadsheet, one tab per kind of entity (data products,
// output ports, teams, domains), for typing a room's answers at speed. Each tab is a
// ./table/SheetGrid; the tab follows the selection when it is changed in another view.
import { useEffect } from 'react';
import { useMeshStore, primarySelection } from '../state/meshStore';
import { SHEETS, sheetForEntity, sheetOf } from './table/columns';
import { SheetGrid } from './table/SheetGrid';
import { useTableStore } from './table/tableStore';

export function TableView() {
  const tab = useTableStore((s) => s.tab);
  const selection = useMeshStore((s) => s.selection);
  const model = useMeshStore((s) => s.model);
  const counts = {
    products: model.products.size,
    ports: model.outputPorts.size,
    teams: model.teams.size,
    domains: model.domains.size,
  };

  useEffect(() => {
    const primary = primarySelection(selection);
    const sheet = primary ? sheetForEntity(primary.kind) : null;
    if (sheet) useTableStore.getState().setTab(sheet.kind);
  }, [selection]);

  const switchSheet = (step: 1 | -1) => {
    const at = SHEETS.findIndex((s) => s.kind === useTableStore.getState().tab);
    useTableStore.getState().setTab(SHEETS[(at + step + SHEETS.length) % SHEETS.length]!.kind);
  };

  return (
    <main className="main-view table-view" data-testid="table-view" aria-label="Table">
      <div className="table-tabs" role="tablist" aria-label="Sheets">
        {SHEETS.map((s) => (
          <button
            key={s.kind}
            type="button"
            role="tab"
            className={`table-tabs__tab${s.kind === tab ? ' is-active' : ''}`}
            data-testid={`table-tab-${s.kind}`}
            aria-selected={s.kind === tab}
            onClick={() => useTableStore.getState().setTab(s.kind)}
          >
            {s.label} <span className="table-tabs__count">{counts[s.kind]}</span>
          </button>
        ))}
      </div>
      <SheetGrid key={tab} sheet={sheetOf(tab)} onSwitchSheet={switchSheet} />
    </main>
  );
}
