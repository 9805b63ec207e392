// Commits one field of the inspected entity as one undoable edit and routes the core's
// answer: a refusal naming a field goes under that field, anything else to a toast.
import { useCallback } from 'react';
import type { EditOp } from '../../bindings';
import { edit } from '../../actions/editing';
import { placeError } from '../../lib/errors';
import { useUiStore } from '../../state/uiStore';

export function useSave(ownerId: string, formFields: ReadonlySet<string>) {
  return useCallback(
    async (field: string, op: EditOp | EditOp[], label: string | null = null) => {
      const ui = useUiStore.getState();
      const ok = await edit(Array.isArray(op) ? op : [op], label, {
        onError: (error) => {
          const placed = placeError(error, formFields);
          if (placed.where === 'field') ui.setFieldError(ownerId, placed.field, placed.message);
          else ui.toast(placed.message);
        },
      });
      if (ok) useUiStore.getState().clearFieldErrors(ownerId, field);
      return ok;
    },
    [ownerId, formFields],
  );
}
