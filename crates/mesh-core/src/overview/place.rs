//! Where the nodes of a domains or teams view go, so the app and `meshwright diagram`
//! draw one picture: a node the user placed in this view keeps its stored position; when
//! any top-level node has none, the top level gets a layered layout (`crate::layered`)
//! and the unplaced ones take their place in it. The expanded domain is a box holding
//! its products, laid out among themselves, relative to the box.
//!
//! Sizes are decided here, not by the host, because the layout depends on them. It reads
//! no store: the caller passes the positions stored for the view.

use std::collections::HashMap;

use uuid::Uuid;

use super::{OverviewEdge, OverviewNode};
use crate::layered::{Memo, Placement, Size, Spacing};

/// A domain or team node.
pub const NODE: Size = Size { w: 220.0, h: 92.0 };
/// A product of the expanded domain.
pub const PRODUCT: Size = Size { w: 180.0, h: 44.0 };

/// Between top-level nodes: room for an edge's weight between two columns.
const TOP: Spacing = Spacing {
    node_gap: 32.0,
    layer_gap: 96.0,
    pad_top: 0.0,
    pad_side: 0.0,
    pad_bottom: 0.0,
    min_width: 0.0,
    min_height: 0.0,
};

/// Inside the expanded domain: its title row above the products.
const INSIDE: Spacing = Spacing {
    node_gap: 14.0,
    layer_gap: 48.0,
    pad_top: NODE.h,
    pad_side: 16.0,
    pad_bottom: 16.0,
    min_width: NODE.w,
    min_height: NODE.h,
};

/// Sets every node's box: top-level nodes at their stored place or the layout's, the
/// expanded domain's products relative to it.
pub(super) fn place(
    nodes: &mut [OverviewNode],
    edges: &[OverviewEdge],
    stored: &HashMap<Uuid, (f64, f64)>,
    memo: &mut Memo,
) {
    let index: HashMap<Uuid, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let children: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].parent.is_some())
        .collect();
    let tops: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].parent.is_none())
        .collect();

    // The expanded domain's products, among themselves.
    let child_at: HashMap<usize, usize> =
        children.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let inner_links: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|e| {
            Some((
                *child_at.get(index.get(&e.from)?)?,
                *child_at.get(index.get(&e.to)?)?,
            ))
        })
        .collect();
    // No domain expanded: nothing to lay out, and no slot of the memo taken.
    let inside = if children.is_empty() {
        Placement {
            positions: Vec::new(),
            width: INSIDE.min_width,
            height: INSIDE.min_height,
        }
    } else {
        memo.layered(&vec![PRODUCT; children.len()], &inner_links, &INSIDE)
    };
    for (k, &i) in children.iter().enumerate() {
        let (x, y) = inside.positions[k];
        set(&mut nodes[i], x, y, PRODUCT);
    }

    let sizes: Vec<Size> = tops
        .iter()
        .map(|&i| {
            if nodes[i].expanded && !children.is_empty() {
                Size {
                    w: inside.width,
                    h: inside.height,
                }
            } else {
                NODE
            }
        })
        .collect();
    let placed: Vec<Option<(f64, f64)>> = tops
        .iter()
        .map(|&i| stored.get(&nodes[i].id).copied())
        .collect();
    let top_at: HashMap<usize, usize> = tops.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    // An edge to or from an expanded domain's product counts for the domain.
    let top_of = |id: &Uuid| {
        let i = *index.get(id)?;
        let top = nodes[i]
            .parent
            .and_then(|p| index.get(&p).copied())
            .unwrap_or(i);
        top_at.get(&top).copied()
    };
    let links: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|e| Some((top_of(&e.from)?, top_of(&e.to)?)))
        .collect();
    for (k, (x, y)) in arrange(&sizes, &links, &placed, memo)
        .into_iter()
        .enumerate()
    {
        set(&mut nodes[tops[k]], x, y, sizes[k]);
    }
}

/// The top-left corner of each top-level box: its stored place, or, when any box has
/// none, the layered layout's for those without. The diagrams of the domains and teams
/// views place their nodes with it too.
pub fn arrange(
    sizes: &[Size],
    links: &[(usize, usize)],
    stored: &[Option<(f64, f64)>],
    memo: &mut Memo,
) -> Vec<(f64, f64)> {
    // A dense view takes a while to lay out: only when a node needs it. The layout
    // depends on the order of the links (which link of a cycle turns around), so they go
    // in one order whoever asks: the app's view and its diagram draw one picture.
    let auto = stored.iter().any(Option::is_none).then(|| {
        let mut links = links.to_vec();
        links.sort_unstable();
        memo.layered(sizes, &links, &TOP)
    });
    stored
        .iter()
        .enumerate()
        .map(|(k, at)| {
            at.or_else(|| auto.as_ref().map(|a| a.positions[k]))
                .unwrap_or_default()
        })
        .collect()
}

fn set(node: &mut OverviewNode, x: f64, y: f64, size: Size) {
    (node.x, node.y, node.width, node.height) = (x, y, size.w, size.h);
}
