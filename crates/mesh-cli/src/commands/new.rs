//! `meshwright new`: an empty mesh file, or the demo mesh.

use std::path::PathBuf;

use mesh_app::file::new_mesh_info;
use mesh_core::Store;
use mesh_core::model::MeshInfo;

use crate::Outcome;

/// Create a mesh file: empty, or the demo mesh of a sample online retailer.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to create (conventionally `*.mesh`); must not exist yet.
    file: PathBuf,
    /// Fill it with the demo mesh instead of leaving it empty.
    #[arg(long)]
    demo: bool,
    /// Name of an empty mesh (default: the file name).
    #[arg(long, conflicts_with = "demo")]
    name: Option<String>,
    /// Reverse-DNS namespace for URNs of an empty mesh.
    #[arg(long, default_value = "com.example", conflicts_with = "demo")]
    namespace: String,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mesh = if args.demo {
        mesh_core::demo::demo_mesh()
    } else {
        let stem = args
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let name = args
            .name
            .or(stem)
            .unwrap_or_else(|| "Untitled mesh".to_owned());
        mesh_core::model::Mesh::empty(MeshInfo {
            namespace: args.namespace,
            ..new_mesh_info(name)
        })
    };
    Store::create_from(&args.file, &mesh, &mut |_, _| {})?;
    println!(
        "created {}: {} ({} domains, {} products)",
        args.file.display(),
        mesh.info.name,
        mesh.domains.len(),
        mesh.products.len()
    );
    Ok(Outcome::Ok)
}
