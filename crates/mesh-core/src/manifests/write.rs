//! Carries out a [`Plan`]: writes added and changed files atomically (a temporary file
//! in the same folder, then a rename, so a reader never sees half a file), deletes
//! removed files only when the plan prunes (then the folders they leave empty), and
//! records what it wrote in the export index. Unchanged files are not touched, so a
//! re-export of an unchanged mesh changes no byte and no modification time.
//!
//! Progress is reported after each file and a cancellation flag is checked before
//! each; on cancel the index still records every file written so far, so a later
//! export (or prune) knows them.
//!
//! It must not decide what to write: that is the plan's job. It refuses a plan with
//! conflicts (files Meshwright did not write in the way).

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::layout::INDEX_FILE;
use super::plan::{Change, Index, Plan};
use crate::error::{Error, Result};

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or overwritten.
    pub written: usize,
    /// Files deleted (prune).
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
}

/// Writes the plan. `progress(done, total)` is called after each file written or
/// removed; `cancel` is checked before each.
pub fn write(
    plan: &Plan,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Written> {
    if let Some(e) = plan.entries.iter().find(|e| e.change == Change::Conflict) {
        return Err(Error::Export {
            path: e.path.clone(),
            reason: format!(
                "exists in {} and was not written by Meshwright (not listed in {INDEX_FILE}); move it away or delete it",
                plan.root.display()
            ),
        });
    }
    let work: Vec<_> = plan
        .entries
        .iter()
        .filter(|e| match e.change {
            Change::Added | Change::Changed => true,
            Change::Removed => plan.prune,
            Change::Unchanged | Change::Conflict => false,
        })
        .collect();
    let total = work.len();
    let mut report = Written {
        unchanged: plan.count(Change::Unchanged),
        ..Written::default()
    };
    // What the index holds while we go: the files of the earlier export plus each one
    // written, minus each one removed.
    let mut index = plan.index_before.clone();
    let mut made = HashSet::new();
    for (done, entry) in work.into_iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            save_index(&plan.root, &plan.index_before, &index)?;
            return Err(Error::Cancelled);
        }
        let target = plan.root.join(&entry.path);
        match &entry.new {
            Some(text) => {
                atomic_write(&target, text.as_bytes(), &mut made)?;
                index.insert(entry.path.clone());
                report.written += 1;
            }
            None => {
                std::fs::remove_file(&target).map_err(|source| Error::Io {
                    path: target.clone(),
                    source,
                })?;
                remove_empty_parents(&plan.root, &target);
                index.remove(&entry.path);
                report.removed += 1;
            }
        }
        progress(done + 1, total);
    }
    save_index(&plan.root, &plan.index_before, &plan.index_after())?;
    Ok(report)
}

/// Writes the index when it differs from what is on disk.
fn save_index(root: &Path, before: &BTreeSet<String>, after: &BTreeSet<String>) -> Result<()> {
    if before == after && root.join(INDEX_FILE).is_file() {
        return Ok(());
    }
    atomic_write(
        &root.join(INDEX_FILE),
        Index::text(after).as_bytes(),
        &mut HashSet::new(),
    )
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename;
/// `made` remembers the folders already created.
fn atomic_write(path: &Path, bytes: &[u8], made: &mut HashSet<PathBuf>) -> Result<()> {
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    if !made.contains(&dir) {
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        made.insert(dir.clone());
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".meshwright-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io(&dir))?;
    // No fsync per file: the rename is what makes the write atomic for readers, and
    // the export can be run again; syncing each of thousands of files made a
    // 10,000-product export disk-bound for minutes.
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.persist(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Removes the folders a pruned file leaves empty, up to (not including) the root.
/// A folder that still holds anything stays.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
