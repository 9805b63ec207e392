//! The Meshwright desktop binary: everything is in the library (`meshwright_app_lib`).

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    meshwright_app_lib::run();
}
