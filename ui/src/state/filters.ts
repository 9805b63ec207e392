// What the filter bar shows of a filter: one chip per criterion value, labelled with the
// names the model gives, and the filter without one chip's value. Pure: no store, no
// backend. The core decides what the filter shows.
import type { Severity, ViewFilter } from '../lib/backend';
import { ARCHETYPES } from '../canvas/archetypes';
import type { MeshModel } from './model';

/** The criteria a chip can stand for. */
export type FilterKey = 'domains' | 'teams' | 'statuses' | 'archetypes' | 'tags' | 'minSeverity';

export interface FilterChip {
  key: FilterKey;
  /** The criterion's value: an id, a word, a tag or a severity. */
  value: string;
  /** "Domain: Orders", as the bar shows it. */
  label: string;
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'Errors',
  warning: 'Warnings or worse',
  info: 'Any finding',
};

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The chips of `filter`, in the order of the criteria. */
export function chipsOf(filter: ViewFilter, model: MeshModel): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const id of filter.domains ?? []) {
    chips.push({ key: 'domains', value: id, label: `Domain: ${model.domains.get(id)?.title ?? id}` });
  }
  for (const id of filter.teams ?? []) {
    chips.push({ key: 'teams', value: id, label: `Team: ${model.teams.get(id)?.title ?? id}` });
  }
  for (const status of filter.statuses ?? []) {
    chips.push({ key: 'statuses', value: status, label: `Status: ${capitalised(status)}` });
  }
  for (const archetype of filter.archetypes ?? []) {
    chips.push({ key: 'archetypes', value: archetype, label: `Archetype: ${ARCHETYPES[archetype].label}` });
  }
  for (const tag of filter.tags ?? []) chips.push({ key: 'tags', value: tag, label: `Tag: ${tag}` });
  if (filter.minSeverity) {
    chips.push({ key: 'minSeverity', value: filter.minSeverity, label: `Findings: ${SEVERITY_LABEL[filter.minSeverity]}` });
  }
  return chips;
}

/** `filter` without the chip's value. */
export function withoutChip(filter: ViewFilter, chip: Pick<FilterChip, 'key' | 'value'>): ViewFilter {
  if (chip.key === 'minSeverity') return { ...filter, minSeverity: null };
  const values = (filter[chip.key] ?? []) as string[];
  return { ...filter, [chip.key]: values.filter((v) => v !== chip.value) };
}

/** `filter` with one more value for a criterion (the severity replaces the last one). */
export function withValue(filter: ViewFilter, key: FilterKey, value: string): ViewFilter {
  if (key === 'minSeverity') return { ...filter, minSeverity: value as Severity };
  const values = (filter[key] ?? []) as string[];
  return values.includes(value) ? filter : { ...filter, [key]: [...values, value] };
}
