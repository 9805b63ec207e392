// Mermaid's own parser over every Mermaid diagram sample the core writes
// (crates/mesh-core/src/diagram/tests.rs rewrites ui/src/test/diagrams/*.mmd and fails
// when they were stale): the demo mesh in each view and narrowed to a domain, and a
// mesh whose every name is hostile. A sample Mermaid cannot parse would break the
// diagrams users paste into Markdown. Mermaid sanitises labels with DOMPurify, which needs a DOM.
// @vitest-environment jsdom
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';

// Every sample as text, keyed by file name (Vite reads them; no Node types needed).
const files = import.meta.glob<string>('./diagrams/*.mmd', { query: '?raw', import: 'default', eager: true });
const samples = Object.keys(files).map((path) => path.replace('./diagrams/', ''));

describe('Mermaid diagram samples', () => {
  it('covers every view of the demo and the hostile mesh', () => {
    for (const mesh of ['demo', 'hostile']) {
      for (const view of ['products', 'domains', 'teams']) expect(samples).toContain(`${mesh}-${view}.mmd`);
    }
  });

  it.each(samples)('%s parses as a flowchart', async (file: string) => {
    const result = await mermaid.parse(files[`./diagrams/${file}`] ?? '');
    expect(result).toMatchObject({ diagramType: 'flowchart-v2' });
  });
});
