//! The native menu bar (File, Edit, View, Help). Choosing an item only tells the UI which
//! action was chosen (`MenuActivated`); the UI carries it out through the same commands
//! as its toolbar, so there is one way to do each thing.

use tauri::menu::{
    Menu, MenuBuilder, MenuEvent, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder,
};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::events::{MenuAction, MenuActivated};
use crate::state::AppState;
use crate::{recent, windows};

const RECENT_PREFIX: &str = "recent:";

/// The menu id of each plain action, with its label and shortcut.
const ITEMS: &[(&str, &str, Option<&str>)] = &[
    ("new", "New…", Some("CmdOrCtrl+N")),
    ("new-window", "New Window", Some("CmdOrCtrl+Shift+N")),
    ("open", "Open…", Some("CmdOrCtrl+O")),
    ("save-as", "Save As…", Some("CmdOrCtrl+Shift+S")),
    ("import", "Import…", None),
    ("export", "Export…", Some("CmdOrCtrl+Shift+E")),
    ("export-diagram", "Export Diagram…", None),
    ("compare-with", "Compare With…", None),
    ("undo", "Undo", Some("CmdOrCtrl+Z")),
    ("redo", "Redo", Some("CmdOrCtrl+Shift+Z")),
    ("delete", "Delete", Some("Delete")),
    ("select-all", "Select All", Some("CmdOrCtrl+A")),
    ("new-domain", "New Domain", Some("CmdOrCtrl+Shift+D")),
    ("new-team", "New Team", Some("CmdOrCtrl+Shift+T")),
    ("new-product", "New Data Product", Some("CmdOrCtrl+Shift+P")),
    ("zoom-fit", "Zoom to Fit", Some("CmdOrCtrl+0")),
    ("auto-layout", "Auto Layout", Some("CmdOrCtrl+L")),
    ("minimap", "Show or Hide Minimap", Some("CmdOrCtrl+Shift+M")),
    // Ctrl+Shift+E is Export's, the common export shortcut; G for governance.
    (
        "problems",
        "Show or Hide Problems",
        Some("CmdOrCtrl+Shift+G"),
    ),
    ("contracts", "Show or Hide Contracts", None),
    ("impact", "Show or Hide Impact", Some("CmdOrCtrl+I")),
    ("view-canvas", "Canvas", Some("CmdOrCtrl+1")),
    ("view-table", "Table", Some("CmdOrCtrl+2")),
    ("view-ownership", "Ownership", Some("CmdOrCtrl+3")),
    ("view-domains", "Domains", Some("CmdOrCtrl+4")),
    ("view-teams", "Teams", Some("CmdOrCtrl+5")),
    ("presentation", "Presentation", Some("F11")),
    ("palette", "Command Palette…", Some("CmdOrCtrl+K")),
    ("about", "About Meshwright", None),
];

fn action(id: &str) -> Option<MenuAction> {
    Some(match id {
        "new" => MenuAction::New,
        "new-window" => MenuAction::NewWindow,
        "open" => MenuAction::Open,
        "save-as" => MenuAction::SaveAs,
        "import" => MenuAction::Import,
        "export" => MenuAction::Export,
        "export-diagram" => MenuAction::ExportDiagram,
        "compare-with" => MenuAction::CompareWith,
        "undo" => MenuAction::Undo,
        "redo" => MenuAction::Redo,
        "delete" => MenuAction::Delete,
        "select-all" => MenuAction::SelectAll,
        "new-domain" => MenuAction::NewDomain,
        "new-team" => MenuAction::NewTeam,
        "new-product" => MenuAction::NewProduct,
        "zoom-fit" => MenuAction::ZoomToFit,
        "auto-layout" => MenuAction::AutoLayout,
        "minimap" => MenuAction::ToggleMinimap,
        "problems" => MenuAction::ToggleProblems,
        "contracts" => MenuAction::ToggleContracts,
        "impact" => MenuAction::ToggleImpact,
        "view-canvas" => MenuAction::ShowCanvas,
        "view-table" => MenuAction::ShowTable,
        "view-ownership" => MenuAction::ShowOwnership,
        "view-domains" => MenuAction::ShowDomains,
        "view-teams" => MenuAction::ShowTeams,
        "presentation" => MenuAction::TogglePresentation,
        "palette" => MenuAction::CommandPalette,
        "about" => MenuAction::About,
        other => MenuAction::OpenRecent(other.strip_prefix(RECENT_PREFIX)?.to_owned()),
    })
}

/// Builds the menu bar, with the current recent files.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str| -> tauri::Result<tauri::menu::MenuItem<R>> {
        let (id, label, accel) = ITEMS
            .iter()
            .find(|(i, _, _)| *i == id)
            .copied()
            .unwrap_or((id, id, None));
        let mut b = MenuItemBuilder::with_id(id, label);
        if let Some(accel) = accel {
            b = b.accelerator(accel);
        }
        b.build(app)
    };
    let recent_menu = SubmenuBuilder::new(app, "Open Recent").build()?;
    fill_recent(app, &recent_menu)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new")?)
        .item(&item("new-window")?)
        .item(&item("open")?)
        .item(&recent_menu)
        .separator()
        .item(&item("save-as")?)
        .separator()
        .item(&item("import")?)
        .item(&item("export")?)
        .item(&item("export-diagram")?)
        .separator()
        .item(&item("compare-with")?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit Meshwright"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo")?)
        .item(&item("redo")?)
        .separator()
        .item(&item("new-domain")?)
        .item(&item("new-team")?)
        .item(&item("new-product")?)
        .separator()
        .item(&item("delete")?)
        .item(&item("select-all")?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item("view-canvas")?)
        .item(&item("view-table")?)
        .item(&item("view-ownership")?)
        .item(&item("view-domains")?)
        .item(&item("view-teams")?)
        .separator()
        .item(&item("palette")?)
        .item(&item("presentation")?)
        .separator()
        .item(&item("zoom-fit")?)
        .item(&item("auto-layout")?)
        .item(&item("minimap")?)
        .item(&item("problems")?)
        .item(&item("contracts")?)
        .item(&item("impact")?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("about")?)
        .build()?;
    let menu = MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()?;
    app.manage(RecentMenu(recent_menu));
    Ok(menu)
}

/// The Open Recent submenu, kept so its items can be replaced in place: replacing the
/// whole menu bar would re-register every shortcut.
struct RecentMenu<R: Runtime>(Submenu<R>);

fn fill_recent<R: Runtime>(app: &AppHandle<R>, submenu: &Submenu<R>) -> tauri::Result<()> {
    for item in submenu.items()? {
        submenu.remove(&item)?;
    }
    let recent = recent::list(app.state::<AppState>().data_dir());
    if recent.is_empty() {
        submenu.append(
            &MenuItemBuilder::with_id("recent-none", "No Recent Files")
                .enabled(false)
                .build(app)?,
        )?;
    }
    for path in recent {
        let label = path.display().to_string();
        submenu.append(
            &MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{label}"), &label).build(app)?,
        )?;
    }
    Ok(())
}

/// Refills Open Recent after the recent files changed.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    // A stale recent list is harmless; never fail the command that changed it.
    if let Some(menu) = app.try_state::<RecentMenu<R>>() {
        let _ = fill_recent(app, &menu.0);
    }
}

/// Forwards a chosen item to the UI of the window it acts on (the focused one).
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if let (Some(action), Some(window)) = (action(event.id().as_ref()), windows::focused(app)) {
        let _ = MenuActivated { action }.emit_to(app, window.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_maps_to_an_action() {
        for (id, _, _) in ITEMS {
            assert!(action(id).is_some(), "{id} has no action");
        }
        assert_eq!(
            action("recent:/tmp/a.mesh"),
            Some(MenuAction::OpenRecent("/tmp/a.mesh".into()))
        );
        assert_eq!(action("recent-none"), None);
    }
}
