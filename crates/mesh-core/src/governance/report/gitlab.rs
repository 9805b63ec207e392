//! GitLab Code Quality JSON, so findings show in merge requests: one issue per unwaived
//! finding with its description, rule (`check_name`), a stable fingerprint, GitLab's
//! severity word and the file and line (`location.path`, `location.lines.begin`).
//!
//! Formatting only. Waived findings are left out: Code Quality has no suppression, and a
//! waiver means the team accepted the finding.

use serde_json::{Value, json};

use super::{Placed, fingerprint, message_with_evidence};
use crate::governance::Severity;

/// GitLab's words: info, minor, major, critical, blocker.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

/// Renders the report as a GitLab Code Quality report (a JSON array).
pub fn gitlab(placed: &Placed<'_>) -> Value {
    let issues: Vec<Value> = placed
        .iter()
        .filter(|(f, _)| f.waived.is_none())
        .map(|(f, place)| {
            // GitLab requires a path; a finding no file holds is shown at the report's
            // base, the repository root.
            let path = place.map_or_else(|| ".".to_owned(), |p| placed.shown(&p.path));
            let line = place.and_then(|p| p.line).unwrap_or(1);
            json!({
                "description": format!("{} {}", f.rule_id, message_with_evidence(f)),
                "check_name": f.rule_id,
                "fingerprint": fingerprint(f).to_string(),
                "severity": severity(f.severity),
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    Value::Array(issues)
}
