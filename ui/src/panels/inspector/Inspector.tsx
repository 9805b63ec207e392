// The right-hand inspector: the form of the single selected entity, a summary of a
// multi-selection, or the mesh header when nothing is selected. Forms are keyed by
// entity id so drafts and inline errors never leak from one entity to another.
import { useEffect } from 'react';
import { primarySelection, useMeshStore } from '../../state/meshStore';
import { useUiStore } from '../../state/uiStore';
import { ProductForm } from './ProductForm';
import { DomainForm, InputPortForm, MeshForm, OutputPortForm, TeamForm } from './OtherForms';
import * as editing from '../../actions/editing';

const KIND_LABEL = { product: 'Data product', domain: 'Domain', team: 'Team', outputPort: 'Output port', inputPort: 'Dependency' } as const;

export function Inspector() {
  const model = useMeshStore((s) => s.model);
  const selection = useMeshStore((s) => s.selection);
  const primary = primarySelection(selection);
  const ownerId = primary?.id ?? 'mesh';

  useEffect(() => {
    useUiStore.getState().clearFieldErrors();
  }, [ownerId]);

  let body: React.ReactNode = null;
  if (selection.length > 1) {
    body = (
      <div className="insp-multi">
        <p>{selection.length} items selected</p>
        <button type="button" className="button button--danger" onClick={() => void editing.deleteItems()}>
          Delete {selection.length} items
        </button>
      </div>
    );
  } else if (primary) {
    switch (primary.kind) {
      case 'product': {
        const v = model.products.get(primary.id);
        body = v && <ProductForm key={v.id} product={v} />;
        break;
      }
      case 'domain': {
        const v = model.domains.get(primary.id);
        body = v && <DomainForm key={v.id} domain={v} />;
        break;
      }
      case 'team': {
        const v = model.teams.get(primary.id);
        body = v && <TeamForm key={v.id} team={v} />;
        break;
      }
      case 'outputPort': {
        const v = model.outputPorts.get(primary.id);
        body = v && <OutputPortForm key={v.id} port={v} />;
        break;
      }
      case 'inputPort': {
        const v = model.inputPorts.get(primary.id);
        body = v && <InputPortForm key={v.id} input={v} />;
        break;
      }
    }
  } else {
    body = <MeshForm info={model.info} />;
  }

  return (
    <aside
      className="inspector"
      data-testid="inspector"
      data-kind={primary?.kind ?? (selection.length > 1 ? 'multiple' : 'mesh')}
      aria-label="Inspector"
    >
      <div className="inspector__kind">{primary ? KIND_LABEL[primary.kind] : selection.length > 1 ? 'Selection' : 'Mesh'}</div>
      <div className="inspector__scroll">{body}</div>
    </aside>
  );
}
