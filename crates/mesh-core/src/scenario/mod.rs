//! Scenarios: named to-be meshes sketched on top of the as-is and kept in the same
//! file. A scenario holds the as-is it began from (its base) and its to-be; its changes
//! are the difference between the two, so they read the same however they were drawn.
//! Applying it merges the to-be into the as-is as it is now: directly when the as-is
//! has not changed since the scenario began, otherwise by the three-way merge of the git
//! driver ([`crate::diff::merge`]), refused with the conflicts when there are any.
//!
//! It must not write: the store keeps scenarios (`Store::save_scenario`) and applies
//! the planned operations as one edit; the hosts decide which mesh a window edits.

pub mod ops;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::diff::merge::{self, Conflict};
use crate::diff::records::records;
use crate::error::{Error, Result};
use crate::model::{EntityKind, Mesh};
use crate::store::EditOp;

/// The longest scenario name.
pub const NAME_MAX: usize = 80;

/// One scenario: its name, when it began, the as-is it began from and its to-be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Stable id.
    pub id: Uuid,
    /// Its name, unique in the file.
    pub name: String,
    /// When it began.
    pub created: DateTime<Utc>,
    /// The as-is when it began.
    pub base: Mesh,
    /// The mesh as the scenario has it.
    pub to_be: Mesh,
}

/// A scenario as a list shows it: how many entities it adds, removes and changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScenarioSummary {
    /// Stable id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// When it began.
    pub created: DateTime<Utc>,
    /// Entities the to-be has and the base has not.
    pub added: u32,
    /// Entities the base has and the to-be has not.
    pub removed: u32,
    /// Entities both have, with different fields.
    pub changed: u32,
}

/// What applying a scenario to the as-is comes to.
#[derive(Debug, Clone)]
pub enum ApplyPlan {
    /// The edit that makes the as-is the merged mesh (empty when nothing changes).
    Ops(Vec<EditOp>),
    /// The as-is and the scenario changed the same things differently: nothing is applied.
    Conflicts(Vec<Conflict>),
}

/// `name` trimmed, or why it cannot name a scenario.
pub fn checked_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    let bad = |reason: String| Error::invalid(EntityKind::Mesh, trimmed, "scenario", reason);
    if trimmed.is_empty() {
        return Err(bad("is empty; a scenario needs a name".into()));
    }
    if trimmed.chars().count() > NAME_MAX {
        return Err(bad(format!("is longer than {NAME_MAX} characters")));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(bad("holds control characters".into()));
    }
    Ok(trimmed.to_owned())
}

impl Scenario {
    /// A new scenario named `name` on top of `as_is`, with no changes yet.
    pub fn start(name: &str, as_is: &Mesh) -> Result<Scenario> {
        Ok(Scenario {
            id: Uuid::new_v4(),
            name: checked_name(name)?,
            created: Utc::now(),
            base: as_is.clone(),
            to_be: as_is.clone(),
        })
    }

    /// Its counts of added, removed and changed entities.
    pub fn summary(&self) -> ScenarioSummary {
        let (base, to_be) = (records(&self.base), records(&self.to_be));
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let added = to_be.keys().filter(|k| !base.contains_key(k)).count();
        let removed = base.keys().filter(|k| !to_be.contains_key(k)).count();
        let changed = to_be
            .iter()
            .filter(|(k, r)| base.get(k).is_some_and(|b| b.fields != r.fields))
            .count();
        ScenarioSummary {
            id: self.id,
            name: self.name.clone(),
            created: self.created,
            added: count(added),
            removed: count(removed),
            changed: count(changed),
        }
    }

    /// What applying this scenario to `as_is` (the mesh as it is now) does.
    pub fn plan_apply(&self, as_is: &Mesh) -> Result<ApplyPlan> {
        // The as-is untouched since the scenario began: the to-be is the answer, its
        // moved nodes included (the merge keeps our side's positions).
        if records(as_is) == records(&self.base) {
            return Ok(ApplyPlan::Ops(ops::ops_between(as_is, &self.to_be)));
        }
        let merged = merge::merge(&self.base, as_is, &self.to_be)?;
        if !merged.conflicts.is_empty() {
            return Ok(ApplyPlan::Conflicts(merged.conflicts));
        }
        Ok(ApplyPlan::Ops(ops::ops_between(as_is, &merged.mesh)))
    }
}
