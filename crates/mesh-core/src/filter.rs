//! View filters: which data products a view of the mesh shows. A filter combines
//! criteria (domains with their subdomains, owner teams, statuses, archetypes, tags, and
//! "has findings of at least this severity"): a product shows when it meets every
//! criterion that is set, and meets a criterion when it matches any of its values.
//!
//! [`apply`] answers the visible products, the domains their boxes need, and for each
//! visible product the hidden neighbours its edges led to (drawn as a stub with a count),
//! so no host works these out itself. [`restrict`] gives the mesh as the filter shows it,
//! for answers computed over a model (the ownership matrix). This module neither stores a
//! filter (that is `Store::save_view_filter`) nor runs the checks: the caller passes the
//! findings when the filter asks for them.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::governance::{Finding, Severity};
use crate::model::{Archetype, DependencySource, EntityKind, Mesh, Status};

/// The criteria of one view's filter; empty lists and no severity mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ViewFilter {
    /// Products in any of these domains or their subdomains.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Uuid>,
    /// Products owned by any of these teams.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Uuid>,
    /// Products in any of these statuses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<Status>,
    /// Products of any of these archetypes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub archetypes: Vec<Archetype>,
    /// Products carrying any of these tags (compared without regard to case).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Products with an unwaived finding (on the product or one of its ports) at least
    /// this severe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
}

impl ViewFilter {
    /// True when the filter shows every product.
    pub fn is_empty(&self) -> bool {
        *self == ViewFilter::default()
    }

    /// The filter without the domains and teams `mesh` no longer has (deleted since the
    /// filter was saved), and with each list in one order and without repeats, so two
    /// filters that show the same thing compare equal.
    pub fn known(&self, mesh: &Mesh) -> ViewFilter {
        let domains: HashSet<Uuid> = mesh.domains.iter().map(|d| d.id).collect();
        let teams: HashSet<Uuid> = mesh.teams.iter().map(|t| t.id).collect();
        let mut tags: Vec<String> = self.tags.iter().map(|t| t.trim().to_owned()).collect();
        tags.retain(|t| !t.is_empty());
        ViewFilter {
            domains: sorted(self.domains.iter().copied().filter(|d| domains.contains(d))),
            teams: sorted(self.teams.iter().copied().filter(|t| teams.contains(t))),
            statuses: sorted(self.statuses.iter().copied()),
            archetypes: sorted(self.archetypes.iter().copied()),
            tags: sorted(tags),
            min_severity: self.min_severity,
        }
    }
}

/// The values in order, each once.
fn sorted<T: Ord>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = values.into_iter().collect();
    v.sort();
    v.dedup();
    v
}

/// A visible product whose dependencies lead to products the filter hides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Stub {
    /// The visible product.
    pub product_id: Uuid,
    /// Hidden products it consumes from.
    pub upstream: u32,
    /// Hidden products that consume from it.
    pub downstream: u32,
}

/// What a view shows under a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Filtered {
    /// The filter as applied (see [`ViewFilter::known`]).
    pub filter: ViewFilter,
    /// True when the filter hides nothing because it sets no criterion; then
    /// `products` and `domains` are empty and every product and domain shows.
    pub all: bool,
    /// The products shown, in the model's order.
    pub products: Vec<Uuid>,
    /// The domains drawn: those holding a shown product, their parents, and the
    /// domains the filter names.
    pub domains: Vec<Uuid>,
    /// How many products the filter hides.
    pub hidden: u32,
    /// The shown products with dependencies to hidden ones, in the model's order.
    pub stubs: Vec<Stub>,
}

/// Applies `filter` to `mesh`. `findings` are the mesh's checked findings; only a
/// filter with a `min_severity` reads them.
pub fn apply(mesh: &Mesh, findings: &[Finding], filter: &ViewFilter) -> Filtered {
    let filter = filter.known(mesh);
    if filter.is_empty() {
        return Filtered {
            filter,
            all: true,
            products: Vec::new(),
            domains: Vec::new(),
            hidden: 0,
            stubs: Vec::new(),
        };
    }
    let shown = shown_products(mesh, findings, &filter);
    let products: Vec<Uuid> = mesh
        .products
        .iter()
        .map(|p| p.id)
        .filter(|id| shown.contains(id))
        .collect();
    Filtered {
        domains: drawn_domains(mesh, &shown, &filter),
        hidden: u32::try_from(mesh.products.len() - products.len()).unwrap_or(u32::MAX),
        stubs: stubs(mesh, &shown),
        products,
        filter,
        all: false,
    }
}

/// The ids of the products that meet every set criterion.
fn shown_products(mesh: &Mesh, findings: &[Finding], filter: &ViewFilter) -> HashSet<Uuid> {
    let domains = with_subdomains(mesh, &filter.domains);
    let tags: HashSet<String> = filter.tags.iter().map(|t| t.to_lowercase()).collect();
    let flagged = filter
        .min_severity
        .map(|min| flagged_products(mesh, findings, min));
    mesh.products
        .iter()
        .filter(|p| filter.domains.is_empty() || domains.contains(&p.domain_id))
        .filter(|p| {
            filter.teams.is_empty() || p.owner_team_id.is_some_and(|t| filter.teams.contains(&t))
        })
        .filter(|p| filter.statuses.is_empty() || filter.statuses.contains(&p.status))
        .filter(|p| {
            filter.archetypes.is_empty()
                || p.archetype.is_some_and(|a| filter.archetypes.contains(&a))
        })
        .filter(|p| tags.is_empty() || p.tags.iter().any(|t| tags.contains(&t.to_lowercase())))
        .filter(|p| flagged.as_ref().is_none_or(|f| f.contains(&p.id)))
        .map(|p| p.id)
        .collect()
}

/// `roots` and every domain below them.
fn with_subdomains(mesh: &Mesh, roots: &[Uuid]) -> HashSet<Uuid> {
    let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for d in &mesh.domains {
        if let Some(parent) = d.parent_id {
            children.entry(parent).or_default().push(d.id);
        }
    }
    let mut found: HashSet<Uuid> = HashSet::new();
    let mut stack: Vec<Uuid> = roots.to_vec();
    // `found` also stops a loop of parents, which the store refuses but a file may hold.
    while let Some(id) = stack.pop() {
        if found.insert(id) {
            stack.extend(children.get(&id).into_iter().flatten().copied());
        }
    }
    found
}

/// Products with an unwaived finding at least as severe as `min`, on themselves or on
/// one of their ports.
fn flagged_products(mesh: &Mesh, findings: &[Finding], min: Severity) -> HashSet<Uuid> {
    let port_product: HashMap<Uuid, Uuid> = mesh
        .output_ports
        .iter()
        .map(|o| (o.id, o.product_id))
        .chain(mesh.input_ports.iter().map(|i| (i.id, i.product_id)))
        .collect();
    findings
        .iter()
        // Severity is ordered most severe first.
        .filter(|f| f.waived.is_none() && f.severity <= min)
        .filter_map(|f| {
            let id = f.entity.id?;
            match f.entity.kind {
                EntityKind::Product => Some(id),
                EntityKind::OutputPort | EntityKind::InputPort => port_product.get(&id).copied(),
                _ => None,
            }
        })
        .collect()
}

/// The domains a view draws: each shown product's domain with its parents, and the
/// domains the filter names (an empty one still shows as what was asked for).
fn drawn_domains(mesh: &Mesh, shown: &HashSet<Uuid>, filter: &ViewFilter) -> Vec<Uuid> {
    let parent: HashMap<Uuid, Option<Uuid>> =
        mesh.domains.iter().map(|d| (d.id, d.parent_id)).collect();
    let mut drawn: HashSet<Uuid> = HashSet::new();
    let starts = mesh
        .products
        .iter()
        .filter(|p| shown.contains(&p.id))
        .map(|p| p.domain_id)
        .chain(filter.domains.iter().copied());
    for start in starts {
        let mut at = Some(start);
        // Stops at a domain already drawn (its parents are too) and at a loop.
        while let Some(id) = at {
            if !parent.contains_key(&id) || !drawn.insert(id) {
                break;
            }
            at = parent.get(&id).copied().flatten();
        }
    }
    mesh.domains
        .iter()
        .map(|d| d.id)
        .filter(|id| drawn.contains(id))
        .collect()
}

/// For each shown product, how many hidden products it consumes from and serves.
fn stubs(mesh: &Mesh, shown: &HashSet<Uuid>) -> Vec<Stub> {
    let port_product: HashMap<Uuid, Uuid> = mesh
        .output_ports
        .iter()
        .map(|o| (o.id, o.product_id))
        .collect();
    let mut upstream: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
    let mut downstream: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
    for input in &mesh.input_ports {
        let DependencySource::OutputPort { port_id } = &input.source else {
            continue;
        };
        let (consumer, Some(&provider)) = (input.product_id, port_product.get(port_id)) else {
            continue;
        };
        match (shown.contains(&consumer), shown.contains(&provider)) {
            (true, false) => {
                upstream.entry(consumer).or_default().insert(provider);
            }
            (false, true) => {
                downstream.entry(provider).or_default().insert(consumer);
            }
            _ => {}
        }
    }
    let count = |map: &HashMap<Uuid, HashSet<Uuid>>, id: &Uuid| {
        map.get(id)
            .map_or(0, |s| u32::try_from(s.len()).unwrap_or(u32::MAX))
    };
    mesh.products
        .iter()
        .filter(|p| upstream.contains_key(&p.id) || downstream.contains_key(&p.id))
        .map(|p| Stub {
            product_id: p.id,
            upstream: count(&upstream, &p.id),
            downstream: count(&downstream, &p.id),
        })
        .collect()
}

/// `mesh` as `filtered` shows it: only the shown products with their ports and inputs,
/// the drawn domains, and the teams that own a shown product or that the filter names.
/// People and the rest stay whole. An unfiltered answer gives the mesh back unchanged.
pub fn restrict(mesh: &Mesh, filtered: &Filtered) -> Mesh {
    if filtered.all {
        return mesh.clone();
    }
    let products: HashSet<Uuid> = filtered.products.iter().copied().collect();
    let domains: HashSet<Uuid> = filtered.domains.iter().copied().collect();
    let mut shown = mesh.clone();
    shown.products.retain(|p| products.contains(&p.id));
    shown
        .output_ports
        .retain(|o| products.contains(&o.product_id));
    shown
        .input_ports
        .retain(|i| products.contains(&i.product_id));
    shown.domains.retain(|d| domains.contains(&d.id));
    let owners: HashSet<Uuid> = shown
        .products
        .iter()
        .filter_map(|p| p.owner_team_id)
        .chain(filtered.filter.teams.iter().copied())
        .collect();
    shown.teams.retain(|t| owners.contains(&t.id));
    shown
}

#[cfg(test)]
mod tests;
