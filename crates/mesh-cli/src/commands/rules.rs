//! `meshwright rules`: every built-in rule with its id, severity, rationale, fix hint
//! and typed parameters.

use mesh_core::governance::{self, Policy};

use super::print_json;
use crate::Outcome;

/// List every governance rule with its documentation and parameters.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let rules = governance::catalog(&Policy::default())?;
    if args.json {
        print_json(&rules)?;
        return Ok(Outcome::Ok);
    }
    for r in &rules {
        println!(
            "{}  {}  [{}, {}]",
            r.id,
            r.name,
            r.category.label(),
            r.default_severity.as_str()
        );
        println!("    {}", r.summary);
        println!("    why: {}", r.rationale);
        println!("    fix: {}", r.fix_hint);
        for p in &r.params {
            println!(
                "    param {} ({:?}, default {}): {}",
                p.name, p.kind, p.default, p.description
            );
        }
    }
    println!("{} rules", rules.len());
    Ok(Outcome::Ok)
}
