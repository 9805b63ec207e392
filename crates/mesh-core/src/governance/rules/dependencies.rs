//! Dependency and graph rules: cycles (with edges to cut), cycles between domains,
//! dangling and out-of-scope reads, fan-in and fan-out thresholds, chain depth, orphans,
//! roots without lineage, redundant edges and archetype layering.
//!
//! Graph work comes from the shared index (`MeshGraph`, `Context`); rules here must not
//! build graphs of their own per product.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use uuid::Uuid;

use super::{ARCHETYPES, STATUSES};
use crate::governance::context::Context;
use crate::governance::finding::{Category, EntityRef, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::{Archetype, DependencySource, Visibility};

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-DEP-001",
        name: "product-cycle",
        category: Category::Dependencies,
        severity: Severity::Error,
        summary: "Data products depend on each other in a cycle.",
        rationale: "A cycle has no order to build, test or change its products in; a change \
                    to any of them can feed back into itself (dbt Mesh refuses node-level \
                    cycles).",
        fix: "Cut one dependency of the cycle: the finding suggests a minimal set of edges \
              (a feedback arc set). Move the shared logic into a new upstream product.",
        params: &[],
        check: product_cycle,
    },
    BuiltinRule {
        id: "DM-DEP-002",
        name: "domain-cycle",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "Domains depend on each other in a cycle through their products.",
        rationale: "Domains that read each other cannot evolve independently; the cycle is a \
                    sign of a misplaced boundary.",
        fix: "Move the products that close the cycle to the domain they belong to, or invert \
              one dependency.",
        params: &[],
        check: domain_cycle,
    },
    BuiltinRule {
        id: "DM-DEP-003",
        name: "dangling-dependency",
        category: Category::Dependencies,
        severity: Severity::Error,
        summary: "An input port reads a port, product or source system that is not in the \
                  mesh.",
        rationale: "Missing providers are silently ignored by most catalogs, so lineage looks \
                    complete when it is not.",
        fix: "Point the input port at an existing port or source system, or delete it.",
        params: &[],
        check: dangling,
    },
    BuiltinRule {
        id: "DM-DEP-014",
        name: "unresolved-dependency",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "An input port names a provider that no imported manifest or product of the \
                  mesh declares yet.",
        rationale: "Landscapes are imported one repository at a time, so a consumer often \
                    arrives before its provider; until the provider is known the lineage and \
                    every check built on it stop at this port.",
        fix: "Import the manifests that declare the provider (the reference resolves by \
              itself), or point the input port at a port of the mesh.",
        params: &[],
        check: unresolved,
    },
    BuiltinRule {
        id: "DM-DEP-004",
        name: "port-not-visible",
        category: Category::Dependencies,
        severity: Severity::Error,
        summary: "A product reads a port it may not see: a private port of another team, or a \
                  domain-only port from another domain.",
        rationale: "Visibility is the port owner's promise about who depends on it; reads \
                    outside it break when the owner changes what they consider internal (dbt \
                    access modifiers).",
        fix: "Ask the provider to widen the port's visibility (with a contract), or read a \
              public port instead.",
        params: &[],
        check: port_not_visible,
    },
    BuiltinRule {
        id: "DM-DEP-005",
        name: "too-many-providers",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "A product reads more distinct products than the fan-out threshold.",
        rationale: "Every provider is a contract to track and a failure to absorb; a product \
                    joining many sources usually hides an aggregate that should exist on its \
                    own (dbt: too many joins).",
        fix: "Introduce an aggregate product that combines several providers.",
        params: &[param(
            "max_upstream",
            ParamKind::Integer,
            ParamDefault::Int(7),
            "Most distinct providers of one product.",
        )],
        check: too_many_providers,
    },
    BuiltinRule {
        id: "DM-DEP-006",
        name: "popular-port-not-hardened",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "A port read by many products (fan-in at the threshold or above) lacks a \
                  contract, service levels or public visibility.",
        rationale: "Fan-in is welcome in a mesh, but a widely read port is infrastructure: it \
                    needs the guarantees its consumers already rely on.",
        fix: "Give the port a contract, service levels and public visibility.",
        params: &[param(
            "fan_in_threshold",
            ParamKind::Integer,
            ParamDefault::Int(3),
            "Distinct consuming products from which a port counts as popular.",
        )],
        check: popular_port,
    },
    BuiltinRule {
        id: "DM-DEP-007",
        name: "chain-too-deep",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "A dependency chain is longer than the allowed depth.",
        rationale: "Each hop adds latency, a failure point and a contract; deep chains make \
                    freshness and incidents hard to reason about (dbt chained views).",
        fix: "Read closer to the source, or merge intermediate products.",
        params: &[param(
            "max_depth",
            ParamKind::Integer,
            ParamDefault::Int(5),
            "Most dependency hops from a product down to a product reading no other.",
        )],
        check: chain_too_deep,
    },
    BuiltinRule {
        id: "DM-DEP-008",
        name: "orphan-product",
        category: Category::Dependencies,
        severity: Severity::Info,
        summary: "A product that is not consumer-aligned has no consumers.",
        rationale: "Source-aligned and aggregate products exist to be read; one nobody reads \
                    costs upkeep for no use and may be ready to retire.",
        fix: "Find its consumers, mark it consumer-aligned if people use it directly, or \
              deprecate it.",
        params: &[Param {
            choices: STATUSES,
            ..param(
                "statuses",
                ParamKind::List,
                ParamDefault::List(&["active"]),
                "Product statuses checked.",
            )
        }],
        check: orphan,
    },
    BuiltinRule {
        id: "DM-DEP-009",
        name: "root-without-lineage",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "A product that is not source-aligned reads nothing at all.",
        rationale: "Data comes from somewhere; a non-source product without inputs has \
                    undeclared lineage.",
        fix: "Declare its input ports, or mark it source-aligned, or tag it as reference data.",
        params: &[param(
            "exempt_tags",
            ParamKind::List,
            ParamDefault::List(&["reference-data"]),
            "Tags that exempt a product (generated or reference data).",
        )],
        check: root_without_lineage,
    },
    BuiltinRule {
        id: "DM-DEP-010",
        name: "redundant-dependency",
        category: Category::Dependencies,
        severity: Severity::Info,
        summary: "A product reads A directly and also through B, which reads A.",
        rationale: "The direct edge duplicates logic B already applies, or bypasses it \
                    (dbt: rejoining of upstream concepts).",
        fix: "Read A only through B, or drop B if it only serves this product.",
        params: &[param(
            "only_exclusive",
            ParamKind::Boolean,
            ParamDefault::Bool(true),
            "Only when B has no consumer other than this product (the catalog's rejoin case).",
        )],
        check: redundant,
    },
    BuiltinRule {
        id: "DM-DEP-011",
        name: "bypasses-source-layer",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "An aggregate or consumer-aligned product reads a source system directly.",
        rationale: "Source-aligned products own the cleaning and meaning of raw data; reading \
                    the source again duplicates that work and drifts from it.",
        fix: "Read the source-aligned product of that system instead.",
        params: &[],
        check: bypasses_source_layer,
    },
    BuiltinRule {
        id: "DM-DEP-013",
        name: "archetype-layering",
        category: Category::Dependencies,
        severity: Severity::Warning,
        summary: "A product reads a product of a later layer (source-aligned reading an \
                  aggregate or consumer-aligned product, aggregate reading consumer-aligned).",
        rationale: "Layers flow source → aggregate → consumer; reading against the flow \
                    creates hidden cycles of meaning and makes source products depend on \
                    use cases.",
        fix: "Read from the same or an earlier layer, or re-classify the product.",
        params: &[Param {
            choices: ARCHETYPES,
            ..param(
                "allow_same_rank",
                ParamKind::List,
                ParamDefault::List(&["aggregate", "consumer-aligned"]),
                "Archetypes that may read products of their own archetype.",
            )
        }],
        check: layering,
    },
];

fn names(cx: &Context<'_>, ids: &[Uuid]) -> Vec<EntityRef> {
    ids.iter().map(|id| cx.product_id_ref(*id)).collect()
}

fn product_cycle(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    let cycles = cx.graph.cycles();
    if cycles.is_empty() {
        return;
    }
    let cut = cx.graph.feedback_arc_set();
    for members in cycles {
        let set: HashSet<Uuid> = members.iter().copied().collect();
        let mut refs = names(cx, &members);
        refs.sort_by(|a, b| a.name.cmp(&b.name));
        let Some(first) = refs.first().cloned() else {
            continue;
        };
        let path = first
            .id
            .map(|id| cx.graph.cycle_through(id))
            .unwrap_or_default();
        let path_names: Vec<String> = path.iter().map(|id| cx.product_name(*id)).collect();
        let cuts: Vec<_> = cut
            .iter()
            .filter(|(c, p, _)| set.contains(c) && set.contains(p))
            .collect();
        let cut_refs: Vec<EntityRef> = cuts
            .iter()
            .filter_map(|(_, _, d)| {
                cx.mesh
                    .input_ports
                    .iter()
                    .find(|ip| ip.id == d.input_port_id)
                    .map(|ip| cx.input_ref(ip))
            })
            .collect();
        let cut_text: Vec<String> = cuts
            .iter()
            .map(|(c, p, _)| format!("{} → {}", cx.product_name(*c), cx.product_name(*p)))
            .collect();
        let f = out.report(
            first,
            format!(
                "{} data products depend on each other in a cycle: {}",
                members.len(),
                path_names.join(" → ")
            ),
        );
        f.with_evidence("cycle", names(cx, &path))
            .with_evidence("members", refs)
            .with_evidence("edges to cut", cut_refs);
        if !cut_text.is_empty() {
            f.with_fix(format!(
                "Remove or invert {} to break the cycle; move the shared logic into a new \
                 upstream product.",
                cut_text.join(", ")
            ));
        }
    }
}

fn domain_cycle(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for members in cx.domain_graph().cycles() {
        let mut refs: Vec<EntityRef> = members.iter().map(|d| cx.domain_id_ref(*d)).collect();
        refs.sort_by(|a, b| a.name.cmp(&b.name));
        let Some(first) = refs.first().cloned() else {
            continue;
        };
        let listed: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        out.report(
            first,
            format!(
                "domains {} depend on each other through their products",
                listed.join(", ")
            ),
        )
        .with_evidence("domains", refs);
    }
}

fn dangling(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for ip in &cx.mesh.input_ports {
        let problem = match &ip.source {
            DependencySource::OutputPort { port_id } => match cx.port(*port_id) {
                None => Some(format!("reads output port {port_id}, which does not exist")),
                Some(p) if cx.product(p.product_id).is_none() => Some(format!(
                    "reads port {} of product {}, which does not exist",
                    p.name, p.product_id
                )),
                Some(_) => None,
            },
            DependencySource::SourceSystem { source_system_id } => cx
                .source_system(*source_system_id)
                .is_none()
                .then(|| format!("reads source system {source_system_id}, which does not exist")),
            // A reference kept from an import: `unresolved-dependency` reports it.
            DependencySource::Unresolved { .. } => None,
        };
        if let Some(problem) = problem {
            out.report(
                cx.input_ref(ip),
                format!("input port {} {problem}", cx.input_ref(ip).name),
            );
        }
    }
}

fn unresolved(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for ip in &cx.mesh.input_ports {
        if let Some(reference) = ip.source.unresolved() {
            let at = cx.input_ref(ip);
            let message = format!(
                "input port {} reads `{reference}`, which is not in the mesh",
                at.name
            );
            out.report(at, message);
        }
    }
}

fn port_not_visible(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for e in &cx.edges {
        let why = match e.port.visibility {
            Visibility::Public => continue,
            Visibility::Domain if e.consumer.domain_id != e.provider.domain_id => format!(
                "is visible to domain {} only, but {} is in domain {}",
                cx.domain_name(e.provider.domain_id),
                e.consumer.name,
                cx.domain_name(e.consumer.domain_id)
            ),
            Visibility::Private
                if e.consumer.owner_team_id.is_none()
                    || e.consumer.owner_team_id != e.provider.owner_team_id =>
            {
                format!(
                    "is private to team {}, but {} is owned by {}",
                    e.provider
                        .owner_team_id
                        .map_or_else(|| "(none)".to_owned(), |t| cx.team_name(t)),
                    e.consumer.name,
                    e.consumer
                        .owner_team_id
                        .map_or_else(|| "no team".to_owned(), |t| cx.team_name(t))
                )
            }
            _ => continue,
        };
        out.report(
            cx.input_ref(e.input),
            format!(
                "{} reads port {} of {}, which {why}",
                e.consumer.name, e.port.name, e.provider.name
            ),
        )
        .with_evidence("port", vec![cx.port_ref(e.port)]);
    }
}

fn too_many_providers(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let max = params.int("max_upstream");
    for p in &cx.mesh.products {
        let n = cx.fan_out(p.id);
        if u64::from(n) > max {
            out.report(
                cx.product_ref(p),
                format!(
                    "data product {} reads {n} other products (at most {max})",
                    p.name
                ),
            )
            .with_evidence("providers", names(cx, &cx.graph.providers(p.id)));
        }
    }
}

fn popular_port(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let threshold = params.int("fan_in_threshold");
    for p in &cx.mesh.output_ports {
        let readers = cx.readers(p.id);
        if (readers.len() as u64) < threshold {
            continue;
        }
        let consumers: BTreeSet<Uuid> = readers.iter().map(|e| e.consumer.id).collect();
        if (consumers.len() as u64) < threshold {
            continue;
        }
        let mut gaps = Vec::new();
        if p.contract.is_none() {
            gaps.push("no contract");
        }
        if p.service_levels.is_empty() {
            gaps.push("no service levels");
        }
        if p.visibility != Visibility::Public {
            gaps.push("not public");
        }
        if gaps.is_empty() {
            continue;
        }
        let ids: Vec<Uuid> = consumers.into_iter().collect();
        out.report(
            cx.port_ref(p),
            format!(
                "port {} of {} is read by {} products but has {}",
                p.name,
                cx.product_name(p.product_id),
                ids.len(),
                gaps.join(", ")
            ),
        )
        .with_evidence("consumers", names(cx, &ids));
    }
}

fn chain_too_deep(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let max = params.int("max_depth");
    let mut chains = None;
    for p in &cx.mesh.products {
        // Report where a too-deep chain ends, not every product along it.
        if u64::from(cx.depth(p.id)) <= max || cx.fan_in(p.id) > 0 {
            continue;
        }
        let chains = chains.get_or_insert_with(|| cx.graph.chains());
        let chain = chains.chain_to(p.id);
        let listed: Vec<_> = chain.iter().map(|id| cx.product_name_str(*id)).collect();
        out.report(
            cx.product_ref(p),
            format!(
                "data product {} ends a dependency chain {} hops deep (at most {max}): {}",
                p.name,
                cx.depth(p.id),
                listed.join(" → ")
            ),
        )
        .with_evidence("chain", names(cx, &chain));
    }
}

fn orphan(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.products {
        if cx.fan_in(p.id) == 0
            && p.archetype != Some(Archetype::ConsumerAligned)
            && params.has("statuses", p.status.as_str())
        {
            out.report(
                cx.product_ref(p),
                format!(
                    "data product {} is {} but no product reads it",
                    p.name,
                    p.archetype.map_or("not consumer-aligned", |a| a.as_str())
                ),
            );
        }
    }
}

fn root_without_lineage(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.products {
        if cx.inputs_of(p.id).is_empty()
            && p.archetype != Some(Archetype::SourceAligned)
            && !p.tags.iter().any(|t| params.has("exempt_tags", t))
        {
            out.report(
                cx.product_ref(p),
                format!(
                    "data product {} reads nothing but is not source-aligned",
                    p.name
                ),
            );
        }
    }
}

fn redundant(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let exclusive = params.flag("only_exclusive");
    // Each consumer's distinct providers, sorted by id, by graph node.
    let mut providers: Vec<Vec<Uuid>> = vec![Vec::new(); cx.mesh.products.len()];
    for e in &cx.edges {
        providers[e.consumer_node].push(e.provider.id);
    }
    for list in &mut providers {
        list.sort_unstable();
        list.dedup();
    }
    let of = |id: Uuid| cx.graph.node(id).map_or(&[][..], |n| &providers[n][..]);
    for c in &cx.mesh.products {
        let direct = of(c.id);
        let mut reported: BTreeMap<Uuid, Uuid> = BTreeMap::new();
        for &b in direct {
            if exclusive && cx.fan_in(b) != 1 {
                continue;
            }
            for &a in of(b) {
                if a != c.id && direct.binary_search(&a).is_ok() {
                    reported.entry(a).or_insert(b);
                }
            }
        }
        for (a, b) in reported {
            out.report(
                cx.product_ref(c),
                format!(
                    "{} reads {} directly and again through {}",
                    c.name,
                    cx.product_name_str(a),
                    cx.product_name_str(b)
                ),
            )
            .with_evidence("path", names(cx, &[c.id, b, a]));
        }
    }
}

fn bypasses_source_layer(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.products {
        if !matches!(
            p.archetype,
            Some(Archetype::Aggregate | Archetype::ConsumerAligned)
        ) {
            continue;
        }
        for ip in cx.inputs_of(p.id) {
            if let DependencySource::SourceSystem { source_system_id } = ip.source {
                let system = cx
                    .source_system(source_system_id)
                    .map_or_else(|| source_system_id.to_string(), |s| s.name.clone());
                out.report(
                    cx.input_ref(ip),
                    format!(
                        "{} data product {} reads source system {system} directly",
                        p.archetype.map_or("", |a| a.as_str()),
                        p.name
                    ),
                );
            }
        }
    }
}

fn rank(a: Archetype) -> u8 {
    match a {
        Archetype::SourceAligned => 0,
        Archetype::Aggregate => 1,
        Archetype::ConsumerAligned => 2,
    }
}

fn layering(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let mut seen = HashSet::new();
    for e in &cx.edges {
        let (Some(c), Some(p)) = (e.consumer.archetype, e.provider.archetype) else {
            continue;
        };
        let wrong = rank(p) > rank(c) || (c == p && !params.has("allow_same_rank", c.as_str()));
        if wrong && seen.insert((e.consumer.id, e.provider.id)) {
            out.report(
                cx.product_ref(e.consumer),
                format!(
                    "{} data product {} reads {} data product {}",
                    c.as_str(),
                    e.consumer.name,
                    p.as_str(),
                    e.provider.name
                ),
            )
            .with_evidence("provider", vec![cx.product_ref(e.provider)]);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;
    use crate::model::{Archetype, Visibility};

    fn chain(k: &mut Kit, names: &[&str]) {
        for n in names {
            k.product(n);
            k.port(n, "out");
        }
        for w in names.windows(2) {
            k.read(w[1], w[0], "out");
        }
    }

    #[test]
    fn dep_001_product_cycle_with_edge_to_cut() {
        let mut k = Kit::new();
        chain(&mut k, &["a", "b", "c"]);
        assert!(k.run("DM-DEP-001").is_empty());
        k.read("a", "c", "out");
        let f = k.run("DM-DEP-001");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].entity.name, "a");
        assert!(f[0].message.contains("3 data products"), "{}", f[0].message);
        let cut = f[0]
            .evidence
            .iter()
            .find(|e| e.label == "edges to cut")
            .unwrap();
        assert_eq!(cut.items.len(), 1, "one edge breaks a simple cycle");
        let path = &f[0].evidence[0];
        assert_eq!(path.items.len(), 4);
        assert_eq!(path.items.first(), path.items.last());
    }

    #[test]
    fn dep_002_domain_cycle() {
        let mut k = Kit::new();
        k.domain("d2");
        k.product("a");
        k.product_in("b", "d2");
        k.port("a", "out");
        k.port("b", "out");
        k.read("b", "a", "out");
        assert!(k.run("DM-DEP-002").is_empty());
        k.product("c");
        k.read("c", "b", "out");
        assert_eq!(k.names("DM-DEP-002"), ["d1"]);
    }

    #[test]
    fn dep_003_dangling() {
        let mut k = Kit::new();
        chain(&mut k, &["a", "b"]);
        assert!(k.run("DM-DEP-003").is_empty());
        k.read_missing("b");
        assert_eq!(k.run("DM-DEP-003").len(), 1);
    }

    #[test]
    fn dep_004_port_not_visible() {
        let mut k = Kit::new();
        k.domain("d2");
        k.product("a");
        k.port("a", "inner").visibility = Visibility::Domain;
        k.product("same");
        k.read("same", "a", "inner");
        assert!(k.run("DM-DEP-004").is_empty(), "same domain may read");
        k.product_in("other", "d2");
        k.read("other", "a", "inner");
        assert_eq!(k.names("DM-DEP-004"), ["other/a-inner"]);
        k.port_mut("a", "inner").visibility = Visibility::Private;
        k.team("t2");
        k.product_mut("same").owner_team_id = Some(k.team_id("t2"));
        // `other` shares the provider's team, `same` no longer does.
        assert_eq!(k.names("DM-DEP-004"), ["same/a-inner"]);
    }

    #[test]
    fn dep_005_too_many_providers() {
        let mut k = Kit::new();
        k.product("c");
        for i in 0..7 {
            let n = format!("p{i}");
            k.product(&n);
            k.port(&n, "out");
            k.read("c", &n, "out");
        }
        assert!(k.run("DM-DEP-005").is_empty());
        k.product("p7");
        k.port("p7", "out");
        k.read("c", "p7", "out");
        assert_eq!(k.names("DM-DEP-005"), ["c"]);
    }

    #[test]
    fn dep_006_popular_port_not_hardened() {
        let mut k = Kit::new();
        k.product("hub");
        k.port("hub", "out");
        for c in ["a", "b", "c"] {
            k.product(c);
            k.read(c, "hub", "out");
        }
        assert!(k.run("DM-DEP-006").is_empty(), "hardened");
        k.port_mut("hub", "out").service_levels.clear();
        assert_eq!(k.names("DM-DEP-006"), ["hub/out@v1"]);
    }

    #[test]
    fn dep_007_chain_too_deep() {
        let mut k = Kit::new();
        chain(&mut k, &["a", "b", "c", "d", "e", "f"]);
        assert!(k.run("DM-DEP-007").is_empty(), "five hops are allowed");
        k.product("g");
        k.port("f", "out2");
        k.read("g", "f", "out2");
        let f = k.run("DM-DEP-007");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].entity.name, "g");
        assert_eq!(f[0].evidence[0].items.len(), 7);
    }

    #[test]
    fn dep_008_orphan() {
        let mut k = Kit::new();
        chain(&mut k, &["a", "b"]);
        k.product_mut("b").archetype = Some(Archetype::ConsumerAligned);
        assert!(k.run("DM-DEP-008").is_empty());
        k.product("lonely");
        assert_eq!(k.names("DM-DEP-008"), ["lonely"]);
    }

    #[test]
    fn dep_009_root_without_lineage() {
        let mut k = Kit::new();
        k.product("src").archetype = Some(Archetype::SourceAligned);
        assert!(k.run("DM-DEP-009").is_empty());
        k.product("agg");
        assert_eq!(k.names("DM-DEP-009"), ["agg"]);
        k.product_mut("agg").tags.push("reference-data".into());
        assert!(k.run("DM-DEP-009").is_empty());
    }

    #[test]
    fn dep_010_redundant() {
        let mut k = Kit::new();
        chain(&mut k, &["a", "b", "c"]);
        assert!(k.run("DM-DEP-010").is_empty());
        k.read("c", "a", "out");
        assert_eq!(k.names("DM-DEP-010"), ["c"]);
    }

    #[test]
    fn dep_011_bypasses_source_layer() {
        let mut k = Kit::new();
        k.product("src").archetype = Some(Archetype::SourceAligned);
        k.read_source("src", "erp");
        assert!(k.run("DM-DEP-011").is_empty());
        k.product("agg");
        k.read_source("agg", "erp");
        assert_eq!(k.names("DM-DEP-011"), ["agg/erp"]);
    }

    #[test]
    fn dep_013_layering() {
        let mut k = Kit::new();
        chain(&mut k, &["a", "b"]);
        k.product_mut("a").archetype = Some(Archetype::SourceAligned);
        assert!(k.run("DM-DEP-013").is_empty());
        k.product_mut("b").archetype = Some(Archetype::SourceAligned);
        assert_eq!(k.names("DM-DEP-013"), ["b"], "source reading source");
        k.product_mut("a").archetype = Some(Archetype::ConsumerAligned);
        assert_eq!(k.names("DM-DEP-013"), ["b"]);
    }
}
