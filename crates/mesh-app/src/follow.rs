//! Following changes made elsewhere to the open file: the CLI importing into it, another
//! program committing, a `git checkout` or `git merge` putting another file in its place.
//! SQLite's `data_version` tells another connection's commits from this session's own;
//! the file's identity tells a replaced file. The host calls [`Session::follow`] when its
//! file watcher sees the file change (and now and then): the session reloads and answers
//! the new snapshot with a one-line summary of what changed (the core's diff). Watching
//! is the host's; this module never starts a thread.

use std::path::Path;
use std::time::SystemTime;

use mesh_core::diff::{self, report};
use mesh_core::{Access, Store};
use serde::Serialize;

use crate::CommandError;
use crate::session::{MeshSnapshot, Session};

/// The open file as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    data_version: i64,
    identity: Option<Identity>,
}

/// What tells one file at a path from another put there: its inode on Unix, else its
/// creation time; with its size and modification time only for the inode-less case.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    id: u64,
    created: Option<SystemTime>,
}

fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let id = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let id = 0;
    Some(Identity {
        id,
        created: meta.created().ok(),
    })
}

impl Seen {
    /// How `store`'s file is now.
    pub(crate) fn of(store: &Store) -> Result<Seen, CommandError> {
        Ok(Seen {
            data_version: store.data_version()?,
            identity: identity(store.path()),
        })
    }
}

/// A change made elsewhere, taken in.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Followed {
    /// The mesh as the file now holds it.
    pub snapshot: MeshSnapshot,
    /// What changed, one part per kind (`data products: 2 added`); empty when only the
    /// layout or the history changed.
    pub summary: String,
}

impl Session {
    /// Takes in what changed in the open file since this session last looked, if
    /// anything: another connection's commits, or another file in its place (opened
    /// again). `None` when nothing changed or no mesh is open.
    pub fn follow(&self) -> Result<Option<Followed>, CommandError> {
        if self.open_path().is_none() {
            return Ok(None);
        }
        let reloaded = self.reload(|open| {
            // A window drawing a scenario shows its to-be: what changed in the file is
            // taken in when the window goes back to the as-is, and merged on apply.
            if open.scenario.is_some() {
                return Ok(None);
            }
            let path = open.store().path().to_owned();
            let now = identity(&path);
            if now.is_none() {
                // Gone for a moment (a checkout writing the file): look again later.
                return Ok(None);
            }
            if now != open.seen.identity {
                let mut store = Store::open(&path, Access::ReadWrite)?;
                store.set_origin(open.store().origin());
                let mesh = store.load()?;
                return Ok(Some((Some(store), mesh)));
            }
            if open.store().data_version()? != open.seen.data_version {
                return Ok(Some((None, open.store().load()?)));
            }
            Ok(None)
        })?;
        Ok(reloaded.map(|(before, after, snapshot)| Followed {
            summary: report::summary(&diff::diff(&before, &after, &[], &[])),
            snapshot,
        }))
    }
}
