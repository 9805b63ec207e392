//! Tauri's build step: embeds the context and, through the app manifest, generates the
//! `allow-<command>` permissions that `capabilities/` grants one by one.
//!
//! The command list is the one in `src/lib.rs` (`specta_builder!`): read from there, so
//! it is declared once. A fresh clone has no `ui/dist`; a placeholder page saying how to
//! build the UI stands in for it, so `cargo build` and `cargo test` work before `npm`.

use std::path::Path;

#[path = "command_list.rs"]
mod command_list;

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    placeholder_ui();
    let lib = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    let commands: Vec<&'static str> = command_list::commands(&lib)
        .into_iter()
        .map(|c| &*Box::leak(c.into_boxed_str()))
        .collect();
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(Box::leak(commands.into_boxed_slice())),
    ))
    .expect("tauri build step");
}

/// Writes `ui/dist/index.html` saying how to build the UI, when the UI was never built.
fn placeholder_ui() {
    let dist = Path::new("../ui/dist");
    if dist.join("index.html").is_file() {
        return;
    }
    std::fs::create_dir_all(dist).expect("ui/dist");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><meta charset=\"utf-8\"><title>Meshwright</title>\
         <body style=\"font-family: sans-serif; padding: 2em\"><h1>The UI is not built</h1>\
         <p>Run <code>cargo xtask run</code>, or <code>npm ci &amp;&amp; npm run build</code> in \
         <code>ui/</code>, then build the app again. <code>cargo xtask dev</code> serves it \
         with hot reload.</p></body>\n",
    )
    .expect("ui/dist/index.html");
}
