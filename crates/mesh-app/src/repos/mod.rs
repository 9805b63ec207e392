//! Exporting into domain repositories as git commits (`meshwright export --by-domain
//! --git`, the Export dialog's "commit to each domain repository"). Each domain folder
//! that is a git work tree gets Meshwright's files as one commit on a review branch,
//! made in the repository's object database: the work tree, its index and its checked-out
//! branch stay as they are, so a repo on another branch keeps it. Folders that are not
//! repositories, and the files outside every domain folder, are written as a plain export.
//!
//! Before anything is written, every repository is checked: files Meshwright writes
//! with uncommitted changes refuse the whole export, naming the repo and the files. Git
//! is reached through libgit2 (`git2`), never by running the git program. The files
//! themselves are the core's (`mesh_core::manifests::place_export`).

mod commit;
mod push;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mesh_core::manifests::layout::{Placed, domain_folder};
use mesh_core::manifests::plan::{self, Change};
use mesh_core::manifests::{ExportSettings, place_export, write};
use mesh_core::model::Mesh;
use serde::Serialize;

use crate::{CancelToken, CommandError, TaskPhase};

pub use commit::ProductChanges;

/// How to commit: the branch (default `meshwright/<mesh>-<date>`), the message (default:
/// the products added, changed and removed) and whether to push the branch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitOptions {
    /// The branch to create or reuse.
    pub branch: Option<String>,
    /// The commit message.
    pub message: Option<String>,
    /// Push the branch to the repository's remote.
    pub push: bool,
}

/// What happened in one domain repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RepoCommit {
    /// The repository's folder, relative to the export root.
    pub folder: String,
    /// The branch committed to.
    pub branch: String,
    /// The new commit's id; `None` when the branch already held these files.
    pub commit: Option<String>,
    /// Files the commit adds, changes or removes.
    pub files: u32,
    /// The data products whose files it adds, changes or removes.
    pub products: ProductChanges,
    /// The remote's address, when the branch was pushed.
    pub pushed_to: Option<String>,
    /// Where to open a pull (merge) request, for GitHub, GitLab and Bitbucket remotes.
    pub review_url: Option<String>,
}

/// An export into domain repositories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GitExport {
    /// One entry per repository, by folder.
    pub repos: Vec<RepoCommit>,
    /// Files written outside the repositories (plain folders, root files).
    pub written: u32,
    /// Files removed outside the repositories (with prune).
    pub removed: u32,
    /// Files outside the repositories that were already up to date.
    pub unchanged: u32,
}

/// The branch an export commits to when none is named: `meshwright/<mesh>-<date>`.
pub fn default_branch(mesh: &Mesh, today: chrono::NaiveDate) -> String {
    let name = mesh_core::slug::slugify(&mesh.info.name);
    format!("meshwright/{name}-{today}")
}

/// Exports `mesh` under `root` by domain, committing each domain repository's files on
/// a branch (and pushing it when asked); see the module header.
pub fn export(
    mesh: &Mesh,
    root: &Path,
    settings: &ExportSettings,
    git: &GitOptions,
    today: chrono::NaiveDate,
    token: &mut CancelToken,
) -> Result<GitExport, CommandError> {
    if !settings.by_domain {
        return Err(CommandError::invalid_argument(
            "git",
            "committing to domain repositories needs the export by domain (--by-domain)",
        ));
    }
    let branch = git
        .branch
        .clone()
        .unwrap_or_else(|| default_branch(mesh, today));
    if !git2::Branch::name_is_valid(&branch).unwrap_or(false) {
        return Err(CommandError::invalid_argument(
            "branch",
            format!("{branch:?} is not a valid git branch name"),
        ));
    }
    let placed = place_export(mesh, settings)?;
    let (repos, plain) = split(mesh, root, placed)?;
    // Every repository is looked at before anything is written anywhere.
    let mut prepared = Vec::with_capacity(repos.len());
    for (folder, files) in repos {
        prepared.push(commit::Prepared::new(root, &folder, files, &branch)?);
    }
    let outside = plain_plan(root, plain, settings.prune, &prepared, token)?;
    let mut results = Vec::with_capacity(prepared.len());
    for repo in prepared {
        let mut done = repo.commit(git.message.as_deref(), &mesh.info.name)?;
        if git.push {
            (done.pushed_to, done.review_url) = push::push(&repo, &branch)?;
        }
        results.push(done);
    }
    let written = token.run(TaskPhase::Writing, |p, c| write::write(&outside, p, c))?;
    Ok(GitExport {
        repos: results,
        written: crate::count(written.written),
        removed: crate::count(written.removed),
        unchanged: crate::count(written.unchanged),
    })
}

/// The placed files inside each domain repository (by folder, paths relative to it),
/// and the rest.
type Split = (BTreeMap<String, BTreeMap<String, String>>, Vec<Placed>);

fn split(mesh: &Mesh, root: &Path, placed: Vec<Placed>) -> Result<Split, CommandError> {
    let mut folders: Vec<String> = Vec::new();
    for d in &mesh.domains {
        let folder = domain_folder(d)?.trim_end_matches('/').to_owned();
        if !folders.contains(&folder) && is_work_tree(&root.join(&folder)) {
            folders.push(folder);
        }
    }
    let mut repos: BTreeMap<String, BTreeMap<String, String>> = folders
        .iter()
        .map(|f| (f.clone(), BTreeMap::new()))
        .collect();
    let mut plain = Vec::new();
    'files: for file in placed {
        for folder in &folders {
            if let Some(inside) = file.path.strip_prefix(&format!("{folder}/")) {
                if let Some(files) = repos.get_mut(folder) {
                    files.insert(inside.to_owned(), file.text);
                }
                continue 'files;
            }
        }
        plain.push(file);
    }
    Ok((repos, plain))
}

/// True when `dir` is the top of a git work tree (not a folder inside some other one).
fn is_work_tree(dir: &Path) -> bool {
    let Ok(repo) = git2::Repository::open(dir) else {
        return false;
    };
    let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
    repo.workdir().is_some_and(|w| same(w, dir))
}

/// The plain part of the export: the files outside every repository, compared with the
/// disk. An earlier plain export's files inside the repositories now belong to their
/// commits: they are neither removed nor pruned here.
fn plain_plan(
    root: &Path,
    files: Vec<Placed>,
    prune: bool,
    repos: &[commit::Prepared],
    token: &mut CancelToken,
) -> Result<plan::Plan, CommandError> {
    let mut planned = token.run(TaskPhase::Planning, |p, c| {
        plan::plan(root, files, prune, p, c)
    })?;
    let inside = |path: &str| {
        repos
            .iter()
            .any(|r| path.starts_with(&format!("{}/", r.folder)))
    };
    planned
        .entries
        .retain(|e| !(e.change == Change::Removed && inside(&e.path)));
    Ok(planned)
}

/// A repository's folder under the export root, for errors.
fn repo_path(root: &Path, folder: &str) -> PathBuf {
    root.join(folder)
}
