// A refused, cancelled or overtaken export, import or diagram, typed: the file concerned (when
// the core named one) above the cause, as text.
import type { CommandError } from '../../bindings';
import { messageWithoutPath } from '../../state/manifests';
import { outcomeOf } from '../../lib/errors';

export function ErrorNotice({ error, testId }: { error: CommandError; testId: string }) {
  // Stopped by the user or overtaken by an edit: nothing went wrong.
  const icon = { failed: null, stopped: '×', overtaken: '↻' }[outcomeOf(error)];
  return (
    <div className={`notice ${icon ? 'notice--info' : 'notice--error'}`} role="alert" data-testid={testId} data-kind={error.kind}>
      <span className="notice__icon" aria-hidden="true">
        {icon ?? '⚠'}
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
