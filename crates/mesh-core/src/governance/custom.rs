//! Custom rules in CEL: compiles each rule of the policy once, builds one CEL value per
//! entity (its fields plus precomputed graph facts from the [`Context`]) and evaluates
//! `when`, `assert` and the `${...}` parts of the message against it.
//!
//! A rule that does not compile, or fails while running, becomes one `DM-POLICY-002`
//! finding against the rule itself: nothing here may panic or abort a check. Graph
//! facts come from the context; authors never write graph algorithms, and this module
//! must not compute any beyond what the context offers.

use std::collections::{BTreeSet, HashMap};

use std::sync::Arc;

use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;
use cel::{Program, Value};

use super::context::Context;
use super::finding::{Category, EntityRef, Finding, Severity};
use super::policy::{CustomRule, Target};
use super::rules::BROKEN_CUSTOM_RULE;
use crate::model::{DataProduct, Domain, EntityKind, OutputPort, Team};

/// The variables each target provides, for docs and error messages.
pub fn variables(target: Target) -> &'static [&'static str] {
    match target {
        Target::Product => &["product"],
        Target::OutputPort => &["port", "product"],
        Target::Domain => &["domain"],
        Target::Team => &["team"],
        Target::Dependency => &["dependency", "consumer", "provider", "port"],
    }
}

/// A message template: literal text and `${expr}` parts.
enum Piece {
    Text(String),
    Expr(Program),
}

struct Compiled<'p> {
    rule: &'p CustomRule,
    severity: Severity,
    when: Option<Program>,
    assertion: Program,
    message: Vec<Piece>,
    failures: u32,
    first_error: Option<(String, String)>,
}

fn rule_ref(rule: &CustomRule) -> EntityRef {
    EntityRef {
        kind: EntityKind::Policy,
        id: None,
        name: rule.id.clone(),
    }
}

fn broken(rule: &CustomRule, message: String) -> Finding {
    Finding {
        rule_id: BROKEN_CUSTOM_RULE.to_owned(),
        category: Category::Policy,
        severity: Severity::Error,
        entity: rule_ref(rule),
        message,
        fix_hint: format!(
            "Correct the CEL of {}; target {:?} provides {}.",
            rule.id,
            rule.target,
            variables(rule.target).join(", ")
        ),
        evidence: Vec::new(),
        waived: None,
    }
}

fn compile(src: &str) -> Result<Program, String> {
    Program::compile(src).map_err(|e| one_line(&e.to_string()))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn template(src: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = src;
    while let Some(start) = rest.find("${") {
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_owned()));
        }
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| "message has `${` without a closing `}`".to_owned())?;
        pieces.push(Piece::Expr(compile(&after[..end])?));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
    }
    Ok(pieces)
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Float(f) => format!("{f}"),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::List(items) => {
            let shown: Vec<String> = items.iter().map(show).collect();
            format!("[{}]", shown.join(", "))
        }
        other => format!("{other:?}"),
    }
}

/// Runs the enabled custom rules (each with its effective severity) over the mesh.
pub(crate) fn run(cx: &Context<'_>, rules: &[(&CustomRule, Severity)]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut compiled = Vec::new();
    for &(rule, severity) in rules {
        let parts = (|| -> Result<_, String> {
            let when = match &rule.when {
                Some(w) if !w.trim().is_empty() => {
                    Some(compile(w).map_err(|e| format!("`when` does not compile: {e}"))?)
                }
                _ => None,
            };
            let assertion =
                compile(&rule.assertion).map_err(|e| format!("`assert` does not compile: {e}"))?;
            let message = template(&rule.message).map_err(|e| format!("`message`: {e}"))?;
            Ok((when, assertion, message))
        })();
        match parts {
            Ok((when, assertion, message)) => compiled.push(Compiled {
                rule,
                severity,
                when,
                assertion,
                message,
                failures: 0,
                first_error: None,
            }),
            Err(e) => findings.push(broken(rule, format!("custom rule {} {e}", rule.id))),
        }
    }
    if compiled.is_empty() {
        return findings;
    }
    let facts = Facts::new(cx, &compiled);
    // One standard library for all entities; each entity gets a fresh context that
    // borrows its precomputed values instead of copying them in.
    let env = Arc::new(cel::Env::stdlib());
    for target in [
        Target::Product,
        Target::OutputPort,
        Target::Domain,
        Target::Team,
        Target::Dependency,
    ] {
        let mut of_target: Vec<&mut Compiled<'_>> = compiled
            .iter_mut()
            .filter(|c| c.rule.target == target)
            .collect();
        if of_target.is_empty() {
            continue;
        }
        facts.each(target, &mut |entity, vars| {
            let resolver = Vars(vars);
            let mut scope = cel::Context::with_env(Arc::clone(&env));
            scope.set_variable_resolver(&resolver);
            for c in of_target.iter_mut() {
                evaluate(c, &scope, &entity, &mut findings);
            }
        });
    }
    for c in compiled {
        if let Some((entity, error)) = c.first_error {
            findings.push(broken(
                c.rule,
                format!(
                    "custom rule {} failed on {} entities, first on {entity}: {error}",
                    c.rule.id, c.failures
                ),
            ));
        }
    }
    findings
}

fn boolean(program: &Program, scope: &cel::Context<'_, '_>, part: &str) -> Result<bool, String> {
    match program.execute(scope) {
        Ok(Value::Bool(b)) => Ok(b),
        Ok(other) => Err(format!(
            "`{part}` must be true or false, not {}",
            show(&other)
        )),
        Err(e) => Err(format!("`{part}`: {}", one_line(&e.to_string()))),
    }
}

fn evaluate(
    c: &mut Compiled<'_>,
    scope: &cel::Context<'_, '_>,
    entity: &EntityRef,
    findings: &mut Vec<Finding>,
) {
    let result = (|| -> Result<Option<String>, String> {
        if let Some(when) = &c.when
            && !boolean(when, scope, "when")?
        {
            return Ok(None);
        }
        if boolean(&c.assertion, scope, "assert")? {
            return Ok(None);
        }
        let mut message = String::new();
        for piece in &c.message {
            match piece {
                Piece::Text(t) => message.push_str(t),
                Piece::Expr(p) => match p.execute(scope) {
                    Ok(v) => message.push_str(&show(&v)),
                    Err(e) => return Err(format!("`message`: {}", one_line(&e.to_string()))),
                },
            }
        }
        Ok(Some(message))
    })();
    match result {
        Ok(None) => {}
        Ok(Some(message)) => findings.push(Finding {
            rule_id: c.rule.id.clone(),
            category: c.rule.category.unwrap_or(Category::Custom),
            severity: c.severity,
            entity: entity.clone(),
            message,
            fix_hint: c.rule.fix.clone().unwrap_or_default(),
            evidence: Vec::new(),
            waived: None,
        }),
        Err(e) => {
            c.failures += 1;
            if c.first_error.is_none() {
                c.first_error = Some((entity.name.clone(), e));
            }
        }
    }
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    let m: HashMap<String, Value> = entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    Value::from(m)
}

fn opt(s: Option<&str>) -> Value {
    s.map_or(Value::Null, Value::from)
}

fn int(n: u32) -> Value {
    Value::Int(i64::from(n))
}

fn json(v: &serde_json::Value) -> Value {
    cel::to_value(v).unwrap_or(Value::Null)
}

/// Called once per entity with its reference and its CEL variables.
type Visit<'f> = dyn FnMut(EntityRef, &[(&'static str, &dyn Val)]) + 'f;

/// A value converted once into CEL's evaluation form; `None` only if CEL refused it.
type Boxed = Option<Box<dyn Val>>;

fn boxed(v: Value) -> Boxed {
    Box::<dyn Val>::try_from(v).ok()
}

/// The variables of one entity, borrowed from the precomputed values.
struct Vars<'a, 'v>(&'a [(&'static str, &'v dyn Val)]);

impl VariableResolver for Vars<'_, '_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        self.0
            .iter()
            .find(|(name, _)| *name == variable)
            .map(|(_, v)| CowVal::Borrowed(*v))
    }
}

/// Per-entity CEL values, built once and shared by every rule of a target.
struct Facts<'c, 'm> {
    cx: &'c Context<'m>,
    products: HashMap<uuid::Uuid, Boxed>,
    ports: HashMap<uuid::Uuid, Boxed>,
}

impl<'c, 'm> Facts<'c, 'm> {
    fn new(cx: &'c Context<'m>, rules: &[Compiled<'_>]) -> Self {
        let mentions = |word: &str| {
            rules.iter().any(|c| {
                let r = c.rule;
                r.assertion.contains(word)
                    || r.message.contains(word)
                    || r.when.as_deref().is_some_and(|w| w.contains(word))
            })
        };
        // Reach counts cost a traversal per product; build them only when asked for.
        let (upstream, downstream) = (mentions("upstreamCount"), mentions("downstreamCount"));
        let targets: BTreeSet<Target> = rules.iter().map(|c| c.rule.target).collect();
        let needs_products = targets
            .iter()
            .any(|t| matches!(t, Target::Product | Target::OutputPort | Target::Dependency));
        let needs_ports = targets
            .iter()
            .any(|t| matches!(t, Target::OutputPort | Target::Dependency));
        let products = if needs_products {
            cx.mesh
                .products
                .iter()
                .map(|p| (p.id, boxed(product_value(cx, p, upstream, downstream))))
                .collect()
        } else {
            HashMap::new()
        };
        let ports = if needs_ports {
            cx.mesh
                .output_ports
                .iter()
                .map(|p| (p.id, boxed(port_value(cx, p))))
                .collect()
        } else {
            HashMap::new()
        };
        Facts {
            cx,
            products,
            ports,
        }
    }

    fn each(&self, target: Target, f: &mut Visit<'_>) {
        fn get(m: &HashMap<uuid::Uuid, Boxed>, id: uuid::Uuid) -> Option<&dyn Val> {
            m.get(&id).and_then(|b| b.as_deref())
        }
        let cx = self.cx;
        // A variable CEL refused to convert is left out: using it is a run-time error
        // reported against the rule, not a crash.
        let mut visit = |entity: EntityRef, vars: &[(&'static str, Option<&dyn Val>)]| {
            let present: Vec<(&'static str, &dyn Val)> =
                vars.iter().filter_map(|(n, v)| Some((*n, (*v)?))).collect();
            f(entity, &present);
        };
        match target {
            Target::Product => {
                for p in &cx.mesh.products {
                    visit(cx.product_ref(p), &[("product", get(&self.products, p.id))]);
                }
            }
            Target::OutputPort => {
                for p in &cx.mesh.output_ports {
                    visit(
                        cx.port_ref(p),
                        &[
                            ("port", get(&self.ports, p.id)),
                            ("product", get(&self.products, p.product_id)),
                        ],
                    );
                }
            }
            Target::Domain => {
                let dg = cx.graph.domain_graph();
                for d in &cx.mesh.domains {
                    let v = boxed(domain_value(cx, d, &dg));
                    visit(cx.domain_ref(d), &[("domain", v.as_deref())]);
                }
            }
            Target::Team => {
                for t in &cx.mesh.teams {
                    let v = boxed(team_value(cx, t));
                    visit(cx.team_ref(t), &[("team", v.as_deref())]);
                }
            }
            Target::Dependency => {
                for e in &cx.edges {
                    let dependency = boxed(map(vec![
                        ("id", Value::from(e.input.id.to_string())),
                        ("name", Value::from(e.input.name.clone())),
                        ("description", opt(e.input.description.as_deref())),
                        (
                            "crossDomain",
                            Value::Bool(e.consumer.domain_id != e.provider.domain_id),
                        ),
                        (
                            "crossTeam",
                            Value::Bool(
                                e.consumer.owner_team_id.is_none()
                                    || e.consumer.owner_team_id != e.provider.owner_team_id,
                            ),
                        ),
                    ]));
                    visit(
                        cx.input_ref(e.input),
                        &[
                            ("dependency", dependency.as_deref()),
                            ("consumer", get(&self.products, e.consumer.id)),
                            ("provider", get(&self.products, e.provider.id)),
                            ("port", get(&self.ports, e.port.id)),
                        ],
                    );
                }
            }
        }
    }
}

fn product_value(cx: &Context<'_>, p: &DataProduct, upstream: bool, downstream: bool) -> Value {
    let inputs = cx.inputs_of(p.id);
    let source_inputs = inputs
        .iter()
        .filter(|i| {
            matches!(
                i.source,
                crate::model::DependencySource::SourceSystem { .. }
            )
        })
        .count();
    let mut entries = vec![
        ("id", Value::from(p.id.to_string())),
        ("name", Value::from(p.name.clone())),
        ("displayName", Value::from(p.display_name.clone())),
        ("version", Value::from(p.version.clone())),
        ("status", Value::from(p.status.as_str())),
        ("archetype", opt(p.archetype.map(|a| a.as_str()))),
        ("domain", Value::from(cx.domain_name(p.domain_id))),
        (
            "ownerTeam",
            p.owner_team_id
                .map_or(Value::Null, |t| Value::from(cx.team_name(t))),
        ),
        (
            "accountable",
            p.accountable_person_id
                .and_then(|a| cx.mesh.people.iter().find(|x| x.id == a))
                .map_or(Value::Null, |x| Value::from(x.username.clone())),
        ),
        ("purpose", opt(p.description.purpose.as_deref())),
        ("usage", opt(p.description.usage.as_deref())),
        ("limitations", opt(p.description.limitations.as_deref())),
        ("tags", Value::from(p.tags.clone())),
        ("outputPortCount", int(cx.ports_of(p.id).len() as u32)),
        ("inputPortCount", int(inputs.len() as u32)),
        ("sourceInputCount", int(source_inputs as u32)),
        ("fanIn", int(cx.fan_in(p.id))),
        ("fanOut", int(cx.fan_out(p.id))),
        ("depth", int(cx.depth(p.id))),
        ("inCycle", Value::Bool(cx.graph.is_in_cycle(p.id))),
        ("instability", Value::Float(cx.instability(p.id))),
        (
            "customProperties",
            map(p
                .custom_properties
                .iter()
                .map(|c| (c.key.as_str(), json(&c.value)))
                .collect()),
        ),
    ];
    if upstream {
        entries.push(("upstreamCount", int(cx.upstream_count(p.id))));
    }
    if downstream {
        entries.push(("downstreamCount", int(cx.downstream_count(p.id))));
    }
    map(entries)
}

fn port_value(cx: &Context<'_>, p: &OutputPort) -> Value {
    let consumers: BTreeSet<uuid::Uuid> = cx.readers(p.id).iter().map(|e| e.consumer.id).collect();
    let service_levels = map(p
        .service_levels
        .iter()
        .map(|s| {
            (
                s.property.as_str(),
                map(vec![
                    ("value", Value::Float(s.value)),
                    ("unit", opt(s.unit.as_deref())),
                ]),
            )
        })
        .collect());
    let contract = p.contract.as_ref().map_or(Value::Null, |c| {
        map(vec![
            ("id", Value::from(c.contract_id.clone())),
            ("version", opt(c.version.as_deref())),
            ("status", opt(c.status.map(|s| s.as_str()))),
        ])
    });
    map(vec![
        ("id", Value::from(p.id.to_string())),
        ("name", Value::from(p.name.clone())),
        ("version", Value::from(p.version.clone())),
        ("type", Value::from(p.port_type.as_str())),
        ("visibility", Value::from(p.visibility.as_str())),
        ("status", Value::from(p.status.as_str())),
        ("description", opt(p.description.as_deref())),
        ("contract", contract),
        ("containsPii", Value::Bool(p.contains_pii)),
        ("classification", opt(p.classification.as_deref())),
        ("serviceLevels", service_levels),
        (
            "freshnessSeconds",
            super::rules::freshness_seconds(p).map_or(Value::Null, Value::Float),
        ),
        (
            "deprecationDate",
            p.deprecation_date
                .map_or(Value::Null, |d| Value::from(d.to_string())),
        ),
        ("hasSuccessor", Value::Bool(p.successor_port_id.is_some())),
        ("consumerCount", int(consumers.len() as u32)),
        ("product", Value::from(cx.product_name(p.product_id))),
    ])
}

fn domain_value(cx: &Context<'_>, d: &Domain, dg: &crate::graph::DomainGraph) -> Value {
    let providers = dg.edges.iter().filter(|e| e.consumer == d.id).count();
    let consumers = dg.edges.iter().filter(|e| e.provider == d.id).count();
    let crossing: usize = dg
        .edges
        .iter()
        .filter(|e| e.consumer == d.id)
        .map(|e| e.dependencies)
        .sum();
    let products = cx
        .mesh
        .products
        .iter()
        .filter(|p| p.domain_id == d.id)
        .count();
    map(vec![
        ("id", Value::from(d.id.to_string())),
        ("name", Value::from(d.name.clone())),
        ("title", Value::from(d.title.clone())),
        ("description", opt(d.description.as_deref())),
        (
            "ownerTeam",
            d.owner_team_id
                .map_or(Value::Null, |t| Value::from(cx.team_name(t))),
        ),
        (
            "parent",
            d.parent_id
                .map_or(Value::Null, |p| Value::from(cx.domain_name(p))),
        ),
        ("productCount", int(products as u32)),
        ("providerDomainCount", int(providers as u32)),
        ("consumerDomainCount", int(consumers as u32)),
        ("crossDomainDependencies", int(crossing as u32)),
    ])
}

fn team_value(cx: &Context<'_>, t: &Team) -> Value {
    let owned: Vec<&DataProduct> = cx
        .mesh
        .products
        .iter()
        .filter(|p| p.owner_team_id == Some(t.id))
        .collect();
    let domains: BTreeSet<uuid::Uuid> = owned.iter().map(|p| p.domain_id).collect();
    let owned_domains = cx
        .mesh
        .domains
        .iter()
        .filter(|d| d.owner_team_id == Some(t.id))
        .count();
    map(vec![
        ("id", Value::from(t.id.to_string())),
        ("name", Value::from(t.name.clone())),
        ("title", Value::from(t.title.clone())),
        ("description", opt(t.description.as_deref())),
        ("email", opt(t.email.as_deref())),
        ("memberCount", int(t.members.len() as u32)),
        ("productCount", int(owned.len() as u32)),
        ("productDomainCount", int(domains.len() as u32)),
        ("ownedDomainCount", int(owned_domains as u32)),
    ])
}
