use super::*;
use crate::model::*;

/// A mesh with one domain per entry of `domains` (products named `<domain>-<n>` are put
/// in the domain named by their prefix) and one dependency per `(consumer, provider)`.
pub(crate) fn mesh(products: &[&str], edges: &[(&str, &str)]) -> Mesh {
    let id = |s: &str| Uuid::new_v5(&Uuid::NAMESPACE_OID, s.as_bytes());
    let mut m = Mesh::empty(MeshInfo {
        name: "t".into(),
        namespace: "com.t".into(),
        description: None,
        custom_properties: vec![],
        extensions: Default::default(),
    });
    for p in products {
        let domain = p.split('-').next().unwrap_or(p);
        if !m.domains.iter().any(|d| d.name == domain) {
            m.domains.push(Domain {
                id: id(&format!("domain:{domain}")),
                name: domain.into(),
                title: domain.into(),
                description: None,
                parent_id: None,
                repo_folder: None,
                owner_team_id: None,
                links: vec![],
                custom_properties: vec![],
                extensions: Default::default(),
            });
        }
        m.products.push(DataProduct {
            id: id(p),
            name: (*p).into(),
            display_name: (*p).into(),
            version: "1.0.0".into(),
            description: Default::default(),
            domain_id: id(&format!("domain:{domain}")),
            owner_team_id: None,
            accountable_person_id: None,
            status: Status::Active,
            archetype: None,
            tags: vec![],
            links: vec![],
            custom_properties: vec![],
            extensions: Default::default(),
        });
        m.output_ports.push(OutputPort {
            id: id(&format!("port:{p}")),
            product_id: id(p),
            name: "out".into(),
            version: "1".into(),
            port_type: PortType::Table,
            description: None,
            visibility: Visibility::Public,
            status: Status::Active,
            contract: None,
            contains_pii: false,
            classification: None,
            service_levels: vec![],
            contract_body: Default::default(),
            deprecation_date: None,
            successor_port_id: None,
            custom_properties: vec![],
            extensions: Default::default(),
        });
    }
    for (consumer, provider) in edges {
        m.input_ports.push(InputPort {
            id: id(&format!("in:{consumer}:{provider}")),
            product_id: id(consumer),
            name: format!("in-{provider}"),
            description: None,
            source: DependencySource::OutputPort {
                port_id: id(&format!("port:{provider}")),
            },
            custom_properties: vec![],
            extensions: Default::default(),
        });
    }
    m.sort();
    m
}

pub(crate) fn id(s: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_OID, s.as_bytes())
}

fn sorted(names: &[&str]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = names.iter().map(|n| id(n)).collect();
    ids.sort();
    ids
}

#[test]
fn impact_follows_edges_both_ways() {
    // a <- b <- c, and d reads b too.
    let m = mesh(
        &["x-a", "x-b", "x-c", "x-d"],
        &[("x-b", "x-a"), ("x-c", "x-b"), ("x-d", "x-b")],
    );
    let g = MeshGraph::build(&m);
    assert_eq!(g.product_count(), 4);
    assert_eq!(g.dependency_count(), 3);
    assert_eq!(g.upstream(id("x-c")), sorted(&["x-a", "x-b"]));
    assert_eq!(g.downstream(id("x-a")), sorted(&["x-b", "x-c", "x-d"]));
    assert_eq!(g.providers(id("x-c")), sorted(&["x-b"]));
    assert_eq!(g.consumers(id("x-b")), sorted(&["x-c", "x-d"]));
    assert!(g.upstream(id("x-a")).is_empty());
    assert!(g.cycles().is_empty());
}

#[test]
fn cycles_are_reported_with_members() {
    let m = mesh(
        &["x-a", "x-b", "x-c", "x-d"],
        &[
            ("x-a", "x-b"),
            ("x-b", "x-c"),
            ("x-c", "x-a"),
            ("x-d", "x-a"),
        ],
    );
    let g = MeshGraph::build(&m);
    assert_eq!(g.cycles(), vec![sorted(&["x-a", "x-b", "x-c"])]);
    // A product in a cycle is its own upstream.
    assert!(g.upstream(id("x-a")).contains(&id("x-a")));
    assert_eq!(
        g.downstream(id("x-a")),
        sorted(&["x-a", "x-b", "x-c", "x-d"])
    );
}

#[test]
fn layers_and_longest_chain() {
    // Sources s1, s2; aggregate a reads both; c reads a; e reads s1 only.
    let m = mesh(
        &["x-s1", "x-s2", "x-a", "x-c", "x-e"],
        &[
            ("x-a", "x-s1"),
            ("x-a", "x-s2"),
            ("x-c", "x-a"),
            ("x-e", "x-s1"),
        ],
    );
    let g = MeshGraph::build(&m);
    let layers = g.layers();
    assert_eq!(layers[&id("x-s1")], 0);
    assert_eq!(layers[&id("x-a")], 1);
    assert_eq!(layers[&id("x-c")], 2);
    assert_eq!(layers[&id("x-e")], 1);
    let chain = g.longest_chain();
    assert_eq!(chain.len(), 3);
    assert_eq!(chain[1], id("x-a"));
    assert_eq!(chain[2], id("x-c"));
    assert!(chain[0] == id("x-s1") || chain[0] == id("x-s2"));
}

#[test]
fn a_cycle_counts_as_one_step_of_a_chain() {
    let m = mesh(
        &["x-a", "x-b", "x-c"],
        &[("x-a", "x-b"), ("x-b", "x-a"), ("x-c", "x-a")],
    );
    let g = MeshGraph::build(&m);
    assert_eq!(g.longest_chain().len(), 2);
    let layers = g.layers();
    assert_eq!(layers[&id("x-a")], layers[&id("x-b")]);
}

#[test]
fn domain_condensation_counts_and_cycles() {
    let m = mesh(
        &["s-a", "s-b", "m-c", "f-d"],
        &[
            ("s-b", "s-a"),
            ("m-c", "s-a"),
            ("m-c", "s-b"),
            ("s-a", "m-c"),
            ("f-d", "m-c"),
        ],
    );
    let g = MeshGraph::build(&m);
    let dg = g.domain_graph();
    let (s, mk, f) = (id("domain:s"), id("domain:m"), id("domain:f"));
    assert_eq!(dg.internal.get(&s), Some(&1));
    let edge = |c, p| {
        dg.edges
            .iter()
            .find(|e| e.consumer == c && e.provider == p)
            .map(|e| e.dependencies)
    };
    assert_eq!(edge(mk, s), Some(2));
    assert_eq!(edge(s, mk), Some(1));
    assert_eq!(edge(f, mk), Some(1));
    let mut expected = vec![s, mk];
    expected.sort();
    assert_eq!(dg.cycles(), vec![expected]);
}

#[test]
fn empty_mesh() {
    let g = MeshGraph::build(&mesh(&[], &[]));
    assert!(g.longest_chain().is_empty());
    assert!(g.cycles().is_empty());
    assert!(g.upstream(id("nope")).is_empty());
}

#[test]
fn strongly_connected_matches_petgraph() {
    use petgraph::graph::DiGraph;
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for round in 0..200 {
        let n = rng.random_range(0..40);
        let edges = if n == 0 {
            0
        } else {
            rng.random_range(0..n * 3)
        };
        let mut g: DiGraph<Uuid, super::Dependency> = DiGraph::new();
        for i in 0..n {
            g.add_node(Uuid::from_u128(i as u128));
        }
        for _ in 0..edges {
            let (a, b) = (rng.random_range(0..n), rng.random_range(0..n));
            g.add_edge(
                petgraph::graph::NodeIndex::new(a),
                petgraph::graph::NodeIndex::new(b),
                super::Dependency {
                    input_port_id: Uuid::nil(),
                    output_port_id: Uuid::nil(),
                },
            );
        }
        assert_eq!(
            super::strongly_connected(&g),
            petgraph::algo::tarjan_scc(&g),
            "round {round}"
        );
    }
}
