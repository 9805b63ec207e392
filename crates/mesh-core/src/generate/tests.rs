//! Tests of the synthetic mesh generator: determinism, sizes, validity of every entity
//! and reference, the layered shape, the power-law fan-in and the deliberate smells.

use std::collections::{HashMap, HashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use uuid::Uuid;

use super::{GenerateOptions, generate};
use crate::model::{Archetype, DependencySource, Mesh, Status};
use crate::validate;

fn mesh(products: usize, seed: u64) -> Mesh {
    generate(&GenerateOptions {
        products,
        domains: None,
        seed,
    })
}

/// (provider product, consumer product) for every product-to-product dependency.
fn product_edges(m: &Mesh) -> Vec<(Uuid, Uuid)> {
    let owner: HashMap<Uuid, Uuid> = m
        .output_ports
        .iter()
        .map(|p| (p.id, p.product_id))
        .collect();
    m.input_ports
        .iter()
        .filter_map(|i| match i.source {
            DependencySource::OutputPort { port_id } => Some((owner[&port_id], i.product_id)),
            DependencySource::SourceSystem { .. } | DependencySource::Unresolved { .. } => None,
        })
        .collect()
}

/// Consumers per product, zero included.
fn fan_in(m: &Mesh) -> HashMap<Uuid, usize> {
    let mut fan: HashMap<Uuid, usize> = m.products.iter().map(|p| (p.id, 0)).collect();
    for (provider, _) in product_edges(m) {
        *fan.entry(provider).or_default() += 1;
    }
    fan
}

fn unique<'a>(what: &str, names: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for n in names {
        assert!(seen.insert(n), "{what} {n} appears twice");
    }
}

/// Every entity passes its validator and every reference resolves.
fn assert_valid(m: &Mesh) {
    validate::mesh_info(&m.info).expect("mesh info");
    let people: HashSet<Uuid> = m.people.iter().map(|p| p.id).collect();
    let teams: HashSet<Uuid> = m.teams.iter().map(|t| t.id).collect();
    let domains: HashSet<Uuid> = m.domains.iter().map(|d| d.id).collect();
    let systems: HashSet<Uuid> = m.source_systems.iter().map(|s| s.id).collect();
    let products: HashSet<Uuid> = m.products.iter().map(|p| p.id).collect();
    let ports: HashMap<Uuid, Uuid> = m
        .output_ports
        .iter()
        .map(|p| (p.id, p.product_id))
        .collect();
    for p in &m.people {
        validate::person(p).expect("person");
    }
    for t in &m.teams {
        validate::team(t).expect("team");
        assert!((3..=6).contains(&t.members.len()), "team {} size", t.name);
        assert!(t.members.iter().all(|mb| people.contains(&mb.person_id)));
    }
    for d in &m.domains {
        validate::domain(d).expect("domain");
        assert!(d.parent_id.is_none_or(|p| domains.contains(&p)));
        assert!(d.owner_team_id.is_some_and(|t| teams.contains(&t)));
    }
    for s in &m.source_systems {
        validate::source_system(s).expect("source system");
    }
    for p in &m.products {
        validate::product(p).expect("product");
        assert!(domains.contains(&p.domain_id));
        assert!(p.owner_team_id.is_none_or(|t| teams.contains(&t)));
        assert!(p.accountable_person_id.is_none_or(|a| people.contains(&a)));
        assert!((1..=3).contains(&p.tags.len()));
    }
    for o in &m.output_ports {
        validate::output_port(o).expect("output port");
        assert!(products.contains(&o.product_id));
        if let Some(s) = o.successor_port_id {
            assert_eq!(
                ports.get(&s),
                Some(&o.product_id),
                "successor on the same product"
            );
        }
    }
    for i in &m.input_ports {
        validate::input_port(i).expect("input port");
        assert!(products.contains(&i.product_id));
        match &i.source {
            DependencySource::OutputPort { port_id } => {
                let provider = ports.get(port_id).expect("provider port exists");
                assert_ne!(*provider, i.product_id, "a product reads its own port");
            }
            DependencySource::SourceSystem { source_system_id } => {
                assert!(systems.contains(source_system_id));
            }
            DependencySource::Unresolved { reference } => {
                panic!("the generator leaves nothing unresolved ({reference})")
            }
        }
    }
    unique("username", m.people.iter().map(|p| p.username.as_str()));
    unique("team", m.teams.iter().map(|t| t.name.as_str()));
    unique("domain", m.domains.iter().map(|d| d.name.as_str()));
    unique(
        "source system",
        m.source_systems.iter().map(|s| s.name.as_str()),
    );
    unique("product", m.products.iter().map(|p| p.name.as_str()));
    let port_keys: Vec<String> = m
        .output_ports
        .iter()
        .map(|o| format!("{} {} {}", o.product_id, o.name, o.version))
        .collect();
    unique("output port", port_keys.iter().map(String::as_str));
    let input_keys: Vec<String> = m
        .input_ports
        .iter()
        .map(|i| format!("{} {}", i.product_id, i.name))
        .collect();
    unique("input port", input_keys.iter().map(String::as_str));
    let pairs: Vec<String> = m
        .input_ports
        .iter()
        .map(|i| format!("{} {:?}", i.product_id, i.source))
        .collect();
    unique("dependency", pairs.iter().map(String::as_str));
}

#[test]
fn same_seed_same_mesh_other_seed_other_mesh() {
    let a = mesh(300, 42);
    assert_eq!(a, mesh(300, 42));
    assert_ne!(a, mesh(300, 43));
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(a, sorted, "the mesh comes sorted");
    assert!(a.positions.is_empty());
    assert_eq!(a.info.name, "Synthetic enterprise (300 products, seed 42)");
    assert_eq!(a.info.namespace, "com.example.synthetic");
}

#[test]
fn counts_match_the_options() {
    let n = 2000;
    let m = mesh(n, 7);
    assert_eq!(m.products.len(), n);
    assert_eq!(m.domains.len(), n / 25);
    assert_eq!(m.source_systems.len(), n / 50);
    let deps = product_edges(&m).len();
    assert!(
        (n * 35 / 10..=n * 45 / 10).contains(&deps),
        "{deps} dependencies"
    );
    let teams = m.teams.len() as f64 / m.domains.len() as f64;
    assert!((1.15..=1.45).contains(&teams), "{teams} teams per domain");
    let ports = m.output_ports.len() as f64 / n as f64;
    assert!(
        (1.35..=1.65).contains(&ports),
        "{ports} output ports per product"
    );
    let share = |a: Archetype| {
        m.products.iter().filter(|p| p.archetype == Some(a)).count() as f64 / n as f64
    };
    assert!((share(Archetype::SourceAligned) - 0.40).abs() < 0.01);
    assert!((share(Archetype::Aggregate) - 0.35).abs() < 0.01);
    assert!(
        m.domains.iter().any(|d| d.parent_id.is_some()),
        "some subdomains"
    );
    let contracts = m
        .output_ports
        .iter()
        .filter(|o| o.contract.is_some())
        .count() as f64;
    assert!((0.6..0.8).contains(&(contracts / m.output_ports.len() as f64)));
}

#[test]
fn domain_option_is_respected_and_capped() {
    let count = |products, domains| {
        generate(&GenerateOptions {
            products,
            domains,
            seed: 1,
        })
        .domains
        .len()
    };
    assert_eq!(count(200, Some(7)), 7);
    assert_eq!(count(10, Some(50)), 10);
    assert_eq!(count(0, Some(50)), 1);
    assert_eq!(count(10, Some(0)), 1);
    assert_eq!(count(10, None), 3);
    assert_eq!(count(2, None), 2);
}

#[test]
fn every_entity_is_valid_and_every_reference_resolves() {
    let m = mesh(500, 3);
    assert_valid(&m);
    let mut teams_per_person: HashMap<Uuid, usize> = HashMap::new();
    for t in &m.teams {
        for mb in &t.members {
            *teams_per_person.entry(mb.person_id).or_default() += 1;
        }
    }
    assert!(
        teams_per_person.values().all(|&n| n <= 2),
        "nobody is in more than two teams"
    );
    assert!(
        teams_per_person.values().any(|&n| n == 2),
        "some people share teams"
    );
    assert_eq!(
        teams_per_person.len(),
        m.people.len(),
        "everybody is in a team"
    );
}

#[test]
fn the_graph_is_a_dag_except_the_deliberate_cycle() {
    let m = mesh(2000, 11);
    let index: HashMap<Uuid, usize> = m
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut g = DiGraph::<(), ()>::new();
    let nodes: Vec<_> = m.products.iter().map(|_| g.add_node(())).collect();
    for (provider, consumer) in product_edges(&m) {
        g.add_edge(nodes[index[&provider]], nodes[index[&consumer]], ());
    }
    let cycles: Vec<_> = tarjan_scc(&g).into_iter().filter(|c| c.len() > 1).collect();
    assert_eq!(cycles.len(), 1, "exactly one cycle");
    assert!((2..=3).contains(&cycles[0].len()));
}

#[test]
fn layers_only_read_upstream_and_some_edges_cross_domains() {
    let m = mesh(2000, 5);
    let by_id = m.product_index();
    let mut cross = 0;
    let edges = product_edges(&m);
    let mut upward = 0;
    for &(provider, consumer) in &edges {
        let (p, c) = (by_id[&provider], by_id[&consumer]);
        cross += usize::from(p.domain_id != c.domain_id);
        let ok = match c.archetype {
            Some(Archetype::Aggregate) => p.archetype != Some(Archetype::ConsumerAligned),
            Some(Archetype::ConsumerAligned) => p.archetype != Some(Archetype::ConsumerAligned),
            _ => false,
        };
        upward += usize::from(!ok);
    }
    assert_eq!(upward, 0, "{upward} edges go against the layers");
    let share = cross as f64 / edges.len() as f64;
    assert!(
        (0.2..=0.4).contains(&share),
        "{share} of the edges cross domains"
    );
}

#[test]
fn the_deliberate_smells_are_present() {
    for (n, seed) in [(10, 1), (11, 2), (50, 3), (500, 4)] {
        let m = mesh(n, seed);
        assert_valid(&m);
        let ownerless = m
            .products
            .iter()
            .filter(|p| p.owner_team_id.is_none())
            .count();
        assert_eq!(ownerless, 1, "{n}: exactly one product without owner");
        let fan = fan_in(&m);
        let orphan = m
            .products
            .iter()
            .any(|p| p.archetype != Some(Archetype::ConsumerAligned) && fan[&p.id] == 0);
        assert!(orphan, "{n}: an orphan");
        let mut consumers: HashMap<Uuid, usize> = HashMap::new();
        for i in &m.input_ports {
            if let DependencySource::OutputPort { port_id } = i.source {
                *consumers.entry(port_id).or_default() += 1;
            }
        }
        let used_deprecated = m.output_ports.iter().any(|o| {
            o.status == Status::Deprecated
                && o.deprecation_date.is_some()
                && consumers.get(&o.id).is_some_and(|&c| c > 0)
        });
        assert!(used_deprecated, "{n}: a deprecated port still in use");
    }
}

#[test]
fn fan_in_follows_a_power_law() {
    let m = mesh(2000, 9);
    let fan = fan_in(&m);
    let mut providers: Vec<usize> = m
        .products
        .iter()
        .filter(|p| p.archetype != Some(Archetype::ConsumerAligned))
        .map(|p| fan[&p.id])
        .collect();
    providers.sort_unstable();
    let median = providers[providers.len() / 2];
    let max = providers[providers.len() - 1];
    assert!(
        max >= 10 * median.max(1),
        "max fan-in {max}, median {median}"
    );
}

#[test]
fn tiny_meshes_do_not_panic() {
    for n in [0, 1, 2, 5, 9, 10] {
        for seed in 0..5 {
            let m = mesh(n, seed);
            assert_eq!(m.products.len(), n);
            assert!(!m.domains.is_empty());
            assert_valid(&m);
        }
    }
}
