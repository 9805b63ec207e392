//! A diff as people read it: plain text for a terminal, Markdown for a pull-request
//! comment; and a whole mesh as the canonical text git's `textconv` shows, one line per
//! field under a header per entity (kind, id, name), entities in reading order and by
//! id, so `git diff` and `git log -p` show which field of which entity changed, a rename
//! included. Formatting only: what differs is `super::diff`'s.

use std::fmt::Write;

use serde_json::Value;

use super::records::records;
use super::{Change, EntityChange, MeshDiff};
use crate::contract_change::PortContractChanges;
use crate::model::{EntityKind, Mesh};

/// A value on one line: strings as they are, the rest as compact JSON, cut at `max`.
fn shown(value: Option<&Value>, max: usize) -> String {
    let text = match value {
        None => "(none)".to_owned(),
        Some(Value::String(s)) => s.replace('\n', "\\n"),
        Some(v) => v.to_string(),
    };
    if text.chars().count() > max {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn sign(change: Change) -> &'static str {
    match change {
        Change::Added => "+",
        Change::Removed => "-",
        Change::Changed => "~",
    }
}

/// The diff as text for a terminal.
pub fn text(d: &MeshDiff) -> String {
    let mut s = String::new();
    if d.is_empty() {
        s.push_str("no differences\n");
        return s;
    }
    for e in &d.entities {
        let _ = writeln!(s, "{} {} {}", sign(e.change), e.kind.label(), e.name);
        for f in &e.fields {
            let _ = writeln!(
                s,
                "    {}: {} → {}",
                f.field,
                shown(f.before.as_ref(), 60),
                shown(f.after.as_ref(), 60)
            );
        }
    }
    for m in &d.ownership {
        let _ = writeln!(
            s,
            "owner of {}: {} → {}",
            m.product,
            team(&m.from),
            team(&m.to)
        );
    }
    for x in &d.dependencies_added {
        let _ = writeln!(s, "+ dependency {} ← {}", x.input, x.provider);
    }
    for x in &d.dependencies_removed {
        let _ = writeln!(s, "- dependency {} ← {}", x.input, x.provider);
    }
    for b in &d.broken {
        let _ = writeln!(s, "! breaks {}: reads {} ({})", b.input, b.port, b.reason);
    }
    for c in &d.contract_changes {
        let _ = writeln!(
            s,
            "~ contract of {}: {} → {}{}",
            c.port,
            c.version_before,
            c.version_after,
            verdict(c)
        );
        for x in &c.changes {
            let mark = if x.breaking { "breaking: " } else { "" };
            let _ = writeln!(s, "    {mark}{}", x.describe());
        }
    }
    let _ = writeln!(
        s,
        "findings: {} new, {} resolved",
        d.findings_new.len(),
        d.findings_resolved.len()
    );
    for (mark, list) in [("+", &d.findings_new), ("-", &d.findings_resolved)] {
        for f in list {
            let _ = writeln!(
                s,
                "  {mark} {} {} {}: {}",
                f.severity.as_str(),
                f.rule_id,
                f.entity,
                f.message
            );
        }
    }
    s
}

/// What a port's contract changes amount to, after its versions: nothing when none
/// breaks.
fn verdict(c: &PortContractChanges) -> &'static str {
    match (c.is_breaking(), c.major_bumped) {
        (false, _) => "",
        (true, true) => ", breaking under a new major version",
        (true, false) => ", breaking without a new major version",
    }
}

fn team(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or("no owner")
}

/// Markdown cell text: pipes and line breaks escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn fields_cell(e: &EntityChange) -> String {
    e.fields
        .iter()
        .map(|f| {
            format!(
                "`{}`: {} → {}",
                f.field,
                cell(&shown(f.before.as_ref(), 40)),
                cell(&shown(f.after.as_ref(), 40))
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The diff in one line per kind of entity: `2 data products added, 1 changed`, joined by
/// `; ` (empty when nothing differs). For a window telling what changed elsewhere.
pub fn summary(d: &MeshDiff) -> String {
    let mut parts = Vec::new();
    for kind in super::records::KINDS {
        let (added, removed, changed) = d.counts(kind);
        if added + removed + changed == 0 {
            continue;
        }
        let noun = match kind {
            EntityKind::Mesh => "mesh header".to_owned(),
            EntityKind::Person => "people".to_owned(),
            k => format!("{}s", k.label()),
        };
        let counts: Vec<String> = [(added, "added"), (removed, "removed"), (changed, "changed")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, word)| format!("{n} {word}"))
            .collect();
        parts.push(format!("{noun}: {}", counts.join(", ")));
    }
    parts.join("; ")
}

/// The diff as Markdown, for a pull-request comment.
pub fn markdown(d: &MeshDiff) -> String {
    let mut s = String::new();
    if d.is_empty() {
        s.push_str("**Mesh unchanged.**\n");
        return s;
    }
    let count = |c| d.entities.iter().filter(|e| e.change == c).count();
    let _ = writeln!(
        s,
        "### Mesh changes: {} added, {} removed, {} changed\n",
        count(Change::Added),
        count(Change::Removed),
        count(Change::Changed)
    );
    s.push_str("| | kind | name | fields |\n|---|---|---|---|\n");
    for e in &d.entities {
        let mark = match e.change {
            Change::Added => "➕",
            Change::Removed => "➖",
            Change::Changed => "✏️",
        };
        let _ = writeln!(
            s,
            "| {mark} | {} | `{}` | {} |",
            e.kind.label(),
            cell(&e.name),
            fields_cell(e)
        );
    }
    if !d.ownership.is_empty() {
        s.push_str("\n#### Ownership moves\n\n");
        for m in &d.ownership {
            let _ = writeln!(s, "- `{}`: {} → {}", m.product, team(&m.from), team(&m.to));
        }
    }
    if !d.dependencies_added.is_empty() || !d.dependencies_removed.is_empty() {
        s.push_str("\n#### Dependencies\n\n");
        for (mark, list) in [
            ("added", &d.dependencies_added),
            ("removed", &d.dependencies_removed),
        ] {
            for x in list {
                let _ = writeln!(s, "- {mark}: `{}` reads `{}`", x.input, x.provider);
            }
        }
    }
    if !d.broken.is_empty() {
        s.push_str("\n#### Consumers broken\n\n");
        for b in &d.broken {
            let _ = writeln!(s, "- `{}` reads `{}`, {}", b.input, b.port, b.reason);
        }
    }
    if !d.contract_changes.is_empty() {
        s.push_str("\n#### Contract changes\n\n");
        for c in &d.contract_changes {
            let _ = writeln!(
                s,
                "- `{}`, contract {} → {}{}",
                cell(&c.port),
                cell(&c.version_before),
                cell(&c.version_after),
                verdict(c)
            );
            for x in &c.changes {
                let mark = if x.breaking { "**breaking**: " } else { "" };
                let _ = writeln!(s, "  - {mark}{}", cell(&x.describe()));
            }
        }
    }
    let _ = writeln!(
        s,
        "\n#### Governance: {} new, {} resolved\n",
        d.findings_new.len(),
        d.findings_resolved.len()
    );
    for (mark, list) in [("new", &d.findings_new), ("resolved", &d.findings_resolved)] {
        for f in list {
            let _ = writeln!(
                s,
                "- {mark} **{}** `{}` on `{}`: {}",
                f.severity.as_str(),
                f.rule_id,
                cell(&f.entity),
                cell(&f.message)
            );
        }
    }
    s
}

/// The whole mesh as canonical text for git's `textconv`: a header per entity (kind,
/// id and name), then one line per field. Canvas positions and the undo history are
/// left out: they are not content.
pub fn textconv(mesh: &Mesh) -> String {
    let mut s = String::new();
    for r in records(mesh).values() {
        if r.kind == EntityKind::Mesh {
            s.push_str("mesh\n");
        } else {
            let _ = writeln!(s, "{} {} ({})", r.kind.label(), r.id, r.name);
        }
        for (field, value) in &r.fields {
            let _ = writeln!(s, "  {field}: {value}");
        }
    }
    s
}
