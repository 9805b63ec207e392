import { describe, expect, it } from 'vitest';
import {
  DOMAIN_HEADER_MAX_SCALE,
  LABEL_ZOOM,
  LOW_DETAIL_LABEL_PX,
  LOW_DETAIL_MIN_NODES,
  LOW_DETAIL_ZOOM,
  PRODUCT_LABEL_MAX,
  PRODUCT_LABEL_PX,
  detailAt,
  domainHeaderScale,
  labelFontSize,
  productLabelFontSize,
} from './detail';

describe('detailAt', () => {
  const large = 2025;
  it('draws a large mesh in full at working zoom, as labels, then simplified below the threshold', () => {
    expect(detailAt(1, large)).toBe('full');
    expect(detailAt(LABEL_ZOOM, large)).toBe('full');
    expect(detailAt(LABEL_ZOOM - 0.01, large)).toBe('label');
    expect(detailAt(LOW_DETAIL_ZOOM, large)).toBe('label');
    expect(detailAt(LOW_DETAIL_ZOOM - 0.01, large)).toBe('low');
    expect(detailAt(0.03, large)).toBe('low');
  });

  it('draws a small mesh in full, then as labels, never as plain rectangles', () => {
    expect(detailAt(1, 40)).toBe('full');
    expect(detailAt(LABEL_ZOOM - 0.01, 40)).toBe('label');
    expect(detailAt(0.03, LOW_DETAIL_MIN_NODES)).toBe('label');
    expect(detailAt(0.03, 40)).toBe('label');
  });
});

describe('labelFontSize', () => {
  it('keeps domain labels about the same size on screen at any zoom', () => {
    for (const zoom of [0.03, 0.05, 0.1, 0.2, 0.39]) {
      const onScreen = labelFontSize(zoom) * zoom;
      expect(onScreen).toBeGreaterThan(LOW_DETAIL_LABEL_PX * 0.85);
      expect(onScreen).toBeLessThan(LOW_DETAIL_LABEL_PX * 1.15);
    }
  });

  it('changes in steps, so a zoom gesture re-renders labels only a few times', () => {
    const sizes = new Set<number>();
    for (let zoom = 0.1; zoom < 0.2; zoom += 0.001) sizes.add(labelFontSize(zoom));
    expect(sizes.size).toBeLessThanOrEqual(5);
  });
});

describe('productLabelFontSize', () => {
  it('never shows a product name under its size on screen while the box can hold it', () => {
    // From the label threshold down to where the cap starts (the demo fitted in a
    // window sits between them).
    for (let zoom = LABEL_ZOOM; zoom >= PRODUCT_LABEL_PX / PRODUCT_LABEL_MAX; zoom -= 0.005) {
      const onScreen = productLabelFontSize(zoom) * zoom;
      expect(onScreen).toBeGreaterThanOrEqual(PRODUCT_LABEL_PX);
      expect(onScreen).toBeLessThan(PRODUCT_LABEL_PX * 1.25);
    }
  });

  it('stops growing in flow units, so a name keeps a dozen letters a line', () => {
    expect(productLabelFontSize(0.1)).toBe(PRODUCT_LABEL_MAX);
    expect(productLabelFontSize(0.01)).toBe(PRODUCT_LABEL_MAX);
  });
});

describe('domainHeaderScale', () => {
  it('enlarges a domain header as the zoom shrinks, up to its maximum', () => {
    expect(domainHeaderScale(1)).toBe(1);
    expect(domainHeaderScale(0.7)).toBeGreaterThan(1.2);
    expect(domainHeaderScale(0.55)).toBeGreaterThan(1.6);
    expect(domainHeaderScale(0.2)).toBe(DOMAIN_HEADER_MAX_SCALE);
  });
});
