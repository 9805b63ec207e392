//! Pushing a repository's export branch to its remote (`origin`, or its only remote)
//! through libgit2 over HTTPS or a local path (the SSH transport is not built in), with
//! the credentials git's configured credential helper gives, and the address where the
//! hosting service opens a pull or merge request for it (GitHub, GitLab, Bitbucket).

use git2::{Cred, CredentialType, PushOptions, RemoteCallbacks};

use super::commit::Prepared;
use crate::CommandError;

/// Pushes the branch; answers the remote's address and the review address, if known.
pub(super) fn push(
    prepared: &Prepared,
    branch: &str,
) -> Result<(Option<String>, Option<String>), CommandError> {
    let folder = &prepared.folder;
    let fail = |e: git2::Error| {
        CommandError::export_problem(folder, format!("git repository {folder}: {}", e.message()))
    };
    let repo = &prepared.repo;
    if repo.find_branch(branch, git2::BranchType::Local).is_err() {
        // Nothing was ever committed there: nothing to push.
        return Ok((None, None));
    }
    let remotes = repo.remotes().map_err(fail)?;
    let name = match remotes.iter().flatten().collect::<Vec<_>>().as_slice() {
        [] => {
            return Err(CommandError::export_problem(
                folder,
                format!(
                    "git repository {folder} has no remote to push to; add one with git remote add"
                ),
            ));
        }
        names if names.contains(&"origin") => "origin".to_owned(),
        [only] => (*only).to_owned(),
        _ => {
            return Err(CommandError::export_problem(
                folder,
                format!("git repository {folder} has several remotes and none is called origin"),
            ));
        }
    };
    let mut remote = repo.find_remote(&name).map_err(fail)?;
    let url = remote.url().unwrap_or_default().to_owned();
    let config = repo.config().map_err(fail)?;
    let mut rejected: Option<String> = None;
    {
        let mut tries = 0;
        let mut callbacks = RemoteCallbacks::new();
        callbacks.credentials(|url, user, allowed| {
            // libgit2 asks again after each refusal: give up instead of looping.
            tries += 1;
            if tries > 3 {
                return Err(git2::Error::from_str(
                    "the remote refused the credentials git provides",
                ));
            }
            if allowed.contains(CredentialType::SSH_KEY) {
                Cred::ssh_key_from_agent(user.unwrap_or("git"))
            } else if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
                Cred::credential_helper(&config, url, user)
            } else {
                Cred::default()
            }
        });
        callbacks.push_update_reference(|reference, status| {
            if let Some(why) = status {
                rejected = Some(format!("{reference}: {why}"));
            }
            Ok(())
        });
        let mut options = PushOptions::new();
        options.remote_callbacks(callbacks);
        let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
        remote
            .push(&[refspec.as_str()], Some(&mut options))
            .map_err(fail)?;
    }
    if let Some(why) = rejected {
        return Err(CommandError::export_problem(
            folder,
            format!("git repository {folder}: the remote refused the branch ({why})"),
        ));
    }
    let review = review_url(&url, branch);
    Ok((Some(url), review))
}

/// Where GitHub, GitLab or Bitbucket open a pull (merge) request from `branch` of the
/// repository at `remote` (an HTTPS, SSH or scp-like address); `None` for other hosts.
pub fn review_url(remote: &str, branch: &str) -> Option<String> {
    let rest = remote
        .strip_prefix("https://")
        .or_else(|| remote.strip_prefix("http://"))
        .or_else(|| remote.strip_prefix("ssh://"))
        .or_else(|| remote.strip_prefix("git@"))?;
    // `user@host/path`, `host/path` or scp-like `host:path`.
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let (host, path) = rest.split_once(['/', ':'])?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let path = path.trim_start_matches('/').trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    if path.is_empty() {
        return None;
    }
    Some(if host == "github.com" {
        format!("https://github.com/{path}/compare/{branch}?expand=1")
    } else if host == "bitbucket.org" {
        format!("https://bitbucket.org/{path}/pull-requests/new?source={branch}")
    } else if host.starts_with("gitlab.") {
        format!(
            "https://{host}/{path}/-/merge_requests/new?merge_request%5Bsource_branch%5D={branch}"
        )
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::review_url;

    #[test]
    fn review_addresses_for_the_three_hosts_in_every_address_form() {
        let b = "meshwright/northwind-2026-12-04";
        for remote in [
            "https://github.com/acme/sales-data.git",
            "git@github.com:acme/sales-data.git",
            "ssh://git@github.com/acme/sales-data",
        ] {
            assert_eq!(
                review_url(remote, b).as_deref(),
                Some(
                    "https://github.com/acme/sales-data/compare/meshwright/northwind-2026-12-04?expand=1"
                ),
                "{remote}"
            );
        }
        assert_eq!(
            review_url("git@gitlab.com:acme/data/sales.git", b).as_deref(),
            Some(
                "https://gitlab.com/acme/data/sales/-/merge_requests/new?merge_request%5Bsource_branch%5D=meshwright/northwind-2026-12-04"
            )
        );
        assert_eq!(
            review_url("https://user@bitbucket.org/acme/sales.git", b).as_deref(),
            Some(
                "https://bitbucket.org/acme/sales/pull-requests/new?source=meshwright/northwind-2026-12-04"
            )
        );
        assert_eq!(review_url("/srv/git/sales.git", b), None);
        assert_eq!(
            review_url("https://git.example.com/acme/sales.git", b),
            None
        );
    }
}
