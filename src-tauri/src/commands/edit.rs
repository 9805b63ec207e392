//! Editing the open mesh: each call one core transaction, committed before it returns;
//! a create gesture sends what to create and the core picks names and defaults.

use mesh_app::{CommandError, CreatedEntity, HistoryStep};
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

/// Creates a domain, team, product, output port or dependency with the core's defaults,
/// drawn at `place` (the canvas's layout) when given.
#[tauri::command]
#[specta::specta]
pub async fn new_entity(
    mesh: WindowMesh,
    entity: NewEntity,
    place: Option<Place>,
) -> Result<CreatedEntity, CommandError> {
    mesh.create(&entity, place.as_ref())
}

/// Undoes the newest edit or redoes the newest undone one; `None` when there is nothing
/// to undo or redo (not an error: a key pressed once too often).
#[tauri::command]
#[specta::specta]
pub async fn history(mesh: WindowMesh, step: HistoryStep) -> Result<Option<Applied>, CommandError> {
    mesh.history(step)
}
