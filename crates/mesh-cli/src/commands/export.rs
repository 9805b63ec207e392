//! `meshwright export`: the mesh as registry manifests in a folder tree (one tree, or
//! one per domain repository with `--by-domain`); `--dry-run` prints what would change
//! with unified diffs and writes nothing; `--git` commits each domain repository's files
//! on a branch through `mesh_app::repos` (and `--push` pushes it) and prints each
//! repository's result.

use std::path::PathBuf;

use mesh_app::TaskPhase;
use mesh_app::repos::{self, GitExport, GitOptions};
use mesh_core::manifests::plan::{Change, Plan};
use mesh_core::manifests::{
    ExportOptions, ExportSettings, Format, OdcsVersion, OdpsVersion, plan_export, write,
};
use mesh_core::{Access, Store};

use crate::{Outcome, progress};

/// A format name on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Bitol ODPS: one `<product>.odps.yaml` per product.
    Odps,
    /// Bitol ODCS: one `*.odcs.yaml` per output port with a contract.
    Odcs,
    /// DPDS 1.0.0 descriptors.
    Dpds,
    /// A Backstage catalog per domain.
    Backstage,
    /// DataHub data product YAML.
    Datahub,
    /// Every format.
    All,
}

/// Bitol ODPS version.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OdpsArg {
    /// v1.0.0.
    #[value(name = "1.0.0")]
    V1_0_0,
    /// v1.1.0 (default).
    #[value(name = "1.1.0")]
    V1_1_0,
}

/// Bitol ODCS version.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OdcsArg {
    /// v3.1.0 (default).
    #[value(name = "3.1.0")]
    V3_1_0,
    /// v3.2.0.
    #[value(name = "3.2.0")]
    V3_2_0,
}

/// Export the mesh as registry manifests (files Meshwright did not write are never
/// touched). Exit codes: 0 done (or dry run printed), 2 usage or input error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// Formats to write (repeat or separate with commas).
    #[arg(long, value_enum, value_delimiter = ',', required = true)]
    format: Vec<FormatArg>,
    /// The export root (created when missing).
    #[arg(long)]
    out: PathBuf,
    /// One tree per domain, in the domain's repository folder (its name when unset).
    #[arg(long)]
    by_domain: bool,
    /// Print added, changed, removed and unchanged files with diffs; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Delete files an earlier export wrote that the mesh no longer produces.
    #[arg(long)]
    prune: bool,
    /// Bitol ODPS version.
    #[arg(long, value_enum, default_value = "1.1.0")]
    odps_version: OdpsArg,
    /// Bitol ODCS version.
    #[arg(long, value_enum, default_value = "3.1.0")]
    odcs_version: OdcsArg,
    /// Commit each domain folder that is a git repository on a branch, instead of
    /// writing its files (needs --by-domain; its checked-out branch is left alone).
    #[arg(long, requires = "by_domain", conflicts_with = "dry_run")]
    git: bool,
    /// The branch to commit to (default: meshwright/<mesh>-<date>).
    #[arg(long, requires = "git")]
    branch: Option<String>,
    /// The commit message (default: the data products added, changed and removed).
    #[arg(long, requires = "git")]
    message: Option<String>,
    /// Push each committed branch to the repository's remote.
    #[arg(long, requires = "git")]
    push: bool,
}

fn formats(args: &[FormatArg]) -> Vec<Format> {
    if args.contains(&FormatArg::All) {
        return Format::ALL.to_vec();
    }
    args.iter()
        .filter_map(|f| match f {
            FormatArg::Odps => Some(Format::Odps),
            FormatArg::Odcs => Some(Format::Odcs),
            FormatArg::Dpds => Some(Format::Dpds),
            FormatArg::Backstage => Some(Format::Backstage),
            FormatArg::Datahub => Some(Format::Datahub),
            FormatArg::All => None,
        })
        .collect()
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mesh = Store::open(&args.file, Access::ReadOnly)?.load()?;
    let settings = ExportSettings {
        formats: formats(&args.format),
        options: ExportOptions {
            odps: match args.odps_version {
                OdpsArg::V1_0_0 => OdpsVersion::V1_0_0,
                OdpsArg::V1_1_0 => OdpsVersion::V1_1_0,
            },
            odcs: match args.odcs_version {
                OdcsArg::V3_1_0 => OdcsVersion::V3_1_0,
                OdcsArg::V3_2_0 => OdcsVersion::V3_2_0,
            },
        },
        by_domain: args.by_domain,
        prune: args.prune,
    };
    if args.git {
        let git = GitOptions {
            branch: args.branch.clone(),
            message: args.message.clone(),
            push: args.push,
        };
        let bar = progress::bar("exporting");
        let today = chrono::Local::now().date_naive();
        let mut token = progress::token(&bar, TaskPhase::Writing);
        let done = repos::export(&mesh, &args.out, &settings, &git, today, &mut token)?;
        bar.finish_and_clear();
        print_repos(&done);
        println!(
            "exported to {} outside the repositories: {} written, {} removed, {} unchanged",
            args.out.display(),
            done.written,
            done.removed,
            done.unchanged
        );
        return Ok(Outcome::Ok);
    }
    let bar = progress::bar("comparing");
    let plan = progress::token(&bar, TaskPhase::Planning).run(TaskPhase::Planning, |p, c| {
        plan_export(&mesh, &args.out, &settings, p, c)
    })?;
    bar.finish_and_clear();
    if args.dry_run {
        print_dry_run(&plan);
        return Ok(Outcome::Ok);
    }
    let bar = progress::bar("exporting");
    let written = progress::token(&bar, TaskPhase::Writing)
        .run(TaskPhase::Writing, |p, c| write::write(&plan, p, c))?;
    bar.finish_and_clear();
    println!(
        "exported to {}: {} written, {} removed, {} unchanged",
        args.out.display(),
        written.written,
        written.removed,
        written.unchanged
    );
    if !plan.prune && plan.count(Change::Removed) > 0 {
        println!(
            "{} files of an earlier export are no longer produced; pass --prune to delete them:",
            plan.count(Change::Removed)
        );
        for path in plan.paths(Change::Removed) {
            println!("  {path}");
        }
    }
    Ok(Outcome::Ok)
}

fn print_repos(done: &GitExport) {
    for repo in &done.repos {
        let Some(commit) = &repo.commit else {
            println!("{}: nothing to change on {}", repo.folder, repo.branch);
            continue;
        };
        let short = commit.get(..12).unwrap_or(commit);
        println!(
            "{}: commit {short} on {} ({} files)",
            repo.folder, repo.branch, repo.files
        );
        for (label, names) in [
            ("added", &repo.products.added),
            ("changed", &repo.products.changed),
            ("removed", &repo.products.removed),
        ] {
            if !names.is_empty() {
                println!("  {label}: {}", names.join(", "));
            }
        }
        if let Some(remote) = &repo.pushed_to {
            println!("  pushed to {remote}");
        }
        if let Some(url) = &repo.review_url {
            println!("  open a pull request: {url}");
        }
    }
}

fn print_dry_run(plan: &Plan) {
    for change in [
        Change::Added,
        Change::Changed,
        Change::Removed,
        Change::Unchanged,
        Change::Conflict,
    ] {
        for path in plan.paths(change) {
            let note = match change {
                Change::Removed if !plan.prune => "  (kept without --prune)",
                Change::Conflict => "  (not written by Meshwright: the export would refuse)",
                _ => "",
            };
            println!("{:<10} {path}{note}", change.as_str());
        }
    }
    for entry in &plan.entries {
        let diff = entry.diff();
        if !diff.is_empty() && entry.change != Change::Conflict {
            print!("{diff}");
        }
    }
    println!(
        "dry run, nothing written: {} added, {} changed, {} removed, {} unchanged, {} conflicts",
        plan.count(Change::Added),
        plan.count(Change::Changed),
        plan.count(Change::Removed),
        plan.count(Change::Unchanged),
        plan.count(Change::Conflict)
    );
}
