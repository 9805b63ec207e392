//! SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers: rule metadata in
//! `tool.driver.rules`, one result per finding with a logical location naming the
//! entity and a physical one: the mesh file, or the manifest that declares the entity
//! with the line and column of the field concerned, so code scanning annotates the
//! line of a pull request.
//!
//! Files under the base folder get URIs relative to `%SRCROOT%` (declared in
//! `originalUriBaseIds`), which code scanning resolves against the repository; others
//! get absolute `file://` URIs. A path is never written as a URI beginning with a slash,
//! a relative reference validators refuse.
//!
//! Formatting only. Waived findings are kept, with an external suppression carrying
//! the waiver's reason, as SARIF intends.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use super::{Place, Placed, fingerprint, message_with_evidence};
use crate::governance::{Finding, RuleDoc, Severity};

/// The base id relative artifact URIs resolve against.
const SRCROOT: &str = "%SRCROOT%";

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

/// Percent-encodes what a relative URI path may not hold as is (RFC 3986 unreserved
/// characters and `/` stay; a `:` would read as a scheme).
fn encode(path: &str) -> String {
    encode_keeping(path, b"/")
}

fn encode_keeping(path: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An absolute path as a `file://` URI (`file:///C:/x` on Windows).
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    // After `file://` a `:` cannot be a scheme, and a drive letter keeps it.
    format!("file://{}", encode_keeping(&text, b"/:"))
}

/// A folder's `file://` URI, which ends with a slash so relative URIs resolve inside it.
fn folder_uri(path: &Path) -> String {
    let uri = file_uri(path);
    if uri.ends_with('/') { uri } else { uri + "/" }
}

/// The artifact location of `path`: relative to `%SRCROOT%` under the base, else an
/// absolute `file://` URI.
fn artifact(placed: &Placed<'_>, path: &Path) -> Value {
    match placed.relative(path) {
        Some(rel) => json!({ "uri": encode(&rel), "uriBaseId": SRCROOT }),
        None => json!({ "uri": file_uri(&super::absolute(&placed.base, path)) }),
    }
}

fn result(f: &Finding, rule_index: Option<usize>, place: Option<(&Place, usize, Value)>) -> Value {
    let fq = format!("{}:{}", f.entity.kind, f.entity.name);
    let mut location = json!({
        "logicalLocations": [{
            "name": f.entity.name,
            "fullyQualifiedName": fq,
            "kind": f.entity.kind.label(),
        }]
    });
    let field = place.as_ref().and_then(|(p, ..)| p.field.clone());
    if let Some((place, index, mut artifact)) = place {
        artifact["index"] = json!(index);
        let mut physical = json!({ "artifactLocation": artifact });
        if let Some(line) = place.line {
            let mut region = json!({ "startLine": line });
            if let Some(column) = place.column {
                region["startColumn"] = json!(column);
            }
            physical["region"] = region;
        }
        location["physicalLocation"] = physical;
    }
    let mut r = json!({
        "ruleId": f.rule_id,
        "level": level(f.severity),
        "message": { "text": message_with_evidence(f) },
        "locations": [location],
        "partialFingerprints": { "meshwrightFinding/v1": fingerprint(f).to_string() },
        "properties": {
            "category": f.category.label(),
            "entityKind": f.entity.kind,
            "fix": f.fix_hint,
        },
    });
    if let Some(field) = field {
        r["properties"]["field"] = json!(field);
    }
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

/// Renders the report as a SARIF 2.1.0 log.
pub fn sarif(placed: &Placed<'_>) -> Value {
    let report = placed.report;
    let mut rules: Vec<&RuleDoc> = report.rules.iter().collect();
    // Findings of a rule the policy disabled cannot occur, but a rule id unknown to the
    // list would still be valid SARIF without an index.
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    // Each file once in `artifacts`, in path order; results point at it by index.
    let mut files: BTreeMap<&Path, usize> = BTreeMap::new();
    for place in placed.places.iter().flatten() {
        files.insert(&place.path, 0);
    }
    let mut locations = Vec::with_capacity(files.len());
    for (i, (path, index)) in files.iter_mut().enumerate() {
        *index = i;
        locations.push(artifact(placed, path));
    }
    let results: Vec<Value> = placed
        .iter()
        .map(|(f, place)| {
            let place = place.map(|p| {
                let index = files[p.path.as_path()];
                (p, index, locations[index].clone())
            });
            result(f, rules.iter().position(|r| r.id == f.rule_id), place)
        })
        .collect();
    let artifacts: Vec<Value> = locations
        .into_iter()
        .map(|location| json!({ "location": location }))
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
            "originalUriBaseIds": {
                SRCROOT: { "uri": folder_uri(&placed.base) },
            },
            "artifacts": artifacts,
            "results": results,
            "properties": { "mesh": report.mesh },
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_and_absolute_ones_are_file_uris() {
        assert_eq!(encode("a b/ü.yaml"), "a%20b/%C3%BC.yaml");
        assert_eq!(
            file_uri(Path::new("/tmp/x y.mesh")),
            "file:///tmp/x%20y.mesh"
        );
        assert_eq!(folder_uri(Path::new("/")), "file:///");
        assert_eq!(folder_uri(Path::new("/work/repo")), "file:///work/repo/");
        assert_eq!(file_uri(Path::new("C:\\m\\x.mesh")), "file:///C:/m/x.mesh");
    }
}
