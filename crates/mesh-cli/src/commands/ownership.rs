//! `meshwright ownership`: who owns what, as the app's Ownership view shows it (teams ×
//! domains, the unowned products, each team's load against the policy's limits). The
//! matrix is the core's; this module only prints it as text, JSON or CSV.

use std::io::Write;
use std::path::PathBuf;

use mesh_core::ownership::{self, LoadLimit, OwnershipMatrix, TeamLoad};
use mesh_core::{Access, Store};

use super::print_json;
use crate::Outcome;

/// Print the ownership matrix: per team the data products it owns in each domain, the
/// domains it spans and the consumers it serves, marked past the policy's limits.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// Print JSON: one object per team with its type, per-domain counts and load.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV: one row per team, one column per domain, then the load figures.
    #[arg(long)]
    csv: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let store = Store::open(&args.file, Access::ReadOnly)?;
    let mesh = store.load()?;
    let matrix = ownership::matrix(&mesh, &store.policy()?)?;
    if args.json {
        print_json(&matrix)?;
    } else if args.csv {
        write_csv(&matrix, std::io::stdout().lock())?;
    } else {
        print_text(&matrix);
    }
    Ok(Outcome::Ok)
}

/// What a team carries past the limits, as the text and CSV say it.
fn over(team: &TeamLoad) -> String {
    let words: Vec<&str> = team
        .over
        .iter()
        .map(|l| match l {
            LoadLimit::Products => "products",
            LoadLimit::Domains => "domains",
        })
        .collect();
    words.join(" ")
}

fn write_csv(m: &OwnershipMatrix, out: impl Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["team", "title", "type"];
    header.extend(m.domains.iter().map(|d| d.name.as_str()));
    header.extend(["products", "domains", "consumers", "over"]);
    w.write_record(&header)?;
    let counts = |c: &std::collections::BTreeMap<String, u32>| -> Vec<String> {
        m.domains
            .iter()
            .map(|d| c.get(&d.name).copied().unwrap_or(0).to_string())
            .collect()
    };
    for t in &m.teams {
        let mut row = vec![
            t.name.clone(),
            t.title.clone(),
            t.team_type
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
        ];
        row.extend(counts(&t.counts));
        row.extend([
            t.products.to_string(),
            t.domains.to_string(),
            t.consumers.to_string(),
            over(t),
        ]);
        w.write_record(&row)?;
    }
    let mut row = vec!["(unowned)".to_owned(), String::new(), String::new()];
    row.extend(counts(&m.unowned.counts));
    row.extend([
        m.unowned.products.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    w.write_record(&row)?;
    let mut row = vec!["(total)".to_owned(), String::new(), String::new()];
    row.extend(m.domains.iter().map(|d| d.products.to_string()));
    row.extend([
        m.products.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    w.write_record(&row)?;
    w.flush()?;
    Ok(())
}

fn print_text(m: &OwnershipMatrix) {
    let width = m
        .teams
        .iter()
        .map(|t| t.name.len())
        .chain([10])
        .max()
        .unwrap_or(10);
    let cell = |n: u32| {
        if n == 0 {
            "·".to_owned()
        } else {
            n.to_string()
        }
    };
    print!("{:<width$}", "");
    for d in &m.domains {
        print!(" {:>w$}", d.name, w = d.name.len().max(3));
    }
    println!("  {:>8} {:>7} {:>9}", "products", "domains", "consumers");
    let row = |name: &str, counts: &std::collections::BTreeMap<String, u32>| {
        print!("{name:<width$}");
        for d in &m.domains {
            let n = counts.get(&d.name).copied().unwrap_or(0);
            print!(" {:>w$}", cell(n), w = d.name.len().max(3));
        }
    };
    for t in &m.teams {
        row(&t.name, &t.counts);
        let mark = if t.over.is_empty() {
            String::new()
        } else {
            format!("  over the limit: {}", over(t))
        };
        println!(
            "  {:>8} {:>7} {:>9}{mark}",
            t.products, t.domains, t.consumers
        );
    }
    row("(unowned)", &m.unowned.counts);
    println!("  {:>8}", m.unowned.products);
    print!("{:<width$}", "(total)");
    for d in &m.domains {
        print!(" {:>w$}", d.products, w = d.name.len().max(3));
    }
    println!("  {:>8}", m.products);
    let mut limits = Vec::new();
    if let Some(p) = m.limits.max_products {
        limits.push(format!("at most {p} products"));
    }
    if let Some(d) = m.limits.max_domains {
        limits.push(format!("products in at most {d} domains"));
    }
    if limits.is_empty() {
        println!("no load limits per team (DM-OWN-005)");
    } else {
        println!("load limits per team (DM-OWN-005): {}", limits.join(", "));
    }
}
