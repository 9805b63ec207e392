//! `meshwright`: the Meshwright core on the command line, for CI pipelines of domain
//! repositories and for scripts. Each subcommand lives in `commands/`; this file only
//! parses arguments and turns results into exit codes.
//!
//! Exit codes: 0 success, 1 findings (commands that check things), 2 usage or input
//! error. Errors are one line on stderr naming the file and the cause.

mod commands;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Model a data mesh in one file: create, generate, inspect, check governance, export
/// registry manifests and import them back.
#[derive(Debug, Parser)]
#[command(name = "meshwright", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    New(commands::new::Args),
    Generate(commands::generate::Args),
    Stats(commands::stats::Args),
    Ownership(commands::ownership::Args),
    Show(commands::show::Args),
    Impact(commands::impact::Args),
    Diagram(commands::diagram::Args),
    Check(commands::check::Args),
    Rules(commands::rules::Args),
    Policy(commands::policy::Args),
    Export(commands::export::Args),
    Import(commands::import::Args),
    Diff(commands::diff::Args),
    Merge(commands::merge::Args),
    Git(commands::git::Args),
    Scenario(commands::scenario::Args),
}

/// What a command reports when it ran to the end.
pub enum Outcome {
    /// Nothing to report beyond its output.
    Ok,
    /// It found problems worth failing a pipeline for.
    Findings,
    /// It refused its input and has printed every reason (exit code 2).
    Refused,
}

fn main() -> ExitCode {
    // `meshwright stats big.mesh | head` closes the pipe early; like other Unix tools,
    // end quietly there instead of panicking on the next println.
    sigpipe::reset();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::New(args) => commands::new::run(args),
        Command::Generate(args) => commands::generate::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Ownership(args) => commands::ownership::run(args),
        Command::Show(args) => commands::show::run(args),
        Command::Impact(args) => commands::impact::run(args),
        Command::Diagram(args) => commands::diagram::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Policy(args) => commands::policy::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::Git(args) => commands::git::run(args),
        Command::Scenario(args) => commands::scenario::run(args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Refused) => ExitCode::from(2),
        Err(e) => {
            // One line: the core's errors already name the file and the cause.
            let mut line = format!("{e}");
            for cause in e.chain().skip(1) {
                line.push_str(&format!(": {cause}"));
            }
            eprintln!("meshwright: error: {}", line.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
