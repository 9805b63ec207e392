//! Small value types shared by several entities.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One ordered custom property, as ODPS `customProperties` holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomProperty {
    /// Property name, unique within its entity.
    pub key: String,
    /// Any JSON value.
    pub value: serde_json::Value,
    /// What the property means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Fields a format carried that the model has no place for, keyed by format name
/// (`odps`, `dpds`, `backstage`, ...), each the raw JSON fragment of the unmapped keys.
/// A `BTreeMap` keeps the order stable, so exports stay byte-identical.
pub type Extensions = BTreeMap<String, serde_json::Value>;

/// A hyperlink attached to an entity (documentation, dashboards, repositories).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Absolute URL.
    pub url: String,
    /// Human label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Free classification such as `documentation`, `dashboard`, `repository`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Where an entity sits on one canvas view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Position {
    /// The positioned entity (domain, product, ...).
    pub entity_id: Uuid,
    /// The canvas view, for example `mesh` or `domain:<uuid>`.
    pub view: String,
    /// Horizontal coordinate in canvas units.
    pub x: f64,
    /// Vertical coordinate in canvas units.
    pub y: f64,
}

/// The kinds of entity the store knows, used in errors and the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum EntityKind {
    /// The mesh's own header.
    Mesh,
    /// A person.
    Person,
    /// A team.
    Team,
    /// A domain.
    Domain,
    /// An external source system.
    SourceSystem,
    /// A data product.
    Product,
    /// An output port.
    OutputPort,
    /// An input port (a dependency).
    InputPort,
    /// A contract kept as its document.
    Contract,
    /// A canvas position.
    Position,
    /// The mesh's governance policy.
    Policy,
}

impl EntityKind {
    /// Lower-case words for messages: "output port".
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Mesh => "mesh",
            EntityKind::Person => "person",
            EntityKind::Team => "team",
            EntityKind::Domain => "domain",
            EntityKind::SourceSystem => "source system",
            EntityKind::Product => "data product",
            EntityKind::OutputPort => "output port",
            EntityKind::InputPort => "input port",
            EntityKind::Contract => "contract",
            EntityKind::Position => "position",
            EntityKind::Policy => "policy",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
