//! Editing (one transaction each; a shown scenario's to-be), scenarios, conflicts, pastes.

use mesh_app::conflicts::{ConflictChoice, ConflictsLeft};
use mesh_app::scenario::{ScenarioAnswer, ScenarioRequest};
use mesh_app::{CommandError, CreatedEntity, HistoryStep};
use mesh_core::contract_paste::{self, Pasted};
use mesh_core::create::{NewEntity, Place};
use mesh_core::store::{Applied, EditOp};

use crate::state::WindowMesh;

/// Applies `ops` as one undoable edit; `label` names it in the history.
#[tauri::command]
#[specta::specta]
pub async fn apply_edits(
    mesh: WindowMesh,
    ops: Vec<EditOp>,
    label: Option<String>,
) -> Result<Applied, CommandError> {
    mesh.apply(ops, label)
}

/// Creates an entity with the core's defaults, drawn at `place` when given.
#[tauri::command]
#[specta::specta]
pub async fn new_entity(
    mesh: WindowMesh,
    entity: NewEntity,
    place: Option<Place>,
) -> Result<CreatedEntity, CommandError> {
    mesh.create(&entity, place.as_ref())
}

/// Undoes the newest edit or redoes the newest undone one; `None` when there is none.
#[tauri::command]
#[specta::specta]
pub async fn history(mesh: WindowMesh, step: HistoryStep) -> Result<Option<Applied>, CommandError> {
    mesh.history(step)
}

/// Lists, starts, shows (or goes back to the as-is), discards or applies a scenario.
#[tauri::command]
#[specta::specta]
pub async fn scenario(
    mesh: WindowMesh,
    request: ScenarioRequest,
) -> Result<ScenarioAnswer, CommandError> {
    mesh.scenario(request, chrono::Local::now().date_naive())
}

/// The conflicts a merge left beside the file; with `choice`, that one resolved first.
#[tauri::command]
#[specta::specta]
pub async fn conflicts(
    mesh: WindowMesh,
    choice: Option<ConflictChoice>,
) -> Result<ConflictsLeft, CommandError> {
    mesh.conflicts(choice.as_ref())
}

/// What a paste into the contract editor holds: a column list, or `CREATE TABLE` statements.
#[tauri::command]
#[specta::specta]
pub fn read_contract_paste(text: String) -> Result<Pasted, CommandError> {
    contract_paste::read(&text).map_err(|e| CommandError::invalid_argument("paste", e.to_string()))
}
