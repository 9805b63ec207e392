//! SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers: rule metadata in
//! `tool.driver.rules`, one result per finding with a logical location naming the
//! entity, and the mesh file as the artifact (entities have no lines in a file).
//!
//! Formatting only. Waived findings are kept, with an external suppression carrying
//! the waiver's reason, as SARIF intends.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::governance::{Finding, Report, RuleDoc, Severity};

/// Namespace of result fingerprints: fixed so fingerprints stay stable across runs.
const FINGERPRINT_NS: Uuid = Uuid::from_u128(0x6d65_7368_7772_6967_6874_5f73_6172_6966);

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(doc: &RuleDoc) -> Value {
    let mut help = format!("{}\n\nFix: {}", doc.rationale, doc.fix_hint);
    if !doc.params.is_empty() {
        help.push_str("\n\nParameters:");
        for p in &doc.params {
            help.push_str(&format!(
                "\n- {} = {} (default {}): {}",
                p.name, p.value, p.default, p.description
            ));
        }
    }
    json!({
        "id": doc.id,
        "name": doc.name,
        "shortDescription": { "text": doc.summary },
        "fullDescription": { "text": if doc.rationale.is_empty() { &doc.summary } else { &doc.rationale } },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(doc.severity), "enabled": doc.enabled },
        "properties": {
            "category": doc.category.label(),
            "tags": ["governance", doc.category.label()],
            "custom": doc.custom,
        },
    })
}

fn result(f: &Finding, rule_index: Option<usize>, artifact: &str) -> Value {
    let fq = format!("{}:{}", f.entity.kind, f.entity.name);
    let fingerprint = Uuid::new_v5(
        &FINGERPRINT_NS,
        format!("{}|{}|{}", f.rule_id, fq, f.message).as_bytes(),
    );
    let mut text = f.message.clone();
    if !text.ends_with('.') {
        text.push('.');
    }
    for e in &f.evidence {
        if !e.items.is_empty() {
            let names: Vec<&str> = e.items.iter().map(|i| i.name.as_str()).collect();
            text.push_str(&format!(" {}: {}.", e.label, names.join(", ")));
        }
    }
    let mut r = json!({
        "ruleId": f.rule_id,
        "level": level(f.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": artifact, "index": 0 }
            },
            "logicalLocations": [{
                "name": f.entity.name,
                "fullyQualifiedName": fq,
                "kind": f.entity.kind.label(),
            }]
        }],
        "partialFingerprints": { "meshwrightFinding/v1": fingerprint.to_string() },
        "properties": {
            "category": f.category.label(),
            "entityKind": f.entity.kind,
            "fix": f.fix_hint,
        },
    });
    if let Some(id) = f.entity.id {
        r["properties"]["entityId"] = json!(id.to_string());
    }
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(reason) = &f.waived {
        r["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
    }
    r
}

/// Renders the report as a SARIF 2.1.0 log; `artifact` is the mesh file's URI or path
/// as the consumer should show it (relative to the repository root for GitHub).
pub fn sarif(report: &Report, artifact: &str) -> Value {
    let mut rules: Vec<&RuleDoc> = report.rules.iter().collect();
    // Findings of a rule the policy disabled cannot occur, but a rule id unknown to the
    // list would still be valid SARIF without an index.
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(f, rules.iter().position(|r| r.id == f.rule_id), artifact))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "meshwright",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/meshwright/meshwright",
                    "rules": rules.iter().map(|r| rule(r)).collect::<Vec<_>>(),
                }
            },
            "artifacts": [{ "location": { "uri": artifact } }],
            "results": results,
            "properties": { "mesh": report.mesh },
        }]
    })
}
