// Right-click menus of nodes, edges and the pane. Items call the same actions as the
// toolbar; the menu closes on choice, Escape or a click elsewhere.
import { useCallback, useRef } from 'react';
import { useDismiss } from '../hooks/useDismiss';
import { useUiStore } from '../state/uiStore';
import { useMeshStore } from '../state/meshStore';
import * as editing from '../actions/editing';
import * as layout from '../actions/layout';
import { canvasControls } from '../canvas/canvasControls';

interface Item {
  id: string;
  label: string;
  run(): void;
  danger?: boolean;
}

export function ContextMenu() {
  const menu = useUiStore((s) => s.contextMenu);
  const close = useCallback(() => useUiStore.getState().openContextMenu(null), []);
  const ref = useRef<HTMLDivElement>(null);

  useDismiss(ref, menu !== null, close);

  if (!menu) return null;
  const t = menu.target;
  const rename = (): Item => ({ id: 'ctx-rename', label: 'Rename', run: () => useUiStore.getState().requestNameFocus() });
  const del = (): Item => ({ id: 'ctx-delete', label: 'Delete', danger: true, run: () => void editing.deleteItems() });
  let items: Item[] = [];
  if (t.kind === 'product') {
    items = [
      rename(),
      { id: 'ctx-add-output-port', label: 'Add output port', run: () => void editing.newOutputPort(t.id) },
      {
        id: 'ctx-new-product',
        label: 'New product in this domain',
        run: () => void editing.newProduct(useMeshStore.getState().model.products.get(t.id)?.domainId),
      },
      del(),
    ];
  } else if (t.kind === 'domain') {
    items = [{ id: 'ctx-new-product', label: 'New product here', run: () => void editing.newProduct(t.id, t.at) }, rename(), del()];
  } else if (t.kind === 'edge') {
    items = [del()];
  } else {
    items = [
      { id: 'ctx-new-domain', label: 'New domain', run: () => void editing.newDomain() },
      { id: 'ctx-new-product', label: 'New data product', run: () => void editing.newProduct() },
      { id: 'ctx-new-team', label: 'New team', run: () => void editing.newTeam() },
      { id: 'ctx-auto-layout', label: 'Auto layout', run: () => void layout.autoLayout() },
      { id: 'ctx-zoom-fit', label: 'Zoom to fit', run: () => canvasControls.fit() },
    ];
  }
  const left = Math.min(menu.x, window.innerWidth - 220);
  const top = Math.min(menu.y, window.innerHeight - items.length * 30 - 16);
  return (
    <div ref={ref} className="context-menu" data-testid="context-menu" role="menu" style={{ left, top }}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          className={`context-menu__item${item.danger ? ' is-danger' : ''}`}
          data-testid={item.id}
          onClick={() => {
            close();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
