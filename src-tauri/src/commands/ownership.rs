//! The Ownership view's matrix: teams × domains with each team's load against the
//! policy's limits, computed by the core from the kept model and the stored policy.

use mesh_app::CommandError;
use mesh_core::ownership::OwnershipMatrix;

use crate::state::WindowMesh;

/// The open mesh's ownership matrix.
#[tauri::command]
#[specta::specta]
pub async fn ownership_matrix(mesh: WindowMesh) -> Result<OwnershipMatrix, CommandError> {
    mesh.ownership()
}
