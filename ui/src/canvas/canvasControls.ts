// A small bridge so actions outside the canvas (menus, toolbar, new entities) can ask
// the mounted canvas to fit, zoom or reveal a node. The canvas registers its handlers;
// before it mounts every call is a no-op.
export interface CanvasHandlers {
  fit(): void;
  reveal(id: string): void;
}

let handlers: CanvasHandlers | null = null;

export const canvasControls = {
  register(h: CanvasHandlers | null) {
    handlers = h;
  },
  fit() {
    handlers?.fit();
  },
  reveal(id: string) {
    requestAnimationFrame(() => handlers?.reveal(id));
  },
};
