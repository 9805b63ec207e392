import { describe, expect, it } from 'vitest';
import { fileName } from './paths';

describe('fileName', () => {
  it('is the part after the last separator, either kind', () => {
    expect(fileName('/repos/orders/orders.dpds.json')).toBe('orders.dpds.json');
    expect(fileName('C:\\repos\\orders.odps.yaml')).toBe('orders.odps.yaml');
    expect(fileName('plain.yaml')).toBe('plain.yaml');
  });
});
