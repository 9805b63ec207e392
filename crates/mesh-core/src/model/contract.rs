//! Data contracts kept as the documents they came as: a contract imported on its own
//! (an ODCS file no output port names, a Data Contract Specification file) is held
//! whole, listed in the app, attachable to an output port, and exported again as it
//! came.
//!
//! Data only: reading the documents is `manifests::import`'s job, writing them
//! `manifests::contracts`'.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The standard a kept contract document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ContractFormat {
    /// Bitol Open Data Contract Standard (`kind: DataContract`).
    Odcs,
    /// Data Contract Specification (`dataContractSpecification: 0.9` to `1.2`), the
    /// format datacontract-cli wrote before ODCS.
    Dcs,
}

impl ContractFormat {
    /// Every format.
    pub const ALL: [ContractFormat; 2] = [ContractFormat::Odcs, ContractFormat::Dcs];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            ContractFormat::Odcs => "odcs",
            ContractFormat::Dcs => "dcs",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<ContractFormat> {
        ContractFormat::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A contract document kept whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    /// Stable id.
    pub id: Uuid,
    /// The document's own `id`.
    pub contract_id: String,
    /// The document's name or title, for lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The document's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The standard the document follows.
    pub format: ContractFormat,
    /// The output port the contract belongs to; `None` while unattached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_port_id: Option<Uuid>,
    /// The whole document as it was read.
    pub document: serde_json::Value,
}
