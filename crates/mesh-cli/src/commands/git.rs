//! `meshwright git setup`: makes git show and merge mesh files through Meshwright in the
//! repository around the current folder: `*.mesh diff=meshwright merge=meshwright` in
//! `.gitattributes`, the textconv (`meshwright diff --textconv`) and the merge driver
//! (`meshwright merge %O %A %B --path %P`) in the repository's configuration, through libgit2.
//! Outside a repository it prints what to add.

use std::path::Path;

use anyhow::Context;

use crate::Outcome;

/// Git integration for mesh files.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Configure the repository around the current folder for mesh files.
    Setup,
}

const ATTRIBUTES: &str = "*.mesh diff=meshwright merge=meshwright";
const SETTINGS: [(&str, &str); 3] = [
    ("diff.meshwright.textconv", "meshwright diff --textconv"),
    (
        "merge.meshwright.name",
        "Meshwright mesh merge by entity and field",
    ),
    (
        "merge.meshwright.driver",
        "meshwright merge %O %A %B --path %P",
    ),
];

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let Action::Setup = args.action;
    let Ok(repo) = git2::Repository::discover(".") else {
        println!("not in a git repository; in one, add to .gitattributes:\n  {ATTRIBUTES}");
        println!("and run:");
        for (key, value) in SETTINGS {
            println!("  git config {key} \"{value}\"");
        }
        return Ok(Outcome::Ok);
    };
    let root = repo
        .workdir()
        .context("a bare repository has no .gitattributes to set up")?;
    add_attributes(&root.join(".gitattributes"))?;
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    for (key, value) in SETTINGS {
        config.set_str(key, value)?;
    }
    println!(
        "{}: .gitattributes has {ATTRIBUTES:?}; git diff shows mesh files as text and git merge merges them by entity",
        root.display()
    );
    Ok(Outcome::Ok)
}

/// Adds the mesh line to `.gitattributes` unless it is there.
fn add_attributes(path: &Path) -> anyhow::Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("could not read {}", path.display())),
    };
    if text.lines().any(|l| l.trim() == ATTRIBUTES) {
        return Ok(());
    }
    let mut next = text;
    if !next.is_empty() && !next.ends_with('\n') {
        next.push('\n');
    }
    next.push_str(ATTRIBUTES);
    next.push('\n');
    std::fs::write(path, next).with_context(|| format!("could not write {}", path.display()))
}
