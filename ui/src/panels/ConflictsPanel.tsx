// The Conflicts panel: what a `git merge` of this mesh file could not merge, listed from
// the report beside it with the base, our and their values; keeping one is an undoable
// edit and takes the conflict off the report. A repair (what the merge mended) is only
// acknowledged. A report that cannot be read is shown with the core's message.
import type { Conflict, Side } from '../bindings';
import { resolveConflict } from '../actions/conflicts';
import { useConflictsStore } from '../state/conflictsStore';

const SIDES: readonly { side: Side; label: string }[] = [
  { side: 'ours', label: 'Keep ours' },
  { side: 'theirs', label: 'Take theirs' },
  { side: 'base', label: 'Back to base' },
];

/** A value as one short line. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function ConflictRow({ conflict }: { conflict: Conflict }) {
  const repair = conflict.base == null && conflict.ours == null && conflict.theirs == null;
  return (
    <li className="conflicts__row" data-testid="conflict-row" data-id={conflict.id} data-field={conflict.field ?? undefined}>
      <p className="conflicts__what">
        <span className="conflicts__kind">{conflict.kind}</span> <strong>{conflict.name}</strong>
        {conflict.field && <span className="conflicts__field"> · {conflict.field}</span>}
      </p>
      {repair ? (
        <p className="conflicts__note">{conflict.resolution}</p>
      ) : (
        <dl className="conflicts__values">
          <dt>base</dt>
          <dd>{shown(conflict.base)}</dd>
          <dt>ours</dt>
          <dd>{shown(conflict.ours)}</dd>
          <dt>theirs</dt>
          <dd>{shown(conflict.theirs)}</dd>
        </dl>
      )}
      <div className="conflicts__choices">
        {repair ? (
          <button
            type="button"
            className="button button--small"
            data-testid="conflict-ours"
            onClick={() => void resolveConflict(conflict, 'ours')}
          >
            OK
          </button>
        ) : (
          SIDES.map((s) => (
            <button
              key={s.side}
              type="button"
              className="button button--small"
              data-testid={`conflict-${s.side}`}
              onClick={() => void resolveConflict(conflict, s.side)}
            >
              {s.label}
            </button>
          ))
        )}
      </div>
    </li>
  );
}

export function ConflictsPanel() {
  const { conflicts, error } = useConflictsStore();
  if (!conflicts && !error) return null;
  return (
    <section className="conflicts" data-testid="conflicts-panel" aria-label="Merge conflicts">
      <header className="conflicts__head">
        <h2 className="conflicts__title">Merge conflicts</h2>
        {conflicts && (
          <span className="conflicts__count" data-testid="conflicts-count" data-count={conflicts.conflicts.length}>
            {conflicts.conflicts.length} left
          </span>
        )}
      </header>
      {error ? (
        <p className="conflicts__error" data-testid="conflicts-error" role="alert">
          {error}
        </p>
      ) : (
        <ul className="conflicts__list">
          {conflicts?.conflicts.map((c) => (
            <ConflictRow key={`${c.kind}/${c.id}/${c.field ?? ''}`} conflict={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
