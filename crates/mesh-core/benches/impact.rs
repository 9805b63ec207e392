//! `cargo bench -p mesh-core --bench impact`: what `meshwright impact --json` does on a
//! generated 10,000-product mesh (target: at most 50 ms), by stage: reading the file's
//! shape (and, for comparison, the whole file a what-if loads),
//! building the graph, the impact of the product with the most consumers downstream,
//! its JSON; and a what-if removal of that product (which checks the mesh twice).
//!
//! A plain harness like `scale.rs`: medians of a few runs as a markdown table; it
//! measures, it asserts nothing. Arguments: `--products N` (default 10000), `--runs N` (5).

mod harness;

use harness::{number, time};

use std::time::Duration;

use mesh_core::Store;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::impact::{self, Direction, ImpactTarget, WhatIfChange};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let products = number("--products", 10_000);
    let runs = number("--runs", 5);
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("big.mesh");
    let mesh = generate(&GenerateOptions {
        products,
        domains: None,
        seed: 42,
    });
    drop(Store::create_from(&path, &mesh, &mut |_, _| {}).expect("store"));
    let store = Store::open(&path, mesh_core::Access::ReadOnly).expect("open");
    let policy = store.policy().expect("policy");

    let load = time(runs, || store.load().expect("load"));
    let read = time(runs, || store.load_shape().expect("shape"));
    let shape = store.load_shape().expect("shape");
    let build = time(runs, || shape.graph());
    let graph = shape.graph();
    // The widest question: the product most others depend on.
    let reach = graph.reach_counts(true);
    let busiest = *reach
        .iter()
        .max_by_key(|(id, n)| (**n, **id))
        .map(|(id, _)| id)
        .expect("a product");
    let target = ImpactTarget::Product { product: busiest };
    let answer = impact::impact(&shape, &graph, target, Direction::Both, None);
    let walk = time(runs, || {
        impact::impact(&shape, &graph, target, Direction::Both, None)
    });
    let json = time(runs, || {
        serde_json::to_string_pretty(&answer).expect("json")
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
    let full = store.load().expect("load");
    let what_if = time(runs.min(3), || {
        impact::what_if(&full, &graph, &policy, today, target, WhatIfChange::Remove)
            .expect("what if")
    });

    println!(
        "| stage ({products} products, {} downstream) | median |",
        answer.downstream.len()
    );
    println!("|---|---|");
    println!(
        "| load the whole mesh file (for a what-if) | {} |",
        ms(load)
    );
    println!("| read its shape (names and links) | {} |", ms(read));
    println!("| build the graph | {} |", ms(build));
    println!("| impact, every level | {} |", ms(walk));
    println!("| JSON | {} |", ms(json));
    println!(
        "| `meshwright impact --json` in all | {} |",
        ms(read + build + walk + json)
    );
    println!(
        "| what-if removal (two governance runs) | {} |",
        ms(what_if)
    );
}
