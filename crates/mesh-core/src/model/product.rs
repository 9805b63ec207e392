//! Data products: the nodes of the mesh.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CustomProperty, Extensions, Link};

/// Lifecycle status shared by products, ports and contracts (ODPS vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Suggested, not yet being built.
    Proposed,
    /// Being written (contracts).
    Draft,
    /// Being built.
    Development,
    /// In production.
    Active,
    /// Still served, to be replaced.
    Deprecated,
    /// No longer served.
    Retired,
}

impl Status {
    /// Every status in lifecycle order.
    pub const ALL: [Status; 6] = [
        Status::Proposed,
        Status::Draft,
        Status::Development,
        Status::Active,
        Status::Deprecated,
        Status::Retired,
    ];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Draft => "draft",
            Status::Development => "development",
            Status::Active => "active",
            Status::Deprecated => "deprecated",
            Status::Retired => "retired",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where a product sits between sources and consumers (Dehghani's archetypes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Archetype {
    /// Close to an operational source system.
    SourceAligned,
    /// Combines several upstream products.
    Aggregate,
    /// Shaped for a particular use case.
    ConsumerAligned,
}

impl Archetype {
    /// Every archetype, upstream first.
    pub const ALL: [Archetype; 3] = [
        Archetype::SourceAligned,
        Archetype::Aggregate,
        Archetype::ConsumerAligned,
    ];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            Archetype::SourceAligned => "source-aligned",
            Archetype::Aggregate => "aggregate",
            Archetype::ConsumerAligned => "consumer-aligned",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<Archetype> {
        Archetype::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The three parts of an ODPS description.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProductDescription {
    /// Why the product exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// How to use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<String>,
    /// What it must not be used for, known gaps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limitations: Option<String>,
}

/// A data product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DataProduct {
    /// Stable id.
    pub id: Uuid,
    /// Slug name, unique in the mesh.
    pub name: String,
    /// Display name.
    pub display_name: String,
    /// Semantic version of the product.
    pub version: String,
    /// Purpose, usage and limitations.
    #[serde(default)]
    pub description: ProductDescription,
    /// Owning domain.
    pub domain_id: Uuid,
    /// Owning team; `None` is a governance finding, not an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_team_id: Option<Uuid>,
    /// The person accountable for the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accountable_person_id: Option<Uuid>,
    /// Lifecycle status.
    pub status: Status,
    /// Position between sources and consumers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archetype: Option<Archetype>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}

impl DataProduct {
    /// A new data product with a fresh id in `domain_id`: proposed, at version 0.1.0
    /// (not yet released), with nothing else set. Every way of creating one starts
    /// here, so they agree on these defaults.
    pub fn proposed(name: String, display_name: String, domain_id: Uuid) -> DataProduct {
        DataProduct {
            id: Uuid::new_v4(),
            name,
            display_name,
            version: "0.1.0".into(),
            description: ProductDescription::default(),
            domain_id,
            owner_team_id: None,
            accountable_person_id: None,
            status: Status::Proposed,
            archetype: None,
            tags: Vec::new(),
            links: Vec::new(),
            custom_properties: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}
