// The running export's, import's or diagram's progress, from the shell's TaskProgress
// events, with its Cancel button. A bar that fills when the amount of work is known, a
// busy bar while it is not. Cancel shows once the task has reported: the shell sends the first
// event after it set up the task's cancel flag, and a click before that would be lost.
import { useUiStore } from '../../state/uiStore';
import { progressFraction, progressLabel } from '../../state/manifests';

export function TaskProgressBar({ testId, onCancel }: { testId: string; onCancel?: () => void }) {
  const task = useUiStore((s) => s.task);
  const fraction = progressFraction(task);
  return (
    <div className="task-progress" data-testid={testId}>
      <div
        className="task-progress__track"
        role="progressbar"
        aria-label={progressLabel(task)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        {fraction === null ? (
          <span className="task-progress__busy" />
        ) : (
          <span className="task-progress__fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
        )}
      </div>
      <span className="task-progress__label">{progressLabel(task)}</span>
      {onCancel && task && (
        <button type="button" className="button button--small" data-testid={`${testId}-cancel`} onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
