use chrono::NaiveDate;

use super::*;
use crate::governance::Policy;
use crate::graph::tests::{id, mesh};
use crate::model::{DependencySource, Mesh, OutputPort, Status};

/// sales-a ← sales-b ← fin-c ← fin-d, and sales-a ← mkt-e: `x ← y` is y reading x.
fn chain() -> Mesh {
    mesh(
        &["sales-a", "sales-b", "fin-c", "fin-d", "mkt-e"],
        &[
            ("sales-b", "sales-a"),
            ("fin-c", "sales-b"),
            ("fin-d", "fin-c"),
            ("mkt-e", "sales-a"),
        ],
    )
}

fn names(affected: &[Affected]) -> Vec<(&str, u32)> {
    affected
        .iter()
        .map(|a| (a.name.as_str(), a.distance))
        .collect()
}

fn product(name: &str) -> ImpactTarget {
    ImpactTarget::Product { product: id(name) }
}

#[test]
fn impact_lists_each_side_with_distances_to_the_depth_asked() {
    let m = Shape::of(&chain());
    let g = m.graph();
    let all = impact(&m, &g, product("sales-b"), Direction::Both, None);
    assert_eq!(names(&all.upstream), [("sales-a", 1)]);
    assert_eq!(names(&all.downstream), [("fin-c", 1), ("fin-d", 2)]);
    assert_eq!(all.downstream[1].domain, "fin");

    let one = impact(&m, &g, product("sales-a"), Direction::Downstream, Some(1));
    let mut direct = names(&one.downstream);
    direct.sort();
    assert_eq!(direct, [("mkt-e", 1), ("sales-b", 1)]);
    assert!(one.upstream.is_empty(), "only downstream was asked");

    let two = impact(&m, &g, product("sales-a"), Direction::Downstream, Some(2));
    assert_eq!(two.downstream.len(), 3);
    assert_eq!(two.downstream[2], {
        let mut c = two.downstream[2].clone();
        c.name = "fin-c".into();
        c.distance = 2;
        c
    });
    let every = impact(&m, &g, product("sales-a"), Direction::Downstream, None);
    assert_eq!(every.downstream.len(), 4);
}

#[test]
fn a_port_reaches_only_its_own_readers() {
    let mut m = chain();
    // sales-a gets a second port that only mkt-e reads.
    let mut second: OutputPort = m.output_ports[0].clone();
    second.id = id("port:sales-a:events");
    second.product_id = id("sales-a");
    second.name = "events".into();
    m.output_ports.push(second);
    for input in &mut m.input_ports {
        if input.product_id == id("mkt-e") {
            input.source = DependencySource::OutputPort {
                port_id: id("port:sales-a:events"),
            };
        }
    }
    let m = Shape::of(&m);
    let g = m.graph();
    let target = resolve(&m, "sales-a/events").unwrap();
    let reach = impact(&m, &g, target, Direction::Downstream, None);
    assert_eq!(names(&reach.downstream), [("mkt-e", 1)]);
    let out = resolve(&m, "sales-a/out").unwrap();
    let reach = impact(&m, &g, out, Direction::Downstream, None);
    assert_eq!(
        names(&reach.downstream),
        [("sales-b", 1), ("fin-c", 2), ("fin-d", 3)]
    );
}

#[test]
fn unknown_names_offer_the_closest() {
    let m = Shape::of(&chain());
    let err = resolve(&m, "sales-x").unwrap_err();
    assert_eq!(err.what, "data product");
    assert_eq!(err.suggestions, ["sales-a", "sales-b"]);
    assert!(
        err.to_string().contains("did you mean sales-a, sales-b?"),
        "{err}"
    );
    let err = resolve(&m, "sales-a/outt").unwrap_err();
    assert_eq!(err.what, "output port of sales-a");
    assert_eq!(err.suggestions, ["out"]);
    assert!(resolve(&m, "zzzz").unwrap_err().suggestions.is_empty());
}

#[test]
fn a_port_name_with_two_versions_means_the_lower() {
    let mut m = chain();
    let first = id("port:sales-a");
    let mut next: OutputPort = m
        .output_ports
        .iter()
        .find(|o| o.id == first)
        .unwrap()
        .clone();
    next.id = id("port:sales-a:out:2");
    next.version = "2".into();
    // Ahead of the first version in the list, as a file may hold it.
    m.output_ports.insert(0, next);
    let target = resolve(&Shape::of(&m), "sales-a/out").unwrap();
    assert_eq!(target.port(), Some(first));
}

#[test]
fn a_shape_builds_the_graph_of_its_mesh() {
    let m = chain();
    let (from_mesh, from_shape) = (MeshGraph::build(&m), Shape::of(&m).graph());
    assert_eq!(from_shape.product_count(), from_mesh.product_count());
    assert_eq!(from_shape.dependency_count(), from_mesh.dependency_count());
    for p in &m.products {
        assert_eq!(from_shape.providers(p.id), from_mesh.providers(p.id));
        assert_eq!(from_shape.consumers(p.id), from_mesh.consumers(p.id));
    }
}

#[test]
fn what_if_lists_the_broken_consumers_and_leaves_the_mesh_as_it_was() {
    let m = chain();
    let before = m.clone();
    let g = MeshGraph::build(&m);
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let policy = Policy::default();

    let removal = what_if(
        &m,
        &g,
        &policy,
        today,
        product("sales-a"),
        WhatIfChange::Remove,
    )
    .unwrap();
    let broken: Vec<(&str, &str)> = removal
        .breaking
        .iter()
        .map(|b| (b.consumer.name.as_str(), b.input_port.as_str()))
        .collect();
    assert_eq!(broken, [("mkt-e", "in-sales-a"), ("sales-b", "in-sales-a")]);
    assert_eq!(removal.breaking[0].reads, "sales-a/out");
    assert!(removal.breaking[0].reason.contains("no longer exist"));
    assert_eq!(removal.downstream.len(), 4);
    assert!(
        removal
            .findings
            .iter()
            .any(|f| f.rule_id == "DM-DEP-014" && f.entity.id == Some(id("in:sales-b:sales-a"))),
        "the readers' inputs would name a provider the mesh no longer has: {:?}",
        removal.findings
    );
    assert!(
        removal.findings.iter().all(|f| f.rule_id != "DM-DOC-003"),
        "a mesh-wide figure that moves is not a new finding"
    );
    assert_eq!(m, before, "the mesh is untouched");

    let major = what_if(
        &m,
        &g,
        &policy,
        today,
        product("fin-c"),
        WhatIfChange::Major,
    )
    .unwrap();
    assert_eq!(major.breaking.len(), 1);
    assert!(
        major.breaking[0]
            .reason
            .contains("version 1; 2 would break"),
        "{:?}",
        major.breaking
    );

    let deprecate = what_if(
        &m,
        &g,
        &policy,
        today,
        product("fin-d"),
        WhatIfChange::Deprecate,
    )
    .unwrap();
    assert!(deprecate.breaking.is_empty(), "nothing reads fin-d");
    assert!(deprecate.downstream.is_empty());
    assert_eq!(
        m.products
            .iter()
            .find(|p| p.name == "fin-d")
            .unwrap()
            .status,
        Status::Active
    );
}
