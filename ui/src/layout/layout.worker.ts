// The layout worker: lays out a graph built by elkGraph.ts off the UI thread (ELK, and
// layered.ts for large meshes: meshLayout.ts) and posts the laid-out graph back. It
// knows nothing of the model or the backend; one request in, one answer out, by id.
import './elkShim';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { layoutMesh } from './meshLayout';

export interface LayoutRequest {
  id: number;
  graph: ElkNode;
}
export type LayoutResponse = { id: number; ok: true; graph: ElkNode } | { id: number; ok: false; message: string };

const elk = new ELK();

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, graph } = event.data;
  let response: LayoutResponse;
  try {
    response = { id, ok: true, graph: await layoutMesh(elk, graph) };
  } catch (e) {
    response = { id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(response);
};
