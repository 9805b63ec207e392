use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use super::*;
use crate::demo::demo_mesh;
use crate::graph::MeshGraph;
use crate::graph::tests::mesh;
use crate::layered::Memo;
use crate::model::{Mesh, Team};
use uuid::Uuid;

/// Names that break any format that does not escape them.
const HOSTILE: &str = "Q\"uote <b>&amp; [x] {y} (z) #1; %% `tick` back\\slash\nnext|line";

/// The mesh `a-1 → …` of the graph tests: domains a, b, c; `x` reading `y` is written
/// (`x`, `y`) there, so data flows from `y` to `x`.
fn small() -> Mesh {
    let mut m = mesh(
        &["a-1", "a-2", "b-1", "b-2", "c-1"],
        &[
            ("b-1", "a-1"), // b reads a
            ("b-2", "a-1"),
            ("b-2", "a-2"),
            ("c-1", "b-1"), // c reads b
            ("a-2", "a-1"), // inside a
            ("a-1", "c-1"), // a reads c
        ],
    );
    let teams = ["red", "blue"].map(|t| Team::named(t.into(), format!("Team {t}")));
    let owner = |name: &str| match name {
        "a-1" | "a-2" | "b-1" => Some(teams[0].id),
        "b-2" => Some(teams[1].id),
        _ => None,
    };
    for p in &mut m.products {
        p.owner_team_id = owner(&p.name);
    }
    m.teams = teams.into();
    m.sort();
    m
}

/// `render` with nobody watching or cancelling.
fn drawn(m: &Mesh, d: &Diagram, format: Format, scale: f32) -> Result<Vec<u8>, DrawError> {
    render(m, d, format, scale, &mut |_, _| {}, &AtomicBool::new(false))
}

fn draw(m: &Mesh, view: View, domain: Option<&str>) -> Diagram {
    build(m, &MeshGraph::build(m), view, domain).expect("known domain")
}

/// Edges as (from label, to label) → weight.
fn edges(d: &Diagram) -> HashMap<(&str, &str), usize> {
    d.edges
        .iter()
        .map(|e| {
            (
                (d.nodes[e.from].label.as_str(), d.nodes[e.to].label.as_str()),
                e.weight,
            )
        })
        .collect()
}

#[test]
fn the_products_view_draws_every_product_in_its_domain_and_every_dependency() {
    let m = small();
    let d = draw(&m, View::Products, None);
    assert_eq!(d.nodes.len(), 5);
    assert_eq!(d.groups.len(), 3);
    for n in &d.nodes {
        let group = &d.groups[n.group.expect("in a domain")];
        assert!(
            n.label.starts_with(&group.label),
            "{} in {}",
            n.label,
            group.label
        );
        assert!(!n.faded);
    }
    let e = edges(&d);
    assert_eq!(e.len(), 6);
    // Data flows from the provider to the consumer.
    assert_eq!(e[&("a-1", "b-1")], 1);
    assert_eq!(e[&("a-1", "a-2")], 1);
}

#[test]
fn the_domains_view_counts_crossing_dependencies_and_coupling() {
    let m = small();
    let d = draw(&m, View::Domains, None);
    let e = edges(&d);
    assert_eq!(e[&("a", "b")], 3, "three products of b read a");
    assert_eq!(e[&("b", "c")], 1);
    assert_eq!(e[&("c", "a")], 1);
    assert_eq!(e.len(), 3, "the dependency inside a is no edge");
    let note = |label: &str| {
        d.nodes
            .iter()
            .find(|n| n.label == label)
            .and_then(|n| n.note.clone())
            .expect("a domain node")
    };
    // a: read by b three times (Ca 3), reads c once (Ce 1): I = 1/4.
    assert_eq!(note("a"), "Ca 3 · Ce 1 · I 0.25");
    assert_eq!(note("b"), "Ca 1 · Ce 3 · I 0.75");
    assert_eq!(note("c"), "Ca 1 · Ce 1 · I 0.50");
    assert_eq!(view::coupling(0, 0), "Ca 0 · Ce 0 · I –");
}

#[test]
fn the_teams_view_weighs_the_dependencies_between_the_teams_products() {
    let m = small();
    let d = draw(&m, View::Teams, None);
    let e = edges(&d);
    // red owns a-1, a-2, b-1; blue b-2; c-1 has no owner.
    assert_eq!(e[&("Team red", "Team blue")], 2, "b-2 reads a-1 and a-2");
    assert_eq!(e[&("Team red", "(no owner team)")], 1, "c-1 reads b-1");
    assert_eq!(e[&("(no owner team)", "Team red")], 1, "a-1 reads c-1");
    assert_eq!(e.len(), 3, "dependencies inside red are no edge");
    let notes: Vec<_> = d
        .nodes
        .iter()
        .map(|n| n.note.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(notes, ["1 product", "3 products", "1 product"]);
}

#[test]
fn a_chosen_domain_keeps_its_neighbours_faded_and_drops_the_rest() {
    let m = small();
    let d = draw(&m, View::Products, Some("b"));
    let shown: Vec<(&str, bool)> = d
        .nodes
        .iter()
        .map(|n| (n.label.as_str(), n.faded))
        .collect();
    // a-2 feeds b-2, a-1 feeds both; c-1 reads b-1. a-2 → a-1 is between neighbours.
    assert_eq!(
        shown,
        [
            ("a-1", true),
            ("a-2", true),
            ("b-1", false),
            ("b-2", false),
            ("c-1", true)
        ]
    );
    assert_eq!(d.edges.len(), 4, "the edges touching b only");
    assert!(d.groups.iter().all(|g| g.faded == (g.label != "b")));
    let teams = draw(&m, View::Teams, Some("c"));
    let labels: Vec<_> = teams
        .nodes
        .iter()
        .map(|n| (n.label.as_str(), n.faded))
        .collect();
    assert_eq!(labels, [("Team red", true), ("(no owner team)", false)]);
}

#[test]
fn a_subdomain_belongs_to_the_chosen_domain_and_nests_in_its_box() {
    let mut m = small();
    let a = m.domains.iter().find(|d| d.name == "a").expect("a").id;
    m.domains
        .iter_mut()
        .find(|d| d.name == "b")
        .expect("b")
        .parent_id = Some(a);
    let d = draw(&m, View::Products, Some("a"));
    let b = d
        .groups
        .iter()
        .position(|g| g.label == "b")
        .expect("b drawn");
    assert_eq!(d.groups[b].parent, Some(0));
    assert!(!d.groups[b].faded);
    let placed = layout(&m, &d);
    let (outer, inner) = (placed.groups[0], placed.groups[b]);
    assert!(inner.x > outer.x && inner.x + inner.w < outer.x + outer.w);
    assert!(inner.y > outer.y && inner.y + inner.h < outer.y + outer.h);
}

#[test]
fn a_highlight_fades_everything_it_does_not_light() {
    let m = small();
    let mut d = draw(&m, View::Products, None);
    let lit: std::collections::HashSet<Uuid> = ["a-1", "b-1"]
        .iter()
        .map(|n| m.products.iter().find(|p| p.name == *n).unwrap().id)
        .collect();
    d.highlight(&lit);
    for n in &d.nodes {
        let on = n.id.is_some_and(|id| lit.contains(&id));
        assert_eq!(n.faded, !on, "{}", n.label);
    }
    let faded: Vec<&str> = d
        .groups
        .iter()
        .filter(|g| g.faded)
        .map(|g| g.label.as_str())
        .collect();
    assert_eq!(
        faded.len(),
        1,
        "only the box holding nothing lit: {faded:?}"
    );
    let svg = String::from_utf8(drawn(&m, &d, Format::Svg, 1.0).unwrap()).unwrap();
    assert!(svg.contains("opacity"), "faded nodes are drawn faded");
    // Nothing lit: unchanged.
    let mut same = draw(&m, View::Products, None);
    same.highlight(&std::collections::HashSet::new());
    assert_eq!(same, draw(&m, View::Products, None));
}

#[test]
fn an_unknown_domain_offers_the_closest_names() {
    let m = demo_mesh();
    let err = build(&m, &MeshGraph::build(&m), View::Products, Some("order")).expect_err("unknown");
    assert_eq!(err.suggestions.first().map(String::as_str), Some("orders"));
}

#[test]
fn stored_positions_place_products_relative_to_their_domain() {
    let mut m = small();
    let id = |name: &str| {
        m.products
            .iter()
            .find(|p| p.name == name)
            .expect("product")
            .id
    };
    let a = m.domains.iter().find(|d| d.name == "a").expect("a").id;
    let at = |entity_id, x, y| crate::model::Position {
        entity_id,
        view: "mesh".into(),
        x,
        y,
    };
    m.positions = vec![
        at(a, 1000.0, 500.0),
        at(id("a-1"), 30.0, 60.0),
        at(id("a-2"), 400.0, 60.0),
    ];
    let d = draw(&m, View::Products, None);
    let placed = layout(&m, &d);
    let node = |label: &str| {
        placed.nodes[d
            .nodes
            .iter()
            .position(|n| n.label == label)
            .expect("drawn")]
    };
    let (a1, a2) = (node("a-1"), node("a-2"));
    assert_eq!((a2.x - a1.x, a2.y - a1.y), (370.0, 0.0));
    let group = placed.groups[d.groups.iter().position(|g| g.label == "a").expect("a")];
    assert_eq!((a1.x - group.x, a1.y - group.y), (30.0, 60.0));
}

/// Each node's top-left corner relative to the first node's, to a thousandth (the
/// drawing is shifted to its margin, which rounds).
fn offsets(boxes: impl Iterator<Item = (Uuid, f64, f64)>) -> Vec<(Uuid, i64, i64)> {
    let all: Vec<_> = boxes.collect();
    let (x0, y0) = (all[0].1, all[0].2);
    let round = |v: f64| (v * 1000.0).round() as i64;
    all.into_iter()
        .map(|(id, x, y)| (id, round(x - x0), round(y - y0)))
        .collect()
}

#[test]
fn the_domains_and_teams_views_are_drawn_as_the_app_draws_them() {
    // The demo, and generated meshes whose cycles between domains and teams make the
    // layout depend on the order its links come in.
    let generated = [1, 7, 42].map(|seed| {
        crate::generate::generate(&crate::generate::GenerateOptions {
            products: 300,
            domains: None,
            seed,
        })
    });
    for m in std::iter::once(demo_mesh()).chain(generated) {
        let graph = MeshGraph::build(&m);
        let everything = crate::filter::apply(&m, &[], &crate::filter::ViewFilter::default());
        for view in [View::Domains, View::Teams] {
            // Never placed in the view: the same layout as the app's view.
            let app = crate::overview::overview(
                &m,
                &graph,
                view,
                &everything,
                None,
                &mut Memo::default(),
            );
            let d = draw(&m, view, None);
            let placed = layout(&m, &d);
            let drawn = offsets(
                d.nodes
                    .iter()
                    .zip(&placed.nodes)
                    .map(|(n, r)| (n.id.unwrap_or(Uuid::nil()), r.x, r.y)),
            );
            assert_eq!(
                drawn,
                offsets(app.nodes.iter().map(|n| (n.id, n.x, n.y))),
                "{}: {view:?}",
                m.info.name
            );
            assert!(
                placed
                    .nodes
                    .iter()
                    .all(|r| (r.w, r.h) == (app.nodes[0].width, app.nodes[0].height))
            );
        }
    }
    let mut m = demo_mesh();
    let graph = MeshGraph::build(&m);
    let everything = crate::filter::apply(&m, &[], &crate::filter::ViewFilter::default());
    // Placed in the domains view: where the user put them, whatever the other views say.
    let domains = crate::overview::overview(
        &m,
        &graph,
        View::Domains,
        &everything,
        None,
        &mut Memo::default(),
    );
    for (k, n) in domains.nodes.iter().enumerate() {
        let (x, y) = ((k % 4) as f64 * 300.0, (k / 4) as f64 * 150.0 - 700.0);
        for view in ["domains", "mesh", "teams"] {
            let shift = if view == "domains" { 0.0 } else { 55.0 };
            m.positions.push(crate::model::Position {
                entity_id: n.id,
                view: view.into(),
                x: x + shift * k as f64,
                y,
            });
        }
    }
    let d = draw(&m, View::Domains, None);
    let placed = layout(&m, &d);
    let drawn = offsets(
        d.nodes
            .iter()
            .zip(&placed.nodes)
            .map(|(n, r)| (n.id.expect("a domain"), r.x, r.y)),
    );
    let wanted = offsets(
        domains
            .nodes
            .iter()
            .enumerate()
            .map(|(k, n)| (n.id, (k % 4) as f64 * 300.0, (k / 4) as f64 * 150.0 - 700.0)),
    );
    assert_eq!(drawn, wanted);
}

#[test]
fn every_format_is_deterministic_and_names_everything_in_the_svg() {
    let m = demo_mesh();
    for view in View::ALL {
        let d = draw(&m, view, None);
        for format in [Format::Svg, Format::Mermaid, Format::Dot] {
            let once = drawn(&m, &d, format, 1.0).expect("rendered");
            assert_eq!(once, drawn(&m, &d, format, 1.0).expect("rendered"));
        }
    }
    let d = draw(&m, View::Products, None);
    let svg = String::from_utf8(drawn(&m, &d, Format::Svg, 1.0).expect("svg")).expect("utf-8");
    for p in &m.products {
        assert!(
            svg.contains(&format!(">{}</text>", svg::xml(&p.display_name))),
            "{}",
            p.name
        );
    }
    for dom in &m.domains {
        assert!(
            svg.contains(&format!(">{}</text>", svg::xml(&dom.title))),
            "{}",
            dom.name
        );
    }
}

/// The demo mesh with hostile display names and titles everywhere.
pub(crate) fn hostile() -> Mesh {
    let mut m = demo_mesh();
    for (i, p) in m.products.iter_mut().enumerate() {
        p.display_name = format!("{HOSTILE} {i}");
    }
    for d in &mut m.domains {
        d.title = format!("{HOSTILE} {}", d.name);
    }
    for t in &mut m.teams {
        t.title = format!("{HOSTILE} {}", t.name);
    }
    m.info.name = HOSTILE.into();
    m
}

#[test]
fn hostile_names_are_escaped_in_every_format() {
    let m = hostile();
    for view in View::ALL {
        let d = draw(&m, view, None);
        let text = |f| String::from_utf8(drawn(&m, &d, f, 1.0).expect("rendered")).expect("utf-8");
        let svg = text(Format::Svg);
        assert!(
            !svg.contains("<b>") && !svg.contains("&amp;;"),
            "markup escaped"
        );
        assert!(svg.contains("Q&quot;uote &lt;b&gt;&amp;amp; [x]"));
        // The SVG parses as XML (usvg refuses malformed documents).
        to_png(&svg, 0.05, &mut |_, _| {}, &AtomicBool::new(false)).expect("well-formed SVG");
        let mermaid = text(Format::Mermaid);
        for line in mermaid.lines().skip(3) {
            // Inside labels no raw quote, markup or line break survives.
            if let Some((_, label)) = line.split_once("[\"") {
                let inner = label.trim_end_matches("\"]").replace("<br/>", "");
                assert!(
                    !inner.contains(['"', '<', '>', '&', '`', '%', '\\']),
                    "{line}"
                );
            }
        }
        assert!(mermaid.contains(
            "Q#34;uote #60;b#62;#38;amp; [x] {y} (z) #35;1; #37;#37; #96;tick#96; back#92;slash<br/>next|line"
        ));
        let dot = text(Format::Dot);
        assert!(
            dot.contains("Q\\\"uote <b>&amp; [x] {y} (z) #1; %% `tick` back\\\\slash\\nnext|line")
        );
        assert!(
            !dot.contains("slash\nnext"),
            "no raw line break inside a DOT string"
        );
    }
}

#[test]
fn a_png_has_the_size_of_its_scale() {
    let m = demo_mesh();
    let d = draw(&m, View::Domains, None);
    let placed = layout(&m, &d);
    let png = drawn(&m, &d, Format::Png, 0.5).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
    let height = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
    assert_eq!(f64::from(width), (placed.width * 0.5).ceil());
    assert_eq!(f64::from(height), (placed.height * 0.5).ceil());
    assert!(drawn(&m, &d, Format::Png, 0.0).is_err());
    assert!(drawn(&m, &d, Format::Png, 1000.0).is_err(), "too large");
}

#[test]
fn a_write_leaves_nothing_when_the_folder_is_missing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("nope").join("d.svg");
    let err = write_atomically(&missing, b"x").expect_err("no folder");
    assert!(err.to_string().contains("no such folder"), "{err}");
    let ok = tmp.path().join("d.svg");
    write_atomically(&ok, b"<svg/>").expect("written");
    assert_eq!(std::fs::read(&ok).expect("read"), b"<svg/>");
    assert_eq!(
        std::fs::read_dir(tmp.path()).expect("list").count(),
        1,
        "no temporary file left"
    );
}

/// Writes the Mermaid samples the UI's test parses with Mermaid's own parser; fails
/// when the committed copies were stale.
#[test]
fn the_ui_mermaid_samples_are_current() {
    let mut stale = Vec::new();
    for (name, m) in [("demo", demo_mesh()), ("hostile", hostile())] {
        for view in View::ALL {
            let mut variants = vec![(view.as_str().to_owned(), None)];
            if view == View::Products {
                variants.push(("products-orders".to_owned(), Some("orders")));
            }
            for (suffix, domain) in variants {
                let d = draw(&m, view, domain);
                let want = drawn(&m, &d, Format::Mermaid, 1.0).expect("mermaid");
                let path = format!("test/diagrams/{name}-{suffix}.mmd");
                if crate::ui_files::keep_current(&path, &want) {
                    stale.push(path);
                }
            }
        }
    }
    assert!(stale.is_empty(), "rewritten, commit them: {stale:?}");
}

#[test]
fn a_long_name_is_squeezed_into_its_box_and_a_short_one_left_alone() {
    let mut m = small();
    let long = "Enterprise Customer Relationship Management Platform Data";
    let red = m.teams.iter_mut().find(|t| t.name == "red").expect("red");
    red.title = long.into();
    let graph = MeshGraph::build(&m);
    let d = build(&m, &graph, View::Teams, None).expect("teams");
    let svg = drawn(&m, &d, Format::Svg, 1.0).expect("svg");
    let svg = String::from_utf8(svg).expect("utf-8");
    let text_of = |name: &str| {
        let end = svg
            .find(&format!(">{name}</text>"))
            .expect("the name is drawn whole");
        let start = svg[..end].rfind("<text").expect("its element");
        svg[start..end].to_owned()
    };
    let squeezed = text_of(long);
    let length: f64 = squeezed
        .split("textLength=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("a textLength");
    assert!(squeezed.contains("lengthAdjust=\"spacingAndGlyphs\""));
    assert!(length > 0.0 && length <= crate::overview::place::NODE.w - 24.0);
    assert!(!text_of("Team blue").contains("textLength"));
}
