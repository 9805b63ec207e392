//! What a change to one data product or output port reaches: everything upstream (what
//! it reads, directly or not) and downstream (what reads it), each product with its
//! distance, domain and owner team, to a chosen depth; and what a change would break
//! ([`what_if`]). The app's impact highlight and What-if panel and `meshwright impact`
//! show these answers. It reads a mesh's [`Shape`] and its graph; it never edits either.

pub mod shape;
pub mod target;
pub mod what_if;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::graph::MeshGraph;

pub use shape::Shape;
pub use target::{ImpactTarget, UnknownName, resolve};
pub use what_if::{Breakage, WhatIf, WhatIfChange, what_if};

/// Which way to walk from the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// What the target reads, directly or not.
    Upstream,
    /// What reads the target, directly or not.
    Downstream,
    /// Both ways.
    #[default]
    Both,
}

/// One product an impact reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Affected {
    /// The product.
    pub id: Uuid,
    /// Its name (slug).
    pub name: String,
    /// Its display name.
    pub display_name: String,
    /// Dependencies between it and the target: 1 for a direct provider or consumer.
    pub distance: u32,
    /// Its domain's name.
    pub domain: String,
    /// Its owner team's name, if it has one.
    pub owner_team: Option<String>,
}

/// Everything one target reaches, nearest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Impact {
    /// The product asked about (the port's product for a port).
    pub product: Uuid,
    /// The output port asked about, if it was a port.
    pub port: Option<Uuid>,
    /// The depth asked for; `None` for all.
    pub depth: Option<u32>,
    /// What the target reads (empty when only downstream was asked).
    pub upstream: Vec<Affected>,
    /// What reads the target (empty when only upstream was asked).
    pub downstream: Vec<Affected>,
}

/// The impact of `target` in `direction`, `depth` dependencies deep (all when `None`).
///
/// A port's downstream starts at the products reading that port, not every consumer
/// of its product; its upstream is its product's, whose inputs feed every port.
pub fn impact(
    shape: &Shape,
    graph: &MeshGraph,
    target: ImpactTarget,
    direction: Direction,
    depth: Option<u32>,
) -> Impact {
    let product = target.product();
    let walk = |downstream: bool| {
        let seeds = match (target, downstream) {
            (ImpactTarget::Port { port, .. }, true) => readers_of(shape, port),
            (_, true) => graph.consumers(product),
            (_, false) => graph.providers(product),
        };
        let reached = graph.reach(&seeds, downstream, depth, product);
        describe(shape, reached)
    };
    let up = direction != Direction::Downstream;
    let down = direction != Direction::Upstream;
    Impact {
        product,
        port: target.port(),
        depth,
        upstream: if up { walk(false) } else { Vec::new() },
        downstream: if down { walk(true) } else { Vec::new() },
    }
}

/// The products with an input reading `port`, sorted and without repeats.
pub(crate) fn readers_of(shape: &Shape, port: Uuid) -> Vec<Uuid> {
    let mut readers: Vec<Uuid> = shape
        .reads
        .iter()
        .filter(|r| r.port_id == port)
        .map(|r| r.product_id)
        .collect();
    readers.sort_unstable();
    readers.dedup();
    readers
}

/// Names, domains and teams of the reached products, in the order reached.
fn describe(shape: &Shape, reached: Vec<(Uuid, u32)>) -> Vec<Affected> {
    let lookup = Lookup::new(shape);
    reached
        .into_iter()
        .filter_map(|(id, distance)| lookup.affected(id, distance))
        .collect()
}

/// Products, domains and teams by id, built once per answer.
pub(crate) struct Lookup<'m> {
    products: HashMap<Uuid, &'m shape::ProductShape>,
    domains: HashMap<Uuid, &'m str>,
    teams: HashMap<Uuid, &'m str>,
}

impl<'m> Lookup<'m> {
    pub(crate) fn new(shape: &'m Shape) -> Self {
        Lookup {
            products: shape.products.iter().map(|p| (p.id, p)).collect(),
            domains: shape
                .domains
                .iter()
                .map(|d| (d.id, d.name.as_str()))
                .collect(),
            teams: shape
                .teams
                .iter()
                .map(|t| (t.id, t.name.as_str()))
                .collect(),
        }
    }

    pub(crate) fn affected(&self, id: Uuid, distance: u32) -> Option<Affected> {
        let p = self.products.get(&id)?;
        Some(Affected {
            id,
            name: p.name.clone(),
            display_name: p.display_name.clone(),
            distance,
            domain: self
                .domains
                .get(&p.domain_id)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            owner_team: p
                .owner_team_id
                .and_then(|t| self.teams.get(&t))
                .map(|t| (*t).to_owned()),
        })
    }
}

#[cfg(test)]
mod tests;
