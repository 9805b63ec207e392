//! Lifecycle rules: reads of deprecated or retired ports, incomplete deprecations, the
//! blast radius of a deprecation, and active products built on unfinished ones.
//!
//! "Today" is the check's fixed date from the context, never the clock.

use uuid::Uuid;

use super::STATUSES;
use crate::governance::context::{Context, Edge};
use crate::governance::finding::{Category, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::{OutputPort, Status};

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-LIFE-001",
        name: "reads-deprecated-port",
        category: Category::Lifecycle,
        severity: Severity::Warning,
        summary: "A product reads a deprecated port (or a port of a deprecated product) that \
                  is still served.",
        rationale: "Deprecated ports go away on their date; consumers should be migrating now, \
                    not on the day it breaks (dbt UpcomingReferenceDeprecation).",
        fix: "Move the input port to the successor port.",
        params: &[],
        check: reads_deprecated,
    },
    BuiltinRule {
        id: "DM-LIFE-002",
        name: "reads-retired-port",
        category: Category::Lifecycle,
        severity: Severity::Error,
        summary: "A product reads a retired port or product, or a deprecated port past its \
                  deprecation date.",
        rationale: "Nothing guarantees a retired port's data any more; the consumer is \
                    already broken or about to be.",
        fix: "Move the input port to the successor port, or remove the dependency.",
        params: &[],
        check: reads_retired,
    },
    BuiltinRule {
        id: "DM-LIFE-003",
        name: "deprecation-incomplete",
        category: Category::Lifecycle,
        severity: Severity::Warning,
        summary: "A deprecated port has no deprecation date or no successor.",
        rationale: "Consumers can only plan a migration when they know until when the port is \
                    served and what replaces it.",
        fix: "Set the port's deprecation date and successor port.",
        params: &[],
        check: deprecation_incomplete,
    },
    BuiltinRule {
        id: "DM-LIFE-005",
        name: "deprecation-impact",
        category: Category::Lifecycle,
        severity: Severity::Info,
        summary: "How many products downstream a deprecated or retired port still affects; \
                  a warning at the impact threshold.",
        rationale: "The blast radius of a retirement is every product downstream of its \
                    readers, across domains and teams.",
        fix: "Contact the owners of the affected products and plan the migration with them.",
        params: &[param(
            "impact_threshold",
            ParamKind::Integer,
            ParamDefault::Int(10),
            "Downstream products from which the finding becomes a warning.",
        )],
        check: deprecation_impact,
    },
    BuiltinRule {
        id: "DM-LIFE-006",
        name: "maturity-inversion",
        category: Category::Lifecycle,
        severity: Severity::Warning,
        summary: "An active product depends on a product or port that is only proposed, \
                  draft or in development.",
        rationale: "A product in production inherits the instability of everything it reads.",
        fix: "Wait for the provider to go active, or keep the consumer in development.",
        params: &[Param {
            choices: STATUSES,
            ..param(
                "immature",
                ParamKind::List,
                ParamDefault::List(&["proposed", "draft", "development"]),
                "Statuses an active product must not depend on.",
            )
        }],
        check: maturity_inversion,
    },
];

/// Whether a deprecated port's date has come.
fn past_date(cx: &Context<'_>, p: &OutputPort) -> bool {
    p.deprecation_date.is_some_and(|d| d <= cx.today)
}

fn successor_text(cx: &Context<'_>, p: &OutputPort) -> String {
    p.successor_port_id
        .and_then(|s| cx.port(s))
        .map_or_else(String::new, |s| format!("; move to {}", cx.port_name(s)))
}

fn reads_deprecated(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for e in &cx.edges {
        let port_deprecated = e.port.status == Status::Deprecated && !past_date(cx, e.port);
        let product_deprecated = e.provider.status == Status::Deprecated
            && e.port.status != Status::Retired
            && !past_date(cx, e.port);
        if !(port_deprecated || product_deprecated) {
            continue;
        }
        let until = match e.port.deprecation_date {
            Some(d) => format!(", served until {d}"),
            None => " (no date set)".to_owned(),
        };
        let what = if port_deprecated {
            format!("deprecated port {}", cx.port_name(e.port))
        } else {
            format!(
                "port {} of deprecated product {}",
                e.port.name, e.provider.name
            )
        };
        out.report(
            cx.input_ref(e.input),
            format!(
                "{} reads {what}{until}{}",
                e.consumer.name,
                successor_text(cx, e.port)
            ),
        )
        .with_evidence("port", vec![cx.port_ref(e.port)]);
    }
}

fn reads_retired(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for e in &cx.edges {
        let why = if e.port.status == Status::Retired {
            "is retired".to_owned()
        } else if e.provider.status == Status::Retired {
            format!("belongs to retired product {}", e.provider.name)
        } else if e.port.status == Status::Deprecated && past_date(cx, e.port) {
            format!(
                "was deprecated until {}",
                e.port
                    .deprecation_date
                    .map_or_else(String::new, |d| d.to_string())
            )
        } else {
            continue;
        };
        out.report(
            cx.input_ref(e.input),
            format!(
                "{} reads port {}, which {why}{}",
                e.consumer.name,
                cx.port_name(e.port),
                successor_text(cx, e.port)
            ),
        )
        .with_evidence("port", vec![cx.port_ref(e.port)]);
    }
}

fn deprecation_incomplete(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        if p.status != Status::Deprecated {
            continue;
        }
        let mut missing = Vec::new();
        if p.deprecation_date.is_none() {
            missing.push("deprecation date");
        }
        if p.successor_port_id.is_none() {
            missing.push("successor port");
        }
        if !missing.is_empty() {
            let r = cx.port_ref(p);
            let message = format!(
                "deprecated port {} has no {}",
                r.name,
                missing.join(" and no ")
            );
            out.report(r, message);
        }
    }
}

fn deprecation_impact(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let threshold = params.int("impact_threshold");
    let mut seen = Vec::new();
    // Evidence lists products by name (then id): rank every product once so that each
    // list sorts by a number.
    let (mut order, mut rank, mut marked) = (Vec::new(), Vec::new(), Vec::new());
    for p in &cx.mesh.output_ports {
        if !matches!(p.status, Status::Deprecated | Status::Retired) {
            continue;
        }
        let readers: &[Edge<'_>] = cx.readers(p.id);
        if readers.is_empty() {
            continue;
        }
        // The readers and everything downstream of them: one walk from all of them.
        let mut affected =
            cx.graph
                .reach_from(readers.iter().map(|e| e.consumer_node), true, &mut seen);
        affected.retain(|&n| cx.mesh.products[n].id != p.product_id);
        let mut domains: Vec<Uuid> = affected
            .iter()
            .map(|&n| cx.mesh.products[n].domain_id)
            .collect();
        domains.sort_unstable();
        domains.dedup();
        if rank.is_empty() {
            (order, rank) = product_order(cx);
            marked = vec![false; rank.len()];
        }
        if affected.len() > rank.len() / 32 {
            // Many: pick them out of the whole order rather than sort them.
            for &n in &affected {
                marked[n] = true;
            }
            affected.clear();
            for &n in &order {
                if marked[n] {
                    marked[n] = false;
                    affected.push(n);
                }
            }
        } else {
            affected.sort_unstable_by_key(|&n| rank[n]);
        }
        let items: Vec<_> = affected
            .iter()
            .map(|&n| cx.product_ref(&cx.mesh.products[n]))
            .collect();
        let r = cx.port_ref(p);
        let message = format!(
            "{} port {} still affects {} products in {} domains downstream",
            p.status.as_str(),
            r.name,
            affected.len(),
            domains.len()
        );
        let f = out.report(r, message);
        f.with_evidence("affected products", items);
        if affected.len() as u64 >= threshold {
            f.at_least(Severity::Warning);
        }
    }
}

/// The products (graph nodes) in the order of (name, id), and each one's position in it.
fn product_order(cx: &Context<'_>) -> (Vec<usize>, Vec<u32>) {
    let products = &cx.mesh.products;
    let mut order: Vec<usize> = (0..products.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        (&products[a].name, products[a].id).cmp(&(&products[b].name, products[b].id))
    });
    let mut rank = vec![0u32; products.len()];
    for (r, &n) in order.iter().enumerate() {
        rank[n] = r as u32;
    }
    (order, rank)
}

fn maturity_inversion(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for e in &cx.edges {
        if e.consumer.status != Status::Active {
            continue;
        }
        let what = if params.has("immature", e.provider.status.as_str()) {
            format!(
                "data product {}, which is {}",
                e.provider.name,
                e.provider.status.as_str()
            )
        } else if params.has("immature", e.port.status.as_str()) {
            format!(
                "port {}, which is {}",
                cx.port_name(e.port),
                e.port.status.as_str()
            )
        } else {
            continue;
        };
        out.report(
            cx.input_ref(e.input),
            format!("active data product {} depends on {what}", e.consumer.name),
        );
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::governance::testkit::Kit;
    use crate::model::Status;

    fn deprecated(k: &mut Kit, date: Option<(i32, u32, u32)>) {
        k.product("a");
        k.port("a", "new");
        let succ = k.port_id("a", "new");
        let old = k.port("a", "old");
        old.status = Status::Deprecated;
        old.deprecation_date = date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        old.successor_port_id = Some(succ);
    }

    #[test]
    fn life_001_reads_deprecated() {
        let mut k = Kit::new();
        deprecated(&mut k, Some((2030, 1, 1)));
        k.product("b");
        k.read("b", "a", "new");
        assert!(k.run("DM-LIFE-001").is_empty());
        k.read("b", "a", "old");
        let f = k.run("DM-LIFE-001");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("2030-01-01") && f[0].message.contains("a/new@v1"));
        assert!(k.run("DM-LIFE-002").is_empty(), "not past its date");
    }

    #[test]
    fn life_002_reads_retired() {
        let mut k = Kit::new();
        deprecated(&mut k, Some((2020, 1, 1)));
        k.product("b");
        k.read("b", "a", "new");
        assert!(k.run("DM-LIFE-002").is_empty());
        k.read("b", "a", "old");
        assert_eq!(k.names("DM-LIFE-002"), ["b/a-old"]);
        assert!(
            k.run("DM-LIFE-001").is_empty(),
            "past its date is an error, not a warning"
        );
    }

    #[test]
    fn life_003_deprecation_incomplete() {
        let mut k = Kit::new();
        deprecated(&mut k, Some((2030, 1, 1)));
        assert!(k.run("DM-LIFE-003").is_empty());
        k.port_mut("a", "old").deprecation_date = None;
        assert_eq!(k.names("DM-LIFE-003"), ["a/old@v1"]);
    }

    #[test]
    fn life_005_deprecation_impact() {
        let mut k = Kit::new();
        deprecated(&mut k, Some((2030, 1, 1)));
        assert!(k.run("DM-LIFE-005").is_empty(), "nobody reads it");
        k.product("b");
        k.port("b", "out");
        k.read("b", "a", "old");
        k.product("c");
        k.read("c", "b", "out");
        let f = k.run("DM-LIFE-005");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("2 products"), "{}", f[0].message);
        assert_eq!(f[0].severity, crate::governance::Severity::Info);
        let f = k.run_with("DM-LIFE-005", serde_json::json!({"impact_threshold": 2}));
        assert_eq!(f[0].severity, crate::governance::Severity::Warning);
    }

    #[test]
    fn life_006_maturity_inversion() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "out");
        k.product("b");
        k.read("b", "a", "out");
        assert!(k.run("DM-LIFE-006").is_empty());
        k.product_mut("a").status = Status::Proposed;
        assert_eq!(k.names("DM-LIFE-006"), ["b/a-out"]);
    }
}
