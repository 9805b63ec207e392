use super::*;
use crate::demo::demo_mesh;
use crate::diagram;
use crate::filter::{self, ViewFilter};

fn everything(mesh: &Mesh) -> Filtered {
    filter::apply(mesh, &[], &ViewFilter::default())
}

/// (provider, consumer) product pairs, counted from the inputs directly.
fn pairs(mesh: &Mesh) -> Vec<(Uuid, Uuid)> {
    let graph = MeshGraph::build(mesh);
    mesh.products
        .iter()
        .flat_map(|p| {
            graph
                .dependencies_of(p.id)
                .into_iter()
                .map(|(provider, _)| (provider, p.id))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_domains_view_shows_the_coupling_the_diagram_prints() {
    let mesh = demo_mesh();
    let graph = MeshGraph::build(&mesh);
    let view = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    assert_eq!(view.nodes.len(), mesh.domains.len());
    let drawn = diagram::build(&mesh, &graph, View::Domains, None).unwrap();
    for node in &view.nodes {
        let printed = drawn.nodes.iter().find(|n| n.id == Some(node.id)).unwrap();
        let note = printed.note.as_deref().unwrap();
        let counts = format!("Ca {} · Ce {} · I ", node.afferent, node.efferent);
        assert!(note.starts_with(&counts), "{}: {note}", node.name);
        let shown = node
            .instability
            .map_or("–".to_owned(), |i| format!("{i:.2}"));
        assert!(note.ends_with(&shown), "{}: {note}", node.name);
        let products = mesh
            .products
            .iter()
            .filter(|p| p.domain_id == node.id)
            .count();
        assert_eq!(node.products as usize, products);
    }
    let domain_of: HashMap<Uuid, Uuid> =
        mesh.products.iter().map(|p| (p.id, p.domain_id)).collect();
    let crossing = pairs(&mesh)
        .iter()
        .filter(|(a, b)| domain_of[a] != domain_of[b])
        .count();
    assert!(crossing > 0);
    assert_eq!(
        view.edges.iter().map(|e| e.weight as usize).sum::<usize>(),
        crossing
    );
    assert!(view.edges.iter().all(|e| e.from != e.to));
    let unstable = view
        .nodes
        .iter()
        .find(|n| n.efferent > 0 && n.afferent > 0)
        .unwrap();
    let i = f64::from(unstable.efferent) / f64::from(unstable.afferent + unstable.efferent);
    assert!((unstable.instability.unwrap() - i).abs() < 0.006);
}

#[test]
fn an_expanded_domain_is_drawn_as_its_products() {
    let mesh = demo_mesh();
    let graph = MeshGraph::build(&mesh);
    let orders = mesh.domains.iter().find(|d| d.name == "orders").unwrap().id;
    let view = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        Some(orders),
        &mut Memo::default(),
    );
    let inside: Vec<&OverviewNode> = view
        .nodes
        .iter()
        .filter(|n| n.parent == Some(orders))
        .collect();
    let want = mesh
        .products
        .iter()
        .filter(|p| p.domain_id == orders)
        .count();
    assert_eq!(inside.len(), want);
    assert!(inside.iter().all(|n| n.kind == OverviewKind::Product));
    assert!(view.nodes.iter().any(|n| n.id == orders && n.expanded));
    // Dependencies now attach to the products, never to the expanded domain's node.
    assert!(
        view.edges
            .iter()
            .all(|e| e.from != orders && e.to != orders)
    );
    let ids: HashSet<Uuid> = inside.iter().map(|n| n.id).collect();
    assert!(
        view.edges
            .iter()
            .any(|e| ids.contains(&e.from) && ids.contains(&e.to))
    );
    // Every dependency between two different nodes is still counted once.
    let domain_of: HashMap<Uuid, Uuid> =
        mesh.products.iter().map(|p| (p.id, p.domain_id)).collect();
    let unit = |p: &Uuid| {
        if domain_of[p] == orders {
            *p
        } else {
            domain_of[p]
        }
    };
    let counted = pairs(&mesh)
        .iter()
        .filter(|(a, b)| unit(a) != unit(b))
        .count();
    assert_eq!(
        view.edges.iter().map(|e| e.weight as usize).sum::<usize>(),
        counted
    );
}

#[test]
fn the_teams_view_links_teams_by_their_products_dependencies() {
    let mut mesh = demo_mesh();
    // One product without an owner, to see the "no owner" node.
    mesh.products[0].owner_team_id = None;
    let graph = MeshGraph::build(&mesh);
    let view = overview(
        &mesh,
        &graph,
        View::Teams,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    assert_eq!(view.nodes.len(), mesh.teams.len() + 1);
    let none = view
        .nodes
        .iter()
        .find(|n| n.kind == OverviewKind::NoOwner)
        .unwrap();
    assert_eq!(none.id, Uuid::nil());
    let unowned = mesh
        .products
        .iter()
        .filter(|p| p.owner_team_id.is_none())
        .count();
    assert!(unowned >= 1);
    assert_eq!(none.products as usize, unowned);
    let owner: HashMap<Uuid, Uuid> = mesh
        .products
        .iter()
        .map(|p| (p.id, p.owner_team_id.unwrap_or(Uuid::nil())))
        .collect();
    let between = pairs(&mesh)
        .iter()
        .filter(|(a, b)| owner[a] != owner[b])
        .count();
    assert_eq!(
        view.edges.iter().map(|e| e.weight as usize).sum::<usize>(),
        between
    );
}

#[test]
fn a_filter_narrows_the_nodes_and_the_edges_but_not_the_coupling() {
    let mesh = demo_mesh();
    let graph = MeshGraph::build(&mesh);
    let customer = mesh
        .domains
        .iter()
        .find(|d| d.name == "customer")
        .unwrap()
        .id;
    let shown = filter::apply(
        &mesh,
        &[],
        &ViewFilter {
            domains: vec![customer],
            ..ViewFilter::default()
        },
    );
    let narrowed = overview(
        &mesh,
        &graph,
        View::Domains,
        &shown,
        None,
        &mut Memo::default(),
    );
    let whole = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    assert_eq!(narrowed.nodes.len(), shown.domains.len());
    assert!(
        narrowed.edges.is_empty(),
        "one domain has no edge to itself"
    );
    let node = &narrowed.nodes[0];
    let same = whole.nodes.iter().find(|n| n.id == node.id).unwrap();
    assert_eq!(
        (node.afferent, node.efferent),
        (same.afferent, same.efferent)
    );

    let teams = overview(
        &mesh,
        &graph,
        View::Teams,
        &shown,
        None,
        &mut Memo::default(),
    );
    let owners: HashSet<Uuid> = mesh
        .products
        .iter()
        .filter(|p| shown.products.contains(&p.id))
        .filter_map(|p| p.owner_team_id)
        .collect();
    assert_eq!(
        teams.nodes.iter().map(|n| n.id).collect::<HashSet<_>>(),
        owners
    );
}

/// The boxes of the top-level nodes, as (x, y, w, h).
fn top_boxes(view: &Overview) -> Vec<(Uuid, (f64, f64, f64, f64))> {
    view.nodes
        .iter()
        .filter(|n| n.parent.is_none())
        .map(|n| (n.id, (n.x, n.y, n.width, n.height)))
        .collect()
}

fn apart(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1
}

#[test]
fn a_view_never_placed_is_laid_out_without_overlaps() {
    let mesh = demo_mesh();
    let graph = MeshGraph::build(&mesh);
    for v in [View::Domains, View::Teams] {
        let view = overview(
            &mesh,
            &graph,
            v,
            &everything(&mesh),
            None,
            &mut Memo::default(),
        );
        let boxes = top_boxes(&view);
        assert!(boxes.len() > 2);
        for (k, (a, ra)) in boxes.iter().enumerate() {
            assert_eq!((ra.2, ra.3), (place::NODE.w, place::NODE.h));
            for (b, rb) in &boxes[k + 1..] {
                assert!(apart(*ra, *rb), "{v:?}: {a} and {b} overlap");
            }
        }
        // The layout spreads the view over more than one column and one row.
        let xs: HashSet<u64> = boxes.iter().map(|(_, r)| r.0.to_bits()).collect();
        let ys: HashSet<u64> = boxes.iter().map(|(_, r)| r.1.to_bits()).collect();
        assert!(xs.len() > 1 && ys.len() > 1, "{v:?}");
    }
}

#[test]
fn a_node_placed_in_the_view_keeps_its_place_and_only_that_view_reads_it() {
    let mut mesh = demo_mesh();
    let graph = MeshGraph::build(&mesh);
    let before = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    let moved = before.nodes[0].id;
    mesh.positions.push(crate::model::Position {
        entity_id: moved,
        view: "domains".into(),
        x: -4_000.0,
        y: 1_234.5,
    });
    let after = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    let at = |view: &Overview, id| {
        let n = view.nodes.iter().find(|n| n.id == id).unwrap();
        (n.x, n.y)
    };
    assert_eq!(at(&after, moved), (-4_000.0, 1_234.5));
    // The others stay where the layout put them.
    for n in before.nodes.iter().filter(|n| n.id != moved) {
        assert_eq!(at(&after, n.id), (n.x, n.y), "{}", n.name);
    }
    // Positions stored for the other views move nothing here, and the domains view's
    // move nothing in the teams view.
    let teams_before = overview(
        &mesh,
        &graph,
        View::Teams,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    let other = before.nodes[1].id;
    let team = teams_before.nodes[0].id;
    for (entity_id, view) in [
        (other, "teams"),
        (other, "mesh"),
        (team, "domains"),
        (team, "mesh"),
    ] {
        mesh.positions.push(crate::model::Position {
            entity_id,
            view: view.into(),
            x: 9_999.0,
            y: -9_999.0,
        });
    }
    let domains = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    assert_eq!(at(&domains, other), at(&before, other));
    let teams = overview(
        &mesh,
        &graph,
        View::Teams,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    assert_eq!(teams, teams_before);
    mesh.positions.retain(|p| p.x != 9_999.0);

    // When every node has a place, every node is where it was put.
    for (k, n) in before.nodes.iter().enumerate() {
        mesh.positions.push(crate::model::Position {
            entity_id: n.id,
            view: "domains".into(),
            x: k as f64 * 10.0,
            y: -(k as f64),
        });
    }
    mesh.positions.retain(|p| p.x != -4_000.0);
    let all = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        None,
        &mut Memo::default(),
    );
    for (k, n) in before.nodes.iter().enumerate() {
        assert_eq!(at(&all, n.id), (k as f64 * 10.0, -(k as f64)));
    }
}

#[test]
fn the_expanded_domain_is_a_box_around_its_products() {
    let mesh = demo_mesh();
    let graph = MeshGraph::build(&mesh);
    let orders = mesh.domains.iter().find(|d| d.name == "orders").unwrap().id;
    let view = overview(
        &mesh,
        &graph,
        View::Domains,
        &everything(&mesh),
        Some(orders),
        &mut Memo::default(),
    );
    let domain = view.nodes.iter().find(|n| n.id == orders).unwrap();
    let products: Vec<_> = view
        .nodes
        .iter()
        .filter(|n| n.parent == Some(orders))
        .collect();
    assert!(products.len() > 1);
    assert!(domain.width > place::NODE.w || domain.height > place::NODE.h);
    for (k, p) in products.iter().enumerate() {
        assert_eq!((p.width, p.height), (place::PRODUCT.w, place::PRODUCT.h));
        // Relative to the box, below its title row, inside it.
        assert!(p.x > 0.0 && p.y >= place::NODE.h, "{}", p.name);
        assert!(p.x + p.width < domain.width && p.y + p.height < domain.height);
        for q in &products[k + 1..] {
            assert!(apart(
                (p.x, p.y, p.width, p.height),
                (q.x, q.y, q.width, q.height)
            ));
        }
    }
    for (id, r) in top_boxes(&view) {
        if id != orders {
            let d = (domain.x, domain.y, domain.width, domain.height);
            assert!(apart(d, r), "the orders box covers {id}");
        }
    }
}
