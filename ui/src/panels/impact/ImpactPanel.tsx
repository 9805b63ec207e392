// The Impact panel, floating over the canvas while an impact is shown: what the selected
// product or output port reaches upstream and downstream (to depth 1, 2 or all), each
// product a click away, and What if: the consumer inputs that removing, deprecating or
// bumping its major version would break, and the findings that would appear. The core
// answers (actions/impact.ts); the canvas dims everything the highlight leaves out.
import { useEffect, useState } from 'react';
import type { Affected, WhatIfChange } from '../../lib/backend';
import { useImpactStore, type ImpactDepth } from '../../state/impactStore';
import { useMeshStore } from '../../state/meshStore';
import { plural } from '../../state/manifests';
import { askWhatIf, clearImpact, refreshImpact, setImpactDepth } from '../../actions/impact';
import { canvasControls } from '../../canvas/canvasControls';

const DEPTHS: readonly { depth: ImpactDepth; label: string }[] = [
  { depth: 1, label: '1' },
  { depth: 2, label: '2' },
  { depth: 'all', label: 'All' },
];

const CHANGES: readonly { change: WhatIfChange; label: string; verb: string }[] = [
  { change: 'remove', label: 'Remove', verb: 'removed' },
  { change: 'deprecate', label: 'Deprecate', verb: 'deprecated' },
  { change: 'major', label: 'New major', verb: 'given a new major version' },
];

function select(id: string): void {
  useMeshStore.getState().select([{ kind: 'product', id }]);
  canvasControls.reveal(id);
}

function AffectedList({ title, items, testId }: { title: string; items: readonly Affected[]; testId: string }) {
  // Open when short, unless the user chose; a long list's rows are made only once it is
  // opened (200 rows made with the highlight, in its frame, for nobody to see). A toggle
  // that agrees with `open` is React's own, not the user's.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? (items.length > 0 && items.length <= 40);
  return (
    <details
      className="impact__group"
      open={open}
      onToggle={(e) => {
        if (e.currentTarget.open !== open) setChosen(e.currentTarget.open);
      }}
    >
      <summary>
        {title}{' '}
        <span className="impact__count" data-testid={testId} data-count={items.length}>
          {items.length.toLocaleString('en')}
        </span>
      </summary>
      {open && (
        <ul className="impact__list">
          {items.slice(0, 200).map((p) => (
            <li key={p.id}>
              <button type="button" className="impact__item" data-testid="impact-item" data-id={p.id} onClick={() => select(p.id)}>
                <span className="impact__distance" title="Dependencies away">
                  {p.distance}
                </span>
                <span className="impact__name">{p.displayName}</span>
                <span className="impact__where">
                  {p.domain}
                  {p.ownerTeam ? ` · ${p.ownerTeam}` : ' · no owner'}
                </span>
              </button>
            </li>
          ))}
          {items.length > 200 && <li className="impact__more">and {(items.length - 200).toLocaleString('en')} more</li>}
        </ul>
      )}
    </details>
  );
}

function WhatIfAnswer() {
  const whatIf = useImpactStore((s) => s.whatIf);
  if (!whatIf) return null;
  const { answer } = whatIf;
  const verb = CHANGES.find((c) => c.change === whatIf.change)?.verb ?? whatIf.change;
  if (!answer) return <p className="impact__note">Asking what would break…</p>;
  return (
    <div className="impact__answer" data-testid="what-if-answer" data-change={whatIf.change}>
      <p className="impact__note">
        If it were {verb}:{' '}
        <strong data-testid="what-if-breaking-count" data-count={answer.breaking.length}>
          {plural(answer.breaking.length, 'input')} break
        </strong>
        , {plural(answer.downstream.length, 'product')} downstream,{' '}
        <span data-testid="what-if-findings-count" data-count={answer.findings.length}>
          {plural(answer.findings.length, 'new finding')}
        </span>
        .
      </p>
      <ul className="impact__list">
        {answer.breaking.map((b) => (
          <li key={`${b.consumer.id}/${b.inputPort}`}>
            <button
              type="button"
              className="impact__item impact__item--broken"
              data-testid="what-if-breaking"
              data-consumer={b.consumer.name}
              onClick={() => select(b.consumer.id)}
              title={b.reason}
            >
              <span className="impact__name">
                {b.consumer.displayName} <span className="impact__port">/ {b.inputPort}</span>
              </span>
              <span className="impact__where">
                {b.consumer.domain}
                {b.consumer.ownerTeam ? ` · ${b.consumer.ownerTeam}` : ' · no owner'}
              </span>
            </button>
          </li>
        ))}
        {answer.findings.map((f) => (
          <li
            key={`${f.ruleId}/${f.entity.id ?? f.entity.name}`}
            className={`impact__finding severity-${f.severity}`}
            data-testid="what-if-finding"
          >
            <span className="impact__rule">{f.ruleId}</span> {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * How long the panel waits for the core's answer before it shows, saying it is looking.
 * A quick answer then appears in the same frame as the panel: without a GPU, WebKitGTK
 * repaints the whole canvas for each frame that changes the workspace, about 130 ms
 * under Xvfb, and a placeholder shown for the 25 ms the answer takes cost one of those.
 */
const PLACEHOLDER_AFTER_MS = 250;

/** Whether `waiting` has held for PLACEHOLDER_AFTER_MS. */
function useLate(waiting: boolean): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (!waiting) return;
    const timer = setTimeout(() => setLate(true), PLACEHOLDER_AFTER_MS);
    return () => clearTimeout(timer);
  }, [waiting]);
  return late;
}

export function ImpactPanel() {
  const target = useImpactStore((s) => s.target);
  const depth = useImpactStore((s) => s.depth);
  const impact = useImpactStore((s) => s.impact);
  const whatIf = useImpactStore((s) => s.whatIf);
  const model = useMeshStore((s) => s.model);
  // An edit can change what the target reaches: ask again with the new model.
  useEffect(() => {
    if (model) void refreshImpact();
  }, [model]);
  const late = useLate(target !== null && impact === null);
  if (!target || (!impact && !late)) return null;
  const product = model.products.get(target.product);
  const port = target.kind === 'port' ? model.outputPorts.get(target.port) : undefined;
  if (!product) return null;
  const name = port ? `${product.displayName} / ${port.name}` : product.displayName;
  return (
    <section className="impact" data-testid="impact-panel" aria-label="Impact">
      <header className="impact__head">
        <h2 className="impact__title" title={name}>
          Impact of {name}
        </h2>
        <button type="button" className="button button--small" data-testid="impact-close" onClick={clearImpact}>
          Close
        </button>
      </header>
      <div className="impact__row">
        <span className="impact__label">Depth</span>
        <fieldset className="view-switch" aria-label="Depth">
          {DEPTHS.map((d) => (
            <button
              key={d.label}
              type="button"
              className={`view-switch__button${depth === d.depth ? ' is-active' : ''}`}
              data-testid={`impact-depth-${d.label.toLowerCase()}`}
              aria-pressed={depth === d.depth}
              onClick={() => setImpactDepth(d.depth)}
            >
              {d.label}
            </button>
          ))}
        </fieldset>
      </div>
      {impact ? (
        <div className="impact__scroll">
          <AffectedList title="Upstream (what it reads)" items={impact.upstream} testId="impact-upstream-count" />
          <AffectedList title="Downstream (what reads it)" items={impact.downstream} testId="impact-downstream-count" />
          <div className="impact__row impact__row--whatif">
            <span className="impact__label">What if</span>
            {CHANGES.map((c) => (
              <button
                key={c.change}
                type="button"
                className={`button button--small${whatIf?.change === c.change ? ' is-active' : ''}`}
                data-testid={`what-if-${c.change}`}
                onClick={() => void askWhatIf(c.change)}
              >
                {c.label}
              </button>
            ))}
          </div>
          <WhatIfAnswer />
        </div>
      ) : (
        <p className="impact__note">Finding what it reaches…</p>
      )}
    </section>
  );
}
