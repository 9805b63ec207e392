//! A left-to-right layered (Sugiyama) placement of boxes linked by dependencies: break
//! cycles, assign layers by longest path, order each layer by barycenters, then place
//! each layer's boxes as close to their neighbours as their order allows. The domains
//! and teams views (`crate::overview::place`) and the diagrams of those views use it,
//! so the app and `meshwright diagram` draw the same picture.
//!
//! Why not a maintained crate: `rust-sugiyama` 0.4 (network-simplex ranking,
//! Brandes–Köpf placement) took 2.2 s in a release build for 80 domains and 1,691
//! links, a dense domains view; this takes milliseconds. It is the algorithm the
//! canvas's large-mesh layout runs in the UI (`ui/src/layout/layered.ts`), with the same
//! steps and constants, so a domain's products and the domains around them look alike.
//!
//! Pure: sizes and index pairs in, positions out. It knows nothing of the model, and it
//! must not read positions stored in a file: which boxes keep their place is the
//! caller's choice.

#[cfg(test)]
mod tests;

/// Height and gap given to a link passing through a layer, so it gets room.
const DUMMY_HEIGHT: f64 = 0.0;
const DUMMY_GAP: f64 = 12.0;
/// Ordering sweeps (each one down and one up); the best order seen is kept.
const ORDER_SWEEPS: usize = 6;
/// Placement rounds (each one down and one up).
const PLACE_ROUNDS: usize = 4;

/// Gaps around and between the boxes, and the smallest size of the whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Vertical gap between two boxes of one layer.
    pub node_gap: f64,
    /// Horizontal gap between two layers.
    pub layer_gap: f64,
    /// Room above the first box (a domain box's title).
    pub pad_top: f64,
    /// Room left of the first layer and right of the last.
    pub pad_side: f64,
    /// Room below the lowest box.
    pub pad_bottom: f64,
    /// The whole is at least this wide…
    pub min_width: f64,
    /// …and this tall.
    pub min_height: f64,
}

/// The width and height of a box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// Where each box goes (its top-left corner, padding included) and the size of the whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// One per box, in the order given.
    pub positions: Vec<(f64, f64)>,
    /// Width of the whole, padding included.
    pub width: f64,
    /// Height of the whole, padding included.
    pub height: f64,
}

/// One box, or a point a long link passes through.
#[derive(Debug, Clone)]
struct Item {
    /// The box's index, or `None` for a point of a long link.
    node: Option<usize>,
    layer: usize,
    height: f64,
    preds: Vec<usize>,
    succs: Vec<usize>,
}

impl Item {
    fn gap_after(&self, node_gap: f64) -> f64 {
        if self.node.is_some() {
            node_gap
        } else {
            DUMMY_GAP
        }
    }
}

/// Places `boxes` linked by `links` (provider index, consumer index): providers left of
/// their consumers. Self-links, repeated links and links to an unknown index are ignored;
/// a link closing a cycle is drawn as if turned around.
pub fn layered(boxes: &[Size], links: &[(usize, usize)], spacing: &Spacing) -> Placement {
    let n = boxes.len();
    let links = unique_links(n, links);
    let forward = break_cycles(n, &links);
    let layer = assign_layers(n, &forward);
    let items = build_items(boxes, &forward, &layer);
    let layers = order_layers(&items);
    let ys = place_vertically(&items, &layers, spacing.node_gap);

    let mut layer_width = vec![0.0_f64; layers.len()];
    for item in &items {
        if let Some(b) = item.node {
            layer_width[item.layer] = layer_width[item.layer].max(boxes[b].w);
        }
    }
    let mut layer_x = Vec::with_capacity(layers.len());
    let mut x = spacing.pad_side;
    for w in &layer_width {
        layer_x.push(x);
        x += w + spacing.layer_gap;
    }

    let mut positions = vec![(0.0, 0.0); n];
    let (mut right, mut bottom) = (0.0_f64, 0.0_f64);
    for (i, item) in items.iter().enumerate() {
        if let Some(b) = item.node {
            let (x, y) = (layer_x[item.layer], spacing.pad_top + ys[i]);
            positions[b] = (x, y);
            right = right.max(x + boxes[b].w);
            bottom = bottom.max(y + boxes[b].h);
        }
    }
    Placement {
        positions,
        width: spacing.min_width.max(right + spacing.pad_side),
        height: spacing.min_height.max(bottom + spacing.pad_bottom),
    }
}

/// How many placements a [`Memo`] keeps: a domains view, its expanded domain, a teams
/// view, and one more.
const KEPT: usize = 4;

/// The last few placements with what each was made from. A view asked again after an
/// edit that moved none of its boxes or links (a rename, a description), or shown again
/// after another one, is not laid out again: a dense view takes tens of milliseconds.
#[derive(Debug, Default)]
pub struct Memo {
    kept: Vec<Kept>,
    computed: usize,
}

/// One question (gaps, boxes, links) and its answer.
#[derive(Debug)]
struct Kept {
    spacing: Spacing,
    boxes: Vec<Size>,
    links: Vec<(usize, usize)>,
    placed: Placement,
}

impl Memo {
    /// [`layered`], or the kept answer to the same question.
    pub fn layered(
        &mut self,
        boxes: &[Size],
        links: &[(usize, usize)],
        spacing: &Spacing,
    ) -> Placement {
        let same = |k: &Kept| k.spacing == *spacing && k.boxes == boxes && k.links == links;
        if let Some(k) = self.kept.iter().position(same) {
            // The most recently used last, so the oldest goes first.
            let entry = self.kept.remove(k);
            let placed = entry.placed.clone();
            self.kept.push(entry);
            return placed;
        }
        let placed = layered(boxes, links, spacing);
        self.computed += 1;
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push(Kept {
            spacing: *spacing,
            boxes: boxes.to_vec(),
            links: links.to_vec(),
            placed: placed.clone(),
        });
        placed
    }

    /// How many placements were computed rather than reused.
    pub fn computed(&self) -> usize {
        self.computed
    }
}

/// Links without self-loops, repeats or unknown ends, in the order given.
fn unique_links(n: usize, links: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut seen = std::collections::HashSet::new();
    links
        .iter()
        .copied()
        .filter(|&(s, t)| s < n && t < n && s != t && seen.insert((s, t)))
        .collect()
}

/// Successor lists with every link that closes a cycle (found by depth-first search in
/// the given order) turned around, so the graph is acyclic and still mostly flows forward.
fn break_cycles(n: usize, links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut out = vec![Vec::new(); n];
    for &(s, t) in links {
        out[s].push(t);
    }
    let mut state = vec![State::New; n];
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    let add = |forward: &mut Vec<Vec<usize>>, from: usize, to: usize| {
        if !forward[from].contains(&to) {
            forward[from].push(to);
        }
    };
    for root in 0..n {
        if state[root] != State::New {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = State::OnStack;
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            let Some(&w) = out[v].get(next) else {
                state[v] = State::Done;
                stack.pop();
                continue;
            };
            top.1 = next + 1;
            if state[w] == State::OnStack {
                add(&mut forward, w, v);
                continue;
            }
            add(&mut forward, v, w);
            if state[w] == State::New {
                state[w] = State::OnStack;
                stack.push((w, 0));
            }
        }
    }
    forward
}

/// Longest-path layers from the left (a box sits right of all its providers), then
/// providers that read nothing are pulled right to just before their first consumer,
/// so they do not all pile up in the first column with long links.
fn assign_layers(n: usize, succs: &[Vec<usize>]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    for list in succs {
        for &w in list {
            indegree[w] += 1;
        }
    }
    let has_preds: Vec<bool> = indegree.iter().map(|&d| d > 0).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut layer = vec![0usize; n];
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        for &w in &succs[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    for v in 0..n {
        if has_preds[v] {
            continue;
        }
        // Every consumer has this provider, so it sits in layer 1 or later.
        if let Some(first) = succs[v].iter().map(|&w| layer[w]).min() {
            layer[v] = first - 1;
        }
    }
    layer
}

/// Real boxes plus one point per layer a long link crosses, linked layer to layer.
fn build_items(boxes: &[Size], succs: &[Vec<usize>], layer: &[usize]) -> Vec<Item> {
    let mut items: Vec<Item> = boxes
        .iter()
        .enumerate()
        .map(|(i, b)| Item {
            node: Some(i),
            layer: layer[i],
            height: b.h,
            preds: Vec::new(),
            succs: Vec::new(),
        })
        .collect();
    for (v, list) in succs.iter().enumerate() {
        for &w in list {
            let mut from = v;
            for l in layer[v] + 1..layer[w] {
                let point = items.len();
                items.push(Item {
                    node: None,
                    layer: l,
                    height: DUMMY_HEIGHT,
                    preds: vec![from],
                    succs: Vec::new(),
                });
                items[from].succs.push(point);
                from = point;
            }
            items[from].succs.push(w);
            items[w].preds.push(from);
        }
    }
    items
}

/// Item indexes per layer, top to bottom: barycenter sweeps down and up from the given
/// order, keeping the order with the fewest crossings.
fn order_layers(items: &[Item]) -> Vec<Vec<usize>> {
    let layer_count = items.iter().map(|it| it.layer + 1).max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, it) in items.iter().enumerate() {
        layers[it.layer].push(i);
    }
    let mut rank = vec![0usize; items.len()];
    let set_ranks = |layers: &[Vec<usize>], rank: &mut [usize]| {
        for l in layers {
            for (r, &item) in l.iter().enumerate() {
                rank[item] = r;
            }
        }
    };
    set_ranks(&layers, &mut rank);

    let mut best = layers.clone();
    let mut best_crossings = count_crossings(items, &layers, &rank);
    let mut key = vec![0.0_f64; items.len()];
    for _ in 0..ORDER_SWEEPS {
        if best_crossings == 0 {
            break;
        }
        for down in [true, false] {
            let range: Vec<usize> = if down {
                (1..layer_count).collect()
            } else {
                (0..layer_count.saturating_sub(1)).rev().collect()
            };
            for l in range {
                for &i in &layers[l] {
                    let ns = if down {
                        &items[i].preds
                    } else {
                        &items[i].succs
                    };
                    key[i] = if ns.is_empty() {
                        rank[i] as f64
                    } else {
                        ns.iter().map(|&n| rank[n] as f64).sum::<f64>() / ns.len() as f64
                    };
                }
                layers[l].sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(rank[a].cmp(&rank[b])));
                for (r, &item) in layers[l].iter().enumerate() {
                    rank[item] = r;
                }
            }
            let crossings = count_crossings(items, &layers, &rank);
            if crossings < best_crossings {
                best_crossings = crossings;
                best = layers.clone();
            }
        }
    }
    best
}

/// Crossings between consecutive layers: the links in order of their upper end (then
/// lower end), counting pairs whose lower ends come in the opposite order, with a
/// Fenwick tree (Barth, Jünger, Mutzel): O(E log V), as a view may hold thousands.
fn count_crossings(items: &[Item], layers: &[Vec<usize>], rank: &[usize]) -> usize {
    let mut total = 0;
    let mut ends = Vec::new();
    for pair in layers.windows(2) {
        let lower_size = pair[1].len();
        let mut tree = vec![0usize; lower_size + 1];
        let mut inserted = 0;
        for &i in &pair[0] {
            ends.clear();
            ends.extend(items[i].succs.iter().map(|&w| rank[w]));
            ends.sort_unstable();
            for &end in &ends {
                let first = end + 1;
                let mut at_most = 0;
                let mut k = first;
                while k > 0 {
                    at_most += tree[k];
                    k &= k - 1;
                }
                total += inserted - at_most;
                let mut k = first;
                while k <= lower_size {
                    tree[k] += 1;
                    k += k & k.wrapping_neg();
                }
                inserted += 1;
            }
        }
    }
    total
}

/// Top of each item: every layer is stacked in order, then rounds alternately pull each
/// layer towards the mean centre of its providers and of its consumers, keeping the
/// order and the gaps (a least-squares fit, solved by pooling adjacent violators).
fn place_vertically(items: &[Item], layers: &[Vec<usize>], node_gap: f64) -> Vec<f64> {
    let mut y = vec![0.0_f64; items.len()];
    for layer in layers {
        let mut top = 0.0;
        for &i in layer {
            y[i] = top;
            top += items[i].height + items[i].gap_after(node_gap);
        }
    }
    let mut wanted = Vec::new();
    let mut min_gaps = Vec::new();
    for _ in 0..PLACE_ROUNDS {
        for down in [true, false] {
            let order: Vec<&Vec<usize>> = if down {
                layers.iter().collect()
            } else {
                layers.iter().rev().collect()
            };
            for layer in order {
                let center = |i: usize| y[i] + items[i].height / 2.0;
                wanted.clear();
                wanted.extend(layer.iter().map(|&i| {
                    let ns = if down {
                        &items[i].preds
                    } else {
                        &items[i].succs
                    };
                    let c = if ns.is_empty() {
                        center(i)
                    } else {
                        ns.iter().map(|&n| center(n)).sum::<f64>() / ns.len() as f64
                    };
                    c - items[i].height / 2.0
                }));
                min_gaps.clear();
                min_gaps.extend(
                    layer
                        .iter()
                        .map(|&i| items[i].height + items[i].gap_after(node_gap)),
                );
                for (&i, placed) in layer.iter().zip(fit_in_order(&wanted, &min_gaps)) {
                    y[i] = placed;
                }
            }
        }
    }
    let min = y.iter().copied().fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for v in &mut y {
            *v -= min;
        }
    }
    y
}

/// Positions as close as possible (least squares) to `wanted` such that each one is at
/// least `min_gaps[k]` below the previous one: isotonic regression on the positions
/// shifted by the running gap sum, by pool-adjacent-violators.
fn fit_in_order(wanted: &[f64], min_gaps: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(wanted.len());
    let mut sum = 0.0;
    for gap in min_gaps {
        offset.push(sum);
        sum += gap;
    }
    // (mean, count) of each pooled block.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (k, w) in wanted.iter().enumerate() {
        blocks.push((w - offset[k], 1));
        while let [.., prev, last] = blocks[..] {
            if prev.0 <= last.0 {
                break;
            }
            let count = prev.1 + last.1;
            let mean = (prev.0 * prev.1 as f64 + last.0 * last.1 as f64) / count as f64;
            blocks.truncate(blocks.len() - 2);
            blocks.push((mean, count));
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (mean, count) in blocks {
        for _ in 0..count {
            out.push(mean + offset[out.len()]);
        }
    }
    out
}
