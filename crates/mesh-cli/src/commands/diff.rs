//! `meshwright diff A.mesh B.mesh`: the semantic diff of two meshes (the core's
//! `diff`), each checked under its own stored policy for the governance delta, as text,
//! `--json` or `--markdown` (a pull-request comment); `--textconv FILE` prints one mesh
//! as the canonical text git shows in `git diff` and `git log -p`. Exit 0 when equal, 1
//! when different, 2 on bad input. Two different meshes (another namespace) are refused
//! unless `--force`.

use std::path::{Path, PathBuf};

use anyhow::bail;
use mesh_core::diff::{self, report};
use mesh_core::governance::{self, Finding};
use mesh_core::model::Mesh;
use mesh_core::{Access, Store};

use super::print_json;
use crate::Outcome;

/// Compare two mesh files, or print one for git (`--textconv`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first mesh (the one file with --textconv).
    a: PathBuf,
    /// The second mesh.
    #[arg(required_unless_present = "textconv")]
    b: Option<PathBuf>,
    /// Print the first file as canonical text, one line per field, for git's textconv.
    #[arg(long, conflicts_with_all = ["json", "markdown"])]
    textconv: bool,
    /// The diff as JSON.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// The diff as Markdown, for a pull-request comment.
    #[arg(long)]
    markdown: bool,
    /// Compare even two different meshes (another namespace).
    #[arg(long)]
    force: bool,
}

/// A mesh file read-only, and its findings under its own policy as of today.
pub(crate) fn read(path: &Path) -> anyhow::Result<(Mesh, Vec<Finding>)> {
    let store = Store::open(path, Access::ReadOnly)?;
    let mesh = store.load()?;
    let today = chrono::Local::now().date_naive();
    let findings = governance::check(&mesh, &store.policy()?, today)?.findings;
    Ok((mesh, findings))
}

/// Refuses two meshes of different namespaces unless forced.
pub(crate) fn same_mesh(a: &Mesh, b: &Mesh, files: [&Path; 2], force: bool) -> anyhow::Result<()> {
    if !force && a.info.namespace != b.info.namespace {
        bail!(
            "{} ({}) and {} ({}) are different meshes; pass --force to compare them anyway",
            files[0].display(),
            a.info.namespace,
            files[1].display(),
            b.info.namespace
        );
    }
    Ok(())
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.textconv {
        let mesh = Store::open(&args.a, Access::ReadOnly)?.load()?;
        print!("{}", report::textconv(&mesh));
        return Ok(Outcome::Ok);
    }
    let Some(b_path) = &args.b else {
        bail!("give the second mesh file");
    };
    let (a, findings_a) = read(&args.a)?;
    let (b, findings_b) = read(b_path)?;
    same_mesh(&a, &b, [&args.a, b_path], args.force)?;
    let d = diff::diff(&a, &b, &findings_a, &findings_b);
    if args.json {
        print_json(&d)?;
    } else if args.markdown {
        print!("{}", report::markdown(&d));
    } else {
        print!("{}", report::text(&d));
    }
    Ok(if d.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}
