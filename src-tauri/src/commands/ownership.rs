//! The Ownership view's matrix: teams × domains with each team's load against the
//! policy's limits, computed by the core from the kept model and the stored policy.

use mesh_core::ownership::{self, OwnershipMatrix};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The open mesh's ownership matrix.
#[tauri::command]
#[specta::specta]
pub async fn ownership_matrix(state: State<'_, AppState>) -> Result<OwnershipMatrix, CommandError> {
    state.with_store(|store| {
        let policy = store.policy()?;
        state.with_model(store, |mesh| Ok(ownership::matrix(mesh, &policy)?))
    })
}
