//! The Table view's writes: a cell edit or a new row (`apply_sheet`) and a pasted block
//! (`paste_sheet`), each planned by the core against the kept model and applied as one
//! undoable edit, or answered with the problems at their cells and nothing written.

use mesh_core::sheet::{self, SheetEdit, SheetPaste, SheetResult};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Applies cell edits (and new rows) of one sheet as one edit.
#[tauri::command]
#[specta::specta]
pub async fn apply_sheet(
    state: State<'_, AppState>,
    edit: SheetEdit,
) -> Result<SheetResult, CommandError> {
    let result = state.with_store(|store| {
        let planned = state.with_model(store, |mesh| Ok(sheet::plan(mesh, &edit)))?;
        Ok(sheet::apply(store, planned)?)
    })?;
    if let Some(applied) = &result.applied {
        state.patch_model(applied);
    }
    Ok(result)
}

/// Applies a pasted block as one edit: all of it, or nothing with every bad cell named.
#[tauri::command]
#[specta::specta]
pub async fn paste_sheet(
    state: State<'_, AppState>,
    paste: SheetPaste,
) -> Result<SheetResult, CommandError> {
    let result = state.with_store(|store| {
        let planned = state.with_model(store, |mesh| Ok(sheet::plan_paste(mesh, &paste)))?;
        Ok(sheet::apply(store, planned)?)
    })?;
    if let Some(applied) = &result.applied {
        state.patch_model(applied);
    }
    Ok(result)
}
