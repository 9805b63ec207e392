//! Report formats for a [`Report`](super::Report): plain text for people, JSON, SARIF
//! 2.1.0 for code-scanning tools, JUnit XML for CI test views and GitLab Code Quality
//! for merge requests. Each module only formats; none of them decides what is a finding
//! or where it sits: a [`Placed`] report carries each finding's [`Place`], worked out by
//! whoever read the mesh (the mesh file itself, or the manifest and field that declare
//! the entity).
//!
//! Paths are shown relative to the base folder the host gives (the working directory
//! of a CI job, the repository root) when they are under it, absolute otherwise; this
//! module never reads the working directory itself.

mod gitlab;
mod json;
mod junit;
mod sarif;
mod text;

use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

use super::{Finding, Report};

pub use gitlab::gitlab;
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;
pub use text::text;

/// Where a finding is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// The file: the mesh file, or the manifest that declares the entity.
    pub path: PathBuf,
    /// 1-based line of the field concerned, when the file is a manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column, with `line`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// The field concerned, as a dotted path of the document
    /// (`outputPorts[0].contractId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Place {
    /// A whole file, with no line.
    pub fn file(path: impl Into<PathBuf>) -> Place {
        Place {
            path: path.into(),
            line: None,
            column: None,
            field: None,
        }
    }
}

/// A report with the place of each finding, in the order of `report.findings`
/// (`None`: a finding no file holds, such as a metric over several manifests).
#[derive(Debug, Clone)]
pub struct Placed<'r> {
    /// The report.
    pub report: &'r Report,
    /// One entry per finding.
    pub places: Vec<Option<Place>>,
    /// The folder paths are shown relative to: an absolute path, normally the working
    /// directory, which is the repository root in CI.
    pub base: PathBuf,
}

impl<'r> Placed<'r> {
    /// Every finding in the one file `path` (a mesh file), with no line.
    pub fn in_file(report: &'r Report, path: &Path, base: &Path) -> Placed<'r> {
        Placed {
            report,
            places: vec![Some(Place::file(path)); report.findings.len()],
            base: base.to_path_buf(),
        }
    }

    /// The findings with their places.
    pub fn iter(&self) -> impl Iterator<Item = (&'r Finding, Option<&Place>)> {
        let places = self
            .places
            .iter()
            .map(Option::as_ref)
            .chain(std::iter::repeat(None));
        self.report.findings.iter().zip(places)
    }

    /// `path` as shown: relative to the base with forward slashes when under it, else
    /// absolute.
    pub fn shown(&self, path: &Path) -> String {
        match self.relative(path) {
            Some(rel) => rel,
            None => absolute(&self.base, path).to_string_lossy().into_owned(),
        }
    }

    /// `path` relative to the base, with forward slashes, when it is under it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let abs = absolute(&self.base, path);
        let rel = abs.strip_prefix(&self.base).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }
}

/// `path` made absolute against `base` and cleaned of `.` and `..` without touching the
/// file system (the file may be a report's, on another machine).
fn absolute(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Namespace of result fingerprints: fixed so fingerprints stay stable across runs.
const FINGERPRINT_NS: Uuid = Uuid::from_u128(0x6d65_7368_7772_6967_6874_5f73_6172_6966);

/// A finding's fingerprint: the same rule, entity and message give the same one in
/// every run, wherever the files are, so code scanning and GitLab follow a finding
/// across commits.
fn fingerprint(f: &Finding) -> Uuid {
    Uuid::new_v5(
        &FINGERPRINT_NS,
        format!(
            "{}|{}:{}|{}",
            f.rule_id, f.entity.kind, f.entity.name, f.message
        )
        .as_bytes(),
    )
}

/// The message with the evidence's entities after it, for formats with one text field.
fn message_with_evidence(f: &Finding) -> String {
    let mut text = f.message.clone();
    if !text.ends_with('.') {
        text.push('.');
    }
    for e in &f.evidence {
        if !e.items.is_empty() {
            let names: Vec<&str> = e.items.iter().map(|i| i.name.as_str()).collect();
            text.push_str(&format!(" {}: {}.", e.label, names.join(", ")));
        }
    }
    text
}

/// `path:line:column` (or `path` alone) as editors and CI logs link it.
fn place_prefix(placed: &Placed<'_>, place: &Place) -> String {
    let mut out = placed.shown(&place.path);
    if let Some(line) = place.line {
        out.push_str(&format!(":{line}"));
        if let Some(column) = place.column {
            out.push_str(&format!(":{column}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(base: &str) -> Placed<'static> {
        static REPORT: std::sync::OnceLock<Report> = std::sync::OnceLock::new();
        let report = REPORT.get_or_init(|| Report {
            mesh: "m".into(),
            findings: Vec::new(),
            rules: Vec::new(),
            summary: Default::default(),
        });
        Placed {
            report,
            places: Vec::new(),
            base: PathBuf::from(base),
        }
    }

    #[test]
    fn paths_under_the_base_are_relative_others_absolute() {
        let p = placed("/work/repo");
        assert_eq!(p.shown(Path::new("/work/repo/a/b.yaml")), "a/b.yaml");
        assert_eq!(p.shown(Path::new("a/./b.yaml")), "a/b.yaml");
        assert_eq!(p.shown(Path::new("/elsewhere/x.mesh")), "/elsewhere/x.mesh");
        assert_eq!(p.shown(Path::new("../x.mesh")), "/work/x.mesh");
        assert_eq!(p.relative(Path::new("../x.mesh")), None);
    }
}
