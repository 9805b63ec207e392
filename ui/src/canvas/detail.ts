// How much of the mesh the canvas draws at a zoom level. Below LOW_DETAIL_ZOOM text is
// unreadable anyway, and zooming out far enough to see a large mesh makes every node
// visible at once: the canvas then draws products as plain rectangles and dependencies
// as one line per pair of domains, so zooming out and panning stay responsive. Pure
// mappings plus the hooks that read the zoom from React Flow's store; no drawing here.
import { useStore, type ReactFlowState } from '@xyflow/react';

export type Detail = 'full' | 'low';

/** Below this zoom (flow units to screen pixels) the simplified drawing is used... */
export const LOW_DETAIL_ZOOM = 0.4;
/** ...on meshes with more nodes than this; smaller ones are cheap to draw in full. */
export const LOW_DETAIL_MIN_NODES = 300;

/** On-screen size of domain labels in the simplified drawing, in pixels. */
export const LOW_DETAIL_LABEL_PX = 15;

export function detailAt(zoom: number, nodeCount: number): Detail {
  return zoom < LOW_DETAIL_ZOOM && nodeCount > LOW_DETAIL_MIN_NODES ? 'low' : 'full';
}

/**
 * Font size, in flow units, that shows a domain label at LOW_DETAIL_LABEL_PX on screen.
 * The zoom is rounded to quarter octaves so labels re-render a few times per zoom
 * gesture rather than on every wheel tick.
 */
export function labelFontSize(zoom: number): number {
  const stepped = 2 ** (Math.round(Math.log2(zoom) * 4) / 4);
  return Math.round(LOW_DETAIL_LABEL_PX / stepped);
}

const detailOf = (s: ReactFlowState): Detail => detailAt(s.transform[2], s.nodeLookup.size);
const labelSizeOf = (s: ReactFlowState): number => labelFontSize(s.transform[2]);

/** The detail level at the current zoom; re-renders only when it changes. */
export function useDetail(): Detail {
  return useStore(detailOf);
}

/** The domain label size at the current zoom; re-renders only when it changes. */
export function useLabelFontSize(): number {
  return useStore(labelSizeOf);
}
