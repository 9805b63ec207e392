//! Governance: checks architects and CI pipelines trust. Built-in rules with stable ids
//! (`DM-<CATEGORY>-NNN`), a per-mesh [`Policy`] (enable, severity, parameters, waivers,
//! custom rules in CEL), and reports as text, JSON, SARIF 2.1.0 and JUnit XML.
//!
//! Everything runs over one in-memory [`Mesh`](crate::model::Mesh) snapshot and one
//! precomputed graph index, and the output is deterministic. This module must not read
//! the store or the clock (the caller passes "today") and knows nothing of how findings
//! are shown beyond the report formats.
//!
//! ```
//! use mesh_core::governance::{check, Policy};
//! let mesh = mesh_core::demo::demo_mesh();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
//! let report = check(&mesh, &Policy::default(), today).unwrap();
//! assert!(report.findings.iter().any(|f| f.rule_id == "DM-DEP-001"));
//! ```

mod concern;
mod context;
mod custom;
mod engine;
mod finding;
pub(crate) mod parallel;
mod policy;
mod policy_edit;
pub mod report;
mod rule;
mod rules;

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

pub use concern::{Concern, concern};
pub use custom::{RuleProblem, validate_custom_rule, variables};
pub use engine::{catalog, check, check_against};
pub use finding::{Category, EntityRef, Evidence, Finding, Report, Severity, Summary};
pub use policy::{CustomRule, MAX_POLICY_BYTES, Policy, RuleConfig, Target, Waiver};
pub use policy_edit::PolicyEdit;
pub use rule::{ParamDoc, ParamKind, RuleDoc};
