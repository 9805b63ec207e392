// The filter bar over the main view: the products view's filter as removable chips, a
// menu to add a criterion (domain, team, status, archetype, tag, findings), the count of
// products shown, and Clear. The canvas, the Table and the Ownership views show the same
// filter. What the filter shows is the core's answer (actions/filter.ts).
import { useCallback, useMemo, useRef, useState } from 'react';
import { useDismiss } from '../hooks/useDismiss';
import { useMeshStore } from '../state/meshStore';
import { useFilterStore } from '../state/filterStore';
import { chipsOf, SEVERITY_LABEL, withoutChip, withValue, type FilterKey } from '../state/filters';
import { clearFilter, setFilter } from '../actions/filter';
import { ARCHETYPES } from '../canvas/archetypes';
import { STATUS_OPTIONS } from './inspector/fields';
import type { Severity } from '../lib/backend';

const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

/** One criterion's picker: choosing a value adds it to the filter. */
function Picker({
  testId,
  label,
  options,
  onPick,
}: {
  testId: string;
  label: string;
  options: readonly (readonly [string, string])[];
  onPick(value: string): void;
}) {
  return (
    <label className="filter-menu__row">
      <span>{label}</span>
      <select data-testid={testId} value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
        <option value="">Choose…</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function FilterMenu() {
  const model = useMeshStore((s) => s.model);
  const filter = useFilterStore((s) => s.filter);
  const [tag, setTag] = useState('');
  const options = useMemo(() => {
    const tags = new Set<string>();
    for (const p of model.products.values()) for (const t of p.tags ?? []) tags.add(t);
    return {
      domains: [...model.domains.values()].sort(byTitle).map((d) => [d.id, d.title] as const),
      teams: [...model.teams.values()].sort(byTitle).map((t) => [t.id, t.title] as const),
      tags: [...tags].sort(),
    };
  }, [model]);
  const add = (key: FilterKey, value: string) => void setFilter(withValue(filter, key, value));
  const severities = Object.entries(SEVERITY_LABEL) as [Severity, string][];
  return (
    <div className="filter-menu" data-testid="filter-menu" role="dialog" aria-label="Add a filter">
      <Picker testId="filter-domain" label="Domain" options={options.domains} onPick={(v) => add('domains', v)} />
      <Picker testId="filter-team" label="Owner team" options={options.teams} onPick={(v) => add('teams', v)} />
      <Picker testId="filter-status" label="Status" options={STATUS_OPTIONS} onPick={(v) => add('statuses', v)} />
      <Picker
        testId="filter-archetype"
        label="Archetype"
        options={Object.entries(ARCHETYPES).map(([k, a]) => [k, a.label] as const)}
        onPick={(v) => add('archetypes', v)}
      />
      <Picker testId="filter-severity" label="Findings" options={severities} onPick={(v) => add('minSeverity', v)} />
      <form
        className="filter-menu__row"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) add('tags', tag.trim());
          setTag('');
        }}
      >
        <span>Tag</span>
        <input
          data-testid="filter-tag"
          list="filter-tags"
          value={tag}
          placeholder="Type a tag, Enter"
          onChange={(e) => setTag(e.target.value)}
        />
        <datalist id="filter-tags">
          {options.tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </form>
    </div>
  );
}

export function FilterBar() {
  const model = useMeshStore((s) => s.model);
  const filter = useFilterStore((s) => s.filter);
  const shown = useFilterStore((s) => s.shown);
  const [menu, setMenu] = useState(false);
  const closeMenu = useCallback(() => setMenu(false), []);
  // The button belongs with the menu: pressing it again closes rather than reopens.
  const add = useRef<HTMLDivElement>(null);
  useDismiss(add, menu, closeMenu);
  const chips = useMemo(() => chipsOf(filter, model), [filter, model]);
  const total = model.products.size;
  return (
    <div className={`filter-bar${shown ? ' is-filtered' : ''}`} data-testid="filter-bar">
      <div className="filter-bar__add" ref={add}>
        <button type="button" className="filter-bar__button" data-testid="filter-add" aria-expanded={menu} onClick={() => setMenu(!menu)}>
          Filter ▾
        </button>
        {menu && <FilterMenu />}
      </div>
      {chips.map((chip) => (
        <span
          key={`${chip.key}:${chip.value}`}
          className="filter-chip"
          data-testid="filter-chip"
          data-key={chip.key}
          data-value={chip.value}
        >
          {chip.label}
          <button
            type="button"
            className="filter-chip__remove"
            data-testid="filter-chip-remove"
            aria-label={`Remove ${chip.label}`}
            title={`Remove ${chip.label}`}
            onClick={() => void setFilter(withoutChip(filter, chip))}
          >
            ×
          </button>
        </span>
      ))}
      {shown && (
        <>
          <span className="filter-bar__count" data-testid="filter-count">
            {shown.products.length} of {total} products
          </span>
          <button type="button" className="filter-bar__clear" data-testid="filter-clear" onClick={() => void clearFilter()}>
            Clear
          </button>
        </>
      )}
    </div>
  );
}
