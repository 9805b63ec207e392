// Fixed node geometry shared by the node components, the flow mapping and the layout,
// so sizes and handle positions are known before anything is measured (2,000 nodes
// must lay out and draw edges without waiting for the DOM). CSS must match these.

export const PRODUCT_WIDTH = 260;
/** Title, slug, owner and badges rows, above the port list. */
export const PRODUCT_HEADER = 86;
export const PORT_ROW = 22;
export const PRODUCT_FOOTER = 8;
export const HANDLE_SIZE = 10;
/** Vertical centre of the single input handle: level with the title. */
export const INPUT_HANDLE_Y = 22;

/** Dangling references (unresolved inputs) on a node's left: the first row's centre and the pitch. */
export const DANGLING_TOP = INPUT_HANDLE_Y + 24;
export const DANGLING_ROW = 24;

/** How many dangling references fit beside a node of this height. */
export function danglingSlots(height: number): number {
  return Math.max(1, Math.floor((height - DANGLING_TOP - PRODUCT_FOOTER) / DANGLING_ROW) + 1);
}

export const DOMAIN_PAD_TOP = 46;
export const DOMAIN_PAD_SIDE = 24;
export const DOMAIN_PAD_BOTTOM = 24;
export const DOMAIN_MIN_WIDTH = PRODUCT_WIDTH + 2 * DOMAIN_PAD_SIDE;
export const DOMAIN_MIN_HEIGHT = 120;
/** Gap between domains placed without a stored position. */
export const DOMAIN_GAP = 80;

export function productHeight(portCount: number): number {
  return PRODUCT_HEADER + Math.max(portCount, 1) * PORT_ROW + PRODUCT_FOOTER;
}

/** Vertical centre of the i-th output port row, relative to the node. */
export function portCenterY(index: number): number {
  return PRODUCT_HEADER + index * PORT_ROW + PORT_ROW / 2;
}
