//! The Meshwright desktop binary: everything is in the library (`meshwright_app_lib`).

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // `--version` and `--help` print and exit before any window or instance check.
    if let Some(text) = meshwright_app_lib::startup::terminal_answer(std::env::args().skip(1)) {
        print!("{text}");
        return;
    }
    meshwright_app_lib::run();
}
