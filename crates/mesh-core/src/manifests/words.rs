//! The words the standards leave free and what they mean in the model: an ODCS
//! `status` of `Development`, `in development` or `current`, an ODPS port `type` of
//! `tables`, a product `type` of `source-aligned`, a version written `v1.0.0`.
//!
//! The importers read these with the functions here (case-insensitively, spaces,
//! hyphens and underscores alike) and keep the document's own text in the format's
//! extension bag, under the field's key, whenever the model's word would not write it
//! back the same way; `null` there means the document left the field out. The
//! exporters write that text back with [`spelled`] for as long as it still means what
//! the model holds, so a re-export writes what the file said, and an edit in the app
//! (another status) writes the model's word instead.
//!
//! It must not know any format's layout: `odps.rs`, `odcs.rs` and `import/` do that.

use serde_json::Value;

use crate::model::{Archetype, Extensions, PortType, Status};

/// `In Development` → `in development`: lower case, `-` and `_` as spaces, one space
/// between words.
fn normal(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The status a free lifecycle word means, if it is one the standards and the tools
/// writing them use; `None` for any other word.
pub fn status(text: &str) -> Option<Status> {
    Some(match normal(text).as_str() {
        "proposed" | "proposal" | "planned" | "requested" | "idea" | "candidate" => {
            Status::Proposed
        }
        "draft" | "in draft" | "drafting" => Status::Draft,
        "development" | "in development" | "under development" | "developing" | "dev"
        | "in progress" | "experimental" | "alpha" | "beta" | "preview" | "pilot" | "testing"
        | "test" | "acceptance" => Status::Development,
        "active"
        | "production"
        | "prod"
        | "in production"
        | "current"
        | "live"
        | "released"
        | "published"
        | "stable"
        | "approved"
        | "ga"
        | "generally available" => Status::Active,
        "deprecated" | "deprecating" | "sunset" | "sunsetting" | "superseded" => Status::Deprecated,
        "retired" | "decommissioned" | "archived" | "inactive" | "end of life" | "eol"
        | "obsolete" | "removed" | "withdrawn" | "discontinued" => Status::Retired,
        _ => return None,
    })
}

/// The status a lifecycle word means, `default` for a word none of [`status`] knows
/// (the text is kept, so nothing is lost).
pub fn status_or(text: &str, default: Status) -> Status {
    status(text).unwrap_or(default)
}

/// A port type; the plural and streaming words the Bitol examples use map to their
/// kind, anything else is `other`.
pub fn port_type(text: Option<&str>) -> PortType {
    match text.map(normal).as_deref() {
        Some("table" | "tables" | "view" | "views") => PortType::Table,
        Some("stream" | "streams" | "topic" | "topics" | "kafka") => PortType::Stream,
        Some("api" | "apis" | "rest") => PortType::Api,
        Some("file" | "files") => PortType::File,
        _ => PortType::Other,
    }
}

/// The archetype an ODPS product `type` means (`sourceAligned`, `source-aligned`,
/// `Source Aligned`, ...); `None` for a custom type.
pub fn archetype(text: &str) -> Option<Archetype> {
    match normal(text).replace(' ', "").as_str() {
        "sourcealigned" => Some(Archetype::SourceAligned),
        "aggregate" | "aggregated" => Some(Archetype::Aggregate),
        "consumeraligned" => Some(Archetype::ConsumerAligned),
        _ => None,
    }
}

/// A product version as the model holds it: a missing one is `0.0.0`, `v1.0.0` is
/// `1.0.0` (the model holds semantic versions, and validation names anything else).
pub fn semantic(version: Option<&str>) -> String {
    match version {
        None => PRODUCT_VERSION.into(),
        Some(v) => match v.strip_prefix('v') {
            Some(rest) if semver::Version::parse(rest).is_ok() => rest.to_owned(),
            _ => v.to_owned(),
        },
    }
}

/// The version a product without one gets.
pub const PRODUCT_VERSION: &str = "0.0.0";

/// The version an ODPS output port without one gets.
pub const PORT_VERSION: &str = "1.0.0";

/// The bag key holding the order a document listed its ports in (model ids), when it
/// is not the order the exporter writes: `{"outputPorts": [...], "inputPorts": [...]}`.
pub const ORDER: &str = "x-meshwright-order";

/// `items` in the order an import kept under [`ORDER`]`.list`: the listed ones first,
/// as listed, then any others (added since) in their own order.
pub fn in_kept_order<'a, T>(
    items: &[&'a T],
    extensions: &Extensions,
    format: &str,
    list: &str,
    id: impl Fn(&T) -> uuid::Uuid,
) -> Vec<&'a T> {
    let Some(Value::Array(order)) = kept(extensions, format, ORDER).and_then(|o| o.get(list))
    else {
        return items.to_vec();
    };
    let rank: std::collections::HashMap<String, usize> = order
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((v.as_str()?.to_owned(), i)))
        .collect();
    let mut out = items.to_vec();
    // Stable: unlisted items keep their order after the listed ones.
    out.sort_by_key(|item| {
        rank.get(&id(item).to_string())
            .copied()
            .unwrap_or(usize::MAX)
    });
    out
}

/// Whether `name` is what an import made of `written`: its slug, or the slug with the
/// `-2`, `-3`... that keeps names unique within a product.
pub fn named_from(written: &str, name: &str) -> bool {
    let slug = crate::manifests::import::slugify(written);
    name == slug
        || name
            .strip_prefix(slug.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

/// A scalar as text: files write versions and free values as YAML numbers or booleans
/// (`version: 2.0`, DataHub's string-typed `properties`). `None` for lists and mappings.
pub fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What an import kept of `key` in `format`'s bag: the document's own text, or null
/// when the document had no such field.
pub fn kept<'a>(extensions: &'a Extensions, format: &str, key: &str) -> Option<&'a Value> {
    extensions.get(format)?.get(key)
}

/// The text to write for a field the model normalises: the kept original while
/// `means` says it still stands for the model's value, else the model's word. `None`
/// when the document had no such field and the model still holds the default it got.
pub fn spelled(
    kept: Option<&Value>,
    current: &str,
    default: Option<&str>,
    means: impl Fn(&str) -> bool,
) -> Option<String> {
    match kept {
        Some(Value::String(text)) if means(text) => Some(text.clone()),
        Some(Value::Null) if default == Some(current) => None,
        _ => Some(current.to_owned()),
    }
}

/// The bag entry an import keeps for a field read as `text` and held as `word`: the
/// text when the model's word would not write it back the same way, null when the
/// document had no such field (and the model holds a default), else nothing.
pub fn keep(text: Option<&str>, word: &str) -> Option<Value> {
    match text {
        None => Some(Value::Null),
        Some(t) if t != word => Some(Value::from(t)),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_map_case_insensitively() {
        for (text, want) in [
            ("Development", Status::Development),
            ("in development", Status::Development),
            ("In-Development", Status::Development),
            ("production", Status::Active),
            ("current", Status::Active),
            ("ACTIVE", Status::Active),
            ("draft", Status::Draft),
            ("Deprecated", Status::Deprecated),
            ("retired", Status::Retired),
            ("end_of_life", Status::Retired),
        ] {
            assert_eq!(status(text), Some(want), "{text}");
        }
        assert_eq!(status("someday"), None);
        assert_eq!(status_or("someday", Status::Active), Status::Active);
        assert_eq!(archetype("Source-Aligned"), Some(Archetype::SourceAligned));
        assert_eq!(
            archetype("consumerAligned"),
            Some(Archetype::ConsumerAligned)
        );
        assert_eq!(archetype("platform"), None);
        assert_eq!(port_type(Some("Tables")), PortType::Table);
        assert_eq!(port_type(Some("dashboard")), PortType::Other);
    }

    #[test]
    fn the_original_is_written_while_it_means_the_model_value() {
        let text = Value::from("in development");
        let dev = |t: &str| status(t) == Some(Status::Development);
        assert_eq!(
            spelled(Some(&text), "development", None, dev).as_deref(),
            Some("in development")
        );
        let active = |t: &str| status(t) == Some(Status::Active);
        assert_eq!(
            spelled(Some(&text), "active", None, active).as_deref(),
            Some("active")
        );
        let absent = Value::Null;
        assert_eq!(
            spelled(Some(&absent), "0.0.0", Some("0.0.0"), |_| true),
            None
        );
        assert_eq!(
            spelled(Some(&absent), "1.2.0", Some("0.0.0"), |_| true).as_deref(),
            Some("1.2.0")
        );
        assert_eq!(keep(Some("active"), "active"), None);
        assert_eq!(keep(Some("Active"), "active"), Some(Value::from("Active")));
        assert_eq!(keep(None, "0.0.0"), Some(Value::Null));
    }
}
