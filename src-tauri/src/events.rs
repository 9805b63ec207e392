//! Events the shell sends to the UI, typed and exported with the commands.

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

// The task and its stages are the application layer's; the event that carries them is
// the shell's.
pub use mesh_app::{Task, TaskPhase};

/// A native menu item was chosen; the UI carries out the action.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct MenuActivated {
    /// What to do.
    pub action: MenuAction,
}

/// The actions of the native menu bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", content = "path", rename_all = "camelCase")]
pub enum MenuAction {
    /// File > New.
    New,
    /// File > New Window.
    NewWindow,
    /// File > Open.
    Open,
    /// File > Open Recent > one file.
    OpenRecent(String),
    /// File > Save As.
    SaveAs,
    /// File > Export (the Export dialog).
    Export,
    /// File > Export Diagram… (the current view as a picture or diagram text).
    ExportDiagram,
    /// File > Compare With… (another mesh file's differences in the Changes mode).
    CompareWith,
    /// File > Import (the Import dialog).
    Import,
    /// Edit > Undo.
    Undo,
    /// Edit > Redo.
    Redo,
    /// Edit > Delete.
    Delete,
    /// Edit > Select All.
    SelectAll,
    /// Edit > New Domain.
    NewDomain,
    /// Edit > New Team.
    NewTeam,
    /// Edit > New Data Product.
    NewProduct,
    /// View > Zoom to Fit.
    ZoomToFit,
    /// View > Auto Layout.
    AutoLayout,
    /// View > Minimap.
    ToggleMinimap,
    /// View > Problems (the governance findings panel).
    ToggleProblems,
    /// View > Contracts (the kept contracts panel).
    ToggleContracts,
    /// View > Show or Hide Impact.
    ToggleImpact,
    /// View > Canvas (the graph view).
    ShowCanvas,
    /// View > Table (spreadsheet entry).
    ShowTable,
    /// View > Ownership (the team × domain matrix).
    ShowOwnership,
    /// View > Domains (every domain one node, with its coupling).
    ShowDomains,
    /// View > Teams (teams linked by their products' dependencies).
    ShowTeams,
    /// View > Presentation (side panels hidden, larger type).
    TogglePresentation,
    /// View > Command Palette (find anything, run any command).
    CommandPalette,
    /// Help > About.
    About,
}

/// Progress of a long operation such as opening a large mesh.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// What is happening: `opening`, `loading`, `done`.
    pub phase: String,
    /// The file concerned.
    pub path: String,
}

impl Progress {
    /// Sends the phases of opening `path` to the window `label`. Progress is advisory: a
    /// UI that missed it still gets the result, so a failed send is ignored.
    pub fn sender<R: tauri::Runtime>(
        app: &tauri::AppHandle<R>,
        label: &str,
        path: &str,
    ) -> impl Fn(&str) {
        let (app, label, path) = (app.clone(), label.to_owned(), path.to_owned());
        move |phase| {
            let progress = Progress {
                phase: phase.into(),
                path: path.clone(),
            };
            let _ = tauri_specta::Event::emit_to(&progress, &app, label.as_str());
        }
    }
}

/// Another process changed the window's file (the CLI, another program, a `git
/// checkout`): the window shows the mesh as the file now holds it.
#[derive(Debug, Clone, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct MeshChanged {
    /// What changed and the new snapshot.
    pub followed: mesh_app::follow::Followed,
}

/// The recent-files list changed (a mesh was opened or saved under a new name); the
/// menu bar rebuilds its Open Recent submenu on it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct RecentFilesChanged {
    /// The list, newest first.
    pub paths: Vec<String>,
}

/// Progress of an export, import or diagram running off the UI thread. `total` is 0 while the
/// amount of work is not known yet.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct TaskProgress {
    /// Which task.
    pub task: Task,
    /// Which stage.
    pub phase: TaskPhase,
    /// Units done.
    pub done: u32,
    /// Units in all (0 when unknown).
    pub total: u32,
}
