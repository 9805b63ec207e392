//! The Table view's writes (cells, new rows, pasted blocks), each one edit or its problems.

use mesh_app::CommandError;
use mesh_core::sheet::{SheetEdit, SheetPaste, SheetResult};

use crate::state::WindowMesh;

/// Applies cell edits (and new rows) of one sheet as one edit.
#[tauri::command]
#[specta::specta]
pub async fn apply_sheet(mesh: WindowMesh, edit: SheetEdit) -> Result<SheetResult, CommandError> {
    mesh.apply_sheet(&edit)
}

/// Applies a pasted block as one edit: all of it, or nothing with every bad cell named.
#[tauri::command]
#[specta::specta]
pub async fn paste_sheet(mesh: WindowMesh, paste: SheetPaste) -> Result<SheetResult, CommandError> {
    mesh.paste_sheet(&paste)
}
