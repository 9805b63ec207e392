//! A merge's conflicts in the app: the report a `git merge` left beside the open file
//! (`<file>.conflicts.yaml`, written by `meshwright merge`), read when asked, and each
//! conflict resolved by keeping one side's value as one undoable edit; the report is
//! rewritten without it, and removed when none is left. A report that is not one (edited
//! into invalid YAML) is answered as an error naming its line, and left as it is.
//!
//! It must not decide what a side's value does to the mesh (`mesh_core::diff::conflicts`).

use std::path::{Path, PathBuf};

use mesh_core::diff::conflicts::{self, Side};
use mesh_core::diff::merge::Conflict;
use mesh_core::model::EntityKind;
use mesh_core::store::Applied;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{CommandError, Session};

/// The conflicts left beside the open file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeConflicts {
    /// The report's path.
    pub report: String,
    /// What is left to resolve, in the report's order.
    pub conflicts: Vec<Conflict>,
}

/// Which conflict to resolve and how: the entity and field as the report names them.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConflictChoice {
    /// The entity's kind.
    pub kind: EntityKind,
    /// Its id.
    pub id: Uuid,
    /// The field; null for the entity itself.
    pub field: Option<String>,
    /// The value to keep.
    pub side: Side,
}

/// What is left after a choice, and its edit (none for an acknowledged repair).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConflictsLeft {
    /// The edit the choice made.
    pub applied: Option<Applied>,
    /// The conflicts left; null when the report is gone.
    pub left: Option<MergeConflicts>,
}

fn read(report: &Path) -> Result<Option<Vec<Conflict>>, CommandError> {
    let text = match std::fs::read_to_string(report) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(mesh_core::Error::Io {
                path: report.to_owned(),
                source: e,
            }
            .into());
        }
    };
    Ok(Some(conflicts::from_yaml(report, &text)?))
}

/// Writes what is left beside the file (a new file renamed over the report), or
/// removes the report when nothing is.
fn write(report: &Path, left: &[Conflict]) -> Result<(), CommandError> {
    let io = |source| mesh_core::Error::Io {
        path: report.to_owned(),
        source,
    };
    if left.is_empty() {
        return std::fs::remove_file(report).map_err(|e| io(e).into());
    }
    let mut tmp = report.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, conflicts::to_yaml(left)?).map_err(io)?;
    std::fs::rename(&tmp, report).map_err(|e| io(e).into())
}

fn answer(report: &Path, conflicts: Vec<Conflict>) -> Option<MergeConflicts> {
    (!conflicts.is_empty()).then(|| MergeConflicts {
        report: report.display().to_string(),
        conflicts,
    })
}

impl Session {
    /// The conflicts left beside the open file, after resolving `choice` when given (the
    /// app's one request).
    pub fn conflicts(
        &self,
        choice: Option<&ConflictChoice>,
    ) -> Result<ConflictsLeft, CommandError> {
        match choice {
            Some(choice) => self.resolve_conflict(choice),
            None => Ok(ConflictsLeft {
                applied: None,
                left: self.merge_conflicts()?,
            }),
        }
    }

    /// The conflicts a merge left beside the open file; `None` when it left none.
    pub fn merge_conflicts(&self) -> Result<Option<MergeConflicts>, CommandError> {
        let Some(path) = self.open_path() else {
            return Ok(None);
        };
        let report = conflicts::report_path(&path);
        Ok(read(&report)?.and_then(|c| answer(&report, c)))
    }

    /// Resolves the conflict `choice` names by keeping its side's value, as one undoable
    /// edit of the as-is, and takes it out of the report.
    pub fn resolve_conflict(&self, choice: &ConflictChoice) -> Result<ConflictsLeft, CommandError> {
        let path = self.open_path().ok_or_else(CommandError::no_mesh)?;
        let report = conflicts::report_path(&path);
        let mut all = read(&report)?.unwrap_or_default();
        let at = all
            .iter()
            .position(|c| c.kind == choice.kind && c.id == choice.id && c.field == choice.field)
            .ok_or_else(|| {
                CommandError::invalid_argument(
                    "conflict",
                    "the report has no such conflict any more",
                )
            })?;
        let conflict = all.remove(at);
        let applied = self.change(
            |open| {
                if open.scenario.is_some() {
                    return Err(CommandError::invalid_argument(
                        "conflict",
                        "a merge's conflicts are resolved in the as-is: leave the scenario first",
                    ));
                }
                let ops = conflicts::resolve(open.model()?, &conflict, choice.side)?;
                if ops.is_empty() {
                    return Ok(None);
                }
                let side = serde_json::to_value(choice.side).ok();
                let side = side.as_ref().and_then(|s| s.as_str()).unwrap_or("a side");
                let what = match &conflict.field {
                    Some(field) => format!("{} {field}", conflict.name),
                    None => conflict.name.clone(),
                };
                let label = format!("Resolve conflict in {what}: keep {side}");
                Ok(Some(open.editing().apply(ops, Some(label))?))
            },
            Option::as_ref,
        )?;
        write(&report, &all)?;
        Ok(ConflictsLeft {
            applied,
            left: answer(&report, all),
        })
    }
}
