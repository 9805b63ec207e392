//! `meshwright scenario list|show|apply|discard FILE [NAME]`: the scenarios a mesh file
//! keeps (drawn in the app). `show` prints what one changes from the as-is it began
//! with, as `meshwright diff` does; `apply` brings it into the as-is as one undoable
//! edit through the application layer's session, as the app's Apply does, and with
//! conflicts prints them, applies nothing and exits 1; `discard` drops it.

use std::path::PathBuf;

use anyhow::bail;
use mesh_app::scenario::ScenarioApplied;
use mesh_app::{CancelToken, Session, file};
use mesh_core::diff::{self, report};
use mesh_core::governance;
use mesh_core::{Access, Store};

use super::print_json;
use crate::Outcome;

/// The to-be scenarios kept in a mesh file.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// List the scenarios with what each adds, removes and changes.
    List {
        /// The mesh file.
        file: PathBuf,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print what a scenario changes from the as-is it began with.
    Show {
        /// The mesh file.
        file: PathBuf,
        /// The scenario's name.
        name: String,
        /// As JSON.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// As Markdown, for a pull-request comment.
        #[arg(long)]
        markdown: bool,
    },
    /// Apply a scenario to the as-is as one undoable edit, and drop it.
    Apply {
        /// The mesh file.
        file: PathBuf,
        /// The scenario's name.
        name: String,
    },
    /// Drop a scenario.
    Discard {
        /// The mesh file.
        file: PathBuf,
        /// The scenario's name.
        name: String,
    },
}

fn session(path: &std::path::Path) -> anyhow::Result<Session> {
    let (store, mesh) = file::open(path, Access::ReadWrite, &CancelToken::silent())?;
    let session = Session::new();
    session.install(store, mesh)?;
    Ok(session)
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.action {
        Action::List { file, json } => {
            let scenarios: Vec<_> = Store::open(&file, Access::ReadOnly)?
                .scenarios()?
                .iter()
                .map(|s| s.summary())
                .collect();
            if json {
                print_json(&scenarios)?;
            } else if scenarios.is_empty() {
                println!("{}: no scenarios", file.display());
            }
            if !json {
                for s in &scenarios {
                    println!(
                        "{}  (since {}: {} added, {} removed, {} changed)",
                        s.name,
                        s.created.format("%Y-%m-%d %H:%M"),
                        s.added,
                        s.removed,
                        s.changed
                    );
                }
            }
        }
        Action::Show {
            file,
            name,
            json,
            markdown,
        } => {
            let store = Store::open(&file, Access::ReadOnly)?;
            let Some(scenario) = store.scenario(&name)? else {
                bail!("{}: no scenario named {name:?}", file.display());
            };
            let policy = store.policy()?;
            let today = chrono::Local::now().date_naive();
            let before = governance::check(&scenario.base, &policy, today)?.findings;
            let after = governance::check(&scenario.to_be, &policy, today)?.findings;
            let d = diff::diff(&scenario.base, &scenario.to_be, &before, &after);
            if json {
                print_json(&d)?;
            } else if markdown {
                print!("{}", report::markdown(&d));
            } else {
                print!("{}", report::text(&d));
            }
        }
        Action::Apply { file, name } => {
            let session = session(&file)?;
            session.show_scenario(Some(&name))?;
            match session.apply_scenario()? {
                ScenarioApplied::Applied { .. } => {
                    println!("{}: applied scenario {name:?}", file.display());
                }
                ScenarioApplied::Conflicts { conflicts } => {
                    eprintln!(
                        "{}: scenario {name:?} not applied: the as-is changed the same things since it began",
                        file.display()
                    );
                    for c in &conflicts {
                        let field = c
                            .field
                            .as_deref()
                            .map(|f| format!(" {f}"))
                            .unwrap_or_default();
                        eprintln!("  {:?} {}{field}: {}", c.kind, c.name, c.resolution);
                    }
                    return Ok(Outcome::Findings);
                }
            }
        }
        Action::Discard { file, name } => {
            session(&file)?.discard_scenario(&name)?;
            println!("{}: discarded scenario {name:?}", file.display());
        }
    }
    Ok(Outcome::Ok)
}
