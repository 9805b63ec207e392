import { describe, expect, it } from 'vitest';
import { commonFolder, fileName } from './paths';

describe('fileName', () => {
  it('is the part after the last separator, either kind', () => {
    expect(fileName('/repos/orders/orders.dpds.json')).toBe('orders.dpds.json');
    expect(fileName('C:\\repos\\orders.odps.yaml')).toBe('orders.odps.yaml');
    expect(fileName('plain.yaml')).toBe('plain.yaml');
  });
});

describe('commonFolder', () => {
  it('is the folder all paths share, up to a separator', () => {
    expect(commonFolder(['/m/in/orders.odps.yaml', '/m/in/postgres.odcs.yaml'])).toBe('/m/in/');
    expect(commonFolder(['/m/in/a/x.yaml', '/m/in/ab/y.yaml'])).toBe('/m/in/');
    expect(commonFolder(['/m/in/x.yaml'])).toBe('/m/in/');
    expect(commonFolder(['C:\\r\\a.yaml', 'C:\\r\\b.yaml'])).toBe('C:\\r\\');
    expect(commonFolder(['a.yaml', 'b.yaml'])).toBe('');
    expect(commonFolder([])).toBe('');
  });
});
