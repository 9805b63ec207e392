//! Editing the open mesh: every call is one core transaction, committed before it returns.

use mesh_core::store::{Applied, EditOp};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Applies `ops` as one undoable edit; `label` names it in the history.
#[tauri::command]
#[specta::specta]
pub async fn apply_edits(
    state: State<'_, AppState>,
    ops: Vec<EditOp>,
    label: Option<String>,
) -> Result<Applied, CommandError> {
    let applied = state.with_store(|store| Ok(store.apply(ops, label)?))?;
    state.patch_model(&applied);
    Ok(applied)
}

/// Undoes the newest edit.
#[tauri::command]
#[specta::specta]
pub async fn undo(state: State<'_, AppState>) -> Result<Applied, CommandError> {
    let applied = state.with_store(|store| Ok(store.undo_applied()?))?;
    state.patch_model(&applied);
    Ok(applied)
}

/// Redoes the newest undone edit.
#[tauri::command]
#[specta::specta]
pub async fn redo(state: State<'_, AppState>) -> Result<Applied, CommandError> {
    let applied = state.with_store(|store| Ok(store.redo_applied()?))?;
    state.patch_model(&applied);
    Ok(applied)
}
