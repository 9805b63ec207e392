//! The app's command names, read from `specta_builder!` in `src/lib.rs`, where the list is
//! declared once: the build script turns them into permissions, and a test checks that
//! `capabilities/default.toml` grants each. Shared by both through `#[path]`; it reads
//! text and decides nothing else.

/// Every command `specta_builder!` lists in `lib_rs` (`$crate::commands::file::open_mesh::<R>`
/// gives `open_mesh`), in order.
pub fn commands(lib_rs: &str) -> Vec<String> {
    lib_rs
        .lines()
        .filter_map(|line| line.trim().strip_prefix("$crate::commands::"))
        .map(|path| {
            let path = path
                .split("::<")
                .next()
                .unwrap_or(path)
                .trim_end_matches(',');
            path.rsplit("::").next().unwrap_or(path).to_owned()
        })
        .collect()
}
