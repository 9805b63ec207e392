//! The Mermaid writer: a left-to-right `flowchart`, domains as (nested) subgraphs,
//! generated ids (`n0`, `g0`) so no name can clash with Mermaid's keywords, every label
//! double-quoted with the characters Mermaid reads as syntax written as its numeric
//! entity codes (`#34;`). It must not place anything: Mermaid lays out itself.

use std::fmt::Write;

use super::{Diagram, View};

/// A label's text inside Mermaid double quotes: quotes, entity and markup characters
/// as `#NN;` codes, line breaks as `<br/>`, other control characters as spaces.
pub(super) fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '`' | '%' | '\\' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("<br/>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn node_text(label_text: &str, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("{}<br/>{}", label(label_text), label(n)),
        None => label(label_text),
    }
}

/// The Mermaid text of `diagram`.
pub fn render(diagram: &Diagram) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "---\ntitle: \"{}\"\n---", label(&diagram.title));
    s.push_str("flowchart LR\n");
    // Nodes outside any group, then each top-level group with what it holds.
    for (i, n) in diagram.nodes.iter().enumerate() {
        if n.group.is_none() {
            let _ = writeln!(s, "  n{i}[\"{}\"]", node_text(&n.label, n.note.as_deref()));
        }
    }
    for (g, group) in diagram.groups.iter().enumerate() {
        if group.parent.is_none() {
            subgraph(&mut s, diagram, g, 1);
        }
    }
    let weighted = diagram.view != View::Products;
    for e in &diagram.edges {
        if weighted || e.weight > 1 {
            let _ = writeln!(s, "  n{} -->|\"{}\"| n{}", e.from, e.weight, e.to);
        } else {
            let _ = writeln!(s, "  n{} --> n{}", e.from, e.to);
        }
    }
    let faded: Vec<String> = diagram
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.faded)
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !faded.is_empty() {
        s.push_str("  classDef faded opacity:0.4\n");
        let _ = writeln!(s, "  class {} faded", faded.join(","));
    }
    s
}

fn subgraph(s: &mut String, diagram: &Diagram, g: usize, depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(
        s,
        "{pad}subgraph g{g}[\"{}\"]",
        label(&diagram.groups[g].label)
    );
    for (i, n) in diagram.nodes.iter().enumerate() {
        if n.group == Some(g) {
            let _ = writeln!(
                s,
                "{pad}  n{i}[\"{}\"]",
                node_text(&n.label, n.note.as_deref())
            );
        }
    }
    for (sub, group) in diagram.groups.iter().enumerate() {
        if group.parent == Some(g) {
            subgraph(s, diagram, sub, depth + 1);
        }
    }
    let _ = writeln!(s, "{pad}end");
}
