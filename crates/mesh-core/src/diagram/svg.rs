//! The SVG writer: domain boxes, nodes and edges at their laid-out places, every drawn
//! name as real `<text>` (so a wiki's search finds it), faded neighbours at reduced
//! opacity. Deterministic: the same diagram and layout give the same bytes. It must not
//! place anything itself.

use std::fmt::Write;

use super::layout::{Layout, PAD_TOP, PORT_ROW, PRODUCT_HEADER, Rect};
use super::{Diagram, View};

/// Fonts named in order; the first ones ship with most Linux desktops, so the PNG
/// renderer (system fonts through fontdb) finds one.
pub(super) const FONTS: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const FADED: &str = " opacity=\"0.35\"";

/// Text safe inside an XML element or a double-quoted attribute: markup characters as
/// entities, characters XML 1.0 forbids and line breaks as spaces.
pub(super) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Attributes that squeeze `text` into `room` units when it would run past it: a long
/// name stays whole (and searchable) inside its box instead of crossing its border. The
/// width is estimated on DejaVu Sans's average advance, a little generously, since the
/// fonts themselves are the viewer's.
fn fitted(text: &str, size: f64, bold: bool, room: f64) -> String {
    let advance = if bold { 0.68 } else { 0.6 };
    let estimate = text.chars().count() as f64 * size * advance;
    if estimate <= room {
        return String::new();
    }
    format!(
        " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
        num(room.max(0.0))
    )
}

fn num(v: f64) -> String {
    // Whole units when the position is whole, so outputs stay short and stable.
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The SVG document of `diagram` placed by `layout`.
pub fn render(diagram: &Diagram, layout: &Layout) -> String {
    let mut s = String::with_capacity(256 + diagram.nodes.len() * 400);
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONTS}\" font-size=\"13\">"
    );
    let _ = writeln!(
        s,
        "<title>{} ({} view)</title>",
        xml(&diagram.title),
        diagram.view.as_str()
    );
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\" overflow=\"visible\"><path d=\"M0,0L10,5L0,10z\" fill=\"#64748b\"/></marker></defs>\n");
    let _ = writeln!(s, "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");
    for (g, group) in diagram.groups.iter().enumerate() {
        let r = layout.groups[g];
        let fade = if group.faded { FADED } else { "" };
        let _ = writeln!(
            s,
            "<g class=\"domain\"{fade}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"#f1f5f9\" stroke=\"#94a3b8\"/><text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" fill=\"#334155\"{}>{}</text></g>",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            num(r.x + 14.0),
            num(r.y + PAD_TOP / 2.0 + 6.0),
            fitted(&group.label, 15.0, true, r.w - 28.0),
            xml(&group.label)
        );
    }
    let weighted = diagram.view != View::Products;
    for e in &diagram.edges {
        edge(
            &mut s,
            layout.nodes[e.from],
            layout.nodes[e.to],
            e.weight,
            weighted,
        );
    }
    for (i, node) in diagram.nodes.iter().enumerate() {
        let r = layout.nodes[i];
        let fade = if node.faded { FADED } else { "" };
        let _ = write!(
            s,
            "<g class=\"node\"{fade}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#ffffff\" stroke=\"#475569\"/>",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h)
        );
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\" fill=\"#0f172a\"{}>{}</text>",
            num(r.x + 12.0),
            num(r.y + 24.0),
            fitted(&node.label, 14.0, true, r.w - 24.0),
            xml(&node.label)
        );
        if let Some(note) = &node.note {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" fill=\"#475569\"{}>{}</text>",
                num(r.x + 12.0),
                num(r.y + 46.0),
                fitted(note, 13.0, false, r.w - 24.0),
                xml(note)
            );
        }
        for (k, row) in node.rows.iter().enumerate() {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#334155\"{}>{}</text>",
                num(r.x + 20.0),
                num(r.y + PRODUCT_HEADER + k as f64 * PORT_ROW + 15.0),
                fitted(row, 12.0, false, r.w - 32.0),
                xml(row)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// A curve from the provider's right side to the consumer's left, with the number of
/// dependencies at its middle in the weighted views.
fn edge(s: &mut String, from: Rect, to: Rect, weight: usize, labelled: bool) {
    let (x1, y1) = (from.x + from.w, from.y + from.h / 2.0);
    let (x2, y2) = (to.x, to.y + to.h / 2.0);
    let bend = ((x2 - x1).abs() / 2.0).max(40.0);
    let width = 1.0 + (weight as f64).log2().min(5.0);
    // One group per edge, its line with its weight: a part of the drawing the PNG
    // rasteriser draws (and counts) on its own, and a hook for a wiki's CSS.
    let _ = write!(
        s,
        "<g class=\"edge\"><path d=\"M{},{} C{},{} {},{} {},{}\" fill=\"none\" stroke=\"#64748b\" stroke-width=\"{}\" marker-end=\"url(#arrow)\"/>",
        num(x1),
        num(y1),
        num(x1 + bend),
        num(y1),
        num(x2 - bend),
        num(y2),
        num(x2),
        num(y2),
        num(width)
    );
    if labelled {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1e293b\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{weight}</text>",
            num((x1 + x2) / 2.0),
            num((y1 + y2) / 2.0 - 4.0)
        );
    }
    s.push_str("</g>\n");
}
