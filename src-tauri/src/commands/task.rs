//! Stopping a long task (an export being written, an import being read or applied).

use crate::state::WindowMesh;

/// Asks the running export or import to stop. An export stops before its next file and
/// keeps (and records) what it wrote so far; an import stops before it writes anything.
#[tauri::command]
#[specta::specta]
pub fn cancel_task(mesh: WindowMesh) {
    mesh.cancel_task();
}
