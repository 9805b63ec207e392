//! What an export would change on disk, before anything is written: each placed
//! document compared with the file at its path (added, changed, unchanged), files a
//! previous export wrote that the mesh no longer produces (removed), and files in the
//! way that Meshwright did not write (conflicts). Dry runs show this plan with unified
//! diffs; the writer carries it out.
//!
//! Which files Meshwright wrote is recorded in `.meshwright-export.json` at the export
//! root (sorted relative paths). Only files listed there are ever overwritten or
//! removed; a file not listed is adopted only when it already holds exactly the bytes
//! the export would write.
//!
//! It reads the file system and never writes to it.

use std::collections::{BTreeSet, HashMap};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::layout::{INDEX_FILE, Placed};
use crate::error::{Error, Result};

/// What happens to one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Change {
    /// A new file.
    Added,
    /// A file of an earlier export whose text changes.
    Changed,
    /// A file of an earlier export the mesh no longer produces; deleted only with prune.
    Removed,
    /// Already holds exactly these bytes; not written.
    Unchanged,
    /// A file Meshwright did not write holds other bytes; the export refuses to write.
    Conflict,
}

impl Change {
    /// The lower-case word for listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Changed => "changed",
            Change::Removed => "removed",
            Change::Unchanged => "unchanged",
            Change::Conflict => "conflict",
        }
    }
}

/// One path of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Relative to the root, `/`-separated.
    pub path: String,
    /// What happens to it.
    pub change: Change,
    /// The text on disk now, when there is a file.
    pub old: Option<String>,
    /// The text the export writes (absent for removals).
    pub new: Option<String>,
}

impl Entry {
    /// A unified diff from the file on disk to the new text (empty when unchanged).
    pub fn diff(&self) -> String {
        let old = self.old.as_deref().unwrap_or("");
        let new = self.new.as_deref().unwrap_or("");
        if old == new {
            return String::new();
        }
        let a = if self.old.is_some() {
            format!("a/{}", self.path)
        } else {
            "/dev/null".to_owned()
        };
        let b = if self.new.is_some() {
            format!("b/{}", self.path)
        } else {
            "/dev/null".to_owned()
        };
        similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(3)
            .header(&a, &b)
            .to_string()
    }
}

/// The whole plan for one root.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The export root.
    pub root: PathBuf,
    /// Every path, sorted.
    pub entries: Vec<Entry>,
    /// Whether removed files are deleted.
    pub prune: bool,
    /// The index as it is on disk (empty when there is none).
    pub(super) index_before: BTreeSet<String>,
}

impl Plan {
    /// Paths with this change, in order.
    pub fn paths(&self, change: Change) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(move |e| e.change == change)
            .map(|e| e.path.as_str())
    }

    /// How many paths have this change.
    pub fn count(&self, change: Change) -> usize {
        self.entries.iter().filter(|e| e.change == change).count()
    }

    /// The index after the export: every file written or adopted, and removed files
    /// that stay because prune was not asked for.
    pub(super) fn index_after(&self) -> BTreeSet<String> {
        self.entries
            .iter()
            .filter(|e| match e.change {
                Change::Added | Change::Changed | Change::Unchanged => true,
                Change::Removed => !self.prune,
                Change::Conflict => false,
            })
            .map(|e| e.path.clone())
            .collect()
    }
}

/// The index file's content.
#[derive(Debug, Serialize, Deserialize)]
pub struct Index {
    /// Always `meshwright`.
    pub generator: String,
    /// Relative paths of the files written, sorted.
    pub files: BTreeSet<String>,
}

impl Index {
    /// The index listing `files`, as written to disk (or committed to a repository).
    pub fn text(files: &BTreeSet<String>) -> String {
        super::text::json(&Index {
            generator: "meshwright".into(),
            files: files.clone(),
        })
    }
}

/// Reads the index at `root`; an absent index is an empty one, a damaged one an error.
pub(super) fn read_index(root: &Path) -> Result<BTreeSet<String>> {
    let path = root.join(INDEX_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(source) => return Err(Error::Io { path, source }),
    };
    parse_index(&text, &path.display().to_string())
}

/// The files an index's `text` lists; `path` names it in errors. A damaged index, or
/// one listing a path outside its root, is an error.
pub fn parse_index(text: &str, path: &str) -> Result<BTreeSet<String>> {
    let index: Index = serde_json::from_str(text).map_err(|e| Error::Export {
        path: path.to_owned(),
        reason: format!("is not a Meshwright export index ({e}); fix or delete it"),
    })?;
    // A tampered index must not steer deletions outside the root.
    if let Some((p, reason)) = index
        .files
        .iter()
        .find_map(|p| super::paths::relative_problem(p).map(|r| (p, r)))
    {
        return Err(Error::Export {
            path: path.to_owned(),
            reason: format!("lists {p:?}, which {reason}"),
        });
    }
    Ok(index.files)
}

/// What is known of the folders under the root: present (and not a link) or missing.
/// Thousands of files share a few folders, so each folder is looked at once.
type Folders = HashMap<PathBuf, bool>;

/// Reads the file at `root/rel`, `None` when there is none. A symbolic link anywhere
/// on the way is refused: the export never writes through a link.
fn read_existing(root: &Path, rel: &str, folders: &mut Folders) -> Result<Option<String>> {
    let mut at = root.to_path_buf();
    let segments: Vec<&str> = rel.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        at.push(segment);
        let is_file = i + 1 == segments.len();
        if !is_file {
            match folders.get(&at) {
                Some(true) => continue,
                Some(false) => return Ok(None),
                None => {}
            }
        }
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Error::Export {
                    path: rel.to_owned(),
                    reason: format!(
                        "{} is a symbolic link; the export does not write through links",
                        at.display()
                    ),
                });
            }
            Ok(_) => {
                if !is_file {
                    folders.insert(at.clone(), true);
                }
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if !is_file {
                    folders.insert(at.clone(), false);
                }
                return Ok(None);
            }
            Err(source) => return Err(Error::Io { path: at, source }),
        }
    }
    match std::fs::read(&at) {
        // Not UTF-8: certainly not a file Meshwright wrote; compared as different.
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == ErrorKind::IsADirectory => Err(Error::Export {
            path: rel.to_owned(),
            reason: "is a folder where the export writes a file".into(),
        }),
        Err(source) => Err(Error::Io { path: at, source }),
    }
}

/// The plan for writing `files` under `root`. `progress` gets (files compared, files in
/// all); `cancel`, once set, stops the comparing before the next file with
/// [`Error::Cancelled`].
pub fn plan(
    root: &Path,
    files: Vec<Placed>,
    prune: bool,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Plan> {
    let index_before = read_index(root)?;
    let total = files.len();
    let mut entries = Vec::with_capacity(total);
    let mut produced = BTreeSet::new();
    let mut folders = Folders::new();
    for (done, file) in files.into_iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        progress(done, total);
        let old = read_existing(root, &file.path, &mut folders)?;
        let change = match &old {
            None => Change::Added,
            Some(text) if *text == file.text => Change::Unchanged,
            Some(_) if index_before.contains(&file.path) => Change::Changed,
            Some(_) => Change::Conflict,
        };
        produced.insert(file.path.clone());
        entries.push(Entry {
            path: file.path,
            change,
            old,
            new: Some(file.text),
        });
    }
    for path in index_before.difference(&produced) {
        // Already gone from disk: nothing to remove, and it leaves the index.
        if let Some(old) = read_existing(root, path, &mut folders)? {
            entries.push(Entry {
                path: path.clone(),
                change: Change::Removed,
                old: Some(old),
                new: None,
            });
        }
    }
    progress(total, total);
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Plan {
        root: root.to_path_buf(),
        entries,
        prune,
        index_before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_name_both_sides_and_new_files_come_from_dev_null() {
        let changed = Entry {
            path: "a/b.yaml".into(),
            change: Change::Changed,
            old: Some("x: 1\ny: 2\n".into()),
            new: Some("x: 1\ny: 3\n".into()),
        };
        let diff = changed.diff();
        assert!(
            diff.starts_with("--- a/a/b.yaml\n+++ b/a/b.yaml\n"),
            "{diff}"
        );
        assert!(diff.contains("-y: 2\n+y: 3\n"), "{diff}");
        let added = Entry {
            path: "n.yaml".into(),
            change: Change::Added,
            old: None,
            new: Some("k: v\n".into()),
        };
        assert!(added.diff().starts_with("--- /dev/null\n+++ b/n.yaml\n"));
        let same = Entry {
            change: Change::Unchanged,
            old: Some("k\n".into()),
            new: Some("k\n".into()),
            ..added
        };
        assert_eq!(same.diff(), "");
    }
}
