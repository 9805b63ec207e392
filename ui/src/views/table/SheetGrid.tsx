// One sheet of the Table view: the entities of one kind as a spreadsheet. TanStack
// Table sorts and filters the rows, ./SheetBody.tsx draws only the visible ones, and
// ./keys.ts decides what each key does. Edits, new rows and pastes go to the core
// through ../../actions/sheet.ts; the rows shown are always the model's, so an edit
// from any view shows here at once. The active row is the selection every view shares.
// It decides nothing about values: the core's problems are shown at their cells.
import { useFilterStore } from '../../state/filterStore';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  rowSortingFeature,
  sortFn_alphanumeric,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import type { CellProblem, EntityKind, SheetEdit } from '../../bindings';
import { useMeshStore, primarySelection } from '../../state/meshStore';
import type { MeshModel } from '../../state/model';
import type { SelectedRef } from '../../state/selection';
import { applySheet, createdId, pasteSheet } from '../../actions/sheet';
import { CellEditor } from './CellEditor';
import { defaultDomain, displayRows, referenceNames, type DisplayRow } from './cells';
import { copyOnThisKey, pasteOnThisKey } from './clipboard';
import { SHEETS, type Sheet } from './columns';
import { SheetBody, type CellError } from './SheetBody';
import { pressKey, rowRange, type GridEffect, type GridState, type KeyPress } from './keys';
import { createOffer, onlyMissing, pasteMarks, pasteProblemText, pastedValue, referenceNoun, type CellMarks } from './problems';
import { formatTsv, parseTsv } from './tsv';
import { useTableStore } from './tableStore';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric },
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
});

// Built once per sheet so the table keeps its column state across renders.
const COLUMN_DEFS = new Map(
  SHEETS.map((sheet) => [
    sheet.kind,
    sheet.columns.map((c) => ({
      id: c.key,
      header: c.label,
      accessorFn: (row: DisplayRow) => row.cells[c.key] ?? '',
      sortFn: 'alphanumeric' as const,
      filterFn: 'includesString' as const,
    })),
  ]),
);

// Stable, like the features and columns: a new function each render would rebuild the
// row model each render.
const rowIdOf = (row: DisplayRow) => row.id;

const ENTITY_KIND: Record<Sheet['entity'], EntityKind> = {
  product: 'product',
  outputPort: 'outputPort',
  team: 'team',
  domain: 'domain',
  inputPort: 'inputPort',
};

/** The active cell by row id (null: the empty row), so it stays put when rows move. */
interface Cursor {
  rowId: string | null;
  col: number;
  editing: boolean;
  draft: string;
  anchorId: string | null;
  tabStart: number | null;
}

/** The strip above the grid: paste problems, and the offer to create what is missing. */
interface Strip {
  lines: string[];
  offer: { label: string; confirm(): void } | null;
}

function selectedDomain(model: MeshModel, selection: readonly SelectedRef[]): string | null {
  const primary = primarySelection(selection);
  if (primary?.kind === 'domain') return primary.id;
  if (primary?.kind === 'product') return model.products.get(primary.id)?.domainId ?? null;
  return null;
}

export function SheetGrid({ sheet, onSwitchSheet }: { sheet: Sheet; onSwitchSheet(step: 1 | -1): void }) {
  const model = useMeshStore((s) => s.model);
  const selection = useMeshStore((s) => s.selection);
  const products = useFilterStore((s) => s.products);
  const domains = useFilterStore((s) => s.domains);
  const data = useMemo(
    () => displayRows(model, sheet.kind, { products, domains }),
    // The rows depend on these collections only; a position change rebuilds nothing.
    [sheet.kind, model.products, model.domains, model.teams, model.outputPorts, products, domains],
  );
  const columns = COLUMN_DEFS.get(sheet.kind)!;
  const table = useTable({ features, columns, data, getRowId: rowIdOf });
  const rows = table.getRowModel().rows;
  const shown = useMemo(() => rows.map((r) => r.original), [rows]);
  const indexOf = useMemo(() => new Map(shown.map((r, i) => [r.id, i])), [shown]);
  const n = shown.length;

  const [cursor, setCursorState] = useState<Cursor>(() => {
    const primary = primarySelection(useMeshStore.getState().selection);
    const rowId = primary?.kind === sheet.entity && indexOf.has(primary.id) ? primary.id : (shown[0]?.id ?? null);
    return { rowId, col: 0, editing: false, draft: '', anchorId: null, tabStart: null };
  });
  // The cursor as of the last change, not the last render: keys typed before React
  // renders (or while a new row is being created) must see every move already made.
  const cursorRef = useRef(cursor);
  const setCursor = (next: Cursor | ((c: Cursor) => Cursor)) => {
    const value = typeof next === 'function' ? next(cursorRef.current) : next;
    cursorRef.current = value;
    setCursorState(value);
  };
  const [newRow, setNewRow] = useState<Record<string, string>>({});
  const newRowRef = useRef(newRow);
  newRowRef.current = newRow;
  const [cellError, setCellError] = useState<CellError | null>(null);
  const [marks, setMarks] = useState<CellMarks>(new Map());
  const [strip, setStrip] = useState<Strip | null>(null);
  // The entity a Tab from the empty row is creating; the cursor follows it.
  const creating = useRef<Promise<string | null> | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const rowIndex = (rowId: string | null) => (rowId === null ? n : (indexOf.get(rowId) ?? n));
  const activeIndex = rowIndex(cursor.rowId);

  const toGrid = (c: Cursor): GridState => ({
    row: rowIndex(c.rowId),
    col: c.col,
    editing: c.editing,
    draft: c.draft,
    anchor: c.anchorId === null ? null : (indexOf.get(c.anchorId) ?? null),
    tabStart: c.tabStart,
  });
  const fromGrid = (g: GridState): Cursor => ({
    rowId: g.row < n ? shown[g.row]!.id : null,
    col: g.col,
    editing: g.editing,
    draft: g.draft,
    anchorId: g.anchor === null || g.anchor >= n ? null : shown[g.anchor]!.id,
    tabStart: g.tabStart,
  });
  const valueAt = (row: number, col: number): string => {
    const key = sheet.columns[col]!.key;
    return row < n ? (shown[row]!.cells[key] ?? '') : (newRowRef.current[key] ?? '');
  };

  /** Moves the cursor; a move by the user selects the row(s) it is on. */
  const place = (next: Cursor, select: boolean) => {
    setCursor(next);
    if (!select) return;
    const range = rowRange(toGrid(next), n);
    const refs: SelectedRef[] = [];
    if (range) for (let i = range[0]; i <= range[1]; i++) refs.push({ kind: sheet.entity, id: shown[i]!.id });
    useMeshStore.getState().select(refs);
  };

  // The selection changed elsewhere (canvas, inspector, palette): show that row. Only a
  // new selection moves the cursor; new rows arriving while typing do not.
  const indexRef = useRef(indexOf);
  indexRef.current = indexOf;
  useEffect(() => {
    const primary = primarySelection(selection);
    if (primary?.kind !== sheet.entity || !indexRef.current.has(primary.id)) return;
    setCursor((c) => (c.rowId === primary.id ? c : { ...c, rowId: primary.id, editing: false, draft: '', anchorId: null, tabStart: null }));
  }, [selection, sheet.entity]);

  useEffect(() => {
    gridRef.current?.focus({ preventScroll: true });
  }, []);

  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });

  const defaultDomainNow = (): string | null => {
    if (sheet.kind !== 'products') return null;
    const { model, selection: sel } = useMeshStore.getState();
    return defaultDomain(model, shown[n - 1]?.id ?? null, useTableStore.getState().lastDomain, selectedDomain(model, sel));
  };

  const rememberDomain = (productId: string | null) => {
    const domainId = productId ? useMeshStore.getState().model.products.get(productId)?.domainId : undefined;
    if (domainId) useTableStore.getState().setLastDomain(domainId);
  };

  /** Shows a refused cell edit at its cell, offering to create a missing reference. */
  const refused = (problems: CellProblem[], at: { rowId: string | null; column: string; value: string }, retry: () => void) => {
    const problem = problems.find((p) => p.column !== null) ?? problems[0]!;
    const column = problem.column ?? at.column;
    const message = problems.map((p) => p.message).join('; ');
    setCellError({ rowId: at.rowId, column, message });
    const col = Math.max(
      0,
      sheet.columns.findIndex((c) => c.key === column),
    );
    // The cursor moved on when the edit was sent; the refused row is the selection again
    // (after the cursor is back on it, so following the selection changes nothing).
    const reselect = () => {
      if (at.rowId !== null) useMeshStore.getState().select([{ kind: sheet.entity, id: at.rowId }]);
    };
    if (onlyMissing(problems)) {
      const colDef = sheet.columns[col];
      const value = at.rowId === null ? (newRowRef.current[column] ?? at.value) : at.value;
      setStrip({ lines: [], offer: { label: `${createOffer([{ noun: referenceNoun(colDef), value }])}?`, confirm: retry } });
      setCursor((c) => ({ ...c, rowId: at.rowId, col, editing: false, draft: '' }));
      reselect();
      return;
    }
    // Back to the cell with the text as typed, to fix it.
    const draft = at.rowId === null ? (newRowRef.current[column] ?? '') : column === at.column ? at.value : '';
    setCursor((c) => ({ ...c, rowId: at.rowId, col, editing: true, draft }));
    reselect();
  };

  const clearProblems = () => {
    setCellError(null);
    setStrip(null);
    setMarks(new Map());
  };

  const commitNewRow = (column: string, value: string, follow: boolean) => {
    const cells = { ...newRowRef.current, [column]: value };
    newRowRef.current = {};
    setNewRow({});
    const first = cells[sheet.columns[0]!.key] ?? '';
    const build = (createMissing: boolean): SheetEdit => ({
      kind: sheet.kind,
      rows: [{ id: null, cells }],
      createMissing,
      defaultDomain: defaultDomainNow(),
    });
    const send = (createMissing: boolean): Promise<string | null> =>
      applySheet(build(createMissing)).then((outcome) => {
        if (!outcome.applied) {
          newRowRef.current = cells;
          setNewRow(cells);
          refused(outcome.problems, { rowId: null, column, value }, () => {
            setStrip(null);
            void send(true).then(() => focusGrid());
          });
          return null;
        }
        clearProblems();
        const id = createdId(outcome.applied, ENTITY_KIND[sheet.entity], first);
        rememberDomain(sheet.kind === 'products' ? id : null);
        return id;
      });
    const created = send(false);
    if (!follow) return;
    creating.current = created;
    void created.then((id) => {
      if (creating.current === created) creating.current = null;
      // Follow the new entity along its row, unless the user left the run of Tabs.
      if (id) setCursor((c) => (c.rowId === null && c.tabStart !== null ? { ...c, rowId: id } : c));
    });
  };

  const commitCell = (rowId: string, column: string, value: string) => {
    const send = (createMissing: boolean) =>
      applySheet({
        kind: sheet.kind,
        rows: [{ id: rowId, cells: { [column]: value } }],
        createMissing,
        defaultDomain: null,
      }).then((outcome) => {
        if (outcome.applied) {
          clearProblems();
          if (sheet.kind === 'products' && column === 'domain') rememberDomain(rowId);
          return;
        }
        refused(outcome.problems, { rowId, column, value }, () => {
          setStrip(null);
          void send(true).then(() => focusGrid());
        });
      });
    void send(false);
  };

  const runCommit = (effect: Extract<GridEffect, { kind: 'commit' }>) => {
    const column = sheet.columns[effect.col]!.key;
    setCellError(null);
    if (effect.row < n) {
      commitCell(shown[effect.row]!.id, column, effect.value);
      return;
    }
    // A cell of the row a Tab is still creating belongs to that new entity.
    const pending = creating.current;
    if (pending) {
      void pending.then((id) => (id ? commitCell(id, column, effect.value) : undefined));
      return;
    }
    commitNewRow(column, effect.value, effect.follow);
  };

  /** The rows Ctrl+C copies: the selected ones in display order, else the active one. */
  const copyText = (): string => {
    const selected = new Set(
      useMeshStore
        .getState()
        .selection.filter((r) => r.kind === sheet.entity)
        .map((r) => r.id),
    );
    let picked = shown.filter((r) => selected.has(r.id));
    if (picked.length === 0 && activeIndex < n) picked = [shown[activeIndex]!];
    return formatTsv([sheet.columns.map((c) => c.label), ...picked.map((r) => sheet.columns.map((c) => r.cells[c.key] ?? ''))]);
  };

  const paste = (text: string) => {
    const read = parseTsv(text);
    if ('problem' in read) {
      setStrip({ lines: [read.problem.message], offer: null });
      return;
    }
    const grid = read.grid;
    const startColumn = sheet.columns[cursorRef.current.col]!.key;
    const from = rowIndex(cursorRef.current.rowId);
    const targetRows = shown.slice(from).map((r) => r.id);
    const send = (createMissing: boolean) =>
      pasteSheet({ kind: sheet.kind, grid, startColumn, targetRows, createMissing, defaultDomain: defaultDomainNow() }).then((outcome) => {
        if (outcome.applied) {
          clearProblems();
          return;
        }
        const problems = outcome.problems;
        setMarks(pasteMarks(problems, grid, targetRows, sheet.columns));
        const offer = onlyMissing(problems)
          ? {
              label: `${createOffer(
                problems.map((p) => ({
                  noun: referenceNoun(sheet.columns.find((c) => c.key === p.column)),
                  value: pastedValue(p, grid, sheet.columns, startColumn),
                })),
              )}?`,
              confirm: () => {
                setStrip(null);
                void send(true).then(() => focusGrid());
              },
            }
          : null;
        setStrip({ lines: problems.map((p) => pasteProblemText(p, sheet.columns)), offer });
      });
    void send(false);
  };

  const onKey = (e: KeyboardEvent<HTMLElement>, taken?: string) => {
    const c = cursorRef.current;
    // Ctrl+Page Up / Page Down go to the previous / next sheet, as in spreadsheets.
    if ((e.ctrlKey || e.metaKey) && (e.key === 'PageUp' || e.key === 'PageDown')) {
      e.preventDefault();
      e.stopPropagation();
      onSwitchSheet(e.key === 'PageDown' ? 1 : -1);
      return;
    }
    const press: KeyPress = { key: e.key, shift: e.shiftKey, mod: e.ctrlKey || e.metaKey, alt: e.altKey };
    const state = toGrid(taken === undefined ? c : { ...c, draft: taken });
    const result = pressKey(state, press, { rows: n, cols: sheet.columns.length, page: 15 }, valueAt);
    if (!result) return;
    e.stopPropagation();
    if (!result.native) e.preventDefault();
    const next = fromGrid(result.state);
    const moved = next.rowId !== c.rowId || next.anchorId !== c.anchorId;
    place(next, moved && next.rowId !== null);
    if (!next.editing && c.editing) focusGrid();
    const effect = result.effect;
    if (!effect) return;
    if (effect.kind === 'commit') runCommit(effect);
    else if (effect.kind === 'copy' && gridRef.current) copyOnThisKey(copyText(), gridRef.current);
    else if (effect.kind === 'paste' && gridRef.current) pasteOnThisKey(gridRef.current, paste);
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a column filter are that field's.
    if (e.target !== gridRef.current) return;
    onKey(e);
  };

  const onCellDown = (rowId: string | null, col: number, shift: boolean) => {
    const c = cursorRef.current;
    // A click elsewhere stores the cell being edited, as Tab would.
    if (c.editing) {
      const row = rowIndex(c.rowId);
      const unchanged = row === n ? c.draft.trim() === '' : c.draft === valueAt(row, c.col);
      if (!unchanged) runCommit({ kind: 'commit', row, col: c.col, value: c.draft, follow: false });
    }
    const anchorId = shift && rowId !== null ? (c.anchorId ?? c.rowId) : null;
    place({ rowId, col, editing: false, draft: '', anchorId, tabStart: null }, rowId !== null);
    focusGrid();
  };

  const onCellEdit = (rowId: string | null, col: number) => {
    const key = sheet.columns[col]!.key;
    const row = rowId === null ? newRowRef.current : shown[indexOf.get(rowId) ?? -1]?.cells;
    setCursor((c) => ({ ...c, rowId, col, editing: true, draft: row?.[key] ?? '' }));
  };

  const activeColumn = sheet.columns[cursor.col];
  const completion = activeColumn?.completion;
  const options = useMemo(
    () => (!completion ? [] : completion.from === 'words' ? [...completion.words] : referenceNames(model, completion.from)),
    [completion, model],
  );

  const selectedIds = useMemo(() => new Set(selection.filter((r) => r.kind === sheet.entity).map((r) => r.id)), [selection, sheet.entity]);
  const editor = cursor.editing ? (
    <CellEditor
      draft={cursor.draft}
      options={options}
      onDraft={(draft) => setCursor((c) => ({ ...c, draft }))}
      onKey={(e, taken) => onKey(e, taken)}
    />
  ) : null;

  const totalWidth = sheet.columns.reduce((w, c) => w + c.width, 0);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  const columnHeader = (
    <div className="sheet__head" role="row" style={{ width: totalWidth }}>
      {headers.map((h, i) => {
        const column = h.column;
        const sorted = column.getIsSorted();
        const col = sheet.columns[i]!;
        return (
          <div
            key={h.id}
            className="sheet__th"
            role="columnheader"
            style={{ width: col.width }}
            aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button
              type="button"
              className="sheet__sort"
              data-testid={`sort-${col.key}`}
              tabIndex={-1}
              onClick={column.getToggleSortingHandler()}
              title={`Sort by ${col.label}`}
            >
              {col.label}
              <span className="sheet__sort-mark">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
            </button>
            <input
              className="sheet__filter"
              data-testid={`filter-${col.key}`}
              placeholder="Filter"
              aria-label={`Filter ${col.label}`}
              value={(column.getFilterValue() as string | undefined) ?? ''}
              onChange={(e) => column.setFilterValue(e.target.value || undefined)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' || e.key === 'Enter') focusGrid();
              }}
            />
          </div>
        );
      })}
    </div>
  );

  return (
    <div className="sheet-wrap">
      {strip && (strip.lines.length > 0 || strip.offer) && (
        <div className="sheet-strip" role="alert" data-testid="paste-problems">
          {strip.lines.map((line, i) => (
            <div key={i} className="sheet-strip__line" data-testid="paste-problem">
              {line}
            </div>
          ))}
          {strip.offer && (
            <div className="sheet-strip__offer">
              <button
                type="button"
                className="button button--primary button--small"
                data-testid="cell-create-missing"
                autoFocus
                onClick={strip.offer.confirm}
                onKeyDown={(e) => {
                  e.stopPropagation();
                  if (e.key === 'Escape') {
                    setStrip(null);
                    focusGrid();
                  }
                }}
              >
                {strip.offer.label}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setStrip(null);
                  setCellError(null);
                  focusGrid();
                }}
              >
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
      <div
        ref={gridRef}
        className="sheet"
        data-testid="table-grid"
        data-kind={sheet.kind}
        data-rows={n}
        role="grid"
        aria-label={sheet.label}
        aria-rowcount={n + 2}
        tabIndex={0}
        onKeyDown={onGridKey}
      >
        <SheetBody
          header={columnHeader}
          columns={sheet.columns}
          rows={shown}
          newRow={newRow}
          placeholder={`New ${sheet.noun}…`}
          activeIndex={activeIndex}
          activeCol={cursor.col}
          editor={editor}
          selectedIds={selectedIds}
          marks={marks}
          cellError={cellError}
          onCellDown={onCellDown}
          onCellEdit={onCellEdit}
        />
      </div>
      <div className="sheet-hint muted">
        Enter or typing edits · Enter stores and moves down · Tab moves right · Esc cancels · Ctrl+C / Ctrl+V copy and paste rows ·
        Ctrl+PgUp / PgDn switch tabs
      </div>
    </div>
  );
}
