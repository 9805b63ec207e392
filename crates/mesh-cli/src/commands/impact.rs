//! `meshwright impact`: what a data product or output port reaches upstream and
//! downstream, to a depth, and what removing, deprecating or bumping its major version
//! would break. The answers are the core's (`mesh_core::impact`), as the app's impact
//! highlight and What-if panel show them; this module only prints them.

use std::path::PathBuf;

use mesh_core::impact::{self, Affected, Direction, Impact, Shape, WhatIf, WhatIfChange};
use mesh_core::{Access, Store};
use serde::Serialize;

use super::print_json;
use crate::Outcome;

/// Show what a product or port reaches, and what a change to it would break.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// The data product's name, or `PRODUCT/PORT` for one of its output ports.
    target: String,
    /// Only what the target reads, directly or not.
    #[arg(long, conflicts_with = "downstream")]
    upstream: bool,
    /// Only what reads the target, directly or not.
    #[arg(long)]
    downstream: bool,
    /// How many dependencies deep to go (all when not given).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    depth: Option<u32>,
    /// Also list what this change would break, without making it.
    #[arg(long, value_enum)]
    what_if: Option<ChangeArg>,
    /// Print JSON: each affected product with its distance, domain and owner team.
    #[arg(long)]
    json: bool,
}

/// The changes `--what-if` asks about.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ChangeArg {
    /// The product or port is deleted.
    Remove,
    /// It is marked deprecated.
    Deprecate,
    /// Its version goes to the next major.
    Major,
}

impl From<ChangeArg> for WhatIfChange {
    fn from(c: ChangeArg) -> WhatIfChange {
        match c {
            ChangeArg::Remove => WhatIfChange::Remove,
            ChangeArg::Deprecate => WhatIfChange::Deprecate,
            ChangeArg::Major => WhatIfChange::Major,
        }
    }
}

/// The JSON answer.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    target: String,
    #[serde(flatten)]
    impact: Impact,
    #[serde(skip_serializing_if = "Option::is_none")]
    what_if: Option<WhatIf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let store = Store::open(&args.file, Access::ReadOnly)?;
    // The walk reads only names and links; a what-if runs the governance checks, which
    // read everything.
    let mesh = args.what_if.map(|_| store.load()).transpose()?;
    let shape = match &mesh {
        Some(mesh) => Shape::of(mesh),
        None => store.load_shape()?,
    };
    let target = impact::resolve(&shape, &args.target)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let graph = shape.graph();
    let direction = match (args.upstream, args.downstream) {
        (true, _) => Direction::Upstream,
        (_, true) => Direction::Downstream,
        _ => Direction::Both,
    };
    let reach = impact::impact(&shape, &graph, target, direction, args.depth);
    let what_if = match (args.what_if, &mesh) {
        (Some(change), Some(mesh)) => {
            let today = chrono::Local::now().date_naive();
            Some(impact::what_if(
                mesh,
                &graph,
                &store.policy()?,
                today,
                target,
                change.into(),
            )?)
        }
        _ => None,
    };
    let answer = Answer {
        target: args.target,
        impact: reach,
        what_if,
    };
    if args.json {
        print_json(&answer)?;
    } else {
        print_text(&answer, direction);
    }
    Ok(Outcome::Ok)
}

fn print_text(a: &Answer, direction: Direction) {
    let depth = a
        .impact
        .depth
        .map_or("every level".to_owned(), |d| format!("depth {d}"));
    println!("impact of {} ({depth})", a.target);
    if direction != Direction::Downstream {
        list("upstream", &a.impact.upstream);
    }
    if direction != Direction::Upstream {
        list("downstream", &a.impact.downstream);
    }
    let Some(w) = &a.what_if else {
        return;
    };
    let verb = match w.change {
        WhatIfChange::Remove => "removed",
        WhatIfChange::Deprecate => "deprecated",
        WhatIfChange::Major => "given a new major version",
    };
    println!("what if {} were {verb}:", a.target);
    println!("  breaks {} input(s)", w.breaking.len());
    for b in &w.breaking {
        println!(
            "    {}/{} ({}, team {}): {}",
            b.consumer.name,
            b.input_port,
            b.consumer.domain,
            b.consumer.owner_team.as_deref().unwrap_or("none"),
            b.reason
        );
    }
    println!("  {} product(s) downstream", w.downstream.len());
    println!("  {} new finding(s)", w.findings.len());
    for f in &w.findings {
        println!(
            "    {} {} {}: {}",
            f.severity.as_str(),
            f.rule_id,
            f.entity.name,
            f.message
        );
    }
}

fn list(label: &str, affected: &[Affected]) {
    println!("{label} ({})", affected.len());
    for p in affected {
        println!(
            "  {:>3}  {}  (domain {}, team {})",
            p.distance,
            p.name,
            p.domain,
            p.owner_team.as_deref().unwrap_or("none")
        );
    }
}
