//! Tauri's build step: embeds the context and, through the app manifest, generates the
//! `allow-<command>` permissions that `capabilities/` grants one by one.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(meshwright_commands())),
    )
    .expect("tauri build step");
}

/// Every app command; a command missing here cannot be granted and so cannot be called.
fn meshwright_commands() -> &'static [&'static str] {
    &[
        "app_info",
        "current_mesh",
        "open_mesh",
        "cancel_open",
        "new_mesh",
        "save_mesh_as",
        "recent_files",
        "apply_edits",
        "undo",
        "redo",
        "apply_sheet",
        "paste_sheet",
        "ownership_matrix",
        "check_mesh",
        "rules_catalog",
        "get_policy",
        "validate_custom_rule",
        "preview_export",
        "export_diff",
        "write_export",
        "preview_import",
        "apply_import",
        "cancel_task",
    ]
}
