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
    let view = overview(&mesh, &graph, View::Domains, &everything(&mesh), None);
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
    let view = overview(&mesh, &graph, View::Teams, &everything(&mesh), None);
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
    let narrowed = overview(&mesh, &graph, View::Domains, &shown, None);
    let whole = overview(&mesh, &graph, View::Domains, &everything(&mesh), None);
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

    let teams = overview(&mesh, &graph, View::Teams, &shown, None);
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
