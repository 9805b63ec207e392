//! The DataHub data product file as `manifests::datahub` writes it and
//! `import::datahub` reads it, and the JSON records Meshwright writes into its
//! `properties` for each port (`port.<name>.<version>`, `input.<name>`).
//!
//! `owners` and `institutional_memory` are values here: the importer compares them
//! whole with what the exporter would write and keeps them as written, so it checks
//! their shape itself.
//!
//! It must not say what a key means in the model; the exporter and importer do.

use serde_json::{Map, Value};

use super::{Item, Model, document};
use crate::model::{ContractRef, CustomProperty, ServiceLevel};

document! {
    /// A data product file.
    pub struct DataProduct / DataProductKeys {
        /// `urn:li:dataProduct:<product>`, or a bare id.
        id: String = "id" [required],
        /// `urn:li:domain:<domain>`, or a bare name.
        domain: String = "domain",
        /// The title.
        display_name: String = "display_name",
        /// The purpose.
        description: String = "description",
        /// Dataset urns.
        assets: Vec<Item<String>> = "assets",
        /// The dataset urns of the output ports.
        output_ports: Vec<Item<String>> = "output_ports",
        /// Owners: urns, or mappings of `id` and `type`.
        owners: Value = "owners",
        /// Tag urns, or bare ids.
        tags: Vec<Item<String>> = "tags",
        /// Links: `{elements: [{url, description}]}`.
        memory: Value = "institutional_memory",
        /// A string map, sorted by key.
        properties: Map<String, Value> = "properties",
    }
}

document! {
    /// One entry of `owners` given as a mapping.
    pub struct Owner / OwnerKeys {
        /// A `urn:li:corpGroup:` or `urn:li:corpuser:` urn, or a username.
        id: String = "id" [required],
        /// The ownership type (`TECHNICAL_OWNER`...).
        kind: String = "type" [required],
    }
}

document! {
    /// `institutional_memory`.
    pub struct Memory / MemoryKeys {
        /// The links.
        elements: Vec<Item<Value>> = "elements",
    }
}

document! {
    /// One element of `institutional_memory`.
    pub struct Element / ElementKeys {
        /// The link's URL.
        url: String = "url" [required],
        /// Its title (required by DataHub).
        description: String = "description" [required],
    }
}

document! {
    /// A `port.<name>.<version>` property's record: an output port's facts DataHub has
    /// no field for.
    pub struct PortRecord / PortRecordKeys {
        /// Its id.
        id: String = "id",
        /// Its dataset urn.
        dataset: String = "dataset",
        /// Port type.
        port_type: String = "type",
        /// Its description.
        description: String = "description",
        /// Status.
        status: String = "status",
        /// Visibility.
        visibility: String = "visibility",
        /// Whether it holds personal data.
        contains_pii: bool = "containsPii",
        /// Classification.
        classification: String = "classification",
        /// Its contract.
        contract: Model<ContractRef> = "contract",
        /// Service levels.
        service_levels: Model<Vec<ServiceLevel>> = "serviceLevels",
        /// Deprecation date (`2026-12-31`).
        deprecation_date: String = "deprecationDate",
        /// The successor's dataset urn.
        successor: String = "successor",
        /// Custom properties.
        custom_properties: Model<Vec<CustomProperty>> = "customProperties",
        /// The port's `datahub` bag.
        extensions: Map<String, Value> = "extensions",
    }
}

document! {
    /// An `input.<name>` property's record: an input port and its provider.
    pub struct InputRecord / InputRecordKeys {
        /// Its id.
        id: String = "id",
        /// Its description.
        description: String = "description",
        /// The provider's dataset urn.
        dataset: String = "dataset",
        /// The provider's id, when the mesh lacks it.
        port_id: String = "portId",
        /// The source system read, whole.
        source_system: Value = "sourceSystem",
        /// The source system's id, when the mesh lacks it.
        source_system_id: String = "sourceSystemId",
        /// A provider reference no port answers; the importer reads no provider in it
        /// and keeps it as written.
        unresolved: Value = "unresolved",
        /// Custom properties.
        custom_properties: Model<Vec<CustomProperty>> = "customProperties",
        /// The input's `datahub` bag; one of another type is ignored.
        extensions: Value = "extensions",
    }
}
