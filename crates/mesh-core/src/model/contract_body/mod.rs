//! The substance of an output port's data contract: its schema (objects and their
//! properties, with their quality rules), the servers the data lives on and the terms of
//! use, with the field names of ODCS v3.1 so that each field maps to the key of the same
//! name in the contract document.
//!
//! ODCS 3.1 has no contract-level list of quality rules: rules sit on schema objects and
//! on properties, and so they do here. Keys of a contract the model has no field for
//! (`id`, `tags`, `authoritativeDefinitions`, `relationships`, ...) are kept in each
//! item's `extra` map, so an imported contract is written back with all of them.
//!
//! Data only: what a valid body is, is `crate::validate`'s call, how it is written to and
//! read from an ODCS document `manifests`'. It must not know any other format.

mod quality;
mod schema;
mod server;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use quality::{QualityRule, QualityType};
pub use schema::{LogicalType, SchemaObject, SchemaProperty};
pub use server::Server;

/// Keys of a contract's item the model has no field for, as written, by name: a
/// `BTreeMap`, so the order (and so an export) stays the same whatever order they came in.
pub type Unmapped = BTreeMap<String, serde_json::Value>;

/// What an output port's contract promises about its data, beyond its id and status
/// (`ContractRef`) and service levels: empty until someone describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ContractBody {
    /// The objects served (tables, topics, files), ODCS `schema`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema: Vec<SchemaObject>,
    /// Where the data lives, ODCS `servers`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// How the data may be used, ODCS `description`.
    #[serde(default, skip_serializing_if = "UsageTerms::is_empty")]
    pub terms: UsageTerms,
}

impl ContractBody {
    /// Whether the body says nothing (as a port without a described contract has). An
    /// empty body serializes as `{}`, which imports read as "not given".
    pub fn is_empty(&self) -> bool {
        self.schema.is_empty() && self.servers.is_empty() && self.terms.is_empty()
    }
}

/// The terms of use of a contract's data, ODCS `description`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UsageTerms {
    /// What the data is for; `None` when the port's own description says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// How it is meant to be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<String>,
    /// What it must not be used for, and its known gaps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limitations: Option<String>,
    /// The description's other keys (`authoritativeDefinitions`, `customProperties`).
    #[serde(default, skip_serializing_if = "Unmapped::is_empty")]
    pub extra: Unmapped,
}

impl UsageTerms {
    /// Whether no term is given.
    pub fn is_empty(&self) -> bool {
        self.purpose.is_none()
            && self.usage.is_none()
            && self.limitations.is_none()
            && self.extra.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_body_serializes_as_an_empty_object() {
        let body = ContractBody::default();
        assert!(body.is_empty());
        assert_eq!(serde_json::to_string(&body).unwrap(), "{}");
        let back: ContractBody = serde_json::from_str("{}").unwrap();
        assert_eq!(back, body);
    }
}
