//! Where each node and domain box of a diagram goes. The products view uses the canvas
//! positions the file stores (view `mesh`: top-level domains absolute, products and
//! subdomains relative to the domain holding them, as the desktop canvas places them)
//! and the same box sizes, so an exported diagram looks like the canvas; what has no
//! stored position goes in columns by dependency depth. The domains and teams views
//! are placed as the app's views are (`crate::overview::place`): the positions stored
//! for that view, and the same layered layout for nodes never placed. It computes
//! rectangles; it must not draw.

use uuid::Uuid;

use super::{Diagram, View};
use crate::graph::MeshGraph;
use crate::layered::Memo;
use crate::model::Mesh;
use crate::overview::place;

/// The canvas view whose positions the products view uses.
const MESH_VIEW: &str = "mesh";

// The canvas geometry (ui/src/canvas/geometry.ts): stored positions assume these sizes.
/// Width of a node.
pub const NODE_WIDTH: f64 = 260.0;
/// A product node's title rows, above its ports.
pub const PRODUCT_HEADER: f64 = 86.0;
/// One output port row.
pub const PORT_ROW: f64 = 22.0;
const PRODUCT_FOOTER: f64 = 8.0;
/// Room above a domain box's first product, for its title.
pub const PAD_TOP: f64 = 46.0;
const PAD_SIDE: f64 = 24.0;
const PAD_BOTTOM: f64 = 24.0;
const DOMAIN_MIN_WIDTH: f64 = NODE_WIDTH + 2.0 * PAD_SIDE;
const DOMAIN_MIN_HEIGHT: f64 = 120.0;
const DOMAIN_GAP: f64 = 80.0;
const LAYER_GAP: f64 = 56.0;
const NODE_GAP: f64 = 24.0;
/// Nodes stacked in one column before the layout starts another one beside it, so a
/// wide layer does not make a diagram thousands of units tall.
const COLUMN_LENGTH: usize = 8;
/// Top-level domains placed by the layout wrap into a new row past this width or the
/// square root of their total area, whichever is larger.
const ROW_WIDTH: f64 = 4000.0;

/// An axis-aligned rectangle in diagram units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A placed diagram: absolute rectangles, and the size of the whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One per [`Diagram::nodes`].
    pub nodes: Vec<Rect>,
    /// One per [`Diagram::groups`].
    pub groups: Vec<Rect>,
    /// Width of the drawing, margins included.
    pub width: f64,
    /// Height of the drawing, margins included.
    pub height: f64,
}

/// Places `diagram`, drawn from `mesh`.
pub fn layout(mesh: &Mesh, diagram: &Diagram) -> Layout {
    if diagram.view != View::Products {
        return normalise(summaries(mesh, diagram), Vec::new());
    }
    let heights: Vec<f64> = diagram
        .nodes
        .iter()
        .map(|n| PRODUCT_HEADER + n.rows.len().max(1) as f64 * PORT_ROW + PRODUCT_FOOTER)
        .collect();
    let layers = node_layers(mesh, diagram);
    let stored = mesh.positions_in(MESH_VIEW);
    let node_pos = |i: usize| diagram.nodes[i].id.and_then(|id| stored.get(&id).copied());

    // Relative boxes: nodes inside their group (or the canvas), groups inside theirs.
    let mut node_box: Vec<Rect> = vec![
        Rect {
            x: 0.0,
            y: 0.0,
            w: NODE_WIDTH,
            h: 0.0
        };
        heights.len()
    ];
    let group_count = diagram.groups.len();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); group_count + 1];
    for (i, n) in diagram.nodes.iter().enumerate() {
        members[n.group.unwrap_or(group_count)].push(i);
    }
    for list in &members {
        let mut unplaced = Vec::new();
        let mut bottom: f64 = 0.0;
        for &i in list {
            node_box[i].h = heights[i];
            match node_pos(i) {
                Some((x, y)) => {
                    node_box[i].x = x;
                    node_box[i].y = y;
                    bottom = bottom.max(y + heights[i] + NODE_GAP);
                }
                None => unplaced.push(i),
            }
        }
        let top = if bottom > 0.0 { bottom } else { PAD_TOP };
        columns(&unplaced, &layers, &heights, PAD_SIDE, top, &mut node_box);
    }

    // Group boxes, innermost first: each covers its nodes and its subgroups.
    let mut group_box = vec![
        Rect {
            x: f64::NAN,
            y: f64::NAN,
            w: 0.0,
            h: 0.0
        };
        group_count
    ];
    for g in (0..group_count).rev() {
        let mut covered: Vec<Rect> = members[g].iter().map(|&i| node_box[i]).collect();
        let subs: Vec<usize> = (0..group_count)
            .filter(|&s| diagram.groups[s].parent == Some(g))
            .collect();
        let mut y = covered
            .iter()
            .fold(PAD_TOP, |b, r| b.max(r.y + r.h + DOMAIN_GAP / 2.0));
        let mut x = PAD_SIDE;
        for &s in &subs {
            if group_box[s].x.is_nan() {
                group_box[s].x = x;
                group_box[s].y = y;
                x += group_box[s].w + DOMAIN_GAP / 2.0;
            }
            covered.push(group_box[s]);
        }
        y = 0.0;
        x = 0.0;
        for r in &covered {
            x = x.max(r.x + r.w + PAD_SIDE);
            y = y.max(r.y + r.h + PAD_BOTTOM);
        }
        let (sx, sy) = stored
            .get(&diagram.groups[g].id)
            // A domain drawn at the top whose parent is not drawn: its stored
            // position is relative to that parent, so it is placed afresh.
            .filter(|_| diagram.groups[g].parent.is_some() || top_level(mesh, diagram.groups[g].id))
            .copied()
            .unwrap_or((f64::NAN, f64::NAN));
        group_box[g] = Rect {
            x: sx,
            y: sy,
            w: x.max(DOMAIN_MIN_WIDTH),
            h: y.max(DOMAIN_MIN_HEIGHT),
        };
    }
    place_top_level(
        diagram,
        &members[group_count],
        &mut group_box,
        &mut node_box,
    );

    // Absolute positions: parents come before children in `groups`.
    for g in 0..group_count {
        if let Some(p) = diagram.groups[g].parent {
            group_box[g].x += group_box[p].x;
            group_box[g].y += group_box[p].y;
        }
    }
    for (i, n) in diagram.nodes.iter().enumerate() {
        if let Some(g) = n.group {
            node_box[i].x += group_box[g].x;
            node_box[i].y += group_box[g].y;
        }
    }
    normalise(node_box, group_box)
}

/// The domains and teams views, placed as the app's views place them
/// (`overview::place`): where the user left each node in that view, and a layered
/// layout for the ones never placed there.
fn summaries(mesh: &Mesh, diagram: &Diagram) -> Vec<Rect> {
    // "No owner" has no entity: the app stores its place under the nil id.
    let placed = mesh.positions_in(diagram.view.as_str());
    let stored: Vec<Option<(f64, f64)>> = diagram
        .nodes
        .iter()
        .map(|n| placed.get(&n.id.unwrap_or(Uuid::nil())).copied())
        .collect();
    let sizes = vec![place::NODE; diagram.nodes.len()];
    let links: Vec<(usize, usize)> = diagram.edges.iter().map(|e| (e.from, e.to)).collect();
    place::arrange(&sizes, &links, &stored, &mut Memo::default())
        .into_iter()
        .map(|(x, y)| Rect {
            x,
            y,
            w: place::NODE.w,
            h: place::NODE.h,
        })
        .collect()
}

/// Whether the domain has no parent in the mesh.
fn top_level(mesh: &Mesh, domain: Uuid) -> bool {
    mesh.domains
        .iter()
        .any(|d| d.id == domain && d.parent_id.is_none())
}

/// Top-level groups without a stored position go right of the placed ones, wrapping
/// into rows; loose nodes (products of no drawn domain) too.
fn place_top_level(
    diagram: &Diagram,
    loose: &[usize],
    group_box: &mut [Rect],
    node_box: &mut [Rect],
) {
    let top: Vec<usize> = (0..group_box.len())
        .filter(|&g| diagram.groups[g].parent.is_none())
        .collect();
    let loose_placed = loose
        .iter()
        .any(|&i| node_box[i].x.is_finite() && node_box[i].y.is_finite());
    let mut right: f64 = 0.0;
    let mut area = 0.0;
    for &g in &top {
        let b = group_box[g];
        area += b.w * b.h;
        if b.x.is_finite() {
            right = right.max(b.x + b.w);
        }
    }
    if loose_placed {
        for &i in loose {
            right = right.max(node_box[i].x + node_box[i].w);
        }
    }
    let wrap = ROW_WIDTH.max(area.sqrt());
    let start = if right == 0.0 {
        0.0
    } else {
        right + DOMAIN_GAP
    };
    let (mut x, mut y, mut row_height) = (start, 0.0, 0.0_f64);
    for &g in &top {
        let b = &mut group_box[g];
        if b.x.is_finite() {
            continue;
        }
        if x > start && x + b.w > start + wrap {
            x = start;
            y += row_height + DOMAIN_GAP;
            row_height = 0.0;
        }
        b.x = x;
        b.y = y;
        x += b.w + DOMAIN_GAP;
        row_height = row_height.max(b.h);
    }
}

/// Places `nodes` in columns by layer from (`left`, `top`), at most [`COLUMN_LENGTH`]
/// to a column.
fn columns(
    nodes: &[usize],
    layers: &[usize],
    heights: &[f64],
    left: f64,
    top: f64,
    boxes: &mut [Rect],
) {
    let mut by_layer: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for &i in nodes {
        by_layer.entry(layers[i]).or_default().push(i);
    }
    let mut x = left;
    for column in by_layer.values() {
        for chunk in column.chunks(COLUMN_LENGTH) {
            let mut y = top;
            for &i in chunk {
                boxes[i] = Rect {
                    x,
                    y,
                    w: NODE_WIDTH,
                    h: heights[i],
                };
                y += heights[i] + NODE_GAP;
            }
            x += NODE_WIDTH + LAYER_GAP;
        }
    }
}

/// Each product's column: its dependency depth in the mesh graph (providers first).
fn node_layers(mesh: &Mesh, diagram: &Diagram) -> Vec<usize> {
    let layers = MeshGraph::build(mesh).layers();
    diagram
        .nodes
        .iter()
        .map(|n| n.id.and_then(|id| layers.get(&id).copied()).unwrap_or(0))
        .collect()
}

/// Shifts everything so the drawing starts at a margin from the origin (stored
/// positions may be negative) and measures it.
fn normalise(mut nodes: Vec<Rect>, mut groups: Vec<Rect>) -> Layout {
    const MARGIN: f64 = 20.0;
    let all = || nodes.iter().chain(groups.iter());
    let min_x = all().map(|r| r.x).fold(f64::INFINITY, f64::min);
    let min_y = all().map(|r| r.y).fold(f64::INFINITY, f64::min);
    let (dx, dy) = if min_x.is_finite() {
        (MARGIN - min_x, MARGIN - min_y)
    } else {
        (0.0, 0.0)
    };
    for r in nodes.iter_mut().chain(groups.iter_mut()) {
        r.x += dx;
        r.y += dy;
    }
    let width = nodes
        .iter()
        .chain(groups.iter())
        .map(|r| r.x + r.w)
        .fold(0.0, f64::max)
        + MARGIN;
    let height = nodes
        .iter()
        .chain(groups.iter())
        .map(|r| r.y + r.h)
        .fold(0.0, f64::max)
        + MARGIN;
    Layout {
        nodes,
        groups,
        width,
        height,
    }
}
