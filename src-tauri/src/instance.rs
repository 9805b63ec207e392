//! Which running Meshwright a launch joins: the single-instance plugin hands a second
//! launch's files to the first one over the session bus (D-Bus on Linux). It must not
//! open windows or files; `windows` does that with what is handed over.

use std::hash::{Hash, Hasher};

use crate::startup;

/// The name a running app answers on, or `None` when a launch should run on its own:
/// on Linux with no session bus to meet on (a bare CI container), where the plugin
/// could not start.
///
/// Launches with another data folder (`MESHWRIGHT_DATA_DIR`: tests, scripted runs)
/// are other instances, so they never hand their files to the user's app. The folder
/// is hashed with the standard library's hasher: both launches run the same binary.
pub fn bus_name(identifier: &str) -> Option<String> {
    if cfg!(target_os = "linux") && !session_bus() {
        eprintln!(
            "meshwright: no D-Bus session bus; files opened from the file manager start \
             another Meshwright instead of a window of this one"
        );
        return None;
    }
    let mut name = identifier.to_owned();
    if let Some(dir) = startup::data_dir_override() {
        let mut hasher = std::hash::DefaultHasher::new();
        dir.hash(&mut hasher);
        // A bus name element may not start with a digit.
        name.push_str(&format!(".d{:016x}", hasher.finish()));
    }
    Some(name)
}

/// Whether a session bus is there to connect to, where zbus looks for it.
fn session_bus() -> bool {
    let env = |key| std::env::var_os(key).filter(|v| !v.is_empty());
    env("DBUS_SESSION_BUS_ADDRESS").is_some()
        || env("XDG_RUNTIME_DIR").is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}
