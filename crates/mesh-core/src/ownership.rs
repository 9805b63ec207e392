//! Who owns what: the ownership matrix of a mesh (teams × domains, each cell the number
//! of data products the team owns there), with each team's load (products, domains
//! spanned, consumers served) marked against the thresholds of the ownership rule
//! `DM-OWN-005` as the mesh's policy sets them. The app's Ownership view and
//! `meshwright ownership` show this one answer. It reads a loaded mesh; it never edits.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use uuid::Uuid;

use crate::Result;
use crate::governance::{self, Policy};
use crate::model::{DependencySource, Mesh, TeamType};

/// The rule whose parameters bound a team's load.
pub const LOAD_RULE: &str = "DM-OWN-005";

/// One domain column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MatrixDomain {
    /// The domain.
    pub id: Uuid,
    /// Its slug name: the key of every row's `counts`.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Data products in it (the column total).
    pub products: u32,
}

/// One team row and its load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TeamLoad {
    /// The team.
    pub id: Uuid,
    /// Its slug name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its Team Topologies type.
    pub team_type: Option<TeamType>,
    /// Products it owns, by domain name (domains it owns none in are left out).
    pub counts: BTreeMap<String, u32>,
    /// Products it owns (the row total).
    pub products: u32,
    /// Distinct domains it owns products in.
    pub domains: u32,
    /// Distinct data products of other teams (or of none) that read an output port of
    /// one of its products: the downstream it serves.
    pub consumers: u32,
    /// What it carries past the policy's limits (`products`, `domains`); empty within.
    pub over: Vec<LoadLimit>,
}

/// A load figure with a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum LoadLimit {
    /// More products than `max_products`.
    Products,
    /// Products in more domains than `max_domains`.
    Domains,
}

/// The limits of a team's load, from the policy; `None` where there is none (the rule
/// switched off, or `max_products` 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// Most products per team.
    pub max_products: Option<u32>,
    /// Most domains a team owns products in.
    pub max_domains: Option<u32>,
}

/// The products no team owns, by domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Unowned {
    /// By domain name.
    pub counts: BTreeMap<String, u32>,
    /// In all.
    pub products: u32,
}

/// The whole matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OwnershipMatrix {
    /// Columns, by name.
    pub domains: Vec<MatrixDomain>,
    /// Rows, by name.
    pub teams: Vec<TeamLoad>,
    /// The row of products without an owner.
    pub unowned: Unowned,
    /// The policy's limits.
    pub limits: Limits,
    /// Data products in the mesh.
    pub products: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The limits `policy` sets on a team's load.
pub fn limits(policy: &Policy) -> Result<Limits> {
    let docs = governance::catalog(policy)?;
    let Some(rule) = docs.iter().find(|d| d.id == LOAD_RULE && d.enabled) else {
        return Ok(Limits {
            max_products: None,
            max_domains: None,
        });
    };
    let param = |name: &str| {
        rule.params
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.as_u64())
            .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
    };
    Ok(Limits {
        max_products: param("max_products").filter(|v| *v > 0),
        max_domains: param("max_domains"),
    })
}

/// The ownership matrix of `mesh` under `policy`.
pub fn matrix(mesh: &Mesh, policy: &Policy) -> Result<OwnershipMatrix> {
    let limits = limits(policy)?;
    let domain_name: HashMap<Uuid, &str> = mesh
        .domains
        .iter()
        .map(|d| (d.id, d.name.as_str()))
        .collect();
    let owner: HashMap<Uuid, Option<Uuid>> = mesh
        .products
        .iter()
        .map(|p| (p.id, p.owner_team_id))
        .collect();
    let port_product: HashMap<Uuid, Uuid> = mesh
        .output_ports
        .iter()
        .map(|o| (o.id, o.product_id))
        .collect();
    // Per team: counts by domain, and the consumers of its products.
    let mut counts: HashMap<Option<Uuid>, BTreeMap<String, u32>> = HashMap::new();
    let mut per_domain: HashMap<Uuid, u32> = HashMap::new();
    for p in &mesh.products {
        // A product in a domain the mesh lacks still counts, under the id it names.
        let domain = domain_name
            .get(&p.domain_id)
            .map_or_else(|| p.domain_id.to_string(), |n| (*n).to_owned());
        *counts
            .entry(p.owner_team_id)
            .or_default()
            .entry(domain)
            .or_default() += 1;
        *per_domain.entry(p.domain_id).or_default() += 1;
    }
    let mut consumers: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    for input in &mesh.input_ports {
        let DependencySource::OutputPort { port_id } = &input.source else {
            continue;
        };
        let Some(provider) = port_product.get(port_id) else {
            continue;
        };
        let (Some(Some(team)), consumer_team) = (owner.get(provider), owner.get(&input.product_id))
        else {
            continue;
        };
        if consumer_team.copied().flatten() != Some(*team) {
            consumers.entry(*team).or_default().insert(input.product_id);
        }
    }
    let mut domains: Vec<MatrixDomain> = mesh
        .domains
        .iter()
        .map(|d| MatrixDomain {
            id: d.id,
            name: d.name.clone(),
            title: d.title.clone(),
            products: per_domain.get(&d.id).copied().unwrap_or(0),
        })
        .collect();
    domains.sort_by(|a, b| a.name.cmp(&b.name));
    let mut teams: Vec<TeamLoad> = mesh
        .teams
        .iter()
        .map(|t| {
            let counts = counts.remove(&Some(t.id)).unwrap_or_default();
            let products = counts.values().sum::<u32>();
            let spanned = count(counts.len());
            let mut over = Vec::new();
            if limits.max_products.is_some_and(|m| products > m) {
                over.push(LoadLimit::Products);
            }
            if limits.max_domains.is_some_and(|m| spanned > m) {
                over.push(LoadLimit::Domains);
            }
            TeamLoad {
                id: t.id,
                name: t.name.clone(),
                title: t.title.clone(),
                team_type: t.team_type,
                counts,
                products,
                domains: spanned,
                consumers: count(consumers.get(&t.id).map_or(0, BTreeSet::len)),
                over,
            }
        })
        .collect();
    teams.sort_by(|a, b| a.name.cmp(&b.name));
    // Products whose owner is not a team of the mesh are unowned too.
    let mut unowned = Unowned {
        counts: BTreeMap::new(),
        products: 0,
    };
    for (_, by_domain) in counts {
        for (domain, n) in by_domain {
            *unowned.counts.entry(domain).or_default() += n;
            unowned.products += n;
        }
    }
    Ok(OwnershipMatrix {
        domains,
        teams,
        unowned,
        limits,
        products: count(mesh.products.len()),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::demo::demo_mesh;
    use crate::governance::RuleConfig;

    #[test]
    fn the_demo_matrix_adds_up_to_its_products() {
        let mesh = demo_mesh();
        let m = matrix(&mesh, &Policy::default()).unwrap();
        let cells: u32 = m.teams.iter().map(|t| t.products).sum::<u32>() + m.unowned.products;
        assert_eq!(cells, m.products);
        assert_eq!(m.products as usize, mesh.products.len());
        let columns: u32 = m.domains.iter().map(|d| d.products).sum();
        assert_eq!(columns, m.products);
        for t in &m.teams {
            let owned = mesh
                .products
                .iter()
                .filter(|p| p.owner_team_id == Some(t.id))
                .count();
            assert_eq!(t.products as usize, owned, "{}", t.name);
            assert_eq!(t.domains as usize, t.counts.len());
        }
        assert_eq!(m.limits.max_domains, Some(3));
        assert_eq!(m.limits.max_products, None, "0 turns the limit off");
    }

    #[test]
    fn a_team_past_the_policy_limits_is_marked_and_unowned_products_counted() {
        let mut mesh = demo_mesh();
        let team = mesh.teams[0].id;
        let orphan = mesh.products[1].id;
        for p in &mut mesh.products {
            if p.id == orphan {
                p.owner_team_id = None;
            } else if p.owner_team_id.is_some() {
                p.owner_team_id = Some(team);
            }
        }
        let mut policy = Policy::default();
        policy.rules.insert(
            LOAD_RULE.into(),
            RuleConfig {
                params: [("max_products".to_owned(), serde_json::json!(4))].into(),
                ..RuleConfig::default()
            },
        );
        let m = matrix(&mesh, &policy).unwrap();
        let row = m.teams.iter().find(|t| t.id == team).unwrap();
        assert!(row.over.contains(&LoadLimit::Products));
        assert!(row.over.contains(&LoadLimit::Domains), "{:?}", row.counts);
        assert!(m.unowned.products >= 1);
        assert!(
            m.teams
                .iter()
                .filter(|t| t.id != team)
                .all(|t| t.over.is_empty()),
            "the other teams own nothing now"
        );
        // Switched off, the rule sets no limits.
        policy.rules.get_mut(LOAD_RULE).unwrap().enabled = Some(false);
        let m = matrix(&mesh, &policy).unwrap();
        assert!(m.teams.iter().all(|t| t.over.is_empty()));
    }

    #[test]
    fn consumers_are_other_teams_products_reading_a_port() {
        let mesh = demo_mesh();
        let m = matrix(&mesh, &Policy::default()).unwrap();
        assert!(m.teams.iter().any(|t| t.consumers > 0));
        assert!(
            m.teams
                .iter()
                .all(|t| (t.consumers as usize) < mesh.products.len())
        );
    }
}
