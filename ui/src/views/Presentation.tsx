// Presentation mode (View > Presentation, F11): the badge that says the window is
// presenting and how to leave, and the refit when the side panels come and go so the
// whole mesh fills the larger canvas. What is hidden is App's layout; the readable
// names at that zoom are the canvas's label drawing (canvas/detail.ts).
import { useEffect, useRef } from 'react';
import { useUiStore } from '../state/uiStore';
import { canvasControls } from '../canvas/canvasControls';

export function PresentationBadge() {
  return (
    <button
      type="button"
      className="presentation-badge"
      data-testid="presentation"
      title="Leave presentation mode (F11 or Esc)"
      onClick={() => useUiStore.getState().togglePresentation(false)}
    >
      Presenting · F11 or Esc to leave
    </button>
  );
}

/** Fits the canvas once the window has been laid out again after entering or leaving. */
export function useFitOnPresentation(presenting: boolean): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Two frames: the grid takes the new columns, then React Flow its new size.
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => canvasControls.fit()));
    return () => cancelAnimationFrame(frame);
  }, [presenting]);
}
