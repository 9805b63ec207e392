//! Output ports, input ports (dependencies) and external source systems.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ContractBody, CustomProperty, Extensions, Status};

/// The technical shape of an output port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum PortType {
    /// A table or view.
    Table,
    /// An event stream or topic.
    Stream,
    /// A request/response API.
    Api,
    /// Files in object storage.
    File,
    /// Anything else.
    Other,
}

impl PortType {
    /// Every port type.
    pub const ALL: [PortType; 5] = [
        PortType::Table,
        PortType::Stream,
        PortType::Api,
        PortType::File,
        PortType::Other,
    ];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            PortType::Table => "table",
            PortType::Stream => "stream",
            PortType::Api => "api",
            PortType::File => "file",
            PortType::Other => "other",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<PortType> {
        PortType::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Who may consume an output port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Only the owning product's team.
    Private,
    /// Products of the same domain.
    Domain,
    /// Everyone in the mesh.
    Public,
}

impl Visibility {
    /// Every visibility, narrowest first.
    pub const ALL: [Visibility; 3] = [Visibility::Private, Visibility::Domain, Visibility::Public];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Domain => "domain",
            Visibility::Public => "public",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A reference to the data contract (ODCS) behind an output port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ContractRef {
    /// The contract's id.
    pub contract_id: String,
    /// The contract's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The contract's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// One promised service level, in ODCS vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ServiceLevel {
    /// `freshness`, `availability`, `latency`, `retention`, `errorRate`, ...
    pub property: String,
    /// The promised value.
    pub value: f64,
    /// Unit of the value: `h`, `min`, `%`, `ms`, `d`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A port through which a product serves data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OutputPort {
    /// Stable id.
    pub id: Uuid,
    /// The product serving this port.
    pub product_id: Uuid,
    /// Slug name; (name, version) is unique within the product.
    pub name: String,
    /// Port version, such as `1.0.0` or `v2`.
    pub version: String,
    /// Technical shape.
    #[serde(rename = "type")]
    pub port_type: PortType,
    /// What the port serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who may consume it.
    pub visibility: Visibility,
    /// Lifecycle status.
    pub status: Status,
    /// The data contract behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractRef>,
    /// Whether it serves personal data.
    #[serde(default)]
    pub contains_pii: bool,
    /// Data classification such as `internal`, `confidential`, `restricted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// Promised service levels.
    #[serde(default)]
    pub service_levels: Vec<ServiceLevel>,
    /// What the contract says about the data: schema, quality rules, servers, terms of
    /// use. Empty until described; kept when the port has no contract reference, so
    /// removing the reference and adding it back loses nothing.
    #[serde(default)]
    pub contract_body: ContractBody,
    /// When a deprecated port stops being served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation_date: Option<NaiveDate>,
    /// The port consumers should move to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_port_id: Option<Uuid>,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}

impl OutputPort {
    /// A new output port with a fresh id on `product_id`: a public table, proposed, at
    /// version 1.0.0, with no contract. Every way of creating one starts here.
    pub fn proposed(product_id: Uuid, name: String) -> OutputPort {
        OutputPort {
            id: Uuid::new_v4(),
            product_id,
            name,
            version: "1.0.0".into(),
            port_type: PortType::Table,
            description: None,
            visibility: Visibility::Public,
            status: Status::Proposed,
            contract: None,
            contains_pii: false,
            classification: None,
            service_levels: Vec::new(),
            contract_body: ContractBody::default(),
            deprecation_date: None,
            successor_port_id: None,
            custom_properties: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

/// Where an input port reads from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DependencySource {
    /// Another product's output port: an edge of the mesh graph.
    #[serde(rename_all = "camelCase")]
    OutputPort {
        /// The provider's port.
        port_id: Uuid,
    },
    /// A system outside the mesh.
    #[serde(rename_all = "camelCase")]
    SourceSystem {
        /// The source system.
        source_system_id: Uuid,
    },
    /// A provider an import named but could not find (a contract, product or API held
    /// in another repository): the reference is kept verbatim, drawn as a dangling
    /// reference, reported by governance, and resolved when a later import brings the
    /// provider. It is no edge of the mesh graph.
    #[serde(rename_all = "camelCase")]
    Unresolved {
        /// The reference as the manifest wrote it: a contract id, `product/port`, a DPDS
        /// fully qualified name or a Backstage entity reference.
        reference: String,
    },
}

impl DependencySource {
    /// The provider's output port, when the input reads one.
    pub fn port_id(&self) -> Option<Uuid> {
        match self {
            DependencySource::OutputPort { port_id } => Some(*port_id),
            _ => None,
        }
    }

    /// The unresolved reference, when the provider is not known.
    pub fn unresolved(&self) -> Option<&str> {
        match self {
            DependencySource::Unresolved { reference } => Some(reference),
            _ => None,
        }
    }
}

/// A product's declared input: a dependency on a port or on a source system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InputPort {
    /// Stable id.
    pub id: Uuid,
    /// The consuming product.
    pub product_id: Uuid,
    /// Slug name, unique within the product.
    pub name: String,
    /// What is read and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The provider.
    pub source: DependencySource,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}

/// An operational system outside the mesh that source-aligned products read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SourceSystem {
    /// Stable id.
    pub id: Uuid,
    /// Slug name, unique in the mesh.
    pub name: String,
    /// What the system is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Kind of system: `erp`, `crm`, `postgres`, `saas`, ...
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub system_type: Option<String>,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}
