// The start-up signal the end-to-end tests read: window.__meshwright.ready and
// paintedAt, set once when the first mesh is painted, and the last edit's round trip.
// Nothing else may set them.
declare global {
  interface Window {
    __meshwright?: { ready: boolean; paintedAt: number; lastEditMs?: number };
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

/**
 * Records how long the last edit took from sending it to the frame that shows it
 * (UI → command → SQLite commit → store → paint), for the end-to-end measurements.
 */
export function recordEditRoundTrip(started: number): void {
  requestAnimationFrame(() => {
    const state = window.__meshwright ?? { ready: false, paintedAt: 0 };
    window.__meshwright = { ...state, lastEditMs: performance.now() - started };
  });
}
