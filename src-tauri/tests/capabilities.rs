//! The permission list follows the command list: every command `specta_builder!` declares
//! is granted by `capabilities/default.toml` (the UI calls each one), and the capability
//! grants no command that does not exist.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../command_list.rs"]
mod command_list;

#[test]
fn every_command_is_granted_and_nothing_else() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let commands = command_list::commands(&lib);
    assert!(
        commands.len() > 10,
        "read the commands of src/lib.rs: {commands:?}"
    );
    let capability = std::fs::read_to_string(root.join("capabilities/default.toml")).unwrap();
    // The app's own grants are the unprefixed `allow-<command>` ones (plugins' have a `name:`).
    let granted: Vec<String> = capability
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"allow-"))
        .filter_map(|l| l.split('"').next())
        .map(|kebab| kebab.replace('-', "_"))
        .collect();
    let mut want = commands.clone();
    want.sort();
    let mut have = granted.clone();
    have.sort();
    assert_eq!(
        have, want,
        "capabilities/default.toml must grant exactly the commands of lib.rs"
    );
}
