//! The DPDS 1.0.0 descriptor as `manifests::dpds` writes it and `import::dpds` reads
//! it: the specification's keys and Meshwright's `x-` keys, in the order they are
//! written.
//!
//! It must not say what a key means in the model; the exporter and importer do.

use serde_json::Value;

use super::{Entry, Item, Model, document};
use crate::model::{ContractRef, CustomProperty, Link, ServiceLevel};

document! {
    /// A descriptor: one data product.
    pub struct Descriptor / DescriptorKeys {
        /// The DPDS version; the importer does not read it.
        version: Value = "dataProductDescriptor",
        /// The product.
        info: Info = "info" [required],
        /// Its ports.
        interface: Interface = "interfaceComponents" [required],
        /// Tags.
        tags: Vec<Item<String>> = "tags",
        /// Links.
        links: Model<Vec<Link>> = "x-links",
        /// Custom properties.
        custom_properties: Model<Vec<CustomProperty>> = "x-customProperties",
    }
}

document! {
    /// `info`: what the product is and who owns it.
    pub struct Info / InfoKeys {
        /// `urn:dpds:<namespace>:dataproducts:<product>:<major>`.
        fully_qualified_name: String = "fullyQualifiedName",
        /// The product's name.
        name: String = "name",
        /// Its version.
        version: String = "version",
        /// Its title.
        display_name: String = "displayName",
        /// Its purpose.
        description: String = "description",
        /// Its domain's name.
        domain: String = "domain" [required],
        /// The accountable person, or a team standing in.
        owner: Owner = "owner",
        /// The owning team's address, compared whole by the importer.
        contact_points: Value = "contactPoints",
        /// The product's id.
        id: String = "x-meshwrightId",
        /// Who `owner` is: `person`, `team`, `domain-team` or `none`.
        owner_kind: String = "x-ownerKind",
        /// The owning team's name.
        team: String = "x-team",
        /// Status.
        status: String = "x-status",
        /// Archetype.
        archetype: String = "x-archetype",
        /// Usage notes.
        usage: String = "x-usage",
        /// Limitations.
        limitations: String = "x-limitations",
    }
}

document! {
    /// `info.owner`.
    pub struct Owner / OwnerKeys {
        /// An e-mail address, username or team name.
        id: String = "id",
        /// A display name or team title.
        name: String = "name",
    }
}

document! {
    /// One entry of `info.contactPoints`.
    pub struct ContactPoint / ContactPointKeys {
        /// The team's name.
        name: String = "name",
        /// `email`.
        channel: String = "channel",
        /// The address.
        address: String = "address",
    }
}

document! {
    /// `interfaceComponents`.
    pub struct Interface / InterfaceKeys {
        /// Input ports.
        input_ports: Vec<Entry<InputPort>> = "inputPorts",
        /// Output ports (required by DPDS, even when empty).
        output_ports: Vec<Entry<OutputPort>> = "outputPorts",
    }
}

document! {
    /// An output port.
    pub struct OutputPort / OutputPortKeys {
        /// Its fully qualified name under the product's.
        fully_qualified_name: String = "fullyQualifiedName",
        /// Its name.
        name: String = "name" [required],
        /// Its version.
        version: String = "version",
        /// Its description.
        description: String = "description",
        /// Its promises.
        promises: Promises = "promises",
        /// Its id.
        id: String = "x-meshwrightId",
        /// Port type.
        port_type: String = "x-type",
        /// Status.
        status: String = "x-status",
        /// Visibility.
        visibility: String = "x-visibility",
        /// Whether it holds personal data.
        contains_pii: bool = "x-containsPii",
        /// Classification.
        classification: String = "x-classification",
        /// Custom properties.
        custom_properties: Model<Vec<CustomProperty>> = "x-customProperties",
    }
}

document! {
    /// An output port's `promises`.
    pub struct Promises / PromisesKeys {
        /// `datastore-services`, `streaming-services`...
        services_type: String = "servicesType",
        /// The contract, compared whole by the importer.
        api: Value = "api",
        /// Deprecation, compared whole by the importer.
        deprecation_policy: Value = "deprecationPolicy",
        /// Service levels, compared whole by the importer.
        slo: Value = "slo",
    }
}

document! {
    /// A standard definition: what `promises` holds for the contract, deprecation and
    /// service levels.
    pub struct Standard / StandardKeys {
        /// Its name.
        name: String = "name",
        /// Its version.
        version: String = "version",
        /// `odcs` or `custom`.
        specification: String = "specification",
        /// The port's contract reference (for `promises.api`), as the model serializes
        /// it.
        contract: Model<ContractRef> = "x-contract",
        /// The definition itself.
        definition: Value = "definition",
    }
}

document! {
    /// `promises.api.definition`: the port's contract.
    pub struct ApiDefinition / ApiDefinitionKeys {
        /// The contract reference, as the model serializes it.
        contract: Model<ContractRef> = "x-contract",
    }
}

document! {
    /// `promises.deprecationPolicy.definition`.
    pub struct Deprecation / DeprecationKeys {
        /// The deprecation date (`2026-12-31`), which the importer reads as written.
        date: Value = "x-deprecationDate",
        /// The successor port's fully qualified name.
        successor: String = "x-successor",
    }
}

document! {
    /// `promises.slo.definition`.
    pub struct Slo / SloKeys {
        /// The service levels, as the model serializes them.
        service_levels: Model<Vec<ServiceLevel>> = "x-serviceLevels",
    }
}

document! {
    /// An input port.
    pub struct InputPort / InputPortKeys {
        /// Its fully qualified name; derived, so not read.
        fully_qualified_name: Value = "fullyQualifiedName",
        /// Its name.
        name: String = "name" [required],
        /// Its provider's version; derived, so not read.
        version: Value = "version",
        /// Its description.
        description: String = "description",
        /// Its id.
        id: String = "x-meshwrightId",
        /// The provider output port's fully qualified name.
        depends_on: String = "x-dependsOn",
        /// The provider's id, when the mesh lacks it.
        depends_on_port_id: String = "x-dependsOnPortId",
        /// A provider reference no port answers.
        unresolved: String = "x-unresolved",
        /// The source system read, whole.
        source_system: Value = "x-sourceSystem",
        /// The source system's id, when the mesh lacks it.
        source_system_id: String = "x-sourceSystemId",
        /// Custom properties.
        custom_properties: Model<Vec<CustomProperty>> = "x-customProperties",
    }
}
