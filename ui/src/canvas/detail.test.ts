import { describe, expect, it } from 'vitest';
import { LOW_DETAIL_LABEL_PX, LOW_DETAIL_MIN_NODES, LOW_DETAIL_ZOOM, detailAt, labelFontSize } from './detail';

describe('detailAt', () => {
  const large = 2025;
  it('draws a large mesh in full at working zoom and simplified below the threshold', () => {
    expect(detailAt(1, large)).toBe('full');
    expect(detailAt(LOW_DETAIL_ZOOM, large)).toBe('full');
    expect(detailAt(LOW_DETAIL_ZOOM - 0.01, large)).toBe('low');
    expect(detailAt(0.03, large)).toBe('low');
  });

  it('always draws a small mesh in full', () => {
    expect(detailAt(0.03, LOW_DETAIL_MIN_NODES)).toBe('full');
    expect(detailAt(0.03, 40)).toBe('full');
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
