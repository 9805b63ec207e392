//! The Graphviz DOT writer: a left-to-right `digraph`, one `cluster_` subgraph per
//! domain (nested for subdomains), generated node ids, every label a double-quoted DOT
//! string with backslashes, quotes and line breaks escaped. Edge widths follow the
//! number of dependencies. It must not place anything: Graphviz lays out itself.

use std::fmt::Write;

use super::{Diagram, View};

/// Text inside a DOT double-quoted string: backslash and quote escaped (a lone
/// backslash would start one of Graphviz's label escapes such as `\N`), line breaks
/// as `\n`, other control characters as spaces.
pub(super) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn node_label(label: &str, note: Option<&str>) -> String {
    match note {
        Some(n) => quoted(&format!("{label}\n{n}")),
        None => quoted(label),
    }
}

const FADED: &str = ", color=\"#bbbbbb\", fontcolor=\"#999999\", style=\"rounded,dashed\"";

/// The DOT text of `diagram`.
pub fn render(diagram: &Diagram) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "digraph {} {{", quoted(&diagram.title));
    s.push_str("  graph [rankdir=LR, fontname=\"Helvetica\"];\n");
    s.push_str("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];\n");
    s.push_str("  edge [color=\"#64748b\", fontname=\"Helvetica\"];\n");
    for (i, n) in diagram.nodes.iter().enumerate() {
        if n.group.is_none() {
            node(&mut s, diagram, i, 1);
        }
    }
    for (g, group) in diagram.groups.iter().enumerate() {
        if group.parent.is_none() {
            cluster(&mut s, diagram, g, 1);
        }
    }
    let weighted = diagram.view != View::Products;
    for e in &diagram.edges {
        let width = 1.0 + (e.weight as f64).log2().min(5.0);
        let label = if weighted || e.weight > 1 {
            format!(", label=\"{}\"", e.weight)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  n{} -> n{} [penwidth={width:.1}{label}];",
            e.from, e.to
        );
    }
    s.push_str("}\n");
    s
}

fn node(s: &mut String, diagram: &Diagram, i: usize, depth: usize) {
    let n = &diagram.nodes[i];
    let fade = if n.faded { FADED } else { "" };
    let _ = writeln!(
        s,
        "{}n{i} [label={}{fade}];",
        "  ".repeat(depth),
        node_label(&n.label, n.note.as_deref())
    );
}

fn cluster(s: &mut String, diagram: &Diagram, g: usize, depth: usize) {
    let pad = "  ".repeat(depth);
    let group = &diagram.groups[g];
    let _ = writeln!(s, "{pad}subgraph cluster_{g} {{");
    let _ = writeln!(s, "{pad}  label={};", quoted(&group.label));
    if group.faded {
        let _ = writeln!(
            s,
            "{pad}  color=\"#bbbbbb\"; fontcolor=\"#999999\"; style=\"dashed\";"
        );
    }
    for (i, n) in diagram.nodes.iter().enumerate() {
        if n.group == Some(g) {
            node(s, diagram, i, depth + 1);
        }
    }
    for (sub, child) in diagram.groups.iter().enumerate() {
        if child.parent == Some(g) {
            cluster(s, diagram, sub, depth + 1);
        }
    }
    let _ = writeln!(s, "{pad}}}");
}
