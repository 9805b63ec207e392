//! Test-only: the files the core's tests write into `ui/src` for the UI's tests to read
//! (vectors of a rule the UI repeats, samples its parsers take), so a copy in the UI is
//! checked against the core's answers and cannot drift. It writes under `ui/src` only,
//! and only a file whose content differs.

use std::path::Path;

/// `ui/src/<relative>`, rewritten when it does not hold `want`: whether it was stale
/// (the calling test then fails, asking for the rewritten file to be committed).
pub(crate) fn keep_current(relative: &str, want: &[u8]) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src")
        .join(relative);
    if std::fs::read(&path).ok().as_deref() == Some(want) {
        return false;
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).expect("the UI's folder");
    }
    std::fs::write(&path, want).expect("written");
    true
}
