//! Ownership rules: every product and domain has an accountable team, references to
//! teams and domains resolve, and no team spreads over too many domains.

use std::collections::{BTreeMap, BTreeSet};

use super::STATUSES;
use crate::governance::context::Context;
use crate::governance::finding::{Category, EntityRef, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::EntityKind;

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-OWN-001",
        name: "product-without-owner",
        category: Category::Ownership,
        severity: Severity::Error,
        summary: "A data product has no owner team.",
        rationale: "Domain ownership is the first principle of a data mesh: a product nobody \
                    owns has nobody to fix it, answer consumers or retire it (DPDS `info.owner` \
                    is required).",
        fix: "Set the product's owner team.",
        params: &[Param {
            choices: STATUSES,
            ..param(
                "skip_statuses",
                ParamKind::List,
                ParamDefault::List(&["retired"]),
                "Product statuses the rule ignores.",
            )
        }],
        check: product_without_owner,
    },
    BuiltinRule {
        id: "DM-OWN-002",
        name: "unknown-reference",
        category: Category::Ownership,
        severity: Severity::Error,
        summary: "A product or domain refers to a team, domain or person that is not in the \
                  mesh.",
        rationale: "A dangling owner looks owned but is not; tools that silently ignore missing \
                    references hide exactly the gaps governance is for.",
        fix: "Point the reference at an existing entity or clear it.",
        params: &[],
        check: unknown_reference,
    },
    BuiltinRule {
        id: "DM-OWN-005",
        name: "team-spread-over-domains",
        category: Category::Ownership,
        severity: Severity::Warning,
        summary: "A team owns products in more domains (or more products) than its cognitive \
                  budget allows.",
        rationale: "Team Topologies: a team can hold two to three simple domains; beyond that \
                    ownership becomes nominal.",
        fix: "Hand some products to a team of their domain, or split the team.",
        params: &[
            param(
                "max_domains",
                ParamKind::Integer,
                ParamDefault::Int(3),
                "Most distinct domains a team may own products in.",
            ),
            param(
                "max_products",
                ParamKind::Integer,
                ParamDefault::Int(0),
                "Most products per team; 0 turns the limit off.",
            ),
        ],
        check: team_spread,
    },
    BuiltinRule {
        id: "DM-OWN-006",
        name: "domain-without-owner",
        category: Category::Ownership,
        severity: Severity::Warning,
        summary: "A domain has no owner team.",
        rationale: "Someone must decide what belongs in a domain and arbitrate between its \
                    products' teams.",
        fix: "Set the domain's owner team.",
        params: &[],
        check: domain_without_owner,
    },
];

fn product_without_owner(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.products {
        if p.owner_team_id.is_none() && !params.has("skip_statuses", p.status.as_str()) {
            out.report(
                cx.product_ref(p),
                format!("data product {} has no owner team", p.name),
            );
        }
    }
}

fn unknown_reference(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    let people: BTreeSet<_> = cx.mesh.people.iter().map(|p| p.id).collect();
    for p in &cx.mesh.products {
        if let Some(t) = p.owner_team_id.filter(|t| cx.team(*t).is_none()) {
            out.report(
                cx.product_ref(p),
                format!(
                    "data product {} is owned by team {t}, which does not exist",
                    p.name
                ),
            );
        }
        if cx.domain(p.domain_id).is_none() {
            out.report(
                cx.product_ref(p),
                format!(
                    "data product {} is in domain {}, which does not exist",
                    p.name, p.domain_id
                ),
            );
        }
        if let Some(a) = p.accountable_person_id.filter(|a| !people.contains(a)) {
            out.report(
                cx.product_ref(p),
                format!(
                    "data product {}'s accountable person {a} does not exist",
                    p.name
                ),
            );
        }
    }
    for d in &cx.mesh.domains {
        if let Some(t) = d.owner_team_id.filter(|t| cx.team(*t).is_none()) {
            out.report(
                cx.domain_ref(d),
                format!(
                    "domain {} is owned by team {t}, which does not exist",
                    d.name
                ),
            );
        }
        if let Some(parent) = d.parent_id.filter(|p| cx.domain(*p).is_none()) {
            out.report(
                cx.domain_ref(d),
                format!("domain {}'s parent domain {parent} does not exist", d.name),
            );
        }
    }
}

fn team_spread(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let mut domains: BTreeMap<_, BTreeSet<_>> = BTreeMap::new();
    let mut products: BTreeMap<_, u64> = BTreeMap::new();
    for p in &cx.mesh.products {
        if let Some(t) = p.owner_team_id {
            domains.entry(t).or_default().insert(p.domain_id);
            *products.entry(t).or_default() += 1;
        }
    }
    let (max_domains, max_products) = (params.int("max_domains"), params.int("max_products"));
    for t in &cx.mesh.teams {
        let owned = domains.get(&t.id).map_or(0, |d| d.len() as u64);
        if owned > max_domains {
            let mut names: Vec<EntityRef> = domains[&t.id]
                .iter()
                .map(|d| cx.domain_id_ref(*d))
                .collect();
            names.sort_by(|a, b| a.name.cmp(&b.name));
            out.report(
                cx.team_ref(t),
                format!(
                    "team {} owns products in {owned} domains (at most {max_domains})",
                    t.name
                ),
            )
            .with_evidence("domains", names);
        }
        let count = products.get(&t.id).copied().unwrap_or(0);
        if max_products > 0 && count > max_products {
            out.report(
                cx.team_ref(t),
                format!(
                    "team {} owns {count} data products (at most {max_products})",
                    t.name
                ),
            );
        }
    }
}

fn domain_without_owner(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for d in &cx.mesh.domains {
        if d.owner_team_id.is_none() {
            out.report(
                EntityRef {
                    kind: EntityKind::Domain,
                    id: Some(d.id),
                    name: d.name.clone(),
                },
                format!("domain {} has no owner team", d.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;

    #[test]
    fn own_001_product_without_owner() {
        let mut k = Kit::new();
        k.product("owned");
        assert!(k.run("DM-OWN-001").is_empty());
        k.product("stray").owner_team_id = None;
        assert_eq!(k.names("DM-OWN-001"), ["stray"]);
        k.product_mut("stray").status = crate::model::Status::Retired;
        assert!(
            k.run("DM-OWN-001").is_empty(),
            "retired products are skipped"
        );
    }

    #[test]
    fn own_002_unknown_reference() {
        let mut k = Kit::new();
        k.product("a");
        assert!(k.run("DM-OWN-002").is_empty());
        k.product("b").owner_team_id = Some(uuid::Uuid::from_u128(9));
        assert_eq!(k.names("DM-OWN-002"), ["b"]);
    }

    #[test]
    fn own_005_team_spread() {
        let mut k = Kit::new();
        for d in ["d2", "d3"] {
            k.domain(d);
        }
        k.product("a");
        k.product_in("b", "d2");
        k.product_in("c", "d3");
        assert!(k.run("DM-OWN-005").is_empty(), "three domains are allowed");
        k.domain("d4");
        k.product_in("e", "d4");
        assert_eq!(k.names("DM-OWN-005"), ["team"]);
        let with_limit = k.run_with(
            "DM-OWN-005",
            serde_json::json!({"max_domains": 9, "max_products": 2}),
        );
        assert_eq!(with_limit.len(), 1);
        assert!(with_limit[0].message.contains("4 data products"));
    }

    #[test]
    fn own_006_domain_without_owner() {
        let mut k = Kit::new();
        assert!(k.run("DM-OWN-006").is_empty());
        k.domain("lonely").owner_team_id = None;
        assert_eq!(k.names("DM-OWN-006"), ["lonely"]);
    }
}
