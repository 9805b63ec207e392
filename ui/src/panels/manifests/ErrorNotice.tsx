// A refused export or import, typed: the file concerned (when the core named one) above
// the cause, as text.
import type { CommandError } from '../../bindings';
import { messageWithoutPath } from '../../state/manifests';

export function ErrorNotice({ error, testId }: { error: CommandError; testId: string }) {
  const cancelled = error.kind === 'cancelled';
  return (
    <div className={`notice ${cancelled ? 'notice--info' : 'notice--error'}`} role="alert" data-testid={testId} data-kind={error.kind}>
      <span className="notice__icon" aria-hidden="true">
        {cancelled ? '×' : '⚠'}
      </span>
      <div className="notice__text">
        {error.path && (
          <div className="notice__path mono" data-testid={`${testId}-path`}>
            {error.path}
          </div>
        )}
        <div>{messageWithoutPath(error.message, error.path)}</div>
      </div>
    </div>
  );
}
