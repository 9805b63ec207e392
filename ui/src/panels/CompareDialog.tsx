// File > Compare With…: another version of this mesh (a colleague's copy, the file on
// another branch) chosen by path or Browse…; the core compares it with what the window
// shows, and the canvas marks the differences in the Changes mode (actions/scenario.ts).
import { useState } from 'react';
import { dialogs, type CommandError } from '../lib/backend';
import { toCommandError } from '../lib/errors';
import { useUiStore } from '../state/uiStore';
import { compareWith } from '../actions/scenario';
import { DialogFrame } from './manifests/DialogFrame';
import { ErrorNotice } from './manifests/ErrorNotice';
import { PathField } from './manifests/PathField';

export function CompareDialog() {
  const open = useUiStore((s) => s.compareOpen);
  return open ? <CompareDialogBody /> : null;
}

function CompareDialogBody() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const close = () => useUiStore.getState().setCompareOpen(false);
  const compare = async () => {
    setBusy(true);
    setError(null);
    try {
      await compareWith(path);
      close();
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  };
  const browse = async () => {
    const picked = await dialogs.openFile();
    if (picked) setPath(picked);
  };
  return (
    <DialogFrame
      name="compare"
      title="Compare with another version"
      lede="What another copy of this mesh has different, marked on the canvas: added green, removed red, changed amber."
      phase={busy ? 'comparing' : 'choose'}
      busy={busy}
      onClose={close}
    >
      <section className="manifest-options" data-testid="compare-with">
        <PathField
          id="compare-path"
          label="Mesh file"
          value={path}
          error={error?.field === 'path' ? error.message : null}
          busy={busy}
          onChange={setPath}
          onEnter={() => void compare()}
          onBrowse={() => void browse()}
        />
      </section>
      {error && error.field !== 'path' && <ErrorNotice error={error} testId="compare-error" />}
      <footer className="manifest-dialog__foot">
        <div className="manifest-dialog__status" />
        <button type="button" className="button" data-testid="compare-cancel" disabled={busy} onClick={close}>
          Cancel
        </button>
        <button type="button" className="button button--primary" data-testid="compare-run" disabled={busy} onClick={() => void compare()}>
          Compare
        </button>
      </footer>
    </DialogFrame>
  );
}
