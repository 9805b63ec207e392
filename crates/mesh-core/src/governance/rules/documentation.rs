//! Documentation and naming rules: purposes and descriptions, a coverage metric, names
//! that follow the slug and Backstage rules, and display names people can tell apart.

use std::collections::BTreeMap;

use super::blank;
use crate::governance::context::Context;
use crate::governance::finding::{Category, EntityRef, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::{EntityKind, Status, Visibility};
use crate::validate;

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-DOC-001",
        name: "missing-description",
        category: Category::Documentation,
        severity: Severity::Warning,
        summary: "A product has no purpose, or a port, domain or team has no description.",
        rationale: "Consumers choose products by what they are for; an undocumented product \
                    is found by word of mouth or not at all (dbt: undocumented models).",
        fix: "Write the missing purpose or description.",
        params: &[Param {
            choices: &["product", "outputPort", "domain", "team"],
            ..param(
                "kinds",
                ParamKind::List,
                ParamDefault::List(&["product", "outputPort", "domain", "team"]),
                "Entity kinds that must be described.",
            )
        }],
        check: missing_description,
    },
    BuiltinRule {
        id: "DM-DOC-003",
        name: "documentation-coverage",
        category: Category::Documentation,
        severity: Severity::Warning,
        summary: "The share of products with a purpose and of public ports with a description \
                  is below the target.",
        rationale: "A mesh-level number to track documentation over time (dbt documentation \
                    coverage target).",
        fix: "Document the products and public ports listed by DM-DOC-001.",
        params: &[param(
            "target_percent",
            ParamKind::Number,
            ParamDefault::Num(100.0),
            "Lowest acceptable coverage, in percent.",
        )],
        check: coverage,
    },
    BuiltinRule {
        id: "DM-NAME-001",
        name: "name-format",
        category: Category::Naming,
        severity: Severity::Warning,
        summary: "A name is not a slug or breaks Backstage's `metadata.name` rules.",
        rationale: "Names end up in URNs, URLs, Backstage entities and file names; one \
                    format everywhere keeps exports loss-free.",
        fix: "Rename it to lower-case words joined by single hyphens, at most 63 characters.",
        params: &[
            param(
                "pattern",
                ParamKind::Pattern,
                ParamDefault::Text("^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$"),
                "Regular expression every name must match (Backstage's by default).",
            ),
            param(
                "max_length",
                ParamKind::Integer,
                ParamDefault::Int(63),
                "Longest name, in characters.",
            ),
        ],
        check: name_format,
    },
    BuiltinRule {
        id: "DM-NAME-002",
        name: "duplicate-display-name",
        category: Category::Naming,
        severity: Severity::Warning,
        summary: "Two products, domains or teams share a display name (ignoring case).",
        rationale: "People pick products by their display name in catalogs and the canvas; \
                    two with the same title get confused and misused.",
        fix: "Give each a display name that says how it differs.",
        params: &[],
        check: duplicate_display_names,
    },
];

fn missing_description(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    if params.has("kinds", "product") {
        for p in &cx.mesh.products {
            if blank(&p.description.purpose) {
                out.report(
                    cx.product_ref(p),
                    format!("data product {} has no purpose", p.name),
                );
            }
        }
    }
    if params.has("kinds", "outputPort") {
        for p in &cx.mesh.output_ports {
            if blank(&p.description) && p.status != Status::Retired {
                let r = cx.port_ref(p);
                let message = format!("output port {} has no description", r.name);
                out.report(r, message);
            }
        }
    }
    if params.has("kinds", "domain") {
        for d in &cx.mesh.domains {
            if blank(&d.description) {
                out.report(
                    cx.domain_ref(d),
                    format!("domain {} has no description", d.name),
                );
            }
        }
    }
    if params.has("kinds", "team") {
        for t in &cx.mesh.teams {
            if blank(&t.description) {
                out.report(
                    cx.team_ref(t),
                    format!("team {} has no description", t.name),
                );
            }
        }
    }
}

fn coverage(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let products = cx.mesh.products.len();
    let public: Vec<_> = cx
        .mesh
        .output_ports
        .iter()
        .filter(|p| p.visibility == Visibility::Public)
        .collect();
    let total = products + public.len();
    if total == 0 {
        return;
    }
    let documented = cx
        .mesh
        .products
        .iter()
        .filter(|p| !blank(&p.description.purpose))
        .count()
        + public.iter().filter(|p| !blank(&p.description)).count();
    let percent = documented as f64 * 100.0 / total as f64;
    let target = params.num("target_percent");
    if percent < target {
        out.report(
            cx.mesh_ref(),
            format!(
                "documentation coverage is {percent:.1}% ({documented} of {total} products and \
                 public ports), below the target of {target}%"
            ),
        );
    }
}

fn name_format(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    // The pattern was validated with the policy, so a failure here cannot happen; fall
    // back to the slug check alone rather than panic.
    let pattern = regex::Regex::new(params.text("pattern")).ok();
    let max = params.int("max_length");
    let mut check = |entity: EntityRef, name: &str, kind: EntityKind| {
        let problem = if name.chars().count() as u64 > max {
            Some(format!("is longer than {max} characters"))
        } else if let Err(crate::Error::Invalid { reason, .. }) =
            validate::slug(kind, name, "name", name)
        {
            Some(format!("is not a slug: it {reason}"))
        } else if pattern.as_ref().is_some_and(|p| !p.is_match(name)) {
            Some(format!("does not match {}", params.text("pattern")))
        } else {
            None
        };
        if let Some(problem) = problem {
            out.report(entity, format!("{kind} name {name:?} {problem}"));
        }
    };
    for p in &cx.mesh.products {
        check(cx.product_ref(p), &p.name, EntityKind::Product);
    }
    for d in &cx.mesh.domains {
        check(cx.domain_ref(d), &d.name, EntityKind::Domain);
    }
    for t in &cx.mesh.teams {
        check(cx.team_ref(t), &t.name, EntityKind::Team);
    }
    for p in &cx.mesh.output_ports {
        check(cx.port_ref(p), &p.name, EntityKind::OutputPort);
    }
    for ip in &cx.mesh.input_ports {
        check(cx.input_ref(ip), &ip.name, EntityKind::InputPort);
    }
    for s in &cx.mesh.source_systems {
        let r = EntityRef {
            kind: EntityKind::SourceSystem,
            id: Some(s.id),
            name: s.name.clone(),
        };
        check(r, &s.name, EntityKind::SourceSystem);
    }
}

fn duplicate_display_names(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    fn report(out: &mut Sink<'_>, kind: EntityKind, groups: BTreeMap<String, Vec<EntityRef>>) {
        for (title, mut refs) in groups {
            if refs.len() < 2 {
                continue;
            }
            refs.sort_by(|a, b| a.name.cmp(&b.name));
            let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
            let message = format!(
                "{} {}s share the display name {title:?}: {}",
                refs.len(),
                kind,
                names.join(", ")
            );
            let first = refs[0].clone();
            out.report(first, message)
                .with_evidence("same display name", refs);
        }
    }
    let key = |s: &str| s.trim().to_lowercase();
    let mut products: BTreeMap<String, Vec<EntityRef>> = BTreeMap::new();
    for p in &cx.mesh.products {
        products
            .entry(key(&p.display_name))
            .or_default()
            .push(cx.product_ref(p));
    }
    report(out, EntityKind::Product, products);
    let mut domains: BTreeMap<String, Vec<EntityRef>> = BTreeMap::new();
    for d in &cx.mesh.domains {
        domains
            .entry(key(&d.title))
            .or_default()
            .push(cx.domain_ref(d));
    }
    report(out, EntityKind::Domain, domains);
    let mut teams: BTreeMap<String, Vec<EntityRef>> = BTreeMap::new();
    for t in &cx.mesh.teams {
        teams.entry(key(&t.title)).or_default().push(cx.team_ref(t));
    }
    report(out, EntityKind::Team, teams);
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;

    #[test]
    fn doc_001_missing_description() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "out");
        assert!(k.run("DM-DOC-001").is_empty());
        k.product_mut("a").description.purpose = Some("  ".into());
        k.port_mut("a", "out").description = None;
        assert_eq!(k.names("DM-DOC-001"), ["a", "a/out@v1"]);
    }

    #[test]
    fn doc_003_coverage() {
        let mut k = Kit::new();
        k.product("a");
        k.product("b");
        assert!(k.run("DM-DOC-003").is_empty());
        k.product_mut("b").description.purpose = None;
        let f = k.run("DM-DOC-003");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("50.0%"), "{}", f[0].message);
        assert!(
            k.run_with("DM-DOC-003", serde_json::json!({"target_percent": 50}))
                .is_empty()
        );
    }

    #[test]
    fn name_001_name_format() {
        let mut k = Kit::new();
        k.product("good-name");
        assert!(k.run("DM-NAME-001").is_empty());
        k.product("Bad_Name");
        assert_eq!(k.names("DM-NAME-001"), ["Bad_Name"]);
        k.product(&"x".repeat(70));
        assert_eq!(k.run("DM-NAME-001").len(), 2);
    }

    #[test]
    fn name_002_duplicate_display_names() {
        let mut k = Kit::new();
        k.product("a").display_name = "Orders".into();
        k.product("b").display_name = "Order lines".into();
        assert!(k.run("DM-NAME-002").is_empty());
        k.product_mut("b").display_name = "orders ".into();
        assert_eq!(k.names("DM-NAME-002"), ["a"]);
    }
}
