//! `meshwright import`: ODPS, ODCS, DPDS, Backstage, DataHub and Data Contract
//! Specification manifests (files or folders) merged into a mesh file by id, all or
//! nothing, with a dry run that only reports. The report is the core's per-file summary
//! (created, updated, unchanged, kept unresolved, kept unattached, skipped) and its
//! counts per kind, as text or `--json`, with a `warning` line per reference kept unresolved; `--strict` refuses
//! those instead. Fields two formats give different values are listed as
//! `disagreement` lines (the kept value is ODPS's, then DPDS's, then Backstage's, then
//! DataHub's); they do not stop the import.
//!
//! Every problem of every file is printed, one per line as `path:line:col: field:
//! reason`, and the mesh is left as it was. A mesh file that does not exist yet is
//! created with the namespace of the documents' `tenant`, and removed again when the
//! import fails.

use std::path::{Path, PathBuf};

use mesh_app::TaskPhase;
use mesh_app::import::new_mesh_info;
use mesh_core::manifests::import::{self, ImportError, ImportOptions, ImportReport};
use mesh_core::model::Mesh;
use mesh_core::{Access, Store};

use crate::{Outcome, progress};

/// Import ODPS, ODCS, DPDS, Backstage, DataHub and Data Contract Specification manifests into a
/// mesh file; what cannot be placed is kept (unresolved, unattached) unless `--strict`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Manifest files, or folders walked recursively (the format is told from content).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The mesh file to import into; created when it does not exist.
    #[arg(long, value_name = "FILE")]
    into: PathBuf,
    /// Report what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Refuse inputs whose provider is not known and contracts no output port
    /// references, instead of keeping them unresolved and unattached.
    #[arg(long)]
    strict: bool,
    /// Print the report as JSON (per file: created, updated, unchanged, unresolved,
    /// unattached, skipped; then the warnings and disagreements).
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let bar = progress::bar("reading");
    let mut token = progress::token(&bar, TaskPhase::Reading);
    let read = mesh_app::import::read(&args.paths, &mut token)?;
    bar.finish_and_clear();
    let sources = match read {
        Ok(s) => s,
        Err(errors) => return Ok(report_errors(&errors)),
    };
    let result = token.run(TaskPhase::Applying, |_, cancel| -> anyhow::Result<_> {
        Ok(if args.into.exists() {
            let mut store = Store::open(&args.into, Access::ReadWrite)?;
            let options = ImportOptions {
                dry_run: args.dry_run,
                strict: args.strict,
            };
            import::apply(&mut store, &sources, options, cancel)
        } else {
            let info = new_mesh_info(&args.into, import::tenant(&sources));
            if args.dry_run {
                import::prepare(&Mesh::empty(info), &sources.documents, args.strict).map(|plan| {
                    ImportReport {
                        plan,
                        skipped: sources.skipped.clone(),
                        documents: sources.documents.len(),
                        files: sources.files(),
                        applied: false,
                        edit: None,
                    }
                })
            } else {
                // Written in one go; a failed import leaves no file behind.
                import::create(&args.into, &info, &sources, args.strict, cancel)
            }
        })
    })?;
    match result {
        Ok(report) if args.json => {
            println!("{}", serde_json::to_string_pretty(&json_report(&report))?);
            Ok(Outcome::Ok)
        }
        Ok(report) => {
            summary(&args.into, &report, args.dry_run);
            Ok(Outcome::Ok)
        }
        Err(errors) => Ok(report_errors(&errors)),
    }
}

fn report_errors(errors: &[ImportError]) -> Outcome {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!(
        "meshwright: error: import refused: {} problem{}; nothing was changed",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    Outcome::Refused
}

/// The `--json` report: the core's per-file summary and totals, the warnings and the
/// disagreements as lines.
fn json_report(report: &ImportReport) -> serde_json::Value {
    serde_json::json!({
        "applied": report.applied,
        "documents": report.documents,
        "files": report.by_file(),
        "totals": report.totals(),
        "kinds": report.by_kind(),
        "warnings": report.plan.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "disagreements": report.plan.disagreements.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn summary(into: &Path, report: &ImportReport, dry_run: bool) {
    for f in report.by_file() {
        match &f.skipped {
            Some(why) => println!("skipped {}: {why}", f.path.display()),
            None => {
                let mut parts = vec![
                    format!("{} created", f.created),
                    format!("{} updated", f.updated),
                    format!("{} unchanged", f.unchanged),
                ];
                if f.unresolved > 0 {
                    parts.push(format!("{} kept unresolved", f.unresolved));
                }
                if f.unattached > 0 {
                    parts.push(format!("{} kept unattached", f.unattached));
                }
                println!("file {}: {}", f.path.display(), parts.join(", "));
            }
        }
    }
    for w in &report.plan.warnings {
        println!("warning: {w}");
    }
    for d in &report.plan.disagreements {
        println!("disagreement: {d}");
    }
    println!(
        "{} {} documents into {}{}",
        if dry_run { "would import" } else { "imported" },
        report.documents,
        into.display(),
        if dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    );
    println!(
        "{:<14} {:>8} {:>8} {:>10}",
        "kind", "created", "updated", "unchanged"
    );
    for k in report.by_kind() {
        println!(
            "{:<14} {:>8} {:>8} {:>10}",
            k.kind.label(),
            k.created,
            k.updated,
            k.unchanged
        );
    }
}
