//! The layered placement: what a reader of the picture relies on (left to right, no
//! overlaps, inside the padding, few crossings) and each step's contract; and the
//! vectors the UI's copy of the algorithm is checked against.

use super::*;

const SPACING: Spacing = Spacing {
    node_gap: 24.0,
    layer_gap: 56.0,
    pad_top: 46.0,
    pad_side: 24.0,
    pad_bottom: 24.0,
    min_width: 308.0,
    min_height: 120.0,
};

fn sized(heights: &[f64]) -> Vec<Size> {
    heights.iter().map(|&h| Size { w: 260.0, h }).collect()
}

fn overlaps(boxes: &[Size], at: &[(f64, f64)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for a in 0..boxes.len() {
        for b in a + 1..boxes.len() {
            let ((ax, ay), (bx, by)) = (at[a], at[b]);
            let apart = ax + boxes[a].w <= bx
                || bx + boxes[b].w <= ax
                || ay + boxes[a].h <= by
                || by + boxes[b].h <= ay;
            if !apart {
                out.push((a, b));
            }
        }
    }
    out
}

/// A deterministic tangle: 40 boxes, each reading up to three earlier ones.
fn tangle() -> (Vec<Size>, Vec<(usize, usize)>) {
    let boxes = sized(
        &(0..40)
            .map(|i| 100.0 + (i % 3) as f64 * 22.0)
            .collect::<Vec<_>>(),
    );
    let mut links = Vec::new();
    for i in 1..40 {
        for k in [1, 3, 7] {
            if i >= k && (i * k) % 5 != 0 {
                links.push(((i * 7 + k) % i, i));
            }
        }
    }
    (boxes, links)
}

/// A dense view like 80 domains of a generated mesh: many links, cycles among them.
fn dense(n: usize, count: usize) -> (Vec<Size>, Vec<(usize, usize)>) {
    let boxes = vec![Size { w: 220.0, h: 92.0 }; n];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        // xorshift: a fixed sequence, the same in every run and in the vectors.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let links = (0..count).map(|_| (next(n), next(n))).collect();
    (boxes, links)
}

#[test]
fn a_chain_reads_left_to_right_one_column_per_step_inside_the_padding() {
    let boxes = sized(&[100.0; 3]);
    let placed = layered(&boxes, &[(0, 1), (1, 2)], &SPACING);
    assert_eq!(
        placed.positions,
        vec![(24.0, 46.0), (340.0, 46.0), (656.0, 46.0)]
    );
    assert_eq!(placed.width, 24.0 + 3.0 * 260.0 + 2.0 * 56.0 + 24.0);
    assert_eq!(placed.height, 46.0 + 100.0 + 24.0);
}

#[test]
fn every_link_flows_right_and_no_boxes_overlap() {
    let (boxes, links) = tangle();
    let placed = layered(&boxes, &links, &SPACING);
    for &(s, t) in &links {
        assert!(placed.positions[s].0 < placed.positions[t].0, "{s} -> {t}");
    }
    assert_eq!(overlaps(&boxes, &placed.positions), vec![]);
    for (b, &(x, y)) in boxes.iter().zip(&placed.positions) {
        assert!(x >= 24.0 && y >= 46.0);
        assert!(x + b.w + 24.0 <= placed.width);
        assert!(y + b.h + 24.0 <= placed.height + 1e-9);
    }
}

#[test]
fn boxes_of_very_different_heights_in_one_column_stay_apart() {
    let boxes = sized(&[400.0, 60.0, 60.0, 100.0]);
    let placed = layered(&boxes, &[(0, 3), (1, 3), (2, 3)], &SPACING);
    let xs: std::collections::HashSet<u64> = placed.positions[..3]
        .iter()
        .map(|p| p.0.to_bits())
        .collect();
    assert_eq!(xs.len(), 1);
    assert_eq!(overlaps(&boxes, &placed.positions), vec![]);
}

#[test]
fn the_middles_of_a_tall_box_and_the_short_one_reading_it_line_up() {
    let boxes = sized(&[400.0, 60.0]);
    let placed = layered(&boxes, &[(0, 1)], &SPACING);
    assert_eq!(placed.positions[0].1, 46.0);
    assert!((placed.positions[1].1 + 30.0 - (46.0 + 200.0)).abs() < 1e-6);
}

#[test]
fn two_links_given_in_crossing_order_are_uncrossed() {
    let boxes = sized(&[100.0; 4]);
    let placed = layered(&boxes, &[(0, 3), (1, 2)], &SPACING);
    let above = |a: usize, b: usize| placed.positions[a].1 < placed.positions[b].1;
    assert_eq!(above(0, 1), above(3, 2));
}

#[test]
fn cycles_self_links_repeats_and_unknown_ends_are_survived() {
    let boxes = sized(&[100.0; 3]);
    let links = [(0, 1), (1, 2), (2, 0), (0, 0), (0, 1), (0, 99)];
    let placed = layered(&boxes, &links, &SPACING);
    assert_eq!(overlaps(&boxes, &placed.positions), vec![]);
    let xs: std::collections::HashSet<u64> =
        placed.positions.iter().map(|p| p.0.to_bits()).collect();
    assert_eq!(xs.len(), 3);
}

#[test]
fn nothing_to_place_has_the_minimum_size() {
    let placed = layered(&[], &[], &SPACING);
    assert_eq!((placed.width, placed.height), (308.0, 120.0));
}

#[test]
fn the_link_closing_a_cycle_is_turned_around() {
    assert_eq!(
        break_cycles(3, &[(0, 1), (1, 2), (2, 0)]),
        vec![vec![1, 2], vec![2], vec![]]
    );
}

#[test]
fn a_provider_reading_nothing_sits_next_to_its_first_consumer() {
    // 0 → 1 → 2 and 3 → 2: 3 sits in column 1, not column 0.
    assert_eq!(
        assign_layers(4, &[vec![1], vec![2], vec![], vec![2]]),
        vec![0, 1, 2, 1]
    );
}

#[test]
fn positions_fit_in_order_with_gaps_as_close_to_the_wanted_ones_as_possible() {
    assert_eq!(
        fit_in_order(&[0.0, 200.0, 400.0], &[100.0; 3]),
        vec![0.0, 200.0, 400.0]
    );
    // Two wanting the same spot share the displacement.
    assert_eq!(fit_in_order(&[100.0, 100.0], &[50.0; 2]), vec![75.0, 125.0]);
    // Order wins over wishes: each stays at least its gap below the one before.
    let placed = fit_in_order(&[300.0, 0.0, 10.0], &[20.0; 3]);
    assert!(placed[1] - placed[0] >= 20.0 && placed[2] - placed[1] >= 20.0);
}

#[test]
fn crossings_are_counted_as_comparing_every_pair_of_links_does() {
    // Two layers of 7 and 9 items, 30 pseudo-random links (repeats allowed).
    let mut items: Vec<Item> = (0..16)
        .map(|i| Item {
            node: Some(i),
            layer: usize::from(i >= 7),
            height: 0.0,
            preds: Vec::new(),
            succs: Vec::new(),
        })
        .collect();
    let pairs: Vec<(usize, usize)> = (0..30)
        .map(|k| ((k * 5 + 3) % 7, 7 + (k * k + 2 * k) % 9))
        .collect();
    for &(u, v) in &pairs {
        items[u].succs.push(v);
    }
    let layers = vec![
        vec![3, 0, 6, 1, 5, 2, 4],
        vec![8, 15, 7, 11, 9, 14, 10, 13, 12],
    ];
    let mut rank = vec![0; 16];
    for l in &layers {
        for (r, &item) in l.iter().enumerate() {
            rank[item] = r;
        }
    }
    let rank_of = |i: usize| rank[i] as i64;
    let mut brute = 0;
    for (a, &(a0, a1)) in pairs.iter().enumerate() {
        for &(b0, b1) in &pairs[a + 1..] {
            if (rank_of(a0) - rank_of(b0)) * (rank_of(a1) - rank_of(b1)) < 0 {
                brute += 1;
            }
        }
    }
    assert!(brute > 0);
    assert_eq!(count_crossings(&items, &layers, &rank), brute);
}

#[test]
fn ordering_removes_most_crossings_of_a_dense_view() {
    let (boxes, links) = dense(80, 1_700);
    let links = unique_links(boxes.len(), &links);
    let forward = break_cycles(boxes.len(), &links);
    let layer = assign_layers(boxes.len(), &forward);
    let items = build_items(&boxes, &forward, &layer);
    let layer_count = layer.iter().max().unwrap() + 1;
    let mut given: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, it) in items.iter().enumerate() {
        given[it.layer].push(i);
    }
    let rank_of = |layers: &[Vec<usize>]| {
        let mut rank = vec![0; items.len()];
        for l in layers {
            for (r, &item) in l.iter().enumerate() {
                rank[item] = r;
            }
        }
        rank
    };
    let before = count_crossings(&items, &given, &rank_of(&given));
    let ordered = order_layers(&items);
    let after = count_crossings(&items, &ordered, &rank_of(&ordered));
    assert!(after * 10 < before * 9, "{before} crossings, then {after}");
}

/// Writes the cases the UI's copy (`ui/src/layout/layered.ts`, which lays out the
/// canvas's large meshes in its worker) must place exactly as this does; fails when the
/// committed copy was stale.
#[test]
fn the_ui_vectors_are_current() {
    let tall = (
        sized(&[400.0, 60.0, 60.0, 100.0]),
        vec![(0, 3), (1, 3), (2, 3)],
    );
    let cyclic = (
        sized(&[100.0; 3]),
        vec![(0, 1), (1, 2), (2, 0), (0, 0), (0, 1)],
    );
    // Boxes of different widths in one layer (a layer is as wide as its widest box),
    // and links to an index past the last box, which both copies ignore.
    let mixed = (
        [
            (120.0, 60.0),
            (300.0, 92.0),
            (220.0, 140.0),
            (180.0, 44.0),
            (260.0, 80.0),
        ]
        .iter()
        .map(|&(w, h)| Size { w, h })
        .collect::<Vec<_>>(),
        vec![(0, 2), (1, 2), (0, 3), (2, 4), (3, 4), (1, 9), (9, 4)],
    );
    let cases = [
        ("tangle", tangle()),
        ("tall", tall),
        ("cyclic", cyclic),
        ("dense", dense(24, 120)),
        ("mixed", mixed),
    ];
    let json: Vec<_> = cases
        .iter()
        .map(|(name, (boxes, links))| {
            let placed = layered(boxes, links, &SPACING);
            serde_json::json!({
                "name": name,
                "boxes": boxes.iter().map(|b| [b.w, b.h]).collect::<Vec<_>>(),
                "links": links,
                "positions": placed.positions,
                "width": placed.width,
                "height": placed.height,
            })
        })
        .collect();
    let want = serde_json::to_string_pretty(&serde_json::json!({
        "spacing": {
            "nodeGap": SPACING.node_gap,
            "layerGap": SPACING.layer_gap,
            "padTop": SPACING.pad_top,
            "padSide": SPACING.pad_side,
            "padBottom": SPACING.pad_bottom,
            "minWidth": SPACING.min_width,
            "minHeight": SPACING.min_height,
        },
        "cases": json,
    }))
    .unwrap()
        + "\n";
    let stale = crate::ui_files::keep_current("layout/layered.vectors.json", want.as_bytes());
    assert!(
        !stale,
        "ui/src/layout/layered.vectors.json was stale and is rewritten: commit it"
    );
}

#[test]
fn a_memo_answers_a_question_asked_again_without_laying_it_out_again() {
    let (boxes, links) = tangle();
    let mut memo = Memo::default();
    let first = memo.layered(&boxes, &links, &SPACING);
    assert_eq!(first, layered(&boxes, &links, &SPACING));
    assert_eq!(memo.layered(&boxes, &links, &SPACING), first);
    assert_eq!(memo.computed(), 1);
    // Another link, another size, other gaps: each is another question.
    let mut more = links.clone();
    more.push((0, 39));
    let mut taller = boxes.clone();
    taller[5].h += 1.0;
    let wider = Spacing {
        layer_gap: 80.0,
        ..SPACING
    };
    assert_eq!(
        memo.layered(&boxes, &more, &SPACING),
        layered(&boxes, &more, &SPACING)
    );
    assert_eq!(
        memo.layered(&taller, &links, &SPACING),
        layered(&taller, &links, &SPACING)
    );
    assert_eq!(
        memo.layered(&boxes, &links, &wider),
        layered(&boxes, &links, &wider)
    );
    assert_eq!(memo.computed(), 4);
    // Four are kept, the least recently used goes: the first is still there.
    assert_eq!(memo.layered(&boxes, &links, &SPACING), first);
    assert_eq!(memo.computed(), 4);
    let (few, _) = dense(3, 0);
    memo.layered(&few, &[], &SPACING);
    assert_eq!(memo.computed(), 5);
    memo.layered(&boxes, &more, &SPACING);
    assert_eq!(memo.computed(), 6, "the least recently used was dropped");
    memo.layered(&boxes, &links, &SPACING);
    assert_eq!(memo.computed(), 6, "the most recently used was kept");
}
