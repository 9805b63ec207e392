//! The deliberate governance smells every synthetic mesh of [`MIN_PRODUCTS`] or more
//! products carries, so that checks and views have something to find: one product
//! without owner, an orphan nobody consumes, a two-product cycle and a deprecated
//! output port that still has consumers.
//!
//! Edits the generator's in-memory catalog and wiring only; no I/O, no store access.

use std::collections::HashSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::deps::{self, Wiring};
use super::products::{self, Catalog};
use super::util::pick;
use crate::model::{DependencySource, Status};

/// Smaller meshes stay clean: there is too little in them to spoil.
pub(super) const MIN_PRODUCTS: usize = 10;

/// Plants the smells that must exist before wiring: takes the owner away from one
/// product and returns the source-aligned product that wiring must leave unconsumed.
pub(super) fn before_wiring(rng: &mut ChaCha8Rng, catalog: &mut Catalog) -> Option<usize> {
    if catalog.len() < MIN_PRODUCTS || catalog.n_source == 0 {
        return None;
    }
    let ownerless = rng.random_range(0..catalog.len());
    catalog.products[ownerless].owner_team_id = None;
    catalog.products[ownerless].accountable_person_id = None;
    catalog.team_of[ownerless] = None;
    Some(rng.random_range(0..catalog.n_source))
}

/// Plants the smells that need the wiring: the cycle and the consumed deprecated port.
pub(super) fn after_wiring(rng: &mut ChaCha8Rng, catalog: &mut Catalog, wiring: &mut Wiring) {
    if catalog.len() < MIN_PRODUCTS || catalog.n_aggregate < 2 {
        return;
    }
    add_cycle(rng, catalog, wiring);
    deprecate_consumed_port(rng, catalog, wiring);
}

/// Closes a cycle between the first two aggregates: the second reads the first (added if
/// it does not already), and the first reads the second back. The second aggregate's
/// only possible aggregate provider is the first and source-aligned products read no
/// products, so the cycle has exactly these two members.
fn add_cycle(rng: &mut ChaCha8Rng, catalog: &Catalog, wiring: &mut Wiring) {
    let (upstream, downstream) = (catalog.n_source, catalog.n_source + 1);
    if !reads(catalog, wiring, downstream, upstream) {
        link(rng, catalog, wiring, upstream, downstream);
    }
    link(rng, catalog, wiring, downstream, upstream);
}

/// Whether `consumer` already reads any port of `provider`.
fn reads(catalog: &Catalog, wiring: &Wiring, consumer: usize, provider: usize) -> bool {
    let id = catalog.products[consumer].id;
    let ports = &catalog.ports[catalog.ports_of(provider)];
    wiring.inputs.iter().any(|input| {
        input.product_id == id
            && matches!(input.source, DependencySource::OutputPort { port_id }
                if ports.iter().any(|p| p.id == port_id))
    })
}

/// Makes `consumer` read a port of `provider`, a visible one when there is one.
fn link(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    wiring: &mut Wiring,
    provider: usize,
    consumer: usize,
) {
    let port = deps::visible_port(rng, catalog, provider, consumer)
        .unwrap_or(catalog.ports_of(provider).start);
    let id = catalog.products[consumer].id;
    let taken: HashSet<&str> = wiring
        .inputs
        .iter()
        .filter(|input| input.product_id == id)
        .map(|input| input.name.as_str())
        .collect();
    let name = deps::input_name(catalog, provider, |n| taken.contains(n));
    deps::add_input(rng, catalog, wiring, (provider, port), consumer, name);
}

/// Deprecates one consumed, still active port in favour of a sibling port of the same
/// product when the product has one.
fn deprecate_consumed_port(rng: &mut ChaCha8Rng, catalog: &mut Catalog, wiring: &Wiring) {
    let mut with_successor = Vec::new();
    let mut without = Vec::new();
    for product in 0..catalog.len() {
        for port in catalog.ports_of(product) {
            if wiring.port_consumers[port] == 0 || catalog.ports[port].status == Status::Deprecated
            {
                continue;
            }
            match successor(catalog, product, port) {
                Some(next) => with_successor.push((port, Some(next))),
                None => without.push((port, None)),
            }
        }
    }
    let candidates = if with_successor.is_empty() {
        &without
    } else {
        &with_successor
    };
    if candidates.is_empty() {
        return;
    }
    let (port, next) = *pick(rng, candidates);
    let next_id = next.map(|n| catalog.ports[n].id);
    products::deprecate(rng, &mut catalog.ports[port], next_id);
}

/// Another port of the same product that is not deprecated.
fn successor(catalog: &Catalog, product: usize, port: usize) -> Option<usize> {
    catalog
        .ports_of(product)
        .find(|&p| p != port && catalog.ports[p].status != Status::Deprecated)
}
