// The rows of a sheet: TanStack Virtual draws only the visible ones (every row the same
// height), each cell with its text, its problem mark, and the editor in the active one;
// it keeps the active cell in view. It owns the scrolling box (the virtualizer needs it
// in place before its first layout), so scrolling re-renders this component alone; the
// column header comes from ./SheetGrid.tsx, which holds the grid's state.
import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DisplayRow } from './cells';
import type { SheetColumn } from './columns';
import type { CellMarks } from './problems';

const ROW_HEIGHT = 30;
/** The column header (label and filter field), in pixels; table.css sets the same. */
const HEADER_HEIGHT = 58;

/** A problem shown at one cell: its row (null: the empty row) and column. */
export interface CellError {
  rowId: string | null;
  column: string;
  message: string;
}

export function SheetBody({
  header,
  columns,
  rows,
  newRow,
  placeholder,
  activeIndex,
  activeCol,
  editor,
  selectedIds,
  marks,
  cellError,
  onCellDown,
  onCellEdit,
}: {
  /** The column header, sticky at the top of the scrolling box. */
  header: ReactNode;
  columns: readonly SheetColumn[];
  rows: readonly DisplayRow[];
  /** The cells typed into the empty row so far. */
  newRow: Readonly<Record<string, string>>;
  placeholder: string;
  /** The active row's index; `rows.length` is the empty row. */
  activeIndex: number;
  activeCol: number;
  editor: ReactNode;
  selectedIds: ReadonlySet<string>;
  marks: CellMarks;
  cellError: CellError | null;
  onCellDown(rowId: string | null, col: number, shift: boolean): void;
  onCellEdit(rowId: string | null, col: number): void;
}) {
  const n = rows.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: n + 1,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The rows start below the header, which stays over them while scrolling.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Keep the active cell in view, across and down.
  useLayoutEffect(() => {
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    const scroller = scrollRef.current;
    if (!scroller) return;
    let left = 0;
    for (let i = 0; i < activeCol; i++) left += columns[i]!.width;
    const width = columns[activeCol]?.width ?? 0;
    if (left < scroller.scrollLeft) scroller.scrollLeft = left;
    else if (left + width > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = left + width - scroller.clientWidth;
  }, [activeIndex, activeCol, virtualizer, columns]);

  const totalWidth = columns.reduce((w, c) => w + c.width, 0);
  return (
    <div className="sheet__scroll" ref={scrollRef}>
      {header}
      <div
        className="sheet__body"
        style={{ height: virtualizer.getTotalSize(), width: totalWidth }}
        // One listener for every cell, so a scrolled-in row costs no handlers.
        onMouseDown={(e) => {
          const at = cellAt(e.target);
          if (!at || (e.target as HTMLElement).closest('.sheet-editor')) return;
          e.preventDefault();
          onCellDown(at.rowId, at.col, e.shiftKey);
        }}
        onDoubleClick={(e) => {
          const at = cellAt(e.target);
          if (at && !(e.target as HTMLElement).closest('.sheet-editor')) onCellEdit(at.rowId, at.col);
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = item.index < n ? rows[item.index]! : null;
          const rowId = row?.id ?? null;
          const active = item.index === activeIndex;
          return (
            <SheetRow
              key={rowId ?? '\u0000new'}
              columns={columns}
              cells={row ? row.cells : newRow}
              rowId={rowId}
              top={item.start - HEADER_HEIGHT}
              placeholder={row ? null : placeholder}
              selected={rowId !== null && selectedIds.has(rowId)}
              activeCol={active ? activeCol : -1}
              editor={active ? editor : null}
              marks={rowId === null ? undefined : marks.get(rowId)}
              error={cellError && cellError.rowId === rowId ? cellError : null}
            />
          );
        })}
      </div>
    </div>
  );
}

/** The row (null: the empty row) and column of the cell an event happened in. */
function cellAt(target: EventTarget): { rowId: string | null; col: number } | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>('[data-col]') : null;
  const row = cell?.closest<HTMLElement>('[role=row]');
  if (!cell || !row) return null;
  return { rowId: row.dataset.id ?? null, col: Number(cell.dataset.col) };
}

const SheetRow = memo(function SheetRow({
  columns,
  cells,
  rowId,
  top,
  placeholder,
  selected,
  activeCol,
  editor,
  marks,
  error,
}: {
  columns: readonly SheetColumn[];
  cells: Readonly<Record<string, string>>;
  rowId: string | null;
  top: number;
  placeholder: string | null;
  selected: boolean;
  activeCol: number;
  editor: ReactNode;
  marks: ReadonlyMap<string, string> | undefined;
  error: CellError | null;
}) {
  const isNew = rowId === null;
  return (
    <div
      className={`sheet__row${selected ? ' is-selected' : ''}${isNew ? ' sheet__row--new' : ''}${activeCol >= 0 || error ? ' is-raised' : ''}`}
      role="row"
      data-testid={isNew ? 'table-new-row' : 'table-row'}
      data-id={rowId ?? undefined}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      {columns.map((c, i) => {
        const active = i === activeCol;
        const problem = marks?.get(c.key) ?? (error?.column === c.key ? error.message : undefined);
        const text = cells[c.key] ?? '';
        return (
          <div
            key={c.key}
            role="gridcell"
            className={`sheet__cell${active ? ' is-active' : ''}${problem ? ' has-problem' : ''}${error?.column === c.key ? ' has-error' : ''}`}
            data-testid={`cell-${c.key}`}
            data-problem={problem}
            title={problem ?? (text || undefined)}
            style={{ width: c.width }}
            aria-selected={active}
            data-col={i}
          >
            {active && editor ? editor : text || (i === 0 && placeholder ? <span className="muted">{placeholder}</span> : null)}
            {error?.column === c.key && (
              <div className="sheet__error" role="alert" data-testid="cell-error">
                {error.message}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
});
