// The left sidebar: domains (with their products), teams and a legend. Clicking selects;
// the lists never edit anything themselves.
import { useMemo, useState } from 'react';
import { useMeshStore } from '../state/meshStore';
import type { SelectedRef } from '../state/selection';
import { canvasControls } from '../canvas/canvasControls';
import { ARCHETYPES } from '../canvas/archetypes';
import { tintOf } from '../canvas/DomainGroupNode';
import { domainsInTreeOrder } from '../state/domainTree';

const MAX_PRODUCTS_SHOWN = 200;

export function Sidebar() {
  const model = useMeshStore((s) => s.model);
  const selection = useMeshStore((s) => s.selection);
  const select = useMeshStore((s) => s.select);
  const [filter, setFilter] = useState('');
  const selected = useMemo(() => new Set(selection.map((r) => r.id)), [selection]);
  const q = filter.trim().toLowerCase();

  const products = useMemo(() => {
    const list = [...model.products.values()];
    list.sort((a, b) => a.displayName.localeCompare(b.displayName));
    return q ? list.filter((p) => p.displayName.toLowerCase().includes(q) || p.name.includes(q)) : list;
  }, [model.products, q]);
  // Unfiltered, subdomains are listed indented under their parent; filtered, flat.
  const domains = useMemo(() => {
    const all = domainsInTreeOrder(model).map(({ id, depth }) => ({ domain: model.domains.get(id)!, depth }));
    return q
      ? all.filter(({ domain: d }) => d.title.toLowerCase().includes(q) || d.name.includes(q)).map((d) => ({ ...d, depth: 0 }))
      : all;
    // domainsInTreeOrder reads only the domains: other edits keep the list.
  }, [model.domains, q]);
  const teams = useMemo(
    () =>
      [...model.teams.values()]
        .filter((t) => !q || t.title.toLowerCase().includes(q) || t.name.includes(q))
        .sort((a, b) => a.title.localeCompare(b.title)),
    [model.teams, q],
  );

  const pick = (ref: SelectedRef, reveal = true) => {
    select([ref]);
    if (reveal) canvasControls.reveal(ref.id);
  };

  return (
    <aside className="sidebar" aria-label="Mesh contents">
      <div className="sidebar__search">
        <input
          type="search"
          placeholder="Filter…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter the lists"
          data-testid="sidebar-filter"
        />
      </div>
      <div className="sidebar__scroll">
        <section className="side-section">
          <h2 className="side-section__title">
            Domains <span className="count">{domains.length}</span>
          </h2>
          <ul className="side-list">
            {domains.map(({ domain: d, depth }) => (
              <li key={d.id}>
                <button
                  type="button"
                  className={`side-item${selected.has(d.id) ? ' is-selected' : ''}`}
                  data-testid="domain-item"
                  data-id={d.id}
                  data-depth={depth}
                  style={depth > 0 ? { paddingLeft: 8 + depth * 14 } : undefined}
                  onClick={() => pick({ kind: 'domain', id: d.id })}
                >
                  <span className={`swatch tint-${tintOf(d.id)}`} />
                  <span className="side-item__label">{d.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="side-section">
          <h2 className="side-section__title">
            Data products <span className="count">{products.length}</span>
          </h2>
          <ul className="side-list">
            {products.slice(0, MAX_PRODUCTS_SHOWN).map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`side-item${selected.has(p.id) ? ' is-selected' : ''}`}
                  data-testid="product-item"
                  data-id={p.id}
                  onClick={() => pick({ kind: 'product', id: p.id })}
                >
                  <span className={`dot status-${p.status}`} />
                  <span className="side-item__label">{p.displayName}</span>
                </button>
              </li>
            ))}
            {products.length > MAX_PRODUCTS_SHOWN && (
              <li className="side-more">{products.length - MAX_PRODUCTS_SHOWN} more — type to filter</li>
            )}
          </ul>
        </section>
        <section className="side-section">
          <h2 className="side-section__title">
            Teams <span className="count">{teams.length}</span>
          </h2>
          <ul className="side-list">
            {teams.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className={`side-item${selected.has(t.id) ? ' is-selected' : ''}`}
                  data-testid="team-item"
                  data-id={t.id}
                  onClick={() => pick({ kind: 'team', id: t.id }, false)}
                >
                  <span className="team-glyph">◎</span>
                  <span className="side-item__label">{t.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="legend" aria-label="Legend">
        {Object.entries(ARCHETYPES).map(([key, a]) => (
          <span key={key} className="legend__item">
            <span className={`archetype-badge archetype-${key}`}>{a.letter}</span>
            {a.label}
          </span>
        ))}
        <span className="legend__item">
          <span className="legend__swatch legend__swatch--proposed" /> proposed
        </span>
        <span className="legend__item">
          <span className="legend__swatch legend__swatch--deprecated" /> deprecated
        </span>
      </div>
    </aside>
  );
}
