//! Impact, what-if and the current view as a diagram: the session answers.

use mesh_app::diagram::{DiagramRequest, DiagramWritten};
use mesh_app::{CommandError, Task};
use mesh_core::impact::{Direction, Impact, ImpactTarget, WhatIf, WhatIfChange};

use tauri::{AppHandle, Runtime};

use crate::state::WindowMesh;
use crate::task;

/// Upstream and downstream of `target`, `depth` dependencies deep (all when null).
#[tauri::command]
#[specta::specta]
pub async fn impact(
    mesh: WindowMesh,
    target: ImpactTarget,
    direction: Direction,
    depth: Option<u32>,
) -> Result<Impact, CommandError> {
    mesh.impact(target, direction, depth)
}

/// What `change` to `target` would break, without making it.
#[tauri::command]
#[specta::specta]
pub async fn what_if(
    mesh: WindowMesh,
    target: ImpactTarget,
    change: WhatIfChange,
) -> Result<WhatIf, CommandError> {
    mesh.what_if(target, change, chrono::Local::now().date_naive())
}

/// Draws a view of the open mesh (under its filter, with the highlight) into a file,
/// off the UI thread with progress; `cancel` with `task` stops a PNG being drawn.
#[tauri::command]
#[specta::specta]
pub async fn export_diagram<R: Runtime>(
    app: AppHandle<R>,
    mesh: WindowMesh,
    request: DiagramRequest,
) -> Result<DiagramWritten, CommandError> {
    task::run(&app, &mesh, Task::Diagram, move |session, token| {
        session.export_diagram(&request, chrono::Local::now().date_naive(), token)
    })
    .await
}
