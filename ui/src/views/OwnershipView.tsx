// The Ownership view: teams as rows, domains as columns, each cell the number of data
// products the team owns there (the core's matrix, fetched again after every edit), the
// unowned row, totals, and each team's load marked past the policy's limits. A cell
// opens its products; a product dragged onto a team row (or moved from its menu) changes
// owner as one undoable edit. Counts and limits are the core's; nothing is decided here.
import { useFilterStore } from '../state/filterStore';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { DndContext, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import type { DataProduct, OwnershipMatrix, TeamLoad } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { loadMatrix, moveProduct } from '../actions/ownership';
import { cellProducts, loadHint, TEAM_TYPE_BADGE, type MatrixCellRef } from './ownership/cells';
import { TEAM_TYPE_OPTIONS } from '../panels/inspector/fields';

const UNOWNED = 'unowned';

/** A team row's height in pixels (ownership.css: `.matrix__cell` 34 px and its border). */
const ROW_HEIGHT = 35;

const TEAM_TYPE_LABEL = Object.fromEntries(TEAM_TYPE_OPTIONS) as Record<NonNullable<TeamLoad['teamType']>, string>;

/**
 * The matrix, fetched when the model changes (an edit, an undo, another file) or the
 * filter does (the core counts what the products view's filter shows). The last answer
 * is kept with the model and filter it was computed for, so coming back to the view with
 * both unchanged shows it at once instead of after a round trip to the core.
 */
let lastMatrix: { model: unknown; shown: unknown; matrix: OwnershipMatrix } | null = null;

function useMatrix(): OwnershipMatrix | null {
  const model = useMeshStore((s) => s.model);
  const shown = useFilterStore((s) => s.shown);
  const kept = () => (lastMatrix?.model === model && lastMatrix.shown === shown ? lastMatrix.matrix : null);
  const [matrix, setMatrix] = useState<OwnershipMatrix | null>(kept);
  useEffect(() => {
    const known = kept();
    if (known) {
      setMatrix(known);
      return;
    }
    let live = true;
    void loadMatrix().then((m) => {
      if (!m) return;
      lastMatrix = { model, shown, matrix: m };
      if (live) setMatrix(m);
    });
    return () => {
      live = false;
    };
  }, [model, shown]);
  return matrix;
}

function TeamRow({ team, matrix, open }: { team: TeamLoad; matrix: OwnershipMatrix; open: MatrixCellRef | null }) {
  const { setNodeRef, isOver } = useDroppable({ id: team.id });
  const selected = useMeshStore((s) => s.selection.some((r) => r.kind === 'team' && r.id === team.id));
  const hint = loadHint(team, matrix.limits);
  return (
    <tr
      ref={setNodeRef}
      className={`matrix__row${isOver ? ' is-drop-target' : ''}${selected ? ' is-selected' : ''}`}
      data-testid="matrix-row"
      data-team={team.name}
    >
      <th scope="row" className="matrix__team">
        <button
          type="button"
          className="matrix__team-name"
          title={`${team.title} (${team.name})`}
          onClick={() => useMeshStore.getState().select([{ kind: 'team', id: team.id }])}
        >
          {team.title}
        </button>
        {team.teamType && (
          <span
            className={`matrix__type is-${team.teamType}`}
            data-testid="matrix-team-type"
            title={`${TEAM_TYPE_LABEL[team.teamType]} team (Team Topologies); change it in the inspector`}
          >
            {TEAM_TYPE_BADGE[team.teamType]}
          </span>
        )}
      </th>
      <td
        className={`matrix__load${hint.over ? ' is-over' : ''}`}
        data-testid="matrix-load"
        data-over={team.over.join(' ')}
        title={hint.over ?? 'Within the policy’s limits (DM-OWN-005)'}
      >
        {hint.over && <span aria-hidden="true">⚠ </span>}
        {hint.text}
      </td>
      {matrix.domains.map((d) => {
        const n = team.counts[d.name] ?? 0;
        const isOpen = open?.teamId === team.id && open.domainId === d.id;
        // Plain cells, one click handler on the table: 6,400 buttons took seconds to mount.
        return (
          <td
            key={d.id}
            className={`matrix__cell${n === 0 ? ' is-empty' : ''}${isOpen ? ' is-open' : ''}`}
            data-testid="matrix-cell"
            data-team={team.name}
            data-domain={d.name}
            data-team-id={team.id}
            data-domain-id={d.id}
          >
            {n}
          </td>
        );
      })}
      <td className="matrix__total">{team.products}</td>
    </tr>
  );
}

/** The height of the team rows scrolled out of view, above or below the drawn ones. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="matrix__spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

function UnownedRow({ matrix, open }: { matrix: OwnershipMatrix; open: MatrixCellRef | null }) {
  const { setNodeRef, isOver } = useDroppable({ id: UNOWNED });
  return (
    <tr ref={setNodeRef} className={`matrix__row matrix__row--unowned${isOver ? ' is-drop-target' : ''}`} data-testid="matrix-unowned">
      <th scope="row" className="matrix__team">
        No owner
      </th>
      <td className="matrix__load" />
      {matrix.domains.map((d) => {
        const n = matrix.unowned.counts[d.name] ?? 0;
        const isOpen = open?.teamId === null && open.domainId === d.id;
        return (
          <td
            key={d.id}
            className={`matrix__cell${n === 0 ? ' is-empty' : ' is-unowned'}${isOpen ? ' is-open' : ''}`}
            data-testid="matrix-unowned-cell"
            data-domain={d.name}
            data-team-id=""
            data-domain-id={d.id}
          >
            {n}
          </td>
        );
      })}
      <td className="matrix__total">{matrix.unowned.products}</td>
    </tr>
  );
}

function ProductChip({ product, teams }: { product: DataProduct; teams: TeamLoad[] }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: product.id });
  const selected = useMeshStore((s) => s.selection.some((r) => r.kind === 'product' && r.id === product.id));
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : undefined;
  return (
    <li
      className={`matrix-product${isDragging ? ' is-dragging' : ''}${selected ? ' is-selected' : ''}`}
      data-testid="matrix-product"
      data-id={product.id}
      style={style}
    >
      <span
        ref={setNodeRef}
        className="matrix-product__handle"
        data-testid="matrix-product-handle"
        title="Drag onto a team's row to give it this product"
        {...listeners}
        {...attributes}
        onClick={() => useMeshStore.getState().select([{ kind: 'product', id: product.id }])}
      >
        ⠿ {product.displayName} <small>{product.name}</small>
      </span>
      <select
        className="input input--small"
        data-testid="matrix-move"
        aria-label={`Move ${product.displayName} to another team`}
        value={product.ownerTeamId ?? ''}
        onChange={(e) => void moveProduct(product.id, e.target.value === '' ? null : e.target.value)}
      >
        <option value="">No owner</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
    </li>
  );
}

export function OwnershipView() {
  const matrix = useMatrix();
  const model = useMeshStore((s) => s.model);
  const [open, setOpen] = useState<MatrixCellRef | null>(null);
  // A small move threshold keeps a click on a product a click (select), not a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const products = useMemo(() => (open ? cellProducts(model, open) : []), [model, open]);
  // Only the team rows in view are in the document: a table of 80 teams × 80 domains took
  // longer to lay out than the view may take to show.
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: matrix?.teams.length ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 1200, height: 900 },
  });
  if (!matrix) return <main className="main-view ownership" data-testid="ownership-view" aria-label="Ownership" aria-busy="true" />;

  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over) return;
    const teamId = e.over.id === UNOWNED ? null : String(e.over.id);
    void moveProduct(String(e.active.id), teamId);
  };
  const openCell = (e: MouseEvent) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('.matrix__cell');
    if (!cell?.dataset.domainId) return;
    setOpen({ teamId: cell.dataset.teamId || null, domainId: cell.dataset.domainId });
  };
  const openTeam = open?.teamId ? matrix.teams.find((t) => t.id === open.teamId) : null;
  const openDomain = open ? matrix.domains.find((d) => d.id === open.domainId) : null;
  const limits = [
    matrix.limits.maxProducts !== null ? `at most ${matrix.limits.maxProducts} products` : null,
    matrix.limits.maxDomains !== null ? `products in at most ${matrix.limits.maxDomains} domains` : null,
  ].filter(Boolean);
  return (
    <main className="main-view ownership" data-testid="ownership-view" aria-label="Ownership">
      <header className="ownership__header">
        <h2>Who owns what</h2>
        <p>
          {matrix.products} data products · {matrix.teams.length} teams · {matrix.domains.length} domains ·{' '}
          {limits.length ? `a team may own ${limits.join(' and ')} (DM-OWN-005)` : 'no load limits per team (DM-OWN-005)'}
        </p>
      </header>
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <div className="ownership__scroll" ref={scroller}>
          <table
            className="matrix"
            data-testid="matrix"
            data-products={matrix.products}
            onClick={openCell}
            title="Click a cell to list its data products"
          >
            <thead>
              <tr>
                <th scope="col" className="matrix__team">
                  Team
                </th>
                <th scope="col" className="matrix__col-load" title="Products owned · domains spanned · consumers served">
                  Load
                </th>
                {matrix.domains.map((d) => (
                  <th key={d.id} scope="col" className="matrix__domain" title={`${d.title} (${d.name})`}>
                    <span>{d.title}</span>
                  </th>
                ))}
                <th scope="col" className="matrix__col-total">
                  Products
                </th>
              </tr>
            </thead>
            <tbody>
              <Spacer height={rows.getVirtualItems()[0]?.start ?? 0} columns={matrix.domains.length + 3} />
              {rows.getVirtualItems().map((row) => {
                const t = matrix.teams[row.index]!;
                return <TeamRow key={t.id} team={t} matrix={matrix} open={open} />;
              })}
              <Spacer height={rows.getTotalSize() - (rows.getVirtualItems().at(-1)?.end ?? 0)} columns={matrix.domains.length + 3} />
              <UnownedRow matrix={matrix} open={open} />
            </tbody>
            <tfoot>
              <tr data-testid="matrix-totals">
                <th scope="row" className="matrix__team">
                  Total
                </th>
                <td />
                {matrix.domains.map((d) => (
                  <td key={d.id} className="matrix__total">
                    {d.products}
                  </td>
                ))}
                <td className="matrix__total">{matrix.products}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        {open && openDomain && (
          <section className="matrix-products" data-testid="matrix-products" aria-label="Products of the chosen cell">
            <header>
              <strong>{openTeam ? openTeam.title : 'No owner'}</strong> in <strong>{openDomain.title}</strong>: {products.length} data
              product
              {products.length === 1 ? '' : 's'} <span className="muted">— drag one onto a team’s row, or pick its new team</span>
              <button type="button" className="button button--small" aria-label="Close" onClick={() => setOpen(null)}>
                ×
              </button>
            </header>
            <ul>
              {products.map((p) => (
                <ProductChip key={p.id} product={p} teams={matrix.teams} />
              ))}
            </ul>
          </section>
        )}
      </DndContext>
    </main>
  );
}
