//! The engine: runs every enabled rule of a policy over one mesh snapshot, applies
//! severity overrides and waivers, reports expired and unused waivers, and sorts the
//! findings (severity, rule, entity name) so the same input always gives the same
//! report.
//!
//! It must not read the store or the clock: the caller passes the mesh, the policy and
//! the date that counts as today.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::context::Context;
use super::custom;
use super::finding::{Category, EntityRef, Finding, Report, Severity};
use super::parallel;
use super::policy::{CustomRule, Policy};
use super::rule::{BuiltinRule, Params, RuleDoc, Sink};
use super::rules::{self, EXPIRED_WAIVER, UNUSED_WAIVER};
use crate::error::{Error, Result};
use crate::model::{EntityKind, Mesh};

/// Meshes from this many products and ports up are checked on several threads; below,
/// starting threads costs more than it saves.
pub(crate) const PARALLEL_FROM: usize = 2_000;

/// Runs one built-in rule with resolved parameters.
pub(crate) fn run_rule(
    cx: &Context<'_>,
    rule: &BuiltinRule,
    params: &Params,
    severity: Severity,
) -> Vec<Finding> {
    let mut sink = Sink::new(rule, severity);
    (rule.check)(cx, params, &mut sink);
    sink.findings
}

/// Every built-in and custom rule with the policy's settings applied, sorted by id.
pub fn catalog(policy: &Policy) -> Result<Vec<RuleDoc>> {
    let empty = BTreeMap::new();
    let mut docs = Vec::new();
    for rule in rules::all() {
        let config = policy.rule(rule.id);
        let params = rule
            .resolve(config.map_or(&empty, |c| &c.params))
            .map_err(|why| Error::invalid(EntityKind::Policy, rule.id, "params", why))?;
        docs.push(rule.doc(
            config.and_then(|c| c.severity).unwrap_or(rule.severity),
            config.and_then(|c| c.enabled).unwrap_or(true),
            &params,
        ));
    }
    for c in &policy.custom_rules {
        let config = policy.rule(&c.id);
        docs.push(RuleDoc {
            id: c.id.clone(),
            name: c.name.clone().unwrap_or_else(|| c.id.to_lowercase()),
            category: c.category.unwrap_or(Category::Custom),
            default_severity: c.severity,
            severity: config.and_then(|x| x.severity).unwrap_or(c.severity),
            enabled: config.and_then(|x| x.enabled).unwrap_or(true),
            summary: c
                .description
                .clone()
                .unwrap_or_else(|| format!("Custom rule on every {:?}: {}", c.target, c.assertion)),
            rationale: c.description.clone().unwrap_or_default(),
            fix_hint: c.fix.clone().unwrap_or_default(),
            params: Vec::new(),
            custom: true,
        });
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(docs)
}

/// Checks `mesh` against `policy` as of `today`.
pub fn check(mesh: &Mesh, policy: &Policy, today: NaiveDate) -> Result<Report> {
    check_against(mesh, None, policy, today)
}

/// Checks `mesh` against `policy` as of `today`, comparing its contracts with those of
/// `baseline`, an older version of the same mesh, when one is given (without one, the
/// rules that compare report nothing).
pub fn check_against(
    mesh: &Mesh,
    baseline: Option<&Mesh>,
    policy: &Policy,
    today: NaiveDate,
) -> Result<Report> {
    policy.validate()?;
    let docs = catalog(policy)?;
    let mut cx = Context::new(mesh, today);
    cx.baseline = baseline;
    let empty = BTreeMap::new();
    let mut findings = Vec::new();
    let by_id: HashMap<&str, &RuleDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut jobs = Vec::new();
    for rule in rules::all() {
        let Some(doc) = by_id.get(rule.id).filter(|d| d.enabled) else {
            continue;
        };
        let params = rule
            .resolve(policy.rule(rule.id).map_or(&empty, |c| &c.params))
            .map_err(|why| Error::invalid(EntityKind::Policy, rule.id, "params", why))?;
        jobs.push((rule, params, doc.severity));
    }
    // Rules are independent: run them side by side, keeping their order.
    let parallel = mesh.products.len() + mesh.output_ports.len() >= PARALLEL_FROM;
    for rule_findings in parallel::map_ordered(&jobs, parallel, |(rule, params, severity)| {
        run_rule(&cx, rule, params, *severity)
    }) {
        findings.extend(rule_findings);
    }
    let custom: Vec<(&CustomRule, Severity)> = policy
        .custom_rules
        .iter()
        .filter_map(|c| {
            let doc = by_id.get(c.id.as_str()).filter(|d| d.enabled)?;
            Some((c, doc.severity))
        })
        .collect();
    findings.extend(custom::run(&cx, &custom));
    // Findings of the policy's own rules (broken custom rules) obey their settings too.
    // Findings come in runs of one rule: look each rule up once per run.
    let mut last: Option<(String, Option<&RuleDoc>)> = None;
    findings.retain_mut(|f| {
        let doc = match &last {
            Some((id, doc)) if *id == f.rule_id => *doc,
            _ => {
                let doc = by_id.get(f.rule_id.as_str()).copied();
                last = Some((f.rule_id.clone(), doc));
                doc
            }
        };
        match doc {
            Some(doc) if doc.enabled => {
                if !doc.custom && doc.category == Category::Policy {
                    f.severity = doc.severity;
                }
                true
            }
            _ => false,
        }
    });
    apply_waivers(&mut findings, policy, today, &by_id);
    sort_findings(&mut findings);
    let summary = Report::summarise(&findings);
    Ok(Report {
        mesh: mesh.info.name.clone(),
        rules: docs.into_iter().filter(|d| d.enabled).collect(),
        findings,
        summary,
    })
}

/// Sorts findings by [`Finding::sort_key`], stably, without comparing rule ids string
/// by string: each distinct rule id is ranked once, and findings are sorted through a
/// small key array before being moved into place.
fn sort_findings(findings: &mut Vec<Finding>) {
    let mut ids: Vec<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut last: Option<(&str, u32)> = None;
    let mut keys: Vec<(Severity, u32, u32)> = Vec::with_capacity(findings.len());
    for (i, f) in findings.iter().enumerate() {
        let rank = match last {
            Some((id, rank)) if id == f.rule_id => rank,
            _ => {
                let rank = ids.binary_search(&f.rule_id.as_str()).unwrap_or(0) as u32;
                last = Some((f.rule_id.as_str(), rank));
                rank
            }
        };
        keys.push((f.severity, rank, i as u32));
    }
    // The index last makes the order total, hence the same as a stable sort.
    keys.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| {
                // Same severity and rule: the rest of `Finding::sort_key`.
                let (fa, fb) = (&findings[a.2 as usize], &findings[b.2 as usize]);
                (&fa.entity.name, &fa.message).cmp(&(&fb.entity.name, &fb.message))
            })
            .then(a.2.cmp(&b.2))
    });
    let mut slots: Vec<Option<Finding>> = std::mem::take(findings).into_iter().map(Some).collect();
    findings.extend(
        keys.iter()
            .filter_map(|&(_, _, i)| slots[i as usize].take()),
    );
}

fn apply_waivers(
    findings: &mut Vec<Finding>,
    policy: &Policy,
    today: NaiveDate,
    docs: &HashMap<&str, &RuleDoc>,
) {
    let mut extra = Vec::new();
    for w in &policy.waivers {
        let expired = w.expires.is_some_and(|d| d < today);
        let mut matched: Option<EntityRef> = None;
        for f in findings.iter_mut() {
            if f.rule_id != w.rule {
                continue;
            }
            let same_entity = f.entity.name == w.entity
                || f.entity.id.is_some_and(|id| id.to_string() == w.entity);
            if !same_entity {
                continue;
            }
            matched.get_or_insert_with(|| f.entity.clone());
            if !expired && f.waived.is_none() {
                f.waived = Some(w.reason.clone());
            }
        }
        let entity = matched.clone().unwrap_or_else(|| EntityRef {
            kind: EntityKind::Policy,
            id: None,
            name: w.entity.clone(),
        });
        let (rule_id, message) = if expired {
            (
                EXPIRED_WAIVER,
                format!(
                    "the waiver of {} for {} expired on {} and no longer applies (reason was: {})",
                    w.rule,
                    w.entity,
                    w.expires.map_or_else(String::new, |d| d.to_string()),
                    w.reason
                ),
            )
        } else if matched.is_none() {
            (
                UNUSED_WAIVER,
                format!(
                    "the waiver of {} for {} matches no finding",
                    w.rule, w.entity
                ),
            )
        } else {
            continue;
        };
        let Some(doc) = docs.get(rule_id).filter(|d| d.enabled) else {
            continue;
        };
        extra.push(Finding {
            rule_id: rule_id.to_owned(),
            category: Category::Policy,
            severity: doc.severity,
            entity,
            message,
            fix_hint: doc.fix_hint.clone(),
            evidence: Vec::new(),
            waived: None,
        });
    }
    findings.extend(extra);
}
