//! The synthetic enterprise mesh behind `meshwright generate`, demos and scale tests:
//! domains and teams, three archetypes layered (source-aligned feed aggregates feed
//! consumer-aligned), power-law fan-in, some cross-domain edges, about four
//! dependencies per product and a few deliberate governance smells.
//!
//! Output ports with a contract describe about ten columns (`schema`).
//!
//! The result depends on the options alone: every random choice and every UUID comes
//! from one ChaCha8 RNG seeded with [`GenerateOptions::seed`]. This module must not use
//! the OS RNG or the clock, do I/O or touch the store; writing the mesh is the caller's
//! job.

mod deps;
mod names;
mod org;
mod pool;
mod products;
mod schema;
mod smells;
mod sources;
mod util;

#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::HashMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use uuid::Uuid;

use crate::model::{CustomProperty, Mesh, MeshInfo};

/// Products per domain when the number of domains is not given.
const PRODUCTS_PER_DOMAIN: usize = 25;
/// Fewest and most domains chosen when the number is not given.
const DOMAIN_RANGE: (usize, usize) = (3, 2000);
/// Source systems per product, with at least [`MIN_SOURCE_SYSTEMS`].
const PRODUCTS_PER_SOURCE_SYSTEM: usize = 50;
/// Fewest source systems.
const MIN_SOURCE_SYSTEMS: usize = 5;

/// Options for `generate`.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// Number of data products, exactly.
    pub products: usize,
    /// Number of domains; `None` picks one per 25 products, between 3 and 2000. Never
    /// more than there are products (but at least one).
    pub domains: Option<usize>,
    /// Seed of the random generator: the same options give the same mesh.
    pub seed: u64,
}

/// A realistic synthetic enterprise mesh, identical for the same options.
pub fn generate(opts: &GenerateOptions) -> Mesh {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let org = org::build(&mut rng, domain_count(opts));
    let systems = sources::build(&mut rng, source_system_count(opts.products));
    let mut catalog = products::build(&mut rng, &org, opts.products);
    let orphan = smells::before_wiring(&mut rng, &mut catalog);
    let mut wiring = deps::build(&mut rng, &catalog, &systems, org.domains.len(), orphan);
    smells::after_wiring(&mut rng, &mut catalog, &mut wiring);
    let mut mesh = Mesh {
        info: info(opts, org.domains.len()),
        people: org.people,
        teams: org.teams,
        domains: org.domains,
        source_systems: systems,
        products: catalog.products,
        output_ports: catalog.ports,
        input_ports: wiring.inputs,
        contracts: Vec::new(),
        positions: Vec::new(),
    };
    presort(&mut mesh);
    mesh.sort();
    mesh
}

/// Puts products and ports in canonical order with each key computed once, so that
/// `Mesh::sort`, which looks the product rank up on every comparison, only walks one
/// sorted run. Half the time of a 100,000-product mesh went into that sort otherwise.
fn presort(mesh: &mut Mesh) {
    mesh.products.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    let rank: HashMap<Uuid, usize> = mesh
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let rank_of = |id: &Uuid| rank.get(id).copied().unwrap_or(usize::MAX);
    let ranks = mesh.products.len();
    sort_by_rank(
        &mut mesh.output_ports,
        ranks,
        |p| rank_of(&p.product_id),
        |a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)),
    );
    sort_by_rank(
        &mut mesh.input_ports,
        ranks,
        |p| rank_of(&p.product_id),
        |a, b| a.name.cmp(&b.name),
    );
}

/// Sorts by a precomputed rank below `ranks` (bucketed, linear), then by `then` within
/// each rank, moving each item once.
fn sort_by_rank<T>(
    items: &mut Vec<T>,
    ranks: usize,
    rank: impl Fn(&T) -> usize,
    then: impl Fn(&T, &T) -> Ordering,
) {
    let keys: Vec<usize> = items.iter().map(|t| rank(t).min(ranks)).collect();
    let mut start = vec![0usize; ranks + 2];
    for &k in &keys {
        start[k + 1] += 1;
    }
    for r in 0..=ranks {
        start[r + 1] += start[r];
    }
    let mut next = start.clone();
    let mut order = vec![0usize; items.len()];
    for (i, &k) in keys.iter().enumerate() {
        order[next[k]] = i;
        next[k] += 1;
    }
    for r in 0..=ranks {
        order[start[r]..start[r + 1]].sort_unstable_by(|&a, &b| then(&items[a], &items[b]));
    }
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order.iter().filter_map(|&i| slots[i].take()).collect();
}

/// The number of domains the options ask for, or one per [`PRODUCTS_PER_DOMAIN`].
fn domain_count(opts: &GenerateOptions) -> usize {
    let wanted = opts.domains.unwrap_or_else(|| {
        (opts.products / PRODUCTS_PER_DOMAIN).clamp(DOMAIN_RANGE.0, DOMAIN_RANGE.1)
    });
    wanted.clamp(1, opts.products.max(1))
}

fn source_system_count(products: usize) -> usize {
    (products / PRODUCTS_PER_SOURCE_SYSTEM).max(MIN_SOURCE_SYSTEMS)
}

fn info(opts: &GenerateOptions, domains: usize) -> MeshInfo {
    let n = opts.products;
    let mut description = format!(
        "An invented enterprise data mesh of {n} data products in {domains} domains, \
         generated by Meshwright for demos and scale tests."
    );
    if n >= smells::MIN_PRODUCTS {
        description.push_str(
            " It carries a few deliberate governance smells: a dependency cycle, an orphan \
             product, a product without owner and a deprecated port still in use.",
        );
    }
    MeshInfo {
        name: format!("Synthetic enterprise ({n} products, seed {})", opts.seed),
        namespace: "com.example.synthetic".to_owned(),
        description: Some(description),
        custom_properties: vec![
            CustomProperty {
                key: "generator".to_owned(),
                value: "meshwright-synthetic".into(),
                description: Some("What made this mesh.".to_owned()),
            },
            CustomProperty {
                key: "seed".to_owned(),
                value: opts.seed.into(),
                description: Some("Seed that reproduces this mesh.".to_owned()),
            },
        ],
        extensions: Default::default(),
    }
}
