//! Meshwright's core: the data-mesh model, its SQLite store with undo history, the
//! petgraph views over it, and the synthetic and demo meshes.
//!
//! Everything here runs the same in the desktop app, the `meshwright` CLI and tests.
//! It must not depend on Tauri or on any UI: entities cross its API by stable UUID,
//! never by petgraph index, and failures are typed [`Error`]s.

pub mod contract_change;
pub mod contract_paste;
pub mod create;
pub mod demo;
pub mod diagram;
pub mod diff;
pub mod error;
pub mod filter;
pub mod generate;
pub mod governance;
pub mod graph;
pub mod impact;
pub mod layered;
pub mod manifests;
pub mod model;
pub mod overview;
pub mod ownership;
pub mod scenario;
pub mod sheet;
pub mod slug;
pub mod stats;
pub mod store;
#[cfg(test)]
mod ui_files;
pub mod validate;

pub use error::{Error, ErrorKind, Result};
pub use store::{Access, Store};
