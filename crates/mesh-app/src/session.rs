//! The open mesh of one window (or one CLI run): the store, the model kept for checks
//! and exports, patched from each edit's `Applied` rather than reloaded, the mesh's
//! *generation* (which state of its content this is), the previewed export, and the
//! cancel handles of the running open and task.
//!
//! The store, the model and the generation sit behind one lock, so they always change
//! together and no caller can take locks in the wrong order. It must not decide what an
//! edit does (the core does) nor how anything is shown (the hosts do).

use std::sync::{Mutex, MutexGuard};

use mesh_core::create::{NewEntity, Place};
use mesh_core::governance::{self, Policy, PolicyEdit, Report, RuleDoc};
use mesh_core::graph::MeshGraph;
use mesh_core::impact::{self, Direction, Impact, ImpactTarget, WhatIf, WhatIfChange};
use mesh_core::manifests::plan::Plan;
use mesh_core::model::Mesh;
use mesh_core::ownership::{self, OwnershipMatrix};
use mesh_core::sheet::{self, SheetEdit, SheetPaste, SheetResult};
use mesh_core::store::{Applied, EditOp, Key, UndoState};
use mesh_core::{ErrorKind, Store};
use serde::Serialize;
use uuid::Uuid;

use crate::CommandError;
use crate::task::{CancelToken, Canceller, Progress};

/// The open mesh as the UI needs it to draw everything.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeshSnapshot {
    /// The file.
    pub path: String,
    /// Every entity.
    pub mesh: Mesh,
    /// What undo and redo would do.
    pub undo: UndoState,
    /// The scenario shown and edited, if any: then `mesh` is its to-be.
    pub scenario: Option<String>,
}

/// A create gesture carried out: the edit, and the entity it made (to select).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreatedEntity {
    /// The edit as recorded.
    pub applied: Applied,
    /// The new entity's id.
    pub id: Uuid,
}

/// The open mesh: what [`Session::with_open`] hands out. Outside this crate the store
/// is read-only, so every change goes through a [`Session`] method and the kept model
/// and generation follow it.
pub struct Open {
    /// The mesh file.
    pub(crate) store: Store,
    /// Its model, loaded on first use and patched with every edit since.
    model: Option<Mesh>,
    /// The file as last seen, to tell changes made elsewhere (`crate::follow`).
    pub(crate) seen: crate::follow::Seen,
    /// The scenario being drawn, if any: edits then go to its to-be, not to the file.
    pub(crate) scenario: Option<crate::scenario::Active>,
    /// The domains and teams views' recent layouts (`crate::overview`).
    layouts: mesh_core::layered::Memo,
}

impl Open {
    /// The mesh file, to read (its path, policy, a copy of it).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The file, to write what is not an edit of the shown mesh (applying a scenario).
    pub(crate) fn file_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The store edits go to: the active scenario's to-be, or the file.
    pub(crate) fn editing(&mut self) -> &mut Store {
        match &mut self.scenario {
            Some(active) => &mut active.store,
            None => &mut self.store,
        }
    }

    /// The model of what is edited (the file's, or the active scenario's to-be), loaded
    /// the first time.
    pub fn model(&mut self) -> Result<&Mesh, CommandError> {
        let store = match &self.scenario {
            Some(active) => &active.store,
            None => &self.store,
        };
        Ok(match &mut self.model {
            Some(model) => model,
            none => none.insert(store.load()?),
        })
    }

    /// The model, with the recent layouts of its views to place them with.
    pub(crate) fn model_and_layouts(
        &mut self,
    ) -> Result<(&Mesh, &mut mesh_core::layered::Memo), CommandError> {
        self.model()?;
        let model = self.model.as_ref().ok_or_else(CommandError::no_mesh)?;
        Ok((model, &mut self.layouts))
    }
}

struct Inner {
    open: Option<Open>,
    /// Bumped whenever the open mesh's content changes (another file; an edit, undo or
    /// redo of an entity or the header), so work prepared from an earlier state, such as
    /// an export preview, can tell it is stale. Canvas positions and the governance
    /// policy are not content: the first open's automatic layout, landing just after a
    /// preview, must not make it stale.
    generation: u64,
}

impl Inner {
    fn open(&mut self) -> Result<&mut Open, CommandError> {
        self.open.as_mut().ok_or_else(CommandError::no_mesh)
    }

    /// Brings the generation and the kept model (and the active scenario's kept to-be)
    /// up to date with a committed change.
    fn record(&mut self, applied: &Applied) -> Result<(), CommandError> {
        if applied
            .changes
            .iter()
            .any(|c| matches!(c.key, Key::Entity { .. } | Key::Mesh))
        {
            self.generation += 1;
        }
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        if let Some(model) = open.model.as_mut() {
            applied.patch(model);
        }
        if let (Some(active), Some(model)) = (&mut open.scenario, &open.model) {
            active.keep(&open.store, model)?;
        }
        Ok(())
    }
}

/// An export plan with the mesh generation it was made from.
pub(crate) struct PendingExport {
    pub(crate) plan: Plan,
    pub(crate) generation: u64,
    /// For an export committed to domain repositories: its settings and git choices.
    pub(crate) git: Option<(
        mesh_core::manifests::ExportSettings,
        crate::repos::GitOptions,
    )>,
}

/// One step back or forward in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum HistoryStep {
    /// Undo the newest edit.
    Undo,
    /// Redo the newest undone edit.
    Redo,
}

/// The open mesh and the work kept on it between calls; see the module header.
pub struct Session {
    inner: Mutex<Inner>,
    pub(crate) pending_export: Mutex<Option<PendingExport>>,
    /// The running open's cancel handle; a newer open cancels it.
    opening: Mutex<Option<Canceller>>,
    /// The running export's or import's cancel handle.
    task: Mutex<Option<Canceller>>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, CommandError> {
    mutex
        .lock()
        .map_err(|_| CommandError::internal("the session lock was poisoned"))
}

impl Session {
    /// A session with no mesh open.
    pub fn new() -> Self {
        Session {
            inner: Mutex::new(Inner {
                open: None,
                generation: 0,
            }),
            pending_export: Mutex::new(None),
            opening: Mutex::new(None),
            task: Mutex::new(None),
        }
    }

    /// Runs `f` on the open mesh (its store to read, and its model through
    /// [`Open::model`]); changes go through [`Session::apply`] and the other methods
    /// that record what they commit.
    pub fn with_open<T>(
        &self,
        f: impl FnOnce(&mut Open) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        f(lock(&self.inner)?.open()?)
    }

    /// Runs `f`, which may commit one change to the open mesh and answer it in `T`;
    /// `applied` picks that change out, and the kept model and generation follow it.
    pub(crate) fn change<T>(
        &self,
        f: impl FnOnce(&mut Open) -> Result<T, CommandError>,
        applied: impl FnOnce(&T) -> Option<&Applied>,
    ) -> Result<T, CommandError> {
        let mut inner = lock(&self.inner)?;
        let result = f(inner.open()?)?;
        if let Some(change) = applied(&result) {
            inner.record(change)?;
        }
        Ok(result)
    }

    /// Makes `store` (whose model is `mesh`) the open mesh, closing the previous one.
    pub fn install(&self, store: Store, mesh: Mesh) -> Result<MeshSnapshot, CommandError> {
        let snapshot = MeshSnapshot {
            path: store.path().display().to_string(),
            undo: store.undo_state()?,
            mesh,
            scenario: None,
        };
        let seen = crate::follow::Seen::of(&store)?;
        let mut inner = lock(&self.inner)?;
        // The model is kept once it is first needed, as for any open.
        inner.open = Some(Open {
            store,
            model: None,
            seen,
            scenario: None,
            layouts: Default::default(),
        });
        inner.generation += 1;
        Ok(snapshot)
    }

    /// The open mesh, reloaded from its file; `None` when none is open.
    pub fn current(&self) -> Result<Option<MeshSnapshot>, CommandError> {
        let mut inner = lock(&self.inner)?;
        let Some(open) = inner.open.as_mut() else {
            return Ok(None);
        };
        Ok(Some(MeshSnapshot {
            path: open.store.path().display().to_string(),
            mesh: open.editing().load()?,
            undo: open.editing().undo_state()?,
            scenario: open.scenario.as_ref().map(|a| a.scenario.name.clone()),
        }))
    }

    /// The file of the open mesh, if one is open (which window shows which file).
    pub fn open_path(&self) -> Option<std::path::PathBuf> {
        let inner = lock(&self.inner).ok()?;
        Some(inner.open.as_ref()?.store.path().to_owned())
    }

    /// A copy of the kept model with its generation, for work that runs without the lock.
    pub fn snapshot(&self) -> Result<(Mesh, u64), CommandError> {
        let mut inner = lock(&self.inner)?;
        let generation = inner.generation;
        Ok((inner.open()?.model()?.clone(), generation))
    }

    /// Which state of the open mesh's content this is (bumped by every open and every
    /// change of an entity or the header).
    pub fn generation(&self) -> Result<u64, CommandError> {
        Ok(lock(&self.inner)?.generation)
    }

    /// Takes in what another process committed to the open file, or the file put in its
    /// place (a `git checkout`): `reload` gets the open mesh and answers the store to keep
    /// (the same one, or the file opened again) with its model, or `None` when nothing
    /// changed. The kept model and generation follow.
    pub(crate) fn reload(
        &self,
        reload: impl FnOnce(&mut Open) -> Result<Option<(Option<Store>, Mesh)>, CommandError>,
    ) -> Result<Option<(Mesh, Mesh, MeshSnapshot)>, CommandError> {
        let mut inner = lock(&self.inner)?;
        let open = inner.open()?;
        // The model as it was: loaded now if nobody asked for it yet, and taken rather than
        // copied, since nothing has changed on most looks.
        open.model()?;
        let kept = open.model.take();
        let reloaded = reload(open);
        let (store, mesh, before) = match (reloaded, kept) {
            (Ok(Some((store, mesh))), Some(before)) => (store, mesh, before),
            (other, kept) => {
                open.model = kept;
                return other.map(|_| None);
            }
        };
        if let Some(store) = store {
            open.store = store;
        }
        open.seen = crate::follow::Seen::of(&open.store)?;
        open.model = Some(mesh.clone());
        let snapshot = MeshSnapshot {
            path: open.store.path().display().to_string(),
            undo: open.store.undo_state()?,
            mesh: mesh.clone(),
            scenario: None,
        };
        inner.generation += 1;
        Ok(Some((before, mesh, snapshot)))
    }

    /// Runs `f`, which may change what the window shows (a scenario or the as-is) and
    /// write the file; then the kept model is loaded again from what is shown, the
    /// generation moves on, and the snapshot to draw is answered.
    pub(crate) fn show(
        &self,
        f: impl FnOnce(&mut Open) -> Result<(), CommandError>,
    ) -> Result<MeshSnapshot, CommandError> {
        let mut inner = lock(&self.inner)?;
        let open = inner.open()?;
        f(open)?;
        open.model = None;
        let snapshot = MeshSnapshot {
            path: open.store.path().display().to_string(),
            mesh: open.model()?.clone(),
            undo: open.editing().undo_state()?,
            scenario: open.scenario.as_ref().map(|a| a.scenario.name.clone()),
        };
        inner.generation += 1;
        Ok(snapshot)
    }

    /// Applies `ops` as one undoable edit; `label` names it in the history.
    pub fn apply(&self, ops: Vec<EditOp>, label: Option<String>) -> Result<Applied, CommandError> {
        self.change(|open| Ok(open.editing().apply(ops, label)?), |a| Some(a))
    }

    /// One undo or redo; `None` when there is nothing to do (not an error: a key
    /// pressed once too often).
    pub fn history(&self, step: HistoryStep) -> Result<Option<Applied>, CommandError> {
        self.change(
            |open| {
                let result = match step {
                    HistoryStep::Undo => open.editing().undo_applied(),
                    HistoryStep::Redo => open.editing().redo_applied(),
                };
                match result {
                    Ok(applied) => Ok(Some(applied)),
                    Err(e) if e.kind() == ErrorKind::NothingToDo => Ok(None),
                    Err(e) => Err(e.into()),
                }
            },
            Option::as_ref,
        )
    }

    /// A new domain, team, data product, output port or dependency with the core's
    /// defaults, named free in the kept model, drawn at `place` when given; one edit.
    pub fn create(
        &self,
        entity: &NewEntity,
        place: Option<&Place>,
    ) -> Result<CreatedEntity, CommandError> {
        self.change(
            |open| {
                let created = entity.build(open.model()?, place)?;
                let applied = open.editing().apply(created.ops, Some(created.label))?;
                Ok(CreatedEntity {
                    applied,
                    id: created.id,
                })
            },
            |c| Some(&c.applied),
        )
    }

    /// Cell edits (and new rows) of one sheet, planned against the kept model and
    /// applied as one edit, or answered with their problems.
    pub fn apply_sheet(&self, edit: &SheetEdit) -> Result<SheetResult, CommandError> {
        self.sheet(|mesh| sheet::plan(mesh, edit))
    }

    /// A pasted block applied as one edit, or every bad cell named.
    pub fn paste_sheet(&self, paste: &SheetPaste) -> Result<SheetResult, CommandError> {
        self.sheet(|mesh| sheet::plan_paste(mesh, paste))
    }

    fn sheet(
        &self,
        plan: impl FnOnce(&Mesh) -> Result<sheet::SheetPlan, Vec<sheet::CellProblem>>,
    ) -> Result<SheetResult, CommandError> {
        self.change(
            |open| {
                let planned = plan(open.model()?);
                Ok(sheet::apply(open.editing(), planned)?)
            },
            |result| result.applied.as_ref(),
        )
    }

    /// The open mesh checked against its stored policy as of `today` (which decides
    /// whether a waiver has expired), over the kept model.
    pub fn check(&self, today: chrono::NaiveDate) -> Result<Report, CommandError> {
        self.with_open(|open| {
            let policy = open.store.policy()?;
            Ok(governance::check(open.model()?, &policy, today)?)
        })
    }

    /// The open mesh's policy (the default one when none was ever set).
    pub fn policy(&self) -> Result<Policy, CommandError> {
        self.with_open(|open| Ok(open.store.policy()?))
    }

    /// One change to the stored policy (waive, rule setting, custom rule), worked out
    /// by the core from the policy as stored and applied as one undoable `setPolicy`
    /// edit, which validates the whole policy.
    pub fn edit_policy(&self, edit: &PolicyEdit) -> Result<Applied, CommandError> {
        self.change(
            |open| {
                let next = edit.apply(&open.store.policy()?)?;
                Ok(open
                    .store
                    .apply(vec![EditOp::SetPolicy(next)], Some(edit.label()))?)
            },
            |a| Some(a),
        )
    }

    /// Every built-in and custom rule with the policy applied (disabled ones too).
    pub fn rules(&self) -> Result<Vec<RuleDoc>, CommandError> {
        self.with_open(|open| Ok(governance::catalog(&open.store.policy()?)?))
    }

    /// The ownership matrix of the products the products view's filter shows, under
    /// the stored policy's limits; `today` decides expired waivers for a filter on
    /// findings.
    pub fn ownership(&self, today: chrono::NaiveDate) -> Result<OwnershipMatrix, CommandError> {
        self.with_open(|open| {
            let policy = open.store.policy()?;
            let shown = crate::view_filter::shown_mesh(open, today)?;
            let mesh = match &shown {
                Some(mesh) => mesh,
                None => open.model()?,
            };
            Ok(ownership::matrix(mesh, &policy)?)
        })
    }

    /// What `target` reaches in the kept model, `depth` dependencies deep.
    pub fn impact(
        &self,
        target: ImpactTarget,
        direction: Direction,
        depth: Option<u32>,
    ) -> Result<Impact, CommandError> {
        self.with_open(|open| {
            let shape = impact::Shape::of(open.model()?);
            Ok(impact::impact(
                &shape,
                &shape.graph(),
                target,
                direction,
                depth,
            ))
        })
    }

    /// What `change` to `target` would break, checked under the stored policy as of
    /// `today`; the mesh is not changed.
    pub fn what_if(
        &self,
        target: ImpactTarget,
        change: WhatIfChange,
        today: chrono::NaiveDate,
    ) -> Result<WhatIf, CommandError> {
        self.with_open(|open| {
            let policy = open.store.policy()?;
            let mesh = open.model()?;
            let graph = MeshGraph::build(mesh);
            Ok(impact::what_if(
                mesh, &graph, &policy, today, target, change,
            )?)
        })
    }

    /// A token for an open that is starting. A newer open or [`Session::cancel_open`]
    /// cancels it; the mesh open meanwhile stays open.
    pub fn begin_open(&self) -> CancelToken {
        begin(&self.opening, CancelToken::silent(), true)
    }

    /// Cancels the open in flight, if any.
    pub fn cancel_open(&self) {
        cancel(&self.opening);
    }

    /// A token for an export, import or diagram that is starting; [`Session::cancel_task`]
    /// cancels it.
    pub fn begin_task(&self, progress: impl Progress + 'static) -> CancelToken {
        begin(&self.task, CancelToken::new(progress), false)
    }

    /// Asks the running export, import or diagram, if any, to stop.
    pub fn cancel_task(&self) {
        cancel(&self.task);
    }

    /// Stops what a Cancel button names: the open in flight, or the export, import or diagram.
    pub fn cancel(&self, what: Running) {
        match what {
            Running::Open => self.cancel_open(),
            Running::Task => self.cancel_task(),
        }
    }
}

/// The running work a Cancel button stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Running {
    /// Opening a mesh file (the status bar's Cancel).
    Open,
    /// An export, import or diagram (its dialog's Cancel).
    Task,
}

/// Keeps `token`'s canceller in `slot`; when the task `overtakes`, the one it replaces
/// is cancelled.
fn begin(slot: &Mutex<Option<Canceller>>, token: CancelToken, overtakes: bool) -> CancelToken {
    if let Ok(mut running) = slot.lock() {
        if overtakes && let Some(previous) = running.as_ref() {
            previous.cancel();
        }
        *running = Some(token.canceller());
    }
    token
}

fn cancel(slot: &Mutex<Option<Canceller>>) {
    if let Ok(running) = slot.lock()
        && let Some(canceller) = running.as_ref()
    {
        canceller.cancel();
    }
}
