//! One domain repository's commit: what the branch holds now (its tip, or the checked-out
//! commit for a new branch), which of Meshwright's files the export adds, changes or
//! removes there, the refusal when those files have uncommitted changes in the work
//! tree, and the commit itself, built in the object database with the committed export
//! index (`.meshwright-export.json`) saying which files are Meshwright's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use git2::build::{CheckoutBuilder, TreeUpdateBuilder};
use git2::{BranchType, FileMode, ObjectType, Oid, Repository, Status, StatusOptions};
use mesh_core::manifests::layout::{INDEX_FILE, PRODUCTS_DIR};
use mesh_core::manifests::plan::{Index, parse_index};
use serde::Serialize;

use super::{RepoCommit, repo_path};
use crate::CommandError;

/// The data products whose files a commit adds, changes or removes, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProductChanges {
    /// Products all of whose files are new.
    pub added: Vec<String>,
    /// Products with files added, changed or removed.
    pub changed: Vec<String>,
    /// Products all of whose files go.
    pub removed: Vec<String>,
}

/// A repository checked and ready to commit.
pub(super) struct Prepared {
    /// The folder under the export root.
    pub(super) folder: String,
    pub(super) repo: Repository,
    branch: String,
    /// The branch's tip, or for a new branch the checked-out commit (none when unborn).
    base: Option<Oid>,
    /// Whether the branch exists already.
    existing: bool,
    /// The files the export puts there, relative to the repository.
    files: BTreeMap<String, String>,
    /// Meshwright's files of the base that the export no longer produces.
    removed: Vec<String>,
    /// What the commit does to each path it touches.
    changed: BTreeMap<String, Change>,
}

/// What the commit does to one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Added,
    Changed,
    Removed,
}

fn git_error(root: &Path, folder: &str, e: &git2::Error) -> CommandError {
    CommandError::export_problem(
        &repo_path(root, folder).display().to_string(),
        format!("git repository {folder}: {}", e.message()),
    )
}

impl Prepared {
    /// Opens the repository at `root/folder` and works out the commit; refuses when
    /// files Meshwright writes there have uncommitted changes.
    pub(super) fn new(
        root: &Path,
        folder: &str,
        files: BTreeMap<String, String>,
        branch: &str,
    ) -> Result<Prepared, CommandError> {
        let fail = |e: git2::Error| git_error(root, folder, &e);
        let repo = Repository::open(root.join(folder)).map_err(fail)?;
        let (base, existing, removed, changed, before) = {
            let tip = repo
                .find_branch(branch, BranchType::Local)
                .ok()
                .and_then(|b| b.get().peel_to_commit().ok());
            let existing = tip.is_some();
            let base = tip.or_else(|| repo.head().ok().and_then(|h| h.peel_to_commit().ok()));
            let base_id = base.as_ref().map(git2::Commit::id);
            let tree = match &base {
                Some(commit) => Some(commit.tree().map_err(fail)?),
                None => None,
            };
            let blob_at = |path: &str| -> Option<Vec<u8>> {
                let entry = tree.as_ref()?.get_path(Path::new(path)).ok()?;
                let blob = entry.to_object(&repo).ok()?.peel_to_blob().ok()?;
                Some(blob.content().to_vec())
            };
            let index_path = format!("{folder}/{INDEX_FILE}");
            let before: BTreeSet<String> = match blob_at(INDEX_FILE) {
                Some(bytes) => parse_index(&String::from_utf8_lossy(&bytes), &index_path)?,
                None => BTreeSet::new(),
            };
            let mut changed = BTreeMap::new();
            for (path, text) in &files {
                let new = Oid::hash_object(ObjectType::Blob, text.as_bytes()).map_err(fail)?;
                match tree.as_ref().and_then(|t| t.get_path(Path::new(path)).ok()) {
                    None => {
                        changed.insert(path.clone(), Change::Added);
                    }
                    Some(entry) if entry.id() != new => {
                        changed.insert(path.clone(), Change::Changed);
                    }
                    Some(_) => {}
                }
            }
            let removed: Vec<String> = before
                .iter()
                .filter(|p| !files.contains_key(*p) && blob_at(p).is_some())
                .cloned()
                .collect();
            for path in &removed {
                changed.insert(path.clone(), Change::Removed);
            }
            (base_id, existing, removed, changed, before)
        };
        let owned: Vec<&String> = files.keys().chain(before.iter()).collect();
        let dirty = uncommitted(&repo, &owned).map_err(fail)?;
        if !dirty.is_empty() {
            return Err(CommandError::conflict(
                &repo_path(root, folder).display().to_string(),
                format!(
                    "git repository {folder} has uncommitted changes in files Meshwright writes: {}; commit or discard them first",
                    dirty.join(", ")
                ),
            ));
        }
        Ok(Prepared {
            folder: folder.to_owned(),
            repo,
            branch: branch.to_owned(),
            base,
            existing,
            files,
            removed,
            changed,
        })
    }

    /// Makes the commit on the branch (none when nothing changes), with `message` or one
    /// listing the products added, changed and removed.
    pub(super) fn commit(
        &self,
        message: Option<&str>,
        mesh: &str,
    ) -> Result<RepoCommit, CommandError> {
        let root_free = |e: git2::Error| {
            CommandError::export_problem(
                &self.folder,
                format!("git repository {}: {}", self.folder, e.message()),
            )
        };
        let products = products(&self.changed);
        let mut done = RepoCommit {
            folder: self.folder.clone(),
            branch: self.branch.clone(),
            commit: None,
            files: crate::count(self.changed.len()),
            products: products.clone(),
            pushed_to: None,
            review_url: None,
        };
        if self.changed.is_empty() {
            return Ok(done);
        }
        let repo = &self.repo;
        let base = match self.base {
            Some(id) => Some(repo.find_commit(id).map_err(root_free)?),
            None => None,
        };
        let base_tree = match &base {
            Some(c) => c.tree().map_err(root_free)?,
            None => {
                let empty = repo
                    .treebuilder(None)
                    .and_then(|b| b.write())
                    .map_err(root_free)?;
                repo.find_tree(empty).map_err(root_free)?
            }
        };
        let mut update = TreeUpdateBuilder::new();
        for (path, text) in &self.files {
            let blob = repo.blob(text.as_bytes()).map_err(root_free)?;
            update.upsert(path.as_str(), blob, FileMode::Blob);
        }
        for path in &self.removed {
            update.remove(path.as_str());
        }
        let listed: BTreeSet<String> = self.files.keys().cloned().collect();
        let index = repo
            .blob(Index::text(&listed).as_bytes())
            .map_err(root_free)?;
        update.upsert(INDEX_FILE, index, FileMode::Blob);
        let tree = repo
            .find_tree(update.create_updated(repo, &base_tree).map_err(root_free)?)
            .map_err(root_free)?;
        let signature = repo.signature().map_err(|e| {
            CommandError::export_problem(
                &self.folder,
                format!(
                    "git repository {}: no author to commit as ({}); set user.name and user.email with git config",
                    self.folder,
                    e.message()
                ),
            )
        })?;
        let text = message.map_or_else(
            || describe(mesh, &products, self.changed.len()),
            str::to_owned,
        );
        let refname = format!("refs/heads/{}", self.branch);
        let parents: Vec<&git2::Commit<'_>> = base.iter().collect();
        let id = repo
            .commit(
                Some(&refname),
                &signature,
                &signature,
                &text,
                &tree,
                &parents,
            )
            .map_err(root_free)?;
        self.refresh_checked_out(&refname).map_err(root_free)?;
        done.commit = Some(id.to_string());
        Ok(done)
    }

    /// When the branch is the one checked out, brings Meshwright's files of the work tree
    /// and index to the new commit (they were clean, so nothing of the user's is lost);
    /// any other checked-out branch is left as it is.
    fn refresh_checked_out(&self, refname: &str) -> Result<(), git2::Error> {
        let on_branch = self
            .repo
            .head()
            .ok()
            .and_then(|h| h.name().map(str::to_owned))
            .as_deref()
            == Some(refname);
        if !self.existing || !on_branch {
            return Ok(());
        }
        let mut checkout = CheckoutBuilder::new();
        checkout.force();
        for path in self
            .changed
            .keys()
            .chain(std::iter::once(&INDEX_FILE.to_owned()))
        {
            checkout.path(path);
        }
        self.repo.checkout_head(Some(&mut checkout))
    }
}

/// The paths among `owned` with changes in the work tree or the index.
fn uncommitted(repo: &Repository, owned: &[&String]) -> Result<Vec<String>, git2::Error> {
    if owned.is_empty() {
        return Ok(Vec::new());
    }
    let mut options = StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .disable_pathspec_match(true);
    for path in owned {
        options.pathspec(path.as_str());
    }
    let statuses = repo.statuses(Some(&mut options))?;
    let mut dirty: Vec<String> = statuses
        .iter()
        .filter(|s| s.status() != Status::CURRENT && !s.status().contains(Status::IGNORED))
        .filter_map(|s| s.path().map(str::to_owned))
        .collect();
    dirty.sort();
    dirty.dedup();
    Ok(dirty)
}

/// The products behind the changed paths (`dataproducts/<name>/...`).
fn products(changed: &BTreeMap<String, Change>) -> ProductChanges {
    let mut by_product: BTreeMap<&str, BTreeSet<Change>> = BTreeMap::new();
    for (path, change) in changed {
        let mut parts = path.split('/');
        if let (Some(PRODUCTS_DIR), Some(name), Some(_)) =
            (parts.next(), parts.next(), parts.next())
        {
            by_product.entry(name).or_default().insert(*change);
        }
    }
    let mut out = ProductChanges::default();
    for (name, changes) in by_product {
        let list = match changes.iter().collect::<Vec<_>>().as_slice() {
            [Change::Added] => &mut out.added,
            [Change::Removed] => &mut out.removed,
            _ => &mut out.changed,
        };
        list.push(name.to_owned());
    }
    out
}

/// The default commit message: what the export changes, product by product.
fn describe(mesh: &str, products: &ProductChanges, files: usize) -> String {
    let mut text = format!("Meshwright: export of {mesh}\n");
    let mut lines = Vec::new();
    for (label, names) in [
        ("Added", &products.added),
        ("Changed", &products.changed),
        ("Removed", &products.removed),
    ] {
        if !names.is_empty() {
            lines.push(format!("{label} data products: {}", names.join(", ")));
        }
    }
    lines.push(format!(
        "{files} file{} changed.",
        if files == 1 { "" } else { "s" }
    ));
    text.push('\n');
    text.push_str(&lines.join("\n"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_are_added_changed_or_removed_by_all_their_files() {
        let changed = BTreeMap::from([
            ("dataproducts/a/a.odps.yaml".to_owned(), Change::Added),
            ("dataproducts/a/a.dpds.json".to_owned(), Change::Added),
            ("dataproducts/b/b.odps.yaml".to_owned(), Change::Changed),
            ("dataproducts/c/c.odps.yaml".to_owned(), Change::Removed),
            ("dataproducts/d/d.odps.yaml".to_owned(), Change::Added),
            ("dataproducts/d/d.dpds.json".to_owned(), Change::Removed),
            ("catalog-info.yaml".to_owned(), Change::Changed),
        ]);
        let p = products(&changed);
        assert_eq!(p.added, vec!["a"]);
        assert_eq!(p.changed, vec!["b", "d"]);
        assert_eq!(p.removed, vec!["c"]);
        let text = describe("Northwind", &p, changed.len());
        assert!(
            text.starts_with("Meshwright: export of Northwind\n\nAdded data products: a\n"),
            "{text}"
        );
        assert!(text.ends_with("7 files changed.\n"), "{text}");
    }
}
