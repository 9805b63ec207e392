//! The app's domain and team views: the mesh drawn one level up. In the domains view
//! every domain is one node showing its coupling (afferent and efferent dependencies
//! and the instability Ce / (Ca + Ce)), linked to the others by how many product
//! dependencies cross between them; one domain can be expanded in place into its
//! products. In the teams view every owner team (and "no owner") is one node, linked by
//! the dependencies between the products they own: who has to talk to whom.
//!
//! A view shows what its filter shows (`crate::filter`); coupling always counts the whole
//! mesh, since it belongs to the domain, not to the view. Where each node goes is
//! `place`'s: the position stored for the view, or a layered layout.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::diagram::View;
use crate::filter::Filtered;
use crate::graph::MeshGraph;
use crate::layered::Memo;
use crate::model::Mesh;

pub mod place;

/// What an overview node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum OverviewKind {
    /// A domain, collapsed.
    Domain,
    /// A product of the expanded domain.
    Product,
    /// An owner team.
    Team,
    /// The products without an owner team (the nil id).
    NoOwner,
}

/// One node of the domains or teams view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OverviewNode {
    /// The entity's id; the nil UUID for "no owner".
    pub id: Uuid,
    /// What it stands for.
    pub kind: OverviewKind,
    /// The title (a product's display name).
    pub title: String,
    /// The slug name; empty for "no owner".
    pub name: String,
    /// Products the view shows in it (its own, not its subdomains').
    pub products: u32,
    /// Dependencies of other domains' (teams') products on its products.
    pub afferent: u32,
    /// Dependencies of its products on other domains' (teams') products.
    pub efferent: u32,
    /// Ce / (Ca + Ce); `None` with neither.
    pub instability: Option<f64>,
    /// For a product, the expanded domain it is drawn in.
    pub parent: Option<Uuid>,
    /// For a domain, whether it is the expanded one.
    pub expanded: bool,
    /// Left edge: where the user placed it in this view, or where the layout puts it;
    /// for a product of the expanded domain, relative to the domain's box.
    pub x: f64,
    /// Top edge, as `x`.
    pub y: f64,
    /// Width (the expanded domain's box holds its products).
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// Product dependencies from one node to another, in the direction data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OverviewEdge {
    /// The providing node.
    pub from: Uuid,
    /// The consuming node.
    pub to: Uuid,
    /// How many product dependencies it stands for.
    pub weight: u32,
}

/// The domains or teams view of a mesh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// Which view.
    pub view: View,
    /// Nodes in the mesh's order (an expanded domain's products right after it).
    pub nodes: Vec<OverviewNode>,
    /// Edges sorted by (from, to); none from a node to itself.
    pub edges: Vec<OverviewEdge>,
}

/// The `view` (domains or teams; products gives an empty overview) of `mesh` as
/// `shown` filters it, with `expand` (a domain's id) drawn as its products, placed
/// (`memo` keeps recent layouts, so asking again after an edit elsewhere costs nothing).
pub fn overview(
    mesh: &Mesh,
    graph: &MeshGraph,
    view: View,
    shown: &Filtered,
    expand: Option<Uuid>,
    memo: &mut Memo,
) -> Overview {
    let visible = |id: &Uuid| shown.all || shown.products.contains(id);
    let domain_of: HashMap<Uuid, Uuid> =
        mesh.products.iter().map(|p| (p.id, p.domain_id)).collect();
    let known_teams: HashSet<Uuid> = mesh.teams.iter().map(|t| t.id).collect();
    // A product whose owner is not a team of the mesh counts as unowned.
    let team_of: HashMap<Uuid, Uuid> = mesh
        .products
        .iter()
        .map(|p| {
            let team = p.owner_team_id.filter(|t| known_teams.contains(t));
            (p.id, team.unwrap_or(Uuid::nil()))
        })
        .collect();
    // (provider, consumer) once per dependency, over the whole mesh.
    let deps: Vec<(Uuid, Uuid)> = mesh
        .products
        .iter()
        .flat_map(|p| {
            graph
                .dependencies_of(p.id)
                .into_iter()
                .map(move |(provider, _)| (provider, p.id))
        })
        .collect();
    let group_of = |product: &Uuid| -> Option<Uuid> {
        match view {
            View::Domains => domain_of.get(product).copied(),
            View::Teams => team_of.get(product).copied(),
            View::Products => None,
        }
    };
    let coupling = coupling(
        deps.iter()
            .filter_map(|(a, b)| Some((group_of(a)?, group_of(b)?))),
    );
    // The node a product's dependencies attach to: its group, or itself when expanded.
    let unit = |product: &Uuid| -> Option<Uuid> {
        let group = group_of(product)?;
        Some(if view == View::Domains && Some(group) == expand {
            *product
        } else {
            group
        })
    };
    let mut counts: HashMap<Uuid, u32> = HashMap::new();
    for p in mesh.products.iter().filter(|p| visible(&p.id)) {
        if let Some(group) = group_of(&p.id) {
            *counts.entry(group).or_default() += 1;
        }
    }
    let node = |id: Uuid, kind, title: &str, name: &str| {
        let (afferent, efferent) = coupling.get(&id).copied().unwrap_or_default();
        OverviewNode {
            id,
            kind,
            title: title.to_owned(),
            name: name.to_owned(),
            products: counts.get(&id).copied().unwrap_or(0),
            afferent,
            efferent,
            instability: instability(afferent, efferent),
            parent: None,
            expanded: false,
            x: 0.0,
            y: 0.0,
            width: 0.0,
            height: 0.0,
        }
    };
    let mut nodes = Vec::new();
    match view {
        View::Products => {}
        View::Domains => {
            let drawn: HashSet<Uuid> = shown.domains.iter().copied().collect();
            for d in mesh
                .domains
                .iter()
                .filter(|d| shown.all || drawn.contains(&d.id))
            {
                let mut domain = node(d.id, OverviewKind::Domain, &d.title, &d.name);
                domain.expanded = expand == Some(d.id);
                let expanded = domain.expanded;
                nodes.push(domain);
                if !expanded {
                    continue;
                }
                for p in mesh
                    .products
                    .iter()
                    .filter(|p| p.domain_id == d.id && visible(&p.id))
                {
                    let mut product = node(p.id, OverviewKind::Product, &p.display_name, &p.name);
                    (product.products, product.parent) = (1, Some(d.id));
                    nodes.push(product);
                }
            }
        }
        View::Teams => {
            for t in &mesh.teams {
                if shown.all || counts.contains_key(&t.id) || shown.filter.teams.contains(&t.id) {
                    nodes.push(node(t.id, OverviewKind::Team, &t.title, &t.name));
                }
            }
            if counts.contains_key(&Uuid::nil()) {
                nodes.push(node(Uuid::nil(), OverviewKind::NoOwner, NO_OWNER, ""));
            }
        }
    }
    let present: HashSet<Uuid> = nodes.iter().map(|n| n.id).collect();
    let mut weights: BTreeMap<(Uuid, Uuid), u32> = BTreeMap::new();
    for (provider, consumer) in deps.iter().filter(|(a, b)| visible(a) && visible(b)) {
        let (Some(from), Some(to)) = (unit(provider), unit(consumer)) else {
            continue;
        };
        if from != to && present.contains(&from) && present.contains(&to) {
            *weights.entry((from, to)).or_default() += 1;
        }
    }
    let edges: Vec<OverviewEdge> = weights
        .into_iter()
        .map(|((from, to), weight)| OverviewEdge { from, to, weight })
        .collect();
    let stored = mesh.positions_in(view.as_str());
    place::place(&mut nodes, &edges, &stored, memo);
    Overview { view, nodes, edges }
}

/// The title of the teams view's node for products without an owner team.
pub const NO_OWNER: &str = "No owner";

/// (afferent, efferent) per group from (provider group, consumer group) pairs; a
/// dependency inside one group counts for neither.
fn coupling(pairs: impl Iterator<Item = (Uuid, Uuid)>) -> HashMap<Uuid, (u32, u32)> {
    let mut coupling: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for (provider, consumer) in pairs.filter(|(a, b)| a != b) {
        coupling.entry(provider).or_default().0 += 1;
        coupling.entry(consumer).or_default().1 += 1;
    }
    coupling
}

/// Ce / (Ca + Ce), rounded to two decimals; `None` for a group with neither.
fn instability(afferent: u32, efferent: u32) -> Option<f64> {
    let total = afferent + efferent;
    (total > 0).then(|| (f64::from(efferent) / f64::from(total) * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests;
