//! `meshwright policy export|import`: move a mesh's governance policy to and from YAML,
//! so CI repositories can keep it under review. Import is one undoable edit.

use std::path::PathBuf;

use anyhow::Context as _;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};

use super::check::read_policy;
use crate::Outcome;

/// Export or import the governance policy stored in a mesh.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Write the mesh's policy as YAML (to standard output by default).
    Export {
        /// The mesh file.
        file: PathBuf,
        /// Write to this file instead.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Validate a policy YAML file and store it in the mesh (undoable).
    Import {
        /// The mesh file.
        file: PathBuf,
        /// The policy YAML file.
        policy: PathBuf,
    },
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.action {
        Action::Export { file, output } => {
            let policy = Store::open(&file, Access::ReadOnly)?.policy()?;
            let yaml = policy.to_yaml().map_err(|e| {
                anyhow::anyhow!("{}: policy cannot be written: {e}", file.display())
            })?;
            match output {
                Some(path) => std::fs::write(&path, yaml)
                    .with_context(|| format!("{}: cannot write", path.display()))?,
                None => print!("{yaml}"),
            }
        }
        Action::Import { file, policy } => {
            let parsed = read_policy(&policy)?;
            let mut store = Store::open(&file, Access::ReadWrite)?;
            store.apply(
                vec![EditOp::SetPolicy(parsed)],
                Some("Import governance policy".into()),
            )?;
            println!("imported {} into {}", policy.display(), file.display());
        }
    }
    Ok(Outcome::Ok)
}
