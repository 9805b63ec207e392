// The frame the Export and Import dialogs share: backdrop, title with its lede, the close
// button, and Escape; closing is refused while a task runs (Cancel stops the task first).
import { useEffect, type ReactNode } from 'react';

interface Props {
  /** `export` or `import`: the prefix of the frame's test ids. */
  name: string;
  title: string;
  lede: string;
  /** The dialog's phase, exposed as `data-phase` for tests. */
  phase: string;
  busy: boolean;
  onClose(): void;
  className?: string;
  children: ReactNode;
}

export function DialogFrame({ name, title, lede, phase, busy, onClose, className, children }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
  const close = () => !busy && onClose();
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className={`modal manifest-dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${name}-title`}
        data-testid={`${name}-dialog`}
        data-phase={phase}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="manifest-dialog__head">
          <div>
            <h2 id={`${name}-title`}>{title}</h2>
            <p className="manifest-dialog__lede">{lede}</p>
          </div>
          <button type="button" className="icon-button" aria-label="Close" data-testid={`${name}-close`} disabled={busy} onClick={close}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
