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
                ParamDefault::Text(DEFAULT_NAME_PATTERN),
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

/// Backstage's `metadata.name` rule, the default pattern of DM-NAME-001.
const DEFAULT_NAME_PATTERN: &str = "^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$";

/// Whether `name` is a slug `validate::slug` accepts, checked byte by byte: at most
/// [`validate::MAX_NAME`] characters, a lower-case letter first, then lower-case
/// letters, digits and single hyphens, not ending with a hyphen. Such a name also
/// matches [`DEFAULT_NAME_PATTERN`]. `false` only means "check it the slow way".
fn plain_slug(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() || b.len() > validate::MAX_NAME || !b[0].is_ascii_lowercase() {
        return false;
    }
    let mut previous_hyphen = false;
    for &c in b {
        if c == b'-' {
            if previous_hyphen {
                return false;
            }
            previous_hyphen = true;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            previous_hyphen = false;
        } else {
            return false;
        }
    }
    !previous_hyphen
}

fn name_format(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    // The pattern was validated with the policy, so a failure here cannot happen; fall
    // back to the slug check alone rather than panic.
    let pattern = regex::Regex::new(params.text("pattern")).ok();
    let max = params.int("max_length");
    // Most names are plain slugs: those pass `validate::slug` and, when the pattern is
    // the default one (which every slug matches), the pattern too, so they are let
    // through without running either.
    let default_pattern = params.text("pattern") == DEFAULT_NAME_PATTERN;
    // The finding's message, when the name has a problem; the entity reference is only
    // built for names that do.
    let problem = |name: &str, kind: EntityKind| -> Option<String> {
        if default_pattern && (name.len() as u64) <= max && plain_slug(name) {
            return None;
        }
        let problem = if name.chars().count() as u64 > max {
            format!("is longer than {max} characters")
        } else if let Err(crate::Error::Invalid { reason, .. }) =
            validate::slug(kind, name, "name", name)
        {
            format!("is not a slug: it {reason}")
        } else if pattern.as_ref().is_some_and(|p| !p.is_match(name)) {
            format!("does not match {}", params.text("pattern"))
        } else {
            return None;
        };
        Some(format!("{kind} name {name:?} {problem}"))
    };
    for p in &cx.mesh.products {
        if let Some(m) = problem(&p.name, EntityKind::Product) {
            out.report(cx.product_ref(p), m);
        }
    }
    for d in &cx.mesh.domains {
        if let Some(m) = problem(&d.name, EntityKind::Domain) {
            out.report(cx.domain_ref(d), m);
        }
    }
    for t in &cx.mesh.teams {
        if let Some(m) = problem(&t.name, EntityKind::Team) {
            out.report(cx.team_ref(t), m);
        }
    }
    for p in &cx.mesh.output_ports {
        if let Some(m) = problem(&p.name, EntityKind::OutputPort) {
            out.report(cx.port_ref(p), m);
        }
    }
    for ip in &cx.mesh.input_ports {
        if let Some(m) = problem(&ip.name, EntityKind::InputPort) {
            out.report(cx.input_ref(ip), m);
        }
    }
    for s in &cx.mesh.source_systems {
        if let Some(m) = problem(&s.name, EntityKind::SourceSystem) {
            let r = EntityRef {
                kind: EntityKind::SourceSystem,
                id: Some(s.id),
                name: s.name.clone(),
            };
            out.report(r, m);
        }
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
    // Thousands of products, few of them sharing a title: group by sorting the keys and
    // build references for the shared ones only (in product order, as a map would).
    let mut keyed: Vec<(String, usize)> = cx
        .mesh
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| (key(&p.display_name), i))
        .collect();
    keyed.sort_unstable();
    let mut products: BTreeMap<String, Vec<EntityRef>> = BTreeMap::new();
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        if group.len() >= 2 {
            products.insert(
                group[0].0.clone(),
                group
                    .iter()
                    .map(|(_, i)| cx.product_ref(&cx.mesh.products[*i]))
                    .collect(),
            );
        }
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
