//! The mesh model: plain serde types for every entity Meshwright stores.
//!
//! The shapes follow `shared/reference/formats.md` §9 so that ODPS, ODCS, DPDS and
//! Backstage can round-trip through them: every entity has a stable UUID separate from
//! any format's external id, ordered custom properties, and a per-format extension bag
//! for the fields the model does not understand.
//!
//! This module holds data only. It must not touch SQLite or petgraph, and it holds no
//! validation beyond what the types themselves express (see `crate::validate`).

mod common;
mod contract;
mod contract_body;
mod mesh;
mod org;
mod port;
mod product;

pub use common::{CustomProperty, EntityKind, Extensions, Link, Position};
pub use contract::{Contract, ContractFormat};
pub use contract_body::{
    ContractBody, LogicalType, QualityRule, QualityType, SchemaObject, SchemaProperty, Server,
    Unmapped, UsageTerms,
};
pub use mesh::{Mesh, MeshInfo};
pub use org::{Domain, Membership, Person, Team, TeamType};
pub use port::{
    ContractRef, DependencySource, InputPort, OutputPort, PortType, ServiceLevel, SourceSystem,
    Visibility,
};
pub use product::{Archetype, DataProduct, ProductDescription, Status};
