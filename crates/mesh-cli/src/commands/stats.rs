//! `meshwright stats`: the size and shape of a mesh, as `mesh-app`'s `ReadOnlyMesh`
//! sums it up.

use std::path::PathBuf;

use mesh_app::readonly::ReadOnlyMesh;

use super::print_json;
use crate::Outcome;

/// Count domains, teams, products, ports, dependencies and cycles, and find the
/// longest dependency chain.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let stats = ReadOnlyMesh::open(&args.file)?.stats();
    if args.json {
        print_json(&stats)?;
        return Ok(Outcome::Ok);
    }
    println!("{} ({})", stats.name, args.file.display());
    let rows = [
        ("domains", stats.domains),
        ("teams", stats.teams),
        ("people", stats.people),
        ("data products", stats.products),
        ("output ports", stats.output_ports),
        ("dependencies", stats.dependencies),
        ("  cross-domain", stats.cross_domain_dependencies),
        ("source systems", stats.source_systems),
        ("cycles", stats.cycles),
        ("  products in cycles", stats.products_in_cycles),
        ("longest chain", stats.longest_chain),
    ];
    for (label, value) in rows {
        println!("  {label:<22}{value:>8}");
    }
    if !stats.longest_chain_products.is_empty() {
        println!("  chain: {}", stats.longest_chain_products.join(" -> "));
    }
    Ok(Outcome::Ok)
}
