// What the Export Diagram dialog offers and suggests: the formats with their file
// extensions, the view a main view is drawn as, and the file name suggested beside the
// mesh file. Pure; the drawing is the core's.
import type { DiagramFormat, View } from '../lib/backend';
import type { MainView } from './uiStore';

export const DIAGRAM_FORMATS: readonly { id: DiagramFormat; label: string; extension: string }[] = [
  { id: 'svg', label: 'SVG', extension: 'svg' },
  { id: 'png', label: 'PNG', extension: 'png' },
  { id: 'mermaid', label: 'Mermaid', extension: 'mmd' },
  { id: 'dot', label: 'Graphviz DOT', extension: 'dot' },
];

export const DIAGRAM_VIEWS: readonly { id: View; label: string }[] = [
  { id: 'products', label: 'Data products in their domains' },
  { id: 'domains', label: 'Domains with their coupling' },
  { id: 'teams', label: 'Teams and who depends on whom' },
];

/**
 * Pixels per diagram unit a PNG may be drawn at (the core takes 0.25 to 4): below 1 for
 * large meshes, whose 2,000-product view is some 15,000 × 25,000 units.
 */
export const DIAGRAM_SCALES: readonly number[] = [0.25, 0.5, 1, 2, 3, 4];

/** The diagram view a main view is drawn as (the canvas, table and matrix: products). */
export function diagramViewOf(view: MainView): View {
  return view === 'domains' || view === 'teams' ? view : 'products';
}

export function extensionOf(format: DiagramFormat): string {
  return DIAGRAM_FORMATS.find((f) => f.id === format)?.extension ?? format;
}

/** `<folder of the mesh>/<mesh name>-<view>.<ext>`; empty without a mesh file. */
export function suggestedPath(meshPath: string | null, view: View, format: DiagramFormat): string {
  if (!meshPath) return '';
  const cut = Math.max(meshPath.lastIndexOf('/'), meshPath.lastIndexOf('\\'));
  const folder = meshPath.slice(0, cut + 1);
  const base = meshPath.slice(cut + 1).replace(/\.mesh$/i, '');
  return `${folder}${base}-${view}.${extensionOf(format)}`;
}
