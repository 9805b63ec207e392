//! `meshwright check`: runs the governance rules over a mesh (read through `mesh-app`'s
//! `ReadOnlyMesh`) and reports findings as text, JSON, SARIF or JUnit; exits 1 when an
//! unwaived finding reaches `--fail-on`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use mesh_app::readonly::ReadOnlyMesh;
use mesh_core::governance::{self, Policy, Report, Severity};

use crate::Outcome;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// For people: one block per finding and a summary.
    Text,
    /// The report as JSON (findings, rules, summary).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, for CI test views.
    Junit,
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

/// Check a mesh against its governance policy (or the one given) and report findings.
/// Exit codes: 0 no finding at the threshold, 1 findings, 2 usage or input error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// A policy YAML file to use instead of the policy stored in the mesh.
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

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let file = ReadOnlyMesh::open(&args.file)?;
    let policy = match &args.policy {
        Some(path) => read_policy(path)?,
        None => file.policy()?,
    };
    let today = chrono::Local::now().date_naive();
    let report = file
        .check(&policy, today)
        .with_context(|| format!("{}: invalid policy", args.file.display()))?;
    let rendered = render(&report, args.format, &args.file)?;
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

fn render(report: &Report, format: Format, file: &Path) -> anyhow::Result<String> {
    Ok(match format {
        Format::Text => governance::report::text(report),
        Format::Json => serde_json::to_string_pretty(report)? + "\n",
        Format::Sarif => {
            // Code scanning resolves artifacts relative to the repository, so keep the
            // path as given, with forward slashes.
            let uri = file.to_string_lossy().replace('\\', "/");
            serde_json::to_string_pretty(&governance::report::sarif(report, &uri))? + "\n"
        }
        Format::Junit => governance::report::junit(report),
    })
}
