//! Events the shell sends to the UI, typed and exported with the commands.

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

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
    /// File > Open.
    Open,
    /// File > Open Recent > one file.
    OpenRecent(String),
    /// File > Save As.
    SaveAs,
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

/// The recent-files list changed (a mesh was opened or saved under a new name); the
/// menu bar rebuilds its Open Recent submenu on it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct RecentFilesChanged {
    /// The list, newest first.
    pub paths: Vec<String>,
}
