// How much of the mesh the canvas draws at a zoom level (semantic zoom). Below
// LABEL_ZOOM a full product node's text is a few pixels high: products are drawn as
// their name alone, in type that grows as the zoom shrinks so it stays readable on
// screen (the whole demo mesh fitted in a window, on a projector). Below LOW_DETAIL_ZOOM
// zooming out far enough to see a large mesh makes every node visible at once: the
// canvas then draws products as plain rectangles and dependencies as one line per pair
// of domains, so zooming out and panning stay responsive. Pure mappings plus the hooks
// that read the zoom from React Flow's store; no drawing here.
import { useStore, type ReactFlowState } from '@xyflow/react';

export type Detail = 'full' | 'label' | 'low';

/** Below this zoom products are drawn as readable name labels (unless 'low' applies). */
export const LABEL_ZOOM = 0.6;

/** Below this zoom (flow units to screen pixels) the simplified drawing is used... */
export const LOW_DETAIL_ZOOM = 0.4;
/** ...on meshes with more nodes than this; smaller ones are cheap to draw in full. */
export const LOW_DETAIL_MIN_NODES = 300;

/** On-screen size of domain labels in the simplified drawing, in pixels. */
export const LOW_DETAIL_LABEL_PX = 15;

/** On-screen size of product names in the label drawing, in pixels... */
export const PRODUCT_LABEL_PX = 15;
/**
 * ...up to this size in flow units, about twelve letters a line in a product's box: at
 * lower zoom the name shrinks on screen rather than breaking into single letters.
 */
export const PRODUCT_LABEL_MAX = 36;

/**
 * How far a domain's header is enlarged in the label drawing: as much as the zoom
 * shrinks it, at most twice (more would cover the products below it).
 */
export const DOMAIN_HEADER_MAX_SCALE = 2;

export function detailAt(zoom: number, nodeCount: number): Detail {
  if (zoom < LOW_DETAIL_ZOOM && nodeCount > LOW_DETAIL_MIN_NODES) return 'low';
  return zoom < LABEL_ZOOM ? 'label' : 'full';
}

// The zoom rounded to quarter octaves, so labels re-render a few times per zoom gesture
// rather than on every wheel tick.
const stepped = (zoom: number) => 2 ** (Math.round(Math.log2(zoom) * 4) / 4);

/** Font size, in flow units, that shows a label at `px` on screen (domain labels by default). */
export function labelFontSize(zoom: number, px = LOW_DETAIL_LABEL_PX): number {
  return Math.round(px / stepped(zoom));
}

/**
 * Font size, in flow units, of a product's name in the label drawing: never under
 * PRODUCT_LABEL_PX on screen (the zoom is stepped down, not to the nearest step) until
 * PRODUCT_LABEL_MAX caps it.
 */
export function productLabelFontSize(zoom: number): number {
  const below = 2 ** (Math.floor(Math.log2(zoom) * 4) / 4);
  return Math.min(Math.ceil(PRODUCT_LABEL_PX / below), PRODUCT_LABEL_MAX);
}

/** How much a domain's header is enlarged in the label drawing. */
export function domainHeaderScale(zoom: number): number {
  return Math.min(Math.max(1 / stepped(zoom), 1), DOMAIN_HEADER_MAX_SCALE);
}

const detailOf = (s: ReactFlowState): Detail => detailAt(s.transform[2], s.nodeLookup.size);
const labelSizeOf = (s: ReactFlowState): number => labelFontSize(s.transform[2]);
const productLabelSizeOf = (s: ReactFlowState): number => productLabelFontSize(s.transform[2]);
const headerScaleOf = (s: ReactFlowState): number => domainHeaderScale(s.transform[2]);

/** The detail level at the current zoom; re-renders only when it changes. */
export function useDetail(): Detail {
  return useStore(detailOf);
}

/** The domain label size at the current zoom; re-renders only when it changes. */
export function useLabelFontSize(): number {
  return useStore(labelSizeOf);
}

/** The product name size at the current zoom; re-renders only when it changes. */
export function useProductLabelFontSize(): number {
  return useStore(productLabelSizeOf);
}

/** The domain header's enlargement at the current zoom; re-renders only when it changes. */
export function useDomainHeaderScale(): number {
  return useStore(headerScaleOf);
}
