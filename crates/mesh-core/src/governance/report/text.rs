//! The human-readable report: one block per finding, most severe first, then a summary
//! line. A finding placed at a line starts with `path:line:column: severity rule
//! message`, the form editors and CI logs link to. Formatting only; it must not filter
//! or reorder findings.

use std::fmt::Write;

use super::{Placed, place_prefix};

/// Renders the report as text for a terminal or a CI log.
pub fn text(placed: &Placed<'_>) -> String {
    let report = placed.report;
    let mut out = String::new();
    for (f, place) in placed.iter() {
        let level = match &f.waived {
            Some(_) => "waived",
            None => f.severity.as_str(),
        };
        match place.filter(|p| p.line.is_some()) {
            Some(place) => {
                let _ = writeln!(
                    out,
                    "{}: {level} {} {}",
                    place_prefix(placed, place),
                    f.rule_id,
                    f.message
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{level:<8}{:<15}{} {}: {}",
                    f.rule_id, f.entity.kind, f.entity.name, f.message
                );
            }
        }
        if let Some(reason) = &f.waived {
            let _ = writeln!(out, "{:23}waived: {reason}", "");
        }
        for e in &f.evidence {
            if e.items.is_empty() {
                continue;
            }
            let names: Vec<&str> = e.items.iter().map(|i| i.name.as_str()).collect();
            let joined = if matches!(e.label.as_str(), "cycle" | "chain" | "path") {
                names.join(" → ")
            } else {
                names.join(", ")
            };
            let _ = writeln!(out, "{:23}{}: {joined}", "", e.label);
        }
        if !f.fix_hint.is_empty() {
            let _ = writeln!(out, "{:23}fix: {}", "", f.fix_hint);
        }
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{}: {} error(s), {} warning(s), {} info(s), {} waived; {} rules checked",
        report.mesh,
        s.errors,
        s.warnings,
        s.infos,
        s.waived,
        report.rules.len()
    );
    out
}
