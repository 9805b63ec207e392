//! One module per subcommand: its arguments and what it does.

pub mod check;
pub mod diagram;
pub mod diff;
pub mod export;
pub mod generate;
pub mod git;
pub mod impact;
pub mod import;
pub mod merge;
pub mod new;
pub mod ownership;
pub mod policy;
pub mod rules;
pub mod scenario;
pub mod show;
pub mod stats;

use std::path::Path;

use mesh_core::graph::MeshGraph;
use mesh_core::model::Mesh;
use mesh_core::{Access, Store};

/// Opens a mesh file for reading and loads it with its graph.
pub fn load(path: &Path) -> mesh_core::Result<(Mesh, MeshGraph)> {
    let store = Store::open(path, Access::ReadOnly)?;
    let mesh = store.load()?;
    let graph = MeshGraph::build(&mesh);
    Ok((mesh, graph))
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
