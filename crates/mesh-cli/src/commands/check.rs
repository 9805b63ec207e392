//! `meshwright check`: runs the governance rules over a mesh file, or over manifest
//! files and folders read into memory where they are (both through `mesh-app`'s
//! read-only sources), and reports findings as text, JSON, SARIF, JUnit or GitLab Code
//! Quality, each placed in the mesh file or at the line of the manifest field it
//! concerns; exits 1 when an unwaived finding reaches `--fail-on`. With `--baseline`
//! an older mesh file or folder of manifests (the main branch of a domain repository)
//! is read the same ways, and the rules comparing contracts with it run too.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use mesh_app::TaskPhase;
use mesh_app::readonly::{ReadOnlyManifests, ReadOnlyMesh};
use mesh_core::governance::report::{self, Place, Placed};
use mesh_core::governance::{self, Policy, Severity};
use mesh_core::model::Mesh;

use crate::{Outcome, progress};

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// For people: one block per finding (`path:line:col:` for manifests) and a summary.
    Text,
    /// The report as JSON (findings with their location, rules, summary).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, for CI test views.
    Junit,
    /// GitLab Code Quality JSON, for merge request widgets.
    Gitlab,
}

/// The lowest severity that fails the check.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// Errors fail the check.
    Error,
    /// Warnings and errors fail the check.
    Warning,
    /// Never fail on findings (exit 0 unless the input is bad).
    Never,
}

/// Check a mesh file, or manifest files and folders where they are (read in memory,
/// nothing written), against a governance policy and report findings.
/// Exit codes: 0 no finding at the threshold, 1 findings, 2 usage or input error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A mesh file, or manifest files and folders (a domain repository, or several).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A policy YAML file; without it a mesh file's stored policy, or the
    /// `meshwright-policy.yaml` at the root of a folder given, or the defaults.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The lowest unwaived severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// An older version of the mesh (a mesh file, or a folder of manifests such as the
    /// main branch's export) to compare contracts with: a breaking change without a new
    /// major version is an error (DM-CON-004).
    #[arg(long, value_name = "OLD")]
    baseline: Option<PathBuf>,
}

/// Reads and validates a policy YAML file; errors name the file and the cause.
pub fn read_policy(path: &Path) -> anyhow::Result<Policy> {
    let meta = std::fs::metadata(path).with_context(|| format!("{}", path.display()))?;
    if meta.len() > governance::MAX_POLICY_BYTES as u64 {
        anyhow::bail!("{}: too large for a policy file", path.display());
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    Policy::from_yaml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn is_mesh_file(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "mesh")
}

/// Whether the file starts as every SQLite database does: a baseline may be a mesh
/// file saved under another name (`git show main:landscape.mesh > /tmp/old`).
fn is_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    path.is_file()
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
        && &head == b"SQLite format 3\0"
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let today = chrono::Local::now().date_naive();
    let base = std::env::current_dir().context("the working directory")?;
    let baseline = args.baseline.as_deref().map(read_baseline).transpose()?;
    let baseline = baseline.as_ref();
    let (report, places) = match args.paths.as_slice() {
        [file] if is_mesh_file(file) => {
            let mesh = ReadOnlyMesh::open(file)?;
            let policy = match &args.policy {
                Some(path) => read_policy(path)?,
                None => mesh.policy()?,
            };
            let report = mesh
                .check_against(baseline, &policy, today)
                .with_context(|| format!("{}: invalid policy", file.display()))?;
            let places = vec![Some(Place::file(file)); report.findings.len()];
            (report, places)
        }
        paths => {
            if let Some(mesh) = paths.iter().find(|p| is_mesh_file(p)) {
                anyhow::bail!(
                    "{}: a mesh file is checked alone, not with manifests",
                    mesh.display()
                );
            }
            let bar = progress::bar("reading");
            let mut token = progress::token(&bar, TaskPhase::Reading);
            let read = ReadOnlyManifests::read(paths, &mut token);
            bar.finish_and_clear();
            let manifests = match read {
                Ok(m) => m,
                Err(errors) => return Ok(refused(&errors)),
            };
            let policy_file = args.policy.clone().or_else(|| manifests.policy_file());
            let policy = match &policy_file {
                Some(path) => read_policy(path)?,
                None => Policy::default(),
            };
            manifests
                .check_against(baseline, &policy, today)
                .with_context(|| match &policy_file {
                    Some(path) => format!("{}: invalid policy", path.display()),
                    None => "invalid policy".to_owned(),
                })?
        }
    };
    let placed = Placed {
        report: &report,
        places,
        base,
    };
    let rendered = render(&placed, args.format)?;
    match &args.output {
        Some(path) => std::fs::write(path, rendered)
            .with_context(|| format!("{}: cannot write the report", path.display()))?,
        None => print!("{rendered}"),
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    Ok(if report.fails(threshold) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// The baseline's model: a mesh file opened read-only, or manifest files and folders
/// read in memory. Any problem is one error naming the baseline and the cause (the
/// first problem of its manifests, with how many more there are).
fn read_baseline(path: &Path) -> anyhow::Result<Mesh> {
    let what = || format!("{}: cannot read the baseline", path.display());
    if !path.exists() {
        return Err(anyhow::anyhow!("no such file or folder")).with_context(what);
    }
    if is_mesh_file(path) || is_sqlite(path) {
        return Ok(ReadOnlyMesh::open(path).with_context(what)?.into_mesh());
    }
    let bar = progress::bar("reading the baseline");
    let mut token = progress::token(&bar, TaskPhase::Reading);
    let read = ReadOnlyManifests::read(&[path.to_path_buf()], &mut token);
    bar.finish_and_clear();
    match read {
        Ok(manifests) => Ok(manifests.into_mesh()),
        Err(errors) => {
            let more = match errors.len() {
                0 | 1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            let first = errors.first().map_or_else(String::new, ToString::to_string);
            Err(anyhow::anyhow!("{first}{more}")).with_context(what)
        }
    }
}

/// Prints every problem of the manifests (`path:line:col: field: reason`) and a summary.
fn refused(errors: &[mesh_core::manifests::import::ImportError]) -> Outcome {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!(
        "meshwright: error: cannot check the manifests: {} problem{}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    Outcome::Refused
}

fn render(placed: &Placed<'_>, format: Format) -> anyhow::Result<String> {
    let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).map(|s| s + "\n");
    Ok(match format {
        Format::Text => report::text(placed),
        Format::Json => pretty(report::json(placed))?,
        Format::Sarif => pretty(report::sarif(placed))?,
        Format::Junit => report::junit(placed),
        Format::Gitlab => pretty(report::gitlab(placed))?,
    })
}
