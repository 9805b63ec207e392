//! The Bitol ODCS contract as `manifests::odcs` writes it and `import::odcs` reads it:
//! the keys of a contract Meshwright derives from an output port, in the order they are
//! written.
//!
//! The importer reads `id`, `version` and `status` and takes the other keys as the
//! exporter's own or keeps them as written, so those are values here: a value of
//! another type there is no problem of the file.
//!
//! It must not say what a key means in the model; the exporter and importer do.

use serde_json::Value;

use super::document;

document! {
    /// A data contract.
    pub struct Contract / ContractKeys {
        /// `v3.1.0` or `v3.2.0`.
        api_version: Value = "apiVersion",
        /// `DataContract`.
        kind: Value = "kind",
        /// The contract id the port's reference names.
        id: String = "id" [required],
        /// The port's name.
        name: Value = "name",
        /// The contract's version.
        version: String = "version",
        /// Its status, a free word.
        status: String = "status",
        /// The mesh's namespace.
        tenant: Value = "tenant",
        /// The product's domain.
        domain: Value = "domain",
        /// `{purpose, usage, limitations}`: the port's description and its contract's
        /// terms of use.
        description: Value = "description",
        /// Where the data lives: the contract body's servers.
        servers: Value = "servers",
        /// The objects served: the contract body's schema.
        schema: Value = "schema",
        /// Support channels: the owning team's address.
        support: Value = "support",
        /// The owning team.
        team: Value = "team",
        /// The port's service levels.
        sla_properties: Value = "slaProperties",
        /// The port's identity and privacy, then the contract's own properties.
        custom_properties: Value = "customProperties",
    }
}
