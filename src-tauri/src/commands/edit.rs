//! Editing the open mesh: every call is one core transaction, committed before it returns.

use mesh_core::store::{Applied, EditOp};
use mesh_core::{ErrorKind, Store};
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

/// Undoes the newest edit; `None` when there is nothing to undo (not an error: a key
/// pressed once too often).
#[tauri::command]
#[specta::specta]
pub async fn undo(state: State<'_, AppState>) -> Result<Option<Applied>, CommandError> {
    history_step(&state, Store::undo_applied)
}

/// Redoes the newest undone edit; `None` when there is nothing to redo.
#[tauri::command]
#[specta::specta]
pub async fn redo(state: State<'_, AppState>) -> Result<Option<Applied>, CommandError> {
    history_step(&state, Store::redo_applied)
}

/// One undo or redo, with the kept model patched.
fn history_step(
    state: &AppState,
    step: fn(&mut Store) -> mesh_core::Result<Applied>,
) -> Result<Option<Applied>, CommandError> {
    let applied = state.with_store(|store| match step(store) {
        Ok(applied) => Ok(Some(applied)),
        Err(e) if e.kind() == ErrorKind::NothingToDo => Ok(None),
        Err(e) => Err(e.into()),
    })?;
    if let Some(applied) = &applied {
        state.patch_model(applied);
    }
    Ok(applied)
}
