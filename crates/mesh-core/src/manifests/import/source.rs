//! Reading import inputs: walking folders, refusing files that are too large or not
//! text, and parsing YAML (with budgets on depth, events and aliases, so an alias bomb
//! or a deeply nested document is refused instead of exhausting memory) or JSON into one
//! [`SourceDocument`] per document.
//!
//! It must not interpret documents beyond telling their format.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::Value;

use super::ImportError;
use super::detect::{self, Detected, detect};

/// Largest manifest file read. The biggest real-world ODCS contracts are a few hundred
/// KiB; anything near this is a mistake or an attack, and is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One document of one input file, with its detected format.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDocument {
    /// The file it came from.
    pub path: PathBuf,
    /// Its position in the file (Backstage catalogs hold several documents), from 0.
    pub index: usize,
    /// Its format.
    pub format: Detected,
    /// Its content.
    pub value: Value,
}

/// What reading the inputs gave: the documents, the files skipped (and why), and the
/// problems. The caller decides that any problem stops the import.
#[derive(Debug, Default)]
pub struct Sources {
    /// Every manifest document found, in path order.
    pub documents: Vec<SourceDocument>,
    /// Files found by walking a folder that hold no manifest (a CI workflow, a compose
    /// file), with the reason. Files named explicitly are never skipped, they fail,
    /// except for Backstage documents that are no catalog entity (a scaffolder
    /// Template): those are skipped wherever they are (`document N: ` before the reason
    /// when the file holds other documents that are read).
    pub skipped: Vec<(PathBuf, String)>,
    /// Every problem found.
    pub errors: Vec<ImportError>,
}

impl Sources {
    /// The files the documents came from, each once, in path order.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.documents.iter().map(|d| d.path.clone()).collect();
        files.sort();
        files.dedup();
        files
    }
}

/// What a read stopped by its cancel flag reports, as its one error.
pub const CANCELLED: &str = "import cancelled; nothing was changed";

/// Reads `paths` (files, or folders walked recursively in name order, hidden entries
/// such as `.git` left out). `progress` is called with (files done, files in all).
/// `cancel`, once set, stops the reading before the next file: the result then holds
/// one error, [`CANCELLED`], and nothing else.
pub fn read_sources(
    paths: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Sources {
    let mut out = Sources::default();
    let files = collect_files(paths, &mut out.errors);
    let parsed = read_all(&files, progress, cancel);
    if cancel.load(Ordering::Relaxed) {
        let at = paths.first().cloned().unwrap_or_default();
        return Sources {
            errors: vec![ImportError::file(at, CANCELLED)],
            ..Sources::default()
        };
    }
    for ((path, named), result) in files.into_iter().zip(parsed) {
        match result {
            Ok(docs) => {
                let mut found = Vec::new();
                let mut passed_over = Vec::new();
                for (index, value) in docs.into_iter().enumerate() {
                    if value.is_null() {
                        continue; // an empty document between `---` separators
                    }
                    if let Some(why) = backstage_non_catalog(&value) {
                        passed_over.push((index, why));
                        continue;
                    }
                    match detect(&value) {
                        Ok(format) => found.push(SourceDocument {
                            path: path.clone(),
                            index,
                            format,
                            value,
                        }),
                        Err(why) if named || !found.is_empty() => {
                            let mut e =
                                ImportError::file(&path, format!("document {}: {why}", index + 1));
                            if index == 0 {
                                e.reason = why;
                            }
                            out.errors.push(e);
                        }
                        Err(why) => {
                            out.skipped.push((path.clone(), why));
                            found.clear();
                            passed_over.clear();
                            break;
                        }
                    }
                }
                // A service's own `catalog-info.yaml` in a walked repository (a Component
                // of no System, perhaps with its APIs) holds nothing of the mesh: it is
                // skipped, not refused. Entities of no System in other files (Users, an
                // API, a Location) are kept with the mesh.
                if !named && is_service_catalog(&found) {
                    out.skipped.push((
                        path.clone(),
                        "a Backstage catalog with no Domain, Group or System, and no entity \
                         of a System"
                            .into(),
                    ));
                    continue;
                }
                // Backstage documents that are no catalog entity (a scaffolder Template)
                // hold nothing of a mesh: skipped with the reason, even in a named file.
                if !passed_over.is_empty() {
                    // A file of one such document: its reason alone.
                    let alone = found.is_empty() && passed_over.len() == 1;
                    let reasons: Vec<String> = passed_over
                        .into_iter()
                        .map(|(index, why)| match alone {
                            true => why,
                            false => format!("document {}: {why}", index + 1),
                        })
                        .collect();
                    out.skipped.push((path.clone(), reasons.join("; ")));
                }
                out.documents.extend(found);
            }
            Err(e) => out.errors.push(e),
        }
    }
    out
}

/// Whether the documents of a file are a service's own catalog: Backstage entities of
/// which one is a Component, none of them anything of a mesh (`detect::concerns_the_mesh`).
fn is_service_catalog(found: &[SourceDocument]) -> bool {
    !found.is_empty()
        && !detect::concerns_the_mesh(found)
        && found
            .iter()
            .any(|d| d.value.get("kind").and_then(Value::as_str) == Some("Component"))
}

/// Why a document of a Backstage plugin's own API group (`scaffolder.backstage.io/…`:
/// a software Template) is no catalog entity Meshwright imports, or `None` for any
/// other document. Catalog entities are `backstage.io/…`.
fn backstage_non_catalog(value: &Value) -> Option<String> {
    let api = value.get("apiVersion")?.as_str()?;
    let (group, _) = api.split_once('/')?;
    if !group.ends_with(".backstage.io") {
        return None;
    }
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("entity");
    let name = value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .map(|n| format!(" `{n}`"))
        .unwrap_or_default();
    Some(format!(
        "a Backstage {kind}{name} of `{api}`, not a catalog entity of a mesh: not imported"
    ))
}

/// Reads and parses every file, on as many threads as there are cores (parsing YAML is
/// most of an import's time), results in the files' order. `progress` is called on the
/// calling thread, since the caller's callback need not be shareable. Once `cancel` is
/// set, the files not read yet are left unread (their results say so).
fn read_all(
    files: &[(PathBuf, bool)],
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Vec<Result<Vec<Value>, ImportError>> {
    let read = |path: &Path| {
        if cancel.load(Ordering::Relaxed) {
            Err(ImportError::file(path, CANCELLED))
        } else {
            read_file(path)
        }
    };
    let total = files.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || total < 64 {
        return files
            .iter()
            .enumerate()
            .map(|(i, (path, _))| {
                let result = read(path);
                progress(i + 1, total);
                result
            })
            .collect();
    }
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(total.div_ceil(threads))
            .map(|chunk| {
                let (done, read) = (&done, &read);
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(path, _)| {
                            let result = read(path);
                            done.fetch_add(1, Ordering::Relaxed);
                            result
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        while !workers.iter().all(|w| w.is_finished()) {
            progress(done.load(Ordering::Relaxed), total);
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        progress(total, total);
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(results) => results,
                // A parser panic is a bug, not bad input: pass it on unchanged.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Every file to read, with whether the user named it (rather than it being found in a
/// folder). Missing paths are errors.
fn collect_files(paths: &[PathBuf], errors: &mut Vec<ImportError>) -> Vec<(PathBuf, bool)> {
    let mut files = Vec::new();
    for path in paths {
        let Ok(meta) = std::fs::metadata(path) else {
            errors.push(ImportError::file(path, "does not exist or cannot be read"));
            continue;
        };
        if !meta.is_dir() {
            files.push((path.clone(), true));
            continue;
        }
        let walk = walkdir::WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && is_manifest_name(e.path()) => {
                    files.push((e.into_path(), false));
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().unwrap_or(path).to_path_buf();
                    errors.push(ImportError::file(at, format!("cannot be read: {e}")));
                }
            }
        }
    }
    files
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_manifest_name(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("yaml" | "yml" | "json")
    )
}

/// The documents of one file.
fn read_file(path: &Path) -> Result<Vec<Value>, ImportError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| ImportError::file(path, format!("cannot be read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::file(
            path,
            format!(
                "is {:.1} MiB, larger than the {} MiB limit for a manifest",
                meta.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| ImportError::file(path, format!("cannot be read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        ImportError::file(
            path,
            format!("is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        )
    })?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        parse_json(path, &text).map(|v| vec![v])
    } else {
        parse_yaml(path, &text)
    }
}

fn parse_json(path: &Path, text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text).map_err(|e| ImportError {
        path: path.to_path_buf(),
        line: Some(e.line() as u64),
        column: Some(e.column() as u64),
        field: None,
        reason: format!("malformed JSON: {}", strip_position(&e.to_string())),
    })
}

pub(super) fn parse_yaml(path: &Path, text: &str) -> Result<Vec<Value>, ImportError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            // Aliases are legal YAML and occasionally used for shared blocks; a bounded
            // number of them, each replayed within the event budget, cannot explode.
            max_aliases: 256,
            max_anchors: 256,
            max_events: 2_000_000,
        },
        with_snippet: false,
        // YAML 1.2 booleans only: manifests follow JSON Schema, where `unit: y` (years
        // in ODCS) is the string "y", not YAML 1.1's `true`.
        strict_booleans: true,
    };
    serde_saphyr::from_multiple_with_options::<Value>(text, options).map_err(|e| {
        let location = e.location();
        ImportError {
            path: path.to_path_buf(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            field: None,
            reason: describe_yaml_error(&one_line(&e.to_string())),
        }
    })
}

/// Budget breaches are not syntax errors: say the document was refused for its size.
fn describe_yaml_error(message: &str) -> String {
    if message.contains("budget breached") || message.contains("recursion limit") {
        format!("refused: the document exceeds the limits for untrusted YAML ({message})")
    } else {
        format!("malformed YAML: {message}")
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s.to_owned(),
    }
}
