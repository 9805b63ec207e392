//! `meshwright merge BASE OURS THEIRS`: git's merge driver for mesh files (`%O %A %B`).
//! The core merges by entity id and field (`diff::merge`); this writes the result into
//! OURS atomically (a new file beside it, renamed over it) and exits 0, or with conflicts
//! writes the merge with our values, `<file>.conflicts.yaml` (beside `--path`, git's %P,
//! else OURS) listing each conflict with
//! base, ours and theirs, and exits 1 so git stops. A file it cannot read (corrupt, from a
//! newer Meshwright) exits 2 with OURS untouched. The merged file's history holds one
//! edit, "Merge", from our side to the merge, so undo in the app gives our side back.

use std::path::{Path, PathBuf};

use anyhow::Context;
use mesh_core::diff::{conflicts, merge};
use mesh_core::scenario::ops::ops_between;
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
        // Our side, then the merge as one edit on top of it; should the store refuse that
        // edit's order (two names swapped), the merge alone, its history empty.
        let policy_op = (policy != mesh_core::governance::Policy::default())
            .then(|| mesh_core::store::EditOp::SetPolicy(policy));
        let as_edit = (|| -> mesh_core::Result<()> {
            let mut store = Store::create_from(&tmp, &ours, &mut |_, _| {})?;
            // Any window opening the merged file may undo the merge.
            store.record_as_anyones();
            let mut ops = ops_between(&ours, &merged.mesh);
            ops.extend(policy_op.clone());
            store.apply(ops, Some("Merge".into()))?;
            Ok(())
        })();
        if as_edit.is_err() {
            remove_partial(&tmp);
            let mut store = Store::create_from(&tmp, &merged.mesh, &mut |_, _| {})?;
            store.record_as_anyones();
            if let Some(op) = policy_op {
                store.apply(vec![op], Some("Merge".into()))?;
            }
        }
        std::fs::rename(&tmp, &args.ours)
            .with_context(|| format!("could not replace {}", args.ours.display()))
    })();
    if let Err(e) = written {
        remove_partial(&tmp);
        return Err(e);
    }
    let report = conflicts::report_path(args.path.as_deref().unwrap_or(&args.ours));
    if merged.conflicts.is_empty() {
        let _ = std::fs::remove_file(&report);
        return Ok(Outcome::Ok);
    }
    let yaml = conflicts::to_yaml(&merged.conflicts)?;
    std::fs::write(&report, yaml)
        .with_context(|| format!("could not write {}", report.display()))?;
    eprintln!(
        "meshwright: {} conflicts merged as ours; see {}",
        merged.conflicts.len(),
        report.display()
    );
    Ok(Outcome::Findings)
}

/// Removes a half-built file with its SQLite companions.
fn remove_partial(tmp: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}
