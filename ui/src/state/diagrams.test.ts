import { describe, expect, it } from 'vitest';
import { diagramViewOf, suggestedPath } from './diagrams';

describe('diagram suggestions', () => {
  it('suggests a file beside the mesh, named for the view, with the format extension', () => {
    expect(suggestedPath('/home/ada/northwind.mesh', 'domains', 'mermaid')).toBe('/home/ada/northwind-domains.mmd');
    expect(suggestedPath('C:\\Users\\ada\\mesh.MESH', 'products', 'png')).toBe('C:\\Users\\ada\\mesh-products.png');
    expect(suggestedPath(null, 'teams', 'svg')).toBe('');
  });
  it('draws the table and the matrix as the products view', () => {
    expect(diagramViewOf('table')).toBe('products');
    expect(diagramViewOf('ownership')).toBe('products');
    expect(diagramViewOf('teams')).toBe('teams');
  });
});
