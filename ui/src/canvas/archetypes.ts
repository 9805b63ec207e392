// Labels and letters of the product archetypes, for node badges and the legend.
import type { Archetype } from '../bindings';

export const ARCHETYPES: Record<Archetype, { letter: string; label: string }> = {
  'source-aligned': { letter: 'S', label: 'Source-aligned' },
  aggregate: { letter: 'A', label: 'Aggregate' },
  'consumer-aligned': { letter: 'C', label: 'Consumer-aligned' },
};
