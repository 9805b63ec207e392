//! `meshwright merge BASE OURS THEIRS`: git's merge driver for mesh files (`%O %A %B`).
//! The core merges by entity id and field (`diff::merge`); this writes the result into
//! OURS atomically (a new file beside it, renamed over it) and exits 0, or with conflicts
//! writes the merge with our values, `<file>.conflicts.yaml` (beside `--path`, git's %P,
//! else OURS) listing each conflict with
//! base, ours and theirs, and exits 1 so git stops. A file it cannot read (corrupt, from a
//! newer Meshwright) exits 2 with OURS untouched. The merged file's undo history starts
//! empty.

use std::path::{Path, PathBuf};

use anyhow::Context;
use mesh_core::diff::merge;
use mesh_core::{Access, Store};

use super::diff::same_mesh;
use crate::Outcome;

/// Merge two mesh files grown from a common base (git's merge driver).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor (git's %O).
    base: PathBuf,
    /// Our side, replaced by the merge (git's %A).
    ours: PathBuf,
    /// Their side (git's %B).
    theirs: PathBuf,
    /// The file's path in the work tree (git's %P), which names the conflict report;
    /// OURS when not given.
    #[arg(long)]
    path: Option<PathBuf>,
    /// Merge even two different meshes (another namespace).
    #[arg(long)]
    force: bool,
}

/// The conflict report beside `ours`.
pub fn report_path(ours: &Path) -> PathBuf {
    let mut name = ours.file_name().unwrap_or_default().to_os_string();
    name.push(".conflicts.yaml");
    ours.with_file_name(name)
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let load = |p: &Path| -> anyhow::Result<_> { Ok(Store::open(p, Access::ReadOnly)?.load()?) };
    let (base, ours, theirs) = (load(&args.base)?, load(&args.ours)?, load(&args.theirs)?);
    same_mesh(&ours, &theirs, [&args.ours, &args.theirs], args.force)?;
    let merged = merge::merge(&base, &ours, &theirs)?;
    // The policy travels with our side.
    let policy = Store::open(&args.ours, Access::ReadOnly)?.policy()?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(args.ours.file_name().unwrap_or_default());
    tmp_name.push(format!(".merge-{}", std::process::id()));
    let tmp = args.ours.with_file_name(tmp_name);
    let written = (|| -> anyhow::Result<()> {
        let mut store = Store::create_from(&tmp, &merged.mesh, &mut |_, _| {})?;
        if policy != mesh_core::governance::Policy::default() {
            store.apply(
                vec![mesh_core::store::EditOp::SetPolicy(policy)],
                Some("Merge".into()),
            )?;
        }
        drop(store);
        std::fs::rename(&tmp, &args.ours)
            .with_context(|| format!("could not replace {}", args.ours.display()))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let report = report_path(args.path.as_deref().unwrap_or(&args.ours));
    if merged.conflicts.is_empty() {
        let _ = std::fs::remove_file(&report);
        return Ok(Outcome::Ok);
    }
    let yaml = serde_saphyr::to_string(&serde_json::json!({ "conflicts": merged.conflicts }))
        .context("could not write the conflict report")?;
    std::fs::write(&report, yaml)
        .with_context(|| format!("could not write {}", report.display()))?;
    eprintln!(
        "meshwright: {} conflicts merged as ours; see {}",
        merged.conflicts.len(),
        report.display()
    );
    Ok(Outcome::Findings)
}
