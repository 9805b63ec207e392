//! Custom rules in CEL: compiles each rule of the policy once, builds one CEL value per
//! entity (its fields plus precomputed graph facts from the [`Context`]) and evaluates
//! `when`, `assert` and the `${...}` parts of the message against it.
//!
//! A rule that does not compile, or fails while running, becomes one `DM-POLICY-002`
//! finding against the rule itself: nothing here may panic or abort a check. Graph
//! facts come from the context; authors never write graph algorithms, and this module
//! must not compute any beyond what the context offers.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use cel::common::ast::{EntryExpr, Expr, IdedEntryExpr};
use cel::common::types::{
    self, CelBool, CelDouble, CelInt, CelList, CelMap, CelMapKey, CelNull, CelString,
};
use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;
use cel::parser::Expression as IdedExpr;
use cel::{Program, Value};
use uuid::Uuid;

use crate::graph::idhash::{IdMap, id_map};

use super::context::Context;
use super::finding::{Category, EntityRef, Finding, Severity};
use super::parallel;
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

/// One problem of a custom rule, found while it is written (the desktop's policy editor
/// shows it under the field as the user types).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RuleProblem {
    /// The rule's field: `id`, `when`, `assert` or `message`.
    pub field: String,
    /// What is wrong, in one line.
    pub message: String,
}

/// Checks one custom rule without running it: its id, that `when`, `assert` and every
/// `${...}` of the message compile, and that they only name the variables its target
/// provides. Empty when the rule is fine. Checks against the rest of the policy (an id
/// used twice) are left to [`Policy::validate`](super::Policy::validate).
pub fn validate_custom_rule(rule: &CustomRule) -> Vec<RuleProblem> {
    let mut problems = Vec::new();
    let alone = super::Policy {
        custom_rules: vec![rule.clone()],
        ..Default::default()
    };
    if let Err(e) = alone.validate() {
        let field = e.field().unwrap_or("id");
        let message = match &e {
            crate::Error::Invalid { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        problems.push(RuleProblem {
            field: field.to_owned(),
            message,
        });
    }
    let known = variables(rule.target);
    let mut check = |field: &str, program: Result<Vec<Program>, String>| {
        let message = match program {
            Err(e) => e,
            Ok(programs) => {
                let mut unknown: Vec<String> = Vec::new();
                for p in &programs {
                    let bound = bound_names(p.expression());
                    for v in p.references().variables() {
                        let v = v.trim_start_matches('.');
                        if !known.contains(&v)
                            && !bound.iter().any(|b| b == v)
                            && !unknown.iter().any(|u| u == v)
                        {
                            unknown.push(v.to_owned());
                        }
                    }
                }
                if unknown.is_empty() {
                    return;
                }
                format!(
                    "unknown variable {}; target {:?} provides {}",
                    unknown.join(", "),
                    rule.target,
                    known.join(", ")
                )
            }
        };
        problems.push(RuleProblem {
            field: field.to_owned(),
            message,
        });
    };
    if let Some(w) = rule.when.as_deref().filter(|w| !w.trim().is_empty()) {
        check("when", compile(w).map(|p| vec![p]));
    }
    if !rule.assertion.trim().is_empty() {
        check("assert", compile(&rule.assertion).map(|p| vec![p]));
    }
    check(
        "message",
        template(&rule.message).map(|pieces| {
            pieces
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Expr(p) => Some(p),
                    Piece::Text(_) => None,
                })
                .collect()
        }),
    );
    problems
}

/// The names comprehensions bind (`t` in `product.tags.exists(t, t == "x")`), which are
/// not variables of the entity.
fn bound_names(e: &IdedExpr) -> Vec<String> {
    fn walk(e: &IdedExpr, out: &mut Vec<String>) {
        match &e.expr {
            Expr::Comprehension(c) => {
                out.push(c.iter_var.clone());
                out.extend(c.iter_var2.clone());
                out.push(c.accu_var.clone());
                for x in [
                    &c.iter_range,
                    &c.accu_init,
                    &c.loop_cond,
                    &c.loop_step,
                    &c.result,
                ] {
                    walk(x, out);
                }
            }
            Expr::Select(s) => walk(&s.operand, out),
            Expr::Call(c) => {
                c.target.iter().for_each(|x| walk(x, out));
                c.args.iter().for_each(|x| walk(x, out));
            }
            Expr::List(l) => l.elements.iter().for_each(|x| walk(x, out)),
            Expr::Map(m) => m.entries.iter().for_each(|x| walk_entry(x, out)),
            Expr::Struct(s) => s.entries.iter().for_each(|x| walk_entry(x, out)),
            Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
        }
    }
    fn walk_entry(e: &IdedEntryExpr, out: &mut Vec<String>) {
        match &e.expr {
            EntryExpr::MapEntry(m) => {
                walk(&m.key, out);
                walk(&m.value, out);
            }
            EntryExpr::StructField(f) => walk(&f.value, out),
        }
    }
    let mut out = Vec::new();
    walk(e, &mut out);
    out
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
}

/// Entities a rule failed on: how many, and the first one with its error.
#[derive(Default)]
struct Failures {
    count: u32,
    first: Option<(String, String)>,
}

/// Entities per chunk of work.
const CHUNK: usize = 1024;

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
            }),
            Err(e) => findings.push(broken(rule, format!("custom rule {} {e}", rule.id))),
        }
    }
    if compiled.is_empty() {
        return findings;
    }
    let mut failures: Vec<Failures> = compiled.iter().map(|_| Failures::default()).collect();
    let facts = Facts::new(cx, &compiled);
    // One standard library for all entities.
    let env = Arc::new(env());
    for target in [
        Target::Product,
        Target::OutputPort,
        Target::Domain,
        Target::Team,
        Target::Dependency,
    ] {
        let of_target: Vec<usize> = (0..compiled.len())
            .filter(|&i| compiled[i].rule.target == target)
            .collect();
        if of_target.is_empty() {
            continue;
        }
        // Entities are checked in chunks, side by side on large meshes; each chunk keeps
        // its findings and failures in entity order, and chunks are joined in order.
        let count = facts.count(target);
        let chunks: Vec<std::ops::Range<usize>> = (0..count)
            .step_by(CHUNK)
            .map(|start| start..count.min(start + CHUNK))
            .collect();
        let parallel = count >= 2 * CHUNK;
        let compiled = &compiled;
        let done = parallel::map_ordered(&chunks, parallel, |range| {
            // One root scope per chunk; each entity gets a child scope that borrows
            // its precomputed values instead of copying them in.
            let root = cel::Context::with_env(Arc::clone(&env));
            let mut findings = Vec::new();
            let mut failures: Vec<Failures> =
                of_target.iter().map(|_| Failures::default()).collect();
            facts.each(target, range.clone(), &mut |entity, vars| {
                let resolver = Vars(vars);
                let mut scope = root.new_inner_scope();
                scope.set_variable_resolver(&resolver);
                let entity = Entity {
                    make: entity,
                    made: OnceCell::new(),
                };
                for (&c, failed) in of_target.iter().zip(failures.iter_mut()) {
                    evaluate(&compiled[c], &scope, &entity, &mut findings, failed);
                }
            });
            (findings, failures)
        });
        for (chunk_findings, chunk_failures) in done {
            findings.extend(chunk_findings);
            for (&c, failed) in of_target.iter().zip(chunk_failures) {
                let total = &mut failures[c];
                total.count += failed.count;
                if total.first.is_none() {
                    total.first = failed.first;
                }
            }
        }
    }
    for (c, failed) in compiled.iter().zip(failures) {
        if let Some((entity, error)) = failed.first {
            findings.push(broken(
                c.rule,
                format!(
                    "custom rule {} failed on {} entities, first on {entity}: {error}",
                    c.rule.id, failed.count
                ),
            ));
        }
    }
    findings
}

/// CEL's standard library, with `matches` reusing compiled patterns: the standard
/// overload compiles its pattern on every call, which for a rule like
/// `product.tags.all(t, t.matches('^[a-z-]+$'))` costs more than everything else.
///
/// The overload is declared before the standard ones, so it is the one picked for a
/// `string.matches(string)` call; it gives the same results and the same errors.
fn env() -> cel::Env {
    let mut env = cel::Env::default();
    // A target of any type, so as not to collide with the standard signature; other
    // targets get the standard "no such overload" error.
    let declared = env.add_member_overload(
        "matches",
        "meshwright_cached_matches",
        types::DYN_TYPE,
        vec![types::STRING_TYPE],
        cached_matches,
    );
    debug_assert!(declared.is_ok(), "{declared:?}");
    env.with_stdlib()
}

/// Compiled patterns of `matches`, per thread; cleared when it holds many (patterns
/// built from data rather than written in the policy).
struct Patterns(HashMap<String, Result<regex::Regex, String>>);

thread_local! {
    static PATTERNS: RefCell<Patterns> = RefCell::new(Patterns(HashMap::new()));
}

fn cached_matches<'b, 'v>(
    args: Vec<CowVal<'b, 'v>>,
) -> Result<CowVal<'b, 'v>, cel::ExecutionError> {
    let (Some(this), Some(re)) = (
        args.first().and_then(|a| a.downcast_ref::<CelString<'_>>()),
        args.get(1).and_then(|a| a.downcast_ref::<CelString<'_>>()),
    ) else {
        return Err(cel::ExecutionError::no_such_member_overload(
            "matches",
            args.iter()
                .map(|a| a.as_ref().get_type().name().to_owned())
                .collect(),
        ));
    };
    let (this, re) = (this.inner(), re.inner());
    PATTERNS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.0.contains_key(re) {
            if cache.0.len() >= 256 {
                cache.0.clear();
            }
            cache.0.insert(
                re.to_owned(),
                regex::Regex::new(re).map_err(|e| e.to_string()),
            );
        }
        match &cache.0[re] {
            Ok(compiled) => Ok(CowVal::owned(CelBool::from(compiled.is_match(this)))),
            Err(err) => Err(cel::ExecutionError::FunctionError {
                function: "matches".to_string(),
                message: format!("'{re}' not a valid regex:\n{err}"),
            }),
        }
    })
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

/// The entity being checked; its reference is only made when a finding needs it.
struct Entity<'f> {
    make: &'f dyn Fn() -> EntityRef,
    made: OnceCell<EntityRef>,
}

impl Entity<'_> {
    fn get(&self) -> &EntityRef {
        self.made.get_or_init(self.make)
    }
}

fn evaluate(
    c: &Compiled<'_>,
    scope: &cel::Context<'_, '_>,
    entity: &Entity<'_>,
    findings: &mut Vec<Finding>,
    failed: &mut Failures,
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
            entity: entity.get().clone(),
            message,
            fix_hint: c.rule.fix.clone().unwrap_or_default(),
            evidence: Vec::new(),
            waived: None,
        }),
        Err(e) => {
            failed.count += 1;
            if failed.first.is_none() {
                failed.first = Some((entity.get().name.clone(), e));
            }
        }
    }
}

/// A CEL value in evaluation form, borrowing the mesh's text where it can.
type Boxed<'m> = Box<dyn Val + 'm>;

/// A map with text keys: what `Value::from(HashMap<String, Value>)` converts to, built
/// directly. Like that conversion, a repeated key keeps the last value.
fn map<'m>(entries: impl IntoIterator<Item = (&'m str, Boxed<'m>)>) -> Boxed<'m> {
    let entries = entries.into_iter();
    let mut m: HashMap<CelMapKey<'m>, Boxed<'m>> = HashMap::with_capacity(entries.size_hint().0);
    for (k, v) in entries {
        m.insert(CelMapKey::from(k), v);
    }
    Box::new(CelMap::from(m))
}

fn text(s: &str) -> Boxed<'_> {
    Box::new(CelString::from(s))
}

fn owned<'m>(s: String) -> Boxed<'m> {
    Box::new(CelString::from(s))
}

fn null<'m>() -> Boxed<'m> {
    Box::new(CelNull)
}

fn opt(s: Option<&str>) -> Boxed<'_> {
    s.map_or_else(null, text)
}

fn int<'m>(n: u32) -> Boxed<'m> {
    Box::new(CelInt::from(i64::from(n)))
}

fn flag<'m>(b: bool) -> Boxed<'m> {
    Box::new(CelBool::from(b))
}

fn float<'m>(f: f64) -> Boxed<'m> {
    Box::new(CelDouble::from(f))
}

/// A JSON value as CEL sees it; `None` only if CEL refused it.
fn json<'m>(v: &serde_json::Value) -> Option<Boxed<'m>> {
    Box::<dyn Val>::try_from(cel::to_value(v).unwrap_or(Value::Null)).ok()
}

/// Called once per entity with a maker of its reference and its CEL variables.
type Visit<'f> = dyn FnMut(&dyn Fn() -> EntityRef, &[(&'static str, &dyn Val)]) + 'f;

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
    /// By position in the mesh's products; `None` where CEL refused a value.
    products: Vec<Option<Boxed<'m>>>,
    /// By position in the mesh's output ports.
    ports: Vec<Option<Boxed<'m>>>,
    /// The fields of `dependency` values the rules read.
    dependency: Wanted,
    domains: Option<DomainCounts>,
    teams: Option<TeamCounts>,
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
        let programs = || {
            rules.iter().flat_map(|c| {
                c.when
                    .iter()
                    .chain([&c.assertion])
                    .chain(c.message.iter().filter_map(|p| match p {
                        Piece::Expr(p) => Some(p),
                        Piece::Text(_) => None,
                    }))
            })
        };
        let people = || {
            let mut people: IdMap<Uuid, &str> = id_map(cx.mesh.people.len());
            for x in &cx.mesh.people {
                // The first person with an id, as a search through the list finds.
                people.entry(x.id).or_insert(x.username.as_str());
            }
            people
        };
        // Products and ports are independent: build them side by side on large meshes.
        let parallel = cx.mesh.products.len() + cx.mesh.output_ports.len() >= 2 * CHUNK;
        let mut built = parallel::map_ordered(
            &[(0, needs_products), (1, needs_ports)],
            parallel,
            |which| match which {
                (0, true) => {
                    let want = Wanted::of(programs(), &["product", "consumer", "provider"]);
                    let people = people();
                    cx.mesh
                        .products
                        .iter()
                        .map(|p| product_value(cx, p, &people, &want, upstream, downstream))
                        .collect()
                }
                (1, true) => {
                    let want = Wanted::of(programs(), &["port"]);
                    cx.mesh
                        .output_ports
                        .iter()
                        .map(|p| Some(port_value(cx, p, &want)))
                        .collect()
                }
                _ => Vec::new(),
            },
        )
        .into_iter();
        let (products, ports) = (
            built.next().unwrap_or_default(),
            built.next().unwrap_or_default(),
        );
        Facts {
            cx,
            products,
            ports,
            dependency: Wanted::of(programs(), &["dependency"]),
            domains: targets
                .contains(&Target::Domain)
                .then(|| DomainCounts::new(cx)),
            teams: targets.contains(&Target::Team).then(|| TeamCounts::new(cx)),
        }
    }

    /// The value of the product with this id (the last one, should two share it).
    fn product(&self, id: Uuid) -> Option<&(dyn Val + 'm)> {
        let n = self.cx.graph.node(id)?;
        self.products.get(n)?.as_deref()
    }

    /// The value of the output port with this id (the last one, should two share it).
    fn port(&self, id: Uuid) -> Option<&(dyn Val + 'm)> {
        let at = self.cx.port_index(self.cx.port(id)?)?;
        self.ports.get(at)?.as_deref()
    }

    /// How many entities a target has.
    fn count(&self, target: Target) -> usize {
        let mesh = self.cx.mesh;
        match target {
            Target::Product => mesh.products.len(),
            Target::OutputPort => mesh.output_ports.len(),
            Target::Domain => mesh.domains.len(),
            Target::Team => mesh.teams.len(),
            Target::Dependency => self.cx.edges.len(),
        }
    }

    /// Visits the entities of a target in `range` (positions in their list), in order.
    fn each(&self, target: Target, range: std::ops::Range<usize>, f: &mut Visit<'_>) {
        let cx = self.cx;
        // A variable CEL refused to convert is left out: using it is a run-time error
        // reported against the rule, not a crash.
        let mut visit = |entity: &dyn Fn() -> EntityRef,
                         vars: &[(&'static str, Option<&dyn Val>)]| {
            let mut present: [(&'static str, &dyn Val); 4] = [("", &CelNull); 4];
            let mut n = 0;
            for (name, v) in vars {
                if let Some(v) = v {
                    present[n] = (name, *v);
                    n += 1;
                }
            }
            f(entity, &present[..n]);
        };
        match target {
            Target::Product => {
                for p in &cx.mesh.products[range] {
                    visit(&|| cx.product_ref(p), &[("product", self.product(p.id))]);
                }
            }
            Target::OutputPort => {
                for p in &cx.mesh.output_ports[range] {
                    visit(
                        &|| cx.port_ref(p),
                        &[
                            ("port", self.port(p.id)),
                            ("product", self.product(p.product_id)),
                        ],
                    );
                }
            }
            Target::Domain => {
                let Some(counts) = &self.domains else {
                    return;
                };
                for d in &cx.mesh.domains[range] {
                    let v = domain_value(cx, d, counts);
                    visit(&|| cx.domain_ref(d), &[("domain", Some(v.as_ref()))]);
                }
            }
            Target::Team => {
                let Some(counts) = &self.teams else {
                    return;
                };
                for t in &cx.mesh.teams[range] {
                    let v = team_value(cx, t, counts);
                    visit(&|| cx.team_ref(t), &[("team", Some(v.as_ref()))]);
                }
            }
            Target::Dependency => {
                for e in &cx.edges[range] {
                    let mut m = Fields::new(&self.dependency, 5);
                    m.add("id", || owned(e.input.id.to_string()));
                    m.add("name", || text(&e.input.name));
                    m.add("description", || opt(e.input.description.as_deref()));
                    m.add("crossDomain", || {
                        flag(e.consumer.domain_id != e.provider.domain_id)
                    });
                    m.add("crossTeam", || {
                        flag(
                            e.consumer.owner_team_id.is_none()
                                || e.consumer.owner_team_id != e.provider.owner_team_id,
                        )
                    });
                    let dependency = m.done();
                    visit(
                        &|| cx.input_ref(e.input),
                        &[
                            ("dependency", Some(dependency.as_ref())),
                            ("consumer", self.product(e.consumer.id)),
                            ("provider", self.product(e.provider.id)),
                            ("port", self.port(e.port.id)),
                        ],
                    );
                }
            }
        }
    }
}

/// The name of a domain, borrowed, or its id when the domain is missing.
fn domain_name<'m>(cx: &Context<'m>, id: Uuid) -> Boxed<'m> {
    cx.domain(id)
        .map_or_else(|| owned(id.to_string()), |d| text(&d.name))
}

/// The name of a team, borrowed, or its id when the team is missing.
fn team_name<'m>(cx: &Context<'m>, id: Uuid) -> Boxed<'m> {
    cx.team(id)
        .map_or_else(|| owned(id.to_string()), |t| text(&t.name))
}

fn product_value<'m>(
    cx: &Context<'m>,
    p: &'m DataProduct,
    people: &IdMap<Uuid, &'m str>,
    want: &Wanted,
    upstream: bool,
    downstream: bool,
) -> Option<Boxed<'m>> {
    let inputs = cx.inputs_of(p.id);
    let mut m = Fields::new(want, 24);
    m.add("id", || owned(p.id.to_string()));
    m.add("name", || text(&p.name));
    m.add("displayName", || text(&p.display_name));
    m.add("version", || text(&p.version));
    m.add("status", || text(p.status.as_str()));
    m.add("archetype", || opt(p.archetype.map(|a| a.as_str())));
    m.add("domain", || domain_name(cx, p.domain_id));
    m.add("ownerTeam", || {
        p.owner_team_id.map_or_else(null, |t| team_name(cx, t))
    });
    m.add("accountable", || {
        p.accountable_person_id
            .and_then(|a| people.get(&a))
            .map_or_else(null, |x| text(x))
    });
    m.add("purpose", || opt(p.description.purpose.as_deref()));
    m.add("usage", || opt(p.description.usage.as_deref()));
    m.add("limitations", || opt(p.description.limitations.as_deref()));
    m.add("tags", || {
        Box::new(CelList::from(
            p.tags.iter().map(|t| text(t)).collect::<Vec<_>>(),
        ))
    });
    m.add("outputPortCount", || int(cx.ports_of(p.id).len() as u32));
    m.add("inputPortCount", || int(inputs.len() as u32));
    m.add("sourceInputCount", || {
        let n = inputs
            .iter()
            .filter(|i| {
                matches!(
                    i.source,
                    crate::model::DependencySource::SourceSystem { .. }
                )
            })
            .count();
        int(n as u32)
    });
    m.add("fanIn", || int(cx.fan_in(p.id)));
    m.add("fanOut", || int(cx.fan_out(p.id)));
    m.add("depth", || int(cx.depth(p.id)));
    m.add("inCycle", || flag(cx.graph.is_in_cycle(p.id)));
    m.add("instability", || float(cx.instability(p.id)));
    if want.has("customProperties") {
        // A property CEL refuses leaves the whole product out, as converting it whole did.
        let custom: Vec<(&'m str, Boxed<'m>)> = p
            .custom_properties
            .iter()
            .map(|c| Some((c.key.as_str(), json(&c.value)?)))
            .collect::<Option<_>>()?;
        m.add("customProperties", || map(custom));
    }
    if upstream {
        m.add("upstreamCount", || int(cx.upstream_count(p.id)));
    }
    if downstream {
        m.add("downstreamCount", || int(cx.downstream_count(p.id)));
    }
    Some(m.done())
}

fn port_value<'m>(cx: &Context<'m>, p: &'m OutputPort, want: &Wanted) -> Boxed<'m> {
    let mut m = Fields::new(want, 16);
    m.add("id", || owned(p.id.to_string()));
    m.add("name", || text(&p.name));
    m.add("version", || text(&p.version));
    m.add("type", || text(p.port_type.as_str()));
    m.add("visibility", || text(p.visibility.as_str()));
    m.add("status", || text(p.status.as_str()));
    m.add("description", || opt(p.description.as_deref()));
    m.add("contract", || {
        p.contract.as_ref().map_or_else(null, |c| {
            map([
                ("id", text(&c.contract_id)),
                ("version", opt(c.version.as_deref())),
                ("status", opt(c.status.map(|s| s.as_str()))),
            ])
        })
    });
    m.add("containsPii", || flag(p.contains_pii));
    m.add("classification", || opt(p.classification.as_deref()));
    m.add("serviceLevels", || {
        map(p.service_levels.iter().map(|s| {
            (
                s.property.as_str(),
                map([("value", float(s.value)), ("unit", opt(s.unit.as_deref()))]),
            )
        }))
    });
    m.add("freshnessSeconds", || {
        super::rules::freshness_seconds(p).map_or_else(null, float)
    });
    m.add("deprecationDate", || {
        p.deprecation_date
            .map_or_else(null, |d| owned(d.to_string()))
    });
    m.add("hasSuccessor", || flag(p.successor_port_id.is_some()));
    m.add("consumerCount", || {
        let mut consumers: Vec<Uuid> = cx.readers(p.id).iter().map(|e| e.consumer.id).collect();
        consumers.sort_unstable();
        consumers.dedup();
        int(consumers.len() as u32)
    });
    m.add("product", || match cx.product(p.product_id) {
        Some(q) => text(&q.name),
        None => owned(p.product_id.to_string()),
    });
    m.done()
}

/// The fields of an entity's map that some rule may read; see [`Wanted::of`].
struct Wanted {
    all: bool,
    /// A handful of names, checked for every entity: a list beats a tree here.
    fields: Vec<String>,
}

impl Wanted {
    /// What the programs can observe of the variables `names`: when they only ever
    /// select fields of them (`product.fanIn`, `has(product.purpose)`), a map holding
    /// just those fields evaluates exactly as the whole one does, and is much cheaper
    /// to build for every entity. Any other use of a variable (passing it whole to a
    /// function, printing it, iterating it) asks for every field.
    fn of<'a>(programs: impl IntoIterator<Item = &'a Program>, names: &[&str]) -> Wanted {
        let mut wanted = Wanted {
            all: false,
            fields: Vec::new(),
        };
        for program in programs {
            if !wanted.all && !wanted.walk(program.expression(), names) {
                wanted.all = true;
            }
        }
        wanted
    }

    fn is_var(name: &str, names: &[&str]) -> bool {
        names.contains(&name.trim_start_matches('.'))
    }

    /// Records the fields `e` selects; `false` when it uses a variable otherwise.
    fn walk(&mut self, e: &IdedExpr, names: &[&str]) -> bool {
        match &e.expr {
            Expr::Select(s) => match &s.operand.expr {
                Expr::Ident(name) if Self::is_var(name, names) => {
                    if !self.fields.contains(&s.field) {
                        self.fields.push(s.field.clone());
                    }
                    true
                }
                _ => self.walk(&s.operand, names),
            },
            Expr::Ident(name) => !Self::is_var(name, names),
            Expr::Call(c) => {
                c.target.iter().all(|t| self.walk(t, names))
                    && c.args.iter().all(|a| self.walk(a, names))
            }
            Expr::Comprehension(c) => [
                &c.iter_range,
                &c.accu_init,
                &c.loop_cond,
                &c.loop_step,
                &c.result,
            ]
            .into_iter()
            .all(|x| self.walk(x, names)),
            Expr::List(l) => l.elements.iter().all(|x| self.walk(x, names)),
            Expr::Map(m) => m.entries.iter().all(|x| self.walk_entry(x, names)),
            Expr::Struct(s) => s.entries.iter().all(|x| self.walk_entry(x, names)),
            Expr::Literal(_) | Expr::Unspecified => true,
        }
    }

    fn walk_entry(&mut self, e: &IdedEntryExpr, names: &[&str]) -> bool {
        match &e.expr {
            EntryExpr::MapEntry(m) => self.walk(&m.key, names) && self.walk(&m.value, names),
            EntryExpr::StructField(f) => self.walk(&f.value, names),
        }
    }

    fn has(&self, field: &str) -> bool {
        self.all || self.fields.iter().any(|f| f == field)
    }
}

/// The entries of an entity's map, keeping only the wanted ones.
struct Fields<'w, 'm> {
    want: &'w Wanted,
    entries: Vec<(&'static str, Boxed<'m>)>,
}

impl<'w, 'm> Fields<'w, 'm> {
    fn new(want: &'w Wanted, capacity: usize) -> Self {
        Fields {
            want,
            entries: Vec::with_capacity(if want.all {
                capacity
            } else {
                want.fields.len()
            }),
        }
    }

    fn add(&mut self, key: &'static str, value: impl FnOnce() -> Boxed<'m>) {
        if self.want.has(key) {
            self.entries.push((key, value()));
        }
    }

    fn done(self) -> Boxed<'m> {
        map(self.entries)
    }
}

/// Per-domain counts for `domain` values, in one pass over the products and the
/// domain graph.
struct DomainCounts {
    products: IdMap<Uuid, u32>,
    /// Provider domains, consumer domains and dependencies to other domains.
    edges: IdMap<Uuid, (u32, u32, usize)>,
}

impl DomainCounts {
    fn new(cx: &Context<'_>) -> Self {
        let mut products: IdMap<Uuid, u32> = id_map(cx.mesh.domains.len());
        for p in &cx.mesh.products {
            *products.entry(p.domain_id).or_default() += 1;
        }
        let mut edges: IdMap<Uuid, (u32, u32, usize)> = id_map(cx.mesh.domains.len());
        for e in &cx.domain_graph().edges {
            let consumer = edges.entry(e.consumer).or_default();
            consumer.0 += 1;
            consumer.2 += e.dependencies;
            edges.entry(e.provider).or_default().1 += 1;
        }
        DomainCounts { products, edges }
    }
}

fn domain_value<'m>(cx: &Context<'m>, d: &'m Domain, counts: &DomainCounts) -> Boxed<'m> {
    let (providers, consumers, crossing) = counts.edges.get(&d.id).copied().unwrap_or_default();
    let products = counts.products.get(&d.id).copied().unwrap_or(0);
    map([
        ("id", owned(d.id.to_string())),
        ("name", text(&d.name)),
        ("title", text(&d.title)),
        ("description", opt(d.description.as_deref())),
        (
            "ownerTeam",
            d.owner_team_id.map_or_else(null, |t| team_name(cx, t)),
        ),
        (
            "parent",
            d.parent_id.map_or_else(null, |p| domain_name(cx, p)),
        ),
        ("productCount", int(products)),
        ("providerDomainCount", int(providers)),
        ("consumerDomainCount", int(consumers)),
        ("crossDomainDependencies", int(crossing as u32)),
    ])
}

/// Per-team counts for `team` values, in one pass over the products and domains.
struct TeamCounts {
    /// Products owned and the distinct domains they are in.
    products: IdMap<Uuid, (u32, Vec<Uuid>)>,
    domains: IdMap<Uuid, u32>,
}

impl TeamCounts {
    fn new(cx: &Context<'_>) -> Self {
        let mut products: IdMap<Uuid, (u32, Vec<Uuid>)> = id_map(cx.mesh.teams.len());
        for p in &cx.mesh.products {
            if let Some(t) = p.owner_team_id {
                let entry = products.entry(t).or_default();
                entry.0 += 1;
                entry.1.push(p.domain_id);
            }
        }
        for (_, domains) in products.values_mut() {
            domains.sort_unstable();
            domains.dedup();
        }
        let mut domains: IdMap<Uuid, u32> = id_map(cx.mesh.teams.len());
        for d in &cx.mesh.domains {
            if let Some(t) = d.owner_team_id {
                *domains.entry(t).or_default() += 1;
            }
        }
        TeamCounts { products, domains }
    }
}

fn team_value<'m>(_: &Context<'m>, t: &'m Team, counts: &TeamCounts) -> Boxed<'m> {
    let (owned_products, product_domains) = counts
        .products
        .get(&t.id)
        .map_or((0, 0), |(n, d)| (*n, d.len() as u32));
    let owned_domains = counts.domains.get(&t.id).copied().unwrap_or(0);
    map([
        ("id", owned(t.id.to_string())),
        ("name", text(&t.name)),
        ("title", text(&t.title)),
        ("description", opt(t.description.as_deref())),
        ("email", opt(t.email.as_deref())),
        ("memberCount", int(t.members.len() as u32)),
        ("productCount", int(owned_products)),
        ("productDomainCount", int(product_domains)),
        ("ownedDomainCount", int(owned_domains)),
    ])
}
