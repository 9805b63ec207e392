// The inline form that waives one finding: a reason (required, as the core also
// insists) and an optional last day. Saving sends one undoable policy edit; the core's
// refusal is shown here.
import { useState } from 'react';
import type { Finding } from '../../bindings';
import { waive } from '../../actions/governance';
import { useGovernanceStore } from '../../state/governanceStore';

export function WaiveForm({ finding }: { finding: Finding }) {
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => useGovernanceStore.getState().setWaiving(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('A waiver needs a reason');
      return;
    }
    const ok = await waive(finding, reason, expires || null, (err) => setError(err.message));
    if (ok) close();
  };
  return (
    <form className="waive-form" data-testid="waive-form" onSubmit={(e) => void submit(e)}>
      <label className="waive-form__reason">
        Reason
        <input
          type="text"
          data-testid="waive-reason"
          value={reason}
          autoFocus
          placeholder="Why is this accepted? (required)"
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
      </label>
      <label>
        Expires
        <input type="date" data-testid="waive-expires" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary button--small" data-testid="waive-submit" disabled={!reason.trim()}>
        Waive
      </button>
      <button type="button" className="button button--small" data-testid="waive-cancel" onClick={close}>
        Cancel
      </button>
      {error && (
        <div className="waive-form__error" data-testid="waive-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
