//! The "Open Recent" list: the last files opened, newest first, kept as JSON in the app's
//! data folder. Losing it loses nothing of a mesh, so read errors yield an empty list.

use std::fs;
use std::path::{Path, PathBuf};

/// How many files the list keeps.
const LIMIT: usize = 10;

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("recent.json")
}

/// The recent files that still exist, newest first.
pub fn list(data_dir: &Path) -> Vec<PathBuf> {
    let text = fs::read_to_string(file(data_dir)).unwrap_or_default();
    let paths: Vec<PathBuf> = serde_json::from_str(&text).unwrap_or_default();
    paths.into_iter().filter(|p| p.is_file()).collect()
}

/// [`list`] as the UI shows it.
pub fn shown(data_dir: &Path) -> Vec<String> {
    list(data_dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// Moves `path` to the top of the list.
pub fn push(data_dir: &Path, path: &Path) {
    let mut paths = list(data_dir);
    paths.retain(|p| p != path);
    paths.insert(0, path.to_owned());
    paths.truncate(LIMIT);
    if let Ok(text) = serde_json::to_string_pretty(&paths) {
        // The list is a convenience; failing to save it must not fail the open.
        let _ = fs::create_dir_all(data_dir).and_then(|_| fs::write(file(data_dir), text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_or_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.mesh");
        let b = dir.path().join("b.mesh");
        fs::write(&a, "").unwrap();
        fs::write(&b, "").unwrap();
        push(dir.path(), &a);
        push(dir.path(), &b);
        push(dir.path(), &a);
        assert_eq!(list(dir.path()), vec![a.clone(), b.clone()]);
        fs::remove_file(&b).unwrap();
        assert_eq!(list(dir.path()), vec![a]);
    }
}
