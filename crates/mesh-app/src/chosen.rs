//! Paths the user chose in a dialog (the export folder, the files to import), checked
//! once for both: blanks dropped, at least one left, each a full path. A relative path
//! would be resolved against wherever the app happened to start, so it is refused. It
//! must not look at the file system: the core reports what is missing there.

use std::path::{Path, PathBuf};

use crate::CommandError;

/// The non-blank `paths`, all full paths; else an `invalid` error under `field` saying
/// `empty` when none was given, or `relative(path)` for the first relative one.
pub fn full_paths<'a>(
    paths: impl IntoIterator<Item = &'a str>,
    field: &str,
    empty: &str,
    relative: impl Fn(&Path) -> String,
) -> Result<Vec<PathBuf>, CommandError> {
    let chosen: Vec<PathBuf> = paths
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect();
    if chosen.is_empty() {
        return Err(CommandError::invalid_argument(field, empty));
    }
    if let Some(p) = chosen.iter().find(|p| !p.is_absolute()) {
        return Err(CommandError::invalid_argument(field, relative(p)));
    }
    Ok(chosen)
}
