//! Scenarios of the open mesh: starting one, switching the window between the as-is and
//! a scenario's to-be, its changes with the governance delta, applying it to the as-is
//! as one undoable edit, and discarding it. While a scenario is shown every edit, undo
//! and check works on its to-be, held in a store in memory under the file's rules and
//! kept in the file after each edit.
//!
//! It must not decide what a change or a merge is (`mesh_core::diff`,
//! `mesh_core::scenario`) nor how the changes are drawn (the hosts).

use std::collections::HashSet;

use chrono::NaiveDate;
use mesh_core::Store;
use mesh_core::diff::merge::Conflict;
use mesh_core::diff::{self, MeshDiff};
use mesh_core::governance;
use mesh_core::model::{DataProduct, InputPort, Mesh, OutputPort, Position};
use mesh_core::scenario::{ApplyPlan, Scenario, ScenarioSummary};
use serde::Serialize;
use uuid::Uuid;

use crate::CommandError;
use crate::session::{MeshSnapshot, Open, Session};

/// The scenario a window shows: the scenario as kept, and its to-be in memory.
pub(crate) struct Active {
    pub(crate) scenario: Scenario,
    pub(crate) store: Store,
}

impl Active {
    fn begin(file: &Store, scenario: Scenario) -> Result<Active, CommandError> {
        let store = Store::in_memory(file.path(), &scenario.to_be, &file.policy()?)?;
        Ok(Active { scenario, store })
    }

    /// Keeps `to_be`, the to-be after an edit, in the file.
    pub(crate) fn keep(&mut self, file: &Store, to_be: &Mesh) -> Result<(), CommandError> {
        self.scenario.to_be = to_be.clone();
        file.save_scenario_to_be(self.scenario.id, to_be)?;
        Ok(())
    }
}

/// The entities the shown mesh does not have, so every change can be drawn where it is:
/// what a scenario removed (drawn back where it was), or what the file compared with
/// has besides.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Absent {
    /// Data products.
    pub products: Vec<DataProduct>,
    /// Output ports.
    pub output_ports: Vec<OutputPort>,
    /// Input ports (dependencies).
    pub input_ports: Vec<InputPort>,
    /// Where those products are drawn.
    pub positions: Vec<Position>,
}

/// What the shown scenario changes from the as-is it began with, or what another file
/// has that the shown mesh has not (File > Compare With…).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScenarioChanges {
    /// The scenario, or the file compared with.
    pub name: String,
    /// Entities, ownership, dependencies and findings that differ.
    pub diff: MeshDiff,
    /// What the shown mesh lacks, to draw.
    pub absent: Absent,
}

/// Applying a scenario: the as-is now, or the conflicts that stopped it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum ScenarioApplied {
    /// Applied as one edit; the window shows the as-is.
    Applied {
        /// The as-is with the scenario in it.
        snapshot: Box<MeshSnapshot>,
    },
    /// The as-is changed the same things differently since the scenario began: nothing
    /// was applied and the scenario is kept.
    Conflicts {
        /// Each conflicting field or entity.
        conflicts: Vec<Conflict>,
    },
}

impl Absent {
    /// What `other` has that `shown` has not.
    fn of(shown: &Mesh, other: &Mesh) -> Absent {
        let products: HashSet<Uuid> = shown.products.iter().map(|p| p.id).collect();
        let outputs: HashSet<Uuid> = shown.output_ports.iter().map(|p| p.id).collect();
        let inputs: HashSet<Uuid> = shown.input_ports.iter().map(|p| p.id).collect();
        let extra = |items: &[DataProduct]| -> Vec<DataProduct> {
            items
                .iter()
                .filter(|p| !products.contains(&p.id))
                .cloned()
                .collect()
        };
        let products_absent = extra(&other.products);
        let drawn: HashSet<Uuid> = products_absent.iter().map(|p| p.id).collect();
        Absent {
            products: products_absent,
            output_ports: other
                .output_ports
                .iter()
                .filter(|p| !outputs.contains(&p.id))
                .cloned()
                .collect(),
            input_ports: other
                .input_ports
                .iter()
                .filter(|p| !inputs.contains(&p.id))
                .cloned()
                .collect(),
            positions: other
                .positions
                .iter()
                .filter(|p| drawn.contains(&p.entity_id))
                .cloned()
                .collect(),
        }
    }
}

/// The file to compare with: one full path.
fn compared(path: &str) -> Result<std::path::PathBuf, CommandError> {
    let mut chosen = crate::chosen::full_paths(
        [path],
        "path",
        "choose the mesh file to compare with",
        |p| {
            format!(
                "{} is not a full path; choose the file with Browse…",
                p.display()
            )
        },
    )?;
    Ok(chosen.remove(0))
}

fn active(open: &Open) -> Result<&Active, CommandError> {
    open.scenario
        .as_ref()
        .ok_or_else(|| CommandError::invalid_argument("scenario", "no scenario is shown"))
}

fn named(file: &Store, name: &str) -> Result<Scenario, CommandError> {
    file.scenario(name)?.ok_or_else(|| {
        CommandError::invalid_argument(
            "scenario",
            format!("the mesh has no scenario named {name:?}"),
        )
    })
}

impl Session {
    /// The scenarios kept in the open file, oldest first.
    pub fn scenarios(&self) -> Result<Vec<ScenarioSummary>, CommandError> {
        self.with_open(|open| {
            Ok(open
                .store()
                .scenarios()?
                .iter()
                .map(Scenario::summary)
                .collect())
        })
    }

    /// Starts the scenario `name` on top of the as-is and shows it.
    pub fn start_scenario(&self, name: &str) -> Result<MeshSnapshot, CommandError> {
        self.show(|open| {
            let scenario = Scenario::start(name, &open.store().load()?)?;
            open.store().save_scenario(&scenario)?;
            open.scenario = Some(Active::begin(open.store(), scenario)?);
            Ok(())
        })
    }

    /// Shows the scenario `name`'s to-be, or the as-is for `None`.
    pub fn show_scenario(&self, name: Option<&str>) -> Result<MeshSnapshot, CommandError> {
        self.show(|open| {
            // The one shown stays as it is, with its history of edits.
            if let (Some(name), Some(active)) = (name, &open.scenario)
                && active.scenario.name == name
            {
                return Ok(());
            }
            open.scenario = match name {
                Some(name) => Some(Active::begin(open.store(), named(open.store(), name)?)?),
                None => None,
            };
            Ok(())
        })
    }

    /// Drops the scenario `name`; the window shows the as-is when it was shown.
    pub fn discard_scenario(&self, name: &str) -> Result<MeshSnapshot, CommandError> {
        self.show(|open| {
            let scenario = named(open.store(), name)?;
            open.store().delete_scenario(scenario.id)?;
            if open
                .scenario
                .as_ref()
                .is_some_and(|a| a.scenario.id == scenario.id)
            {
                open.scenario = None;
            }
            Ok(())
        })
    }

    /// What the shown scenario changes, with the findings it adds and resolves under the
    /// stored policy as of `today`.
    pub fn scenario_changes(&self, today: NaiveDate) -> Result<ScenarioChanges, CommandError> {
        self.with_open(|open| {
            let policy = open.store().policy()?;
            let Active { scenario, .. } = active(open)?;
            let (base, to_be) = (&scenario.base, &scenario.to_be);
            let before = governance::check(base, &policy, today)?.findings;
            let after = governance::check(to_be, &policy, today)?.findings;
            Ok(ScenarioChanges {
                name: scenario.name.clone(),
                diff: diff::diff(base, to_be, &before, &after),
                absent: Absent::of(to_be, base),
            })
        })
    }

    /// What the mesh file at `path` has different from the shown mesh (File > Compare
    /// With…), checked under the open file's policy as of `today`; another mesh (another
    /// namespace) is refused, as `meshwright diff` does without `--force`.
    pub fn compare_with(
        &self,
        path: &std::path::Path,
        today: NaiveDate,
    ) -> Result<ScenarioChanges, CommandError> {
        let other = Store::open(path, mesh_core::Access::ReadOnly)?.load()?;
        self.with_open(|open| {
            let policy = open.store().policy()?;
            let shown = open.model()?;
            if shown.info.namespace != other.info.namespace {
                return Err(CommandError::invalid_argument(
                    "path",
                    format!(
                        "{} is another mesh ({}), not a version of this one ({})",
                        path.display(),
                        other.info.namespace,
                        shown.info.namespace
                    ),
                ));
            }
            let before = governance::check(shown, &policy, today)?.findings;
            let after = governance::check(&other, &policy, today)?.findings;
            Ok(ScenarioChanges {
                name: path.display().to_string(),
                diff: diff::diff(shown, &other, &before, &after),
                absent: Absent::of(shown, &other),
            })
        })
    }

    /// Applies the shown scenario to the as-is as one undoable edit and drops it, or
    /// answers the conflicts with what changed in the as-is since it began.
    pub fn apply_scenario(&self) -> Result<ScenarioApplied, CommandError> {
        let mut conflicts = None;
        let snapshot = self.show(|open| {
            let scenario = active(open)?.scenario.clone();
            let as_is = open.store().load()?;
            match scenario.plan_apply(&as_is)? {
                ApplyPlan::Conflicts(found) => {
                    conflicts = Some(found);
                    return Ok(());
                }
                ApplyPlan::Ops(ops) => {
                    let label = format!("Apply scenario {}", scenario.name);
                    open.file_mut().apply(ops, Some(label))?;
                }
            }
            open.store().delete_scenario(scenario.id)?;
            open.scenario = None;
            Ok(())
        })?;
        Ok(match conflicts {
            Some(conflicts) => ScenarioApplied::Conflicts { conflicts },
            None => ScenarioApplied::Applied {
                snapshot: Box::new(snapshot),
            },
        })
    }
}

/// One scenario request of a window (the app sends these through one command).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "action", rename_all = "camelCase")]
pub enum ScenarioRequest {
    /// The scenarios kept in the file.
    List,
    /// Start one on top of the as-is and show it.
    Start {
        /// Its name.
        name: String,
    },
    /// Show one, or the as-is for `null`.
    Show {
        /// The scenario's name.
        name: Option<String>,
    },
    /// What the shown one changes.
    Changes,
    /// What another mesh file has different from the shown mesh.
    Compare {
        /// The file, as the user chose it.
        path: String,
    },
    /// Apply the shown one to the as-is.
    Apply,
    /// Drop one.
    Discard {
        /// Its name.
        name: String,
    },
}

/// The answer to a [`ScenarioRequest`].
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ScenarioAnswer {
    /// The scenarios kept in the file.
    List {
        /// Oldest first.
        scenarios: Vec<ScenarioSummary>,
    },
    /// What the window shows now.
    Shown {
        /// The mesh to draw.
        snapshot: Box<MeshSnapshot>,
    },
    /// The shown scenario's changes.
    Changes {
        /// Them.
        changes: Box<ScenarioChanges>,
    },
    /// Applying it met conflicts: nothing was applied.
    Conflicts {
        /// Each conflicting field or entity.
        conflicts: Vec<Conflict>,
    },
}

impl Session {
    /// Carries out `request`; `today` decides expired waivers in the changes' findings.
    pub fn scenario(
        &self,
        request: ScenarioRequest,
        today: NaiveDate,
    ) -> Result<ScenarioAnswer, CommandError> {
        let shown = |snapshot| ScenarioAnswer::Shown {
            snapshot: Box::new(snapshot),
        };
        Ok(match request {
            ScenarioRequest::List => ScenarioAnswer::List {
                scenarios: self.scenarios()?,
            },
            ScenarioRequest::Start { name } => shown(self.start_scenario(&name)?),
            ScenarioRequest::Show { name } => shown(self.show_scenario(name.as_deref())?),
            ScenarioRequest::Discard { name } => shown(self.discard_scenario(&name)?),
            ScenarioRequest::Changes => ScenarioAnswer::Changes {
                changes: Box::new(self.scenario_changes(today)?),
            },
            ScenarioRequest::Compare { path } => ScenarioAnswer::Changes {
                changes: Box::new(self.compare_with(&compared(&path)?, today)?),
            },
            ScenarioRequest::Apply => match self.apply_scenario()? {
                ScenarioApplied::Applied { snapshot } => ScenarioAnswer::Shown { snapshot },
                ScenarioApplied::Conflicts { conflicts } => ScenarioAnswer::Conflicts { conflicts },
            },
        })
    }
}
