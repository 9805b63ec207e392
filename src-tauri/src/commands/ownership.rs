//! The Ownership matrix, the domains and teams views and each view's filter.

use mesh_app::CommandError;
use mesh_core::diagram::View;
use mesh_core::filter::{Filtered, ViewFilter};
use mesh_core::overview::Overview;
use mesh_core::ownership::OwnershipMatrix;
use uuid::Uuid;

use crate::state::WindowMesh;

/// The ownership matrix of what the products view's filter shows.
#[tauri::command]
#[specta::specta]
pub async fn ownership_matrix(mesh: WindowMesh) -> Result<OwnershipMatrix, CommandError> {
    mesh.ownership(chrono::Local::now().date_naive())
}

/// What `view` shows under `filter`, saved as its filter first; its saved one when null.
#[tauri::command]
#[specta::specta]
pub async fn filter_view(
    mesh: WindowMesh,
    view: View,
    filter: Option<ViewFilter>,
) -> Result<Filtered, CommandError> {
    mesh.filter_view(view, filter.as_ref(), chrono::Local::now().date_naive())
}

/// The domains or teams view under its filter, `expand` (a domain) drawn as its products.
#[tauri::command]
#[specta::specta]
pub async fn overview(
    mesh: WindowMesh,
    view: View,
    expand: Option<Uuid>,
) -> Result<Overview, CommandError> {
    mesh.overview(view, expand, chrono::Local::now().date_naive())
}
