//! `meshwright show`: one data product with its ports, upstream and downstream.

use std::path::PathBuf;

use anyhow::bail;
use mesh_core::stats::{ProductDetail, ProductRef};

use super::{load, print_json};
use crate::Outcome;

/// How many neighbours the text output lists before summarising the rest.
const LIST_LIMIT: usize = 20;

/// Show one data product: its fields, ports, providers, consumers and impact.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// The product's name (slug).
    name: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (mesh, graph) = load(&args.file)?;
    let Some(d) = ProductDetail::of(&mesh, &graph, &args.name) else {
        bail!(
            "{}: no data product named {:?} (see `meshwright stats`)",
            args.file.display(),
            args.name
        );
    };
    if args.json {
        print_json(&d)?;
        return Ok(Outcome::Ok);
    }
    let p = &d.product;
    println!("{} ({}) v{}", p.display_name, p.name, p.version);
    println!("  domain       {}", d.domain);
    println!(
        "  owner team   {}",
        d.owner_team.as_deref().unwrap_or("(none)")
    );
    println!(
        "  accountable  {}",
        d.accountable.as_deref().unwrap_or("(none)")
    );
    println!("  status       {}", p.status.as_str());
    println!(
        "  archetype    {}",
        p.archetype.map_or("(none)", |a| a.as_str())
    );
    if let Some(purpose) = &p.description.purpose {
        println!("  purpose      {}", purpose.replace('\n', " "));
    }
    println!("output ports ({})", d.output_ports.len());
    for op in &d.output_ports {
        let contract = op.contract.as_ref().map_or("no contract".to_owned(), |c| {
            format!("contract {}", c.contract_id)
        });
        println!(
            "  {}@{}  {} {} {}  {}{}",
            op.name,
            op.version,
            op.port_type.as_str(),
            op.visibility.as_str(),
            op.status.as_str(),
            contract,
            if op.contains_pii { "  PII" } else { "" }
        );
    }
    println!("input ports ({})", d.input_ports.len());
    for ip in &d.input_ports {
        println!("  {} <- {}", ip.port.name, ip.reads);
    }
    list("providers", &d.providers);
    list("consumers", &d.consumers);
    list("upstream", &d.upstream);
    list("downstream (impact)", &d.downstream);
    Ok(Outcome::Ok)
}

fn list(title: &str, refs: &[ProductRef]) {
    println!("{title} ({})", refs.len());
    for r in refs.iter().take(LIST_LIMIT) {
        println!("  {} [{}]", r.name, r.domain);
    }
    if refs.len() > LIST_LIMIT {
        println!(
            "  ... and {} more (use --json for all)",
            refs.len() - LIST_LIMIT
        );
    }
}
