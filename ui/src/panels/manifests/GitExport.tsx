// The Export dialog's domain repository parts: "commit to each domain repository" with
// the branch and push choices (offered with one folder per domain), and each
// repository's result after the export: its commit on the branch, the data products it
// adds, changes and removes, where it was pushed and where to open the pull request.
// The commits are the application layer's (`mesh_app::repos`); this only shows them.
import type { RepoCommit } from '../../lib/backend';
import type { ExportChoices } from '../../state/manifests';

export function GitOptions({
  choices,
  busy,
  choose,
}: {
  choices: ExportChoices;
  busy: boolean;
  choose(patch: Partial<ExportChoices>): void;
}) {
  const off = busy || !choices.byDomain;
  return (
    <div className="option-row">
      <span className="option-row__label" />
      <div className="option-row__value git-options">
        <label className="check">
          <input
            type="checkbox"
            data-testid="export-git"
            checked={choices.git && choices.byDomain}
            disabled={off}
            onChange={(e) => choose({ git: e.target.checked })}
          />
          Commit to each domain repository{' '}
          <span className="muted">— folders that are git repositories get a commit on a branch instead of written files</span>
        </label>
        {choices.git && choices.byDomain && (
          <div className="git-options__more">
            <input
              className="input mono"
              data-testid="export-branch"
              placeholder="meshwright/<mesh>-<date>"
              aria-label="Branch"
              value={choices.branch}
              disabled={busy}
              onChange={(e) => choose({ branch: e.target.value })}
            />
            <label className="check">
              <input
                type="checkbox"
                data-testid="export-push"
                checked={choices.push}
                disabled={busy}
                onChange={(e) => choose({ push: e.target.checked })}
              />
              Push the branch
            </label>
          </div>
        )}
      </div>
    </div>
  );
}

function names(label: string, list: readonly string[]) {
  return list.length > 0 ? `${label} ${list.join(', ')}` : null;
}

export function RepoResults({ repos }: { repos: readonly RepoCommit[] }) {
  if (repos.length === 0) return null;
  return (
    <ul className="repo-results" data-testid="export-repos">
      {repos.map((r) => {
        const products = [names('added', r.products.added), names('changed', r.products.changed), names('removed', r.products.removed)]
          .filter(Boolean)
          .join('; ');
        return (
          <li key={r.folder} className="repo-result" data-testid="export-repo" data-folder={r.folder} data-commit={r.commit ?? ''}>
            <span className="repo-result__folder mono">{r.folder}</span>{' '}
            {r.commit ? (
              <>
                commit <span className="mono">{r.commit.slice(0, 12)}</span> on <span className="mono">{r.branch}</span> ({r.files} files)
                {products && <div className="repo-result__products">{products}</div>}
                {r.pushedTo && <div className="muted">pushed to {r.pushedTo}</div>}
                {r.reviewUrl && (
                  <div className="mono repo-result__review" data-testid="export-review-url">
                    open a pull request: {r.reviewUrl}
                  </div>
                )}
              </>
            ) : (
              <span className="muted">nothing to change on {r.branch}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
