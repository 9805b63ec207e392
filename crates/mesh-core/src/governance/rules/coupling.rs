//! Coupling rules: Martin's stable-dependencies principle between products, and domains
//! depending on too many other domains.

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::idhash::IdSet;

use crate::governance::context::Context;
use crate::governance::finding::{Category, Severity};
use crate::governance::rule::{BuiltinRule, ParamDefault, ParamKind, Params, Sink, param};

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-ARCH-001",
        name: "unstable-dependency",
        category: Category::Coupling,
        severity: Severity::Warning,
        summary: "A product depends on a product less stable than itself (stable-dependencies \
                  principle).",
        rationale: "Instability I = Ce / (Ca + Ce). Depending on something more unstable than \
                    you means its frequent changes ripple into a product others rely on \
                    (Robert C. Martin).",
        fix: "Depend on a more stable product, or reduce the provider's own dependencies.",
        params: &[param(
            "tolerance",
            ParamKind::Number,
            ParamDefault::Num(0.1),
            "How much more unstable a provider may be before it is reported.",
        )],
        check: unstable_dependency,
    },
    BuiltinRule {
        id: "DM-ARCH-002",
        name: "domain-coupling",
        category: Category::Coupling,
        severity: Severity::Warning,
        summary: "A domain depends on too many other domains, or has too many cross-domain \
                  dependencies.",
        rationale: "Each provider domain is a team to coordinate with; high efferent coupling \
                    means the domain cannot change on its own (Lakos, Martin).",
        fix: "Consolidate reads through fewer aggregates, or revisit the domain boundary.",
        params: &[
            param(
                "max_provider_domains",
                ParamKind::Integer,
                ParamDefault::Int(5),
                "Most distinct domains a domain reads from.",
            ),
            param(
                "max_cross_domain_dependencies",
                ParamKind::Integer,
                ParamDefault::Int(0),
                "Most product dependencies leaving a domain; 0 turns the limit off.",
            ),
        ],
        check: domain_coupling,
    },
];

fn unstable_dependency(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let tolerance = params.num("tolerance");
    let mut seen: IdSet<(usize, usize)> = IdSet::default();
    for e in &cx.edges {
        if !seen.insert((e.consumer_node, e.provider_node)) {
            continue;
        }
        let (ic, ip) = (
            cx.node_instability(e.consumer_node),
            cx.node_instability(e.provider_node),
        );
        if ip > ic + tolerance {
            out.report(
                cx.product_ref(e.consumer),
                format!(
                    "{} (instability {ic:.2}) depends on the less stable {} (instability {ip:.2})",
                    e.consumer.name, e.provider.name
                ),
            )
            .with_evidence("provider", vec![cx.product_ref(e.provider)]);
        }
    }
}

fn domain_coupling(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let graph = cx.domain_graph();
    let mut providers: BTreeMap<uuid::Uuid, BTreeSet<uuid::Uuid>> = BTreeMap::new();
    let mut crossings: BTreeMap<uuid::Uuid, usize> = BTreeMap::new();
    for e in &graph.edges {
        providers.entry(e.consumer).or_default().insert(e.provider);
        *crossings.entry(e.consumer).or_default() += e.dependencies;
    }
    let (max_domains, max_deps) = (
        params.int("max_provider_domains"),
        params.int("max_cross_domain_dependencies"),
    );
    for d in &cx.mesh.domains {
        let read = providers.get(&d.id).map_or(0, BTreeSet::len) as u64;
        let crossing = crossings.get(&d.id).copied().unwrap_or(0) as u64;
        if read > max_domains {
            let mut items: Vec<_> = providers[&d.id]
                .iter()
                .map(|p| cx.domain_id_ref(*p))
                .collect();
            items.sort_by(|a, b| a.name.cmp(&b.name));
            out.report(
                cx.domain_ref(d),
                format!(
                    "domain {} reads from {read} other domains (at most {max_domains})",
                    d.name
                ),
            )
            .with_evidence("provider domains", items);
        } else if max_deps > 0 && crossing > max_deps {
            out.report(
                cx.domain_ref(d),
                format!(
                    "domain {} has {crossing} dependencies on other domains (at most {max_deps})",
                    d.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;

    #[test]
    fn arch_001_unstable_dependency() {
        let mut k = Kit::new();
        // stable: read by two, reads nothing (I = 0); c reads it (I = 1): fine.
        k.product("stable");
        k.port("stable", "out");
        k.product("c");
        k.product("d");
        k.read("c", "stable", "out");
        k.read("d", "stable", "out");
        assert!(k.run("DM-ARCH-001").is_empty());
        // shaky reads two products and is read by one: I = 2/3 > I(reader) = 1/2 + 0.1.
        k.product("shaky");
        k.port("shaky", "out");
        k.read("shaky", "stable", "out");
        k.port("c", "out");
        k.read("shaky", "c", "out");
        k.product("reader");
        k.port("reader", "out");
        k.read("reader", "shaky", "out");
        k.product("top");
        k.read("top", "reader", "out");
        assert!(k.names("DM-ARCH-001").contains(&"reader".to_owned()));
    }

    #[test]
    fn arch_002_domain_coupling() {
        let mut k = Kit::new();
        k.product("c");
        for i in 0..5 {
            let (d, p) = (format!("d{}", i + 2), format!("p{i}"));
            k.domain(&d);
            k.product_in(&p, &d);
            k.port(&p, "out");
            k.read("c", &p, "out");
        }
        assert!(k.run("DM-ARCH-002").is_empty());
        k.domain("d9");
        k.product_in("p9", "d9");
        k.port("p9", "out");
        k.read("c", "p9", "out");
        assert_eq!(k.names("DM-ARCH-002"), ["d1"]);
    }
}
