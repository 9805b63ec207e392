// The start-up signal the end-to-end tests read: window.__meshwright.ready and
// paintedAt, set once when the first mesh is painted. Nothing else may set it.
declare global {
  interface Window {
    __meshwright?: { ready: boolean; paintedAt: number };
  }
}

export function initReadiness(): void {
  if (!window.__meshwright) window.__meshwright = { ready: false, paintedAt: 0 };
}

export function markReady(): void {
  if (window.__meshwright?.ready) return;
  // Wall-clock milliseconds, comparable with the process start time the shell reports.
  window.__meshwright = { ready: true, paintedAt: performance.timeOrigin + performance.now() };
}
