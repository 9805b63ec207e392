//! Data quality rules, ODCS v3.1 `quality[]` items: on a schema object or on one of its
//! properties.
//!
//! Data only: what a rule means to a quality engine is that engine's business.

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::Unmapped;

/// How a rule is expressed, ODCS `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum QualityType {
    /// Prose for people.
    Text,
    /// A predefined metric (`nullValues`, `rowCount`, ...) with a threshold.
    Library,
    /// A SQL query whose result is compared with a threshold.
    Sql,
    /// A rule in a quality engine's own language (Soda, Great Expectations).
    Custom,
}

/// One quality rule. The thresholds (`mustBe...`) keep numbers as written, so `0` is
/// not written back as `0.0`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QualityRule {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it checks, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How it is expressed; ODCS reads a missing one as `library`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub rule_type: Option<QualityType>,
    /// `accuracy`, `completeness`, `conformity`, `consistency`, `coverage`,
    /// `timeliness` or `uniqueness`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// `info`, `warning`, `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// The predefined metric of a `library` rule: `nullValues`, `missingValues`,
    /// `invalidValues`, `duplicateValues`, `rowCount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// The metric's older name (ODCS before 3.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The query of a `sql` rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The engine of a `custom` rule: `soda`, `great-expectations`, `dbt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// The rule in the engine's language, a text or a mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Value>,
    /// The result must equal this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_be: Option<Value>,
    /// The result must differ from this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_not_be: Option<Value>,
    /// The result must be greater.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_be_greater_than: Option<Number>,
    /// The result must be greater or equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_be_greater_or_equal_to: Option<Number>,
    /// The result must be less.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_be_less_than: Option<Number>,
    /// The result must be less or equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_be_less_or_equal_to: Option<Number>,
    /// The result must lie between the two, smallest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_be_between: Vec<Number>,
    /// The result must lie outside the two, smallest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_not_be_between: Vec<Number>,
    /// The unit of the result: `rows`, `percent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Keys the model has no field for (`id`, `schedule`, `businessImpact`, ...).
    #[serde(default, skip_serializing_if = "Unmapped::is_empty")]
    pub extra: Unmapped,
}
