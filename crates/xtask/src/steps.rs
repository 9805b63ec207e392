//! Running a planned list of steps in order: a numbered header before each, its duration
//! after, a stop at the first failure, then a summary table of every step and its time.
//!
//! It must not know what any step does; tasks build the plan.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::exec;

/// One step: a short name for the summary, what it runs for the header, and the work.
struct Step {
    /// Short name shown in headers, the summary and the failure message.
    name: String,
    /// What the step runs, shown in its header.
    detail: String,
    /// The work itself.
    action: Box<dyn FnOnce() -> Result<()>>,
}

/// A planned entry: a step to run, or one left out with the reason.
enum Entry {
    /// A step to run in order.
    Run(Step),
    /// A step that does not apply yet, kept so the summary says why it did not run.
    Skip {
        /// Short name shown in the summary.
        name: String,
        /// Why it was left out.
        reason: String,
    },
}

/// How an entry ended, for the summary.
enum Outcome {
    /// Ran and succeeded.
    Passed(Duration),
    /// Ran and failed.
    Failed(Duration),
    /// Not reached because an earlier step failed.
    NotRun,
    /// Left out by the plan.
    Skipped(String),
}

/// Steps in the order they run.
#[derive(Default)]
pub struct Plan {
    /// The entries in order.
    entries: Vec<Entry>,
}

impl Plan {
    /// Adds a step that does arbitrary work; `detail` says what, for the header.
    pub fn step(
        &mut self,
        name: &str,
        detail: impl Into<String>,
        action: impl FnOnce() -> Result<()> + 'static,
    ) {
        self.entries.push(Entry::Run(Step {
            name: name.to_owned(),
            detail: detail.into(),
            action: Box::new(action),
        }));
    }

    /// Adds a step that runs one command.
    pub fn command(&mut self, name: &str, mut cmd: Command) {
        let detail = exec::describe(&cmd);
        self.step(name, detail, move || exec::run(&mut cmd));
    }

    /// Records a step that does not apply, so the summary shows it and why.
    pub fn skip(&mut self, name: &str, reason: &str) {
        self.entries.push(Entry::Skip {
            name: name.to_owned(),
            reason: reason.to_owned(),
        });
    }

    /// Runs the steps in order until one fails, then prints the summary; the error names
    /// the failing step.
    pub fn run(self) -> Result<()> {
        let total = self
            .entries
            .iter()
            .filter(|entry| matches!(entry, Entry::Run(_)))
            .count();
        let started = Instant::now();
        let mut rows = Vec::with_capacity(self.entries.len());
        let mut failure = None;
        let mut number = 0;

        for entry in self.entries {
            let step = match entry {
                Entry::Skip { name, reason } => {
                    rows.push((name, Outcome::Skipped(reason)));
                    continue;
                }
                Entry::Run(step) if failure.is_some() => {
                    rows.push((step.name, Outcome::NotRun));
                    continue;
                }
                Entry::Run(step) => step,
            };
            number += 1;
            println!("\n==> [{number}/{total}] {}: {}", step.name, step.detail);
            let step_started = Instant::now();
            let result = (step.action)();
            let took = step_started.elapsed();
            match result {
                Ok(()) => {
                    println!("<== {} ok ({})", step.name, format_duration(took));
                    rows.push((step.name, Outcome::Passed(took)));
                }
                Err(err) => {
                    println!("<== {} FAILED ({})", step.name, format_duration(took));
                    failure = Some(err.context(format!("step `{}` failed", step.name)));
                    rows.push((step.name, Outcome::Failed(took)));
                }
            }
        }

        print_summary(&rows, started.elapsed());
        failure.map_or(Ok(()), Err)
    }
}

/// Prints one aligned row per entry and the total time.
fn print_summary(rows: &[(String, Outcome)], total: Duration) {
    let width = rows
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0)
        .max("total".len());
    println!("\nSummary");
    println!("  {:<width$}  {:<7}  {:>9}", "step", "result", "time");
    for (name, outcome) in rows {
        let (result, time, note) = match outcome {
            Outcome::Passed(took) => ("ok", format_duration(*took), String::new()),
            Outcome::Failed(took) => ("FAILED", format_duration(*took), String::new()),
            Outcome::NotRun => (
                "not run",
                "-".to_owned(),
                "after an earlier failure".to_owned(),
            ),
            Outcome::Skipped(reason) => ("skipped", "-".to_owned(), reason.clone()),
        };
        let row = format!("  {name:<width$}  {result:<7}  {time:>9}  {note}");
        println!("{}", row.trim_end());
    }
    println!(
        "  {:<width$}  {:<7}  {:>9}",
        "total",
        "",
        format_duration(total)
    );
}

/// `12.3s`, or `2m 05.1s` past a minute.
fn format_duration(took: Duration) -> String {
    let secs = took.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let minutes = (secs / 60.0).floor();
        format!("{minutes:.0}m {:04.1}s", secs - minutes * 60.0)
    }
}
