//! The Bitol ODPS product document (v1.1.0, and v1.0.0, whose keys are a subset in the
//! same order) as `manifests::odps` writes it and `import::odps` reads it, in the order
//! keys are written. Its custom properties, team, support channels and links are the
//! shared Bitol pieces of [`super::bitol`].
//!
//! `support` and `team` are values here: the importer compares the support channels
//! whole, and a team may be the bare list of members of ODPS v0.9.
//!
//! It must not say what a key means in the model; the exporter and importer do.

use serde_json::Value;

use super::bitol::{Link, Property};
use super::{Entry, Item, document};

document! {
    /// A data product.
    pub struct Product / ProductKeys {
        /// `v1.1.0` or `v1.0.0`.
        api_version: Value = "apiVersion",
        /// `DataProduct`.
        kind: Value = "kind",
        /// The product's id: a UUID, or any text another tool gave.
        id: String = "id" [required],
        /// Its display name.
        name: String = "name",
        /// Its version.
        version: String = "version",
        /// Its status, a free word.
        status: String = "status",
        /// `true` for a deprecated product (v1.1.0).
        deprecated: bool = "deprecated",
        /// Its domain's slug.
        domain: String = "domain",
        /// Its archetype, a free word (v1.1.0).
        product_type: String = "type",
        /// The mesh's namespace.
        tenant: String = "tenant",
        /// Its links.
        links: Vec<Entry<Link>> = "authoritativeDefinitions",
        /// Its purpose, limitations and usage.
        description: Description = "description",
        /// Meshwright's fields, then the product's own custom properties.
        custom_properties: Vec<Entry<Property>> = "customProperties",
        /// Tags.
        tags: Vec<Item<String>> = "tags",
        /// Input ports.
        input_ports: Vec<Entry<InputPort>> = "inputPorts",
        /// Output ports.
        output_ports: Vec<Entry<OutputPort>> = "outputPorts",
        /// Support channels, compared whole by the importer.
        support: Value = "support",
        /// The owning team: a mapping, or a bare list of members.
        team: Value = "team",
    }
}

document! {
    /// A product's `description`.
    pub struct Description / DescriptionKeys {
        /// Why it exists.
        purpose: String = "purpose",
        /// What it cannot be used for.
        limitations: String = "limitations",
        /// How to use it.
        usage: String = "usage",
    }
}

document! {
    /// An output port.
    pub struct OutputPort / OutputPortKeys {
        /// Its id (v1.1.0).
        id: String = "id",
        /// Its name.
        name: String = "name" [required],
        /// Its version.
        version: String = "version",
        /// Its description.
        description: String = "description",
        /// Its type, a free word.
        port_type: String = "type",
        /// The id of its contract's ODCS document.
        contract_id: String = "contractId",
        /// `true` for a deprecated port (v1.1.0).
        deprecated: bool = "deprecated",
        /// Meshwright's fields, then the port's own custom properties.
        custom_properties: Vec<Entry<Property>> = "customProperties",
    }
}

document! {
    /// An input port.
    pub struct InputPort / InputPortKeys {
        /// Its id (v1.1.0).
        id: String = "id",
        /// Its name.
        name: String = "name" [required],
        /// The version of the contract (or port) it reads.
        version: String = "version",
        /// The contract it reads.
        contract_id: String = "contractId",
        /// Where it reads from, then the input's own custom properties.
        custom_properties: Vec<Entry<Property>> = "customProperties",
    }
}
