// The Ownership view's commands: read the core's matrix, and move a product to another
// team (one undoable edit, the same `saveProduct` the inspector sends).
import { backend } from '../lib/backend';
import type { OwnershipMatrix } from '../bindings';
import { useMeshStore } from '../state/meshStore';
import { moveToTeam } from '../views/ownership/cells';
import { edit, reportError } from './editing';

/** The open mesh's matrix, or null when it could not be computed (reported). */
export async function loadMatrix(): Promise<OwnershipMatrix | null> {
  try {
    return await backend.ownershipMatrix();
  } catch (e) {
    reportError(e);
    return null;
  }
}

/** Gives a product to `teamId` (null: no owner) and selects it. */
export async function moveProduct(productId: string, teamId: string | null): Promise<boolean> {
  const { model } = useMeshStore.getState();
  const product = model.products.get(productId);
  if (!product) return false;
  const op = moveToTeam(product, teamId);
  if (!op) return false;
  const to = teamId ? (model.teams.get(teamId)?.name ?? teamId) : 'no owner';
  return edit([op], `Move data product ${product.name} to ${to}`, { select: [{ kind: 'product', id: productId }] });
}
