//! `meshwright generate`: a synthetic enterprise mesh for demos, tests and benchmarks.

use std::path::PathBuf;
use std::time::Instant;

use mesh_core::Store;
use mesh_core::generate::{GenerateOptions, generate};

use crate::{Outcome, progress};

/// Generate a realistic synthetic mesh, identical for the same options.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to create; must not exist yet.
    file: PathBuf,
    /// How many data products.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    products: u32,
    /// How many domains (default: about one per 25 products).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    domains: Option<u32>,
    /// Random seed; the same seed gives the same mesh.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let opts = GenerateOptions {
        products: args.products as usize,
        domains: args.domains.map(|d| d as usize),
        seed: args.seed,
    };
    let mesh = generate(&opts);
    let bar = progress::bar("writing");
    Store::create_from(&args.file, &mesh, &mut progress::counts(&bar))?;
    bar.finish_and_clear();
    let dependencies = mesh
        .input_ports
        .iter()
        .filter(|i| {
            matches!(
                i.source,
                mesh_core::model::DependencySource::OutputPort { .. }
            )
        })
        .count();
    println!(
        "generated {}: {} domains, {} teams, {} products, {} dependencies in {:.2} s",
        args.file.display(),
        mesh.domains.len(),
        mesh.teams.len(),
        mesh.products.len(),
        dependencies,
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Ok)
}
