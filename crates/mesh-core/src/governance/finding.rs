//! What a check produces: findings with their severity, the entity they concern, the
//! evidence behind them, and the report that gathers them with the rules that ran.
//!
//! Plain serde data shared with the CLI and the desktop (hence the specta types and no
//! `u64`/`usize` fields). It must not compute findings or format them for a terminal.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::EntityKind;

/// How serious a finding is. Ordered most severe first, so sorting puts errors on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks publishing or CI.
    Error,
    /// Reported, does not block by default.
    Warning,
    /// Advisory or a metric.
    Info,
}

impl Severity {
    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Whether this is at least as severe as `threshold`.
    pub fn reaches(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

/// The group a rule belongs to; each has a short code used in rule ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Category {
    /// Who owns what (`OWN`).
    Ownership,
    /// Data contracts behind ports (`CON`).
    Contracts,
    /// The dependency graph (`DEP`).
    Dependencies,
    /// Statuses, deprecation and retirement (`LIFE`).
    Lifecycle,
    /// Descriptions and purposes (`DOC`).
    Documentation,
    /// Names and identifiers (`NAME`).
    Naming,
    /// Personal data and classification (`SEC`).
    Security,
    /// Promised service levels (`SLO`).
    ServiceLevels,
    /// Coupling between products and domains (`ARCH`).
    Coupling,
    /// The policy itself: waivers and custom rules (`POLICY`).
    Policy,
    /// Custom rules written in CEL, unless they name another category.
    Custom,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 11] = [
        Category::Ownership,
        Category::Contracts,
        Category::Dependencies,
        Category::Lifecycle,
        Category::Documentation,
        Category::Naming,
        Category::Security,
        Category::ServiceLevels,
        Category::Coupling,
        Category::Policy,
        Category::Custom,
    ];

    /// Human label: "service levels".
    pub fn label(self) -> &'static str {
        match self {
            Category::Ownership => "ownership",
            Category::Contracts => "contracts",
            Category::Dependencies => "dependencies",
            Category::Lifecycle => "lifecycle",
            Category::Documentation => "documentation",
            Category::Naming => "naming",
            Category::Security => "security",
            Category::ServiceLevels => "service levels",
            Category::Coupling => "coupling",
            Category::Policy => "policy",
            Category::Custom => "custom",
        }
    }
}

/// An entity a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EntityRef {
    /// What kind of entity.
    pub kind: EntityKind,
    /// Its id; `None` for the mesh itself and for rules of the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The name people know it by: a slug, `product/port@version` for output ports,
    /// `product/input` for input ports, the rule id for a custom rule.
    pub name: String,
}

/// Entities that explain a finding: a cycle path, a chain, the ports involved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// What the list is: "cycle", "chain", "edges to cut", "providers".
    pub label: String,
    /// The entities, in meaningful order (a path runs in dependency direction).
    pub items: Vec<EntityRef>,
}

/// One problem found by one rule on one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The rule's stable id (`DM-DEP-001`).
    pub rule_id: String,
    /// The rule's category.
    pub category: Category,
    /// The effective severity (after the policy's override).
    pub severity: Severity,
    /// The entity concerned.
    pub entity: EntityRef,
    /// What is wrong, in one sentence naming the entities.
    pub message: String,
    /// How to fix it.
    pub fix_hint: String,
    /// The entities behind the finding.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The waiver's reason when a waiver of the policy covers this finding: it is still
    /// reported, but never fails a check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived: Option<String>,
}

impl Finding {
    /// Adds a list of entities explaining the finding.
    pub fn with_evidence(&mut self, label: &str, items: Vec<EntityRef>) -> &mut Self {
        self.evidence.push(Evidence {
            label: label.to_owned(),
            items,
        });
        self
    }

    /// Replaces the rule's generic fix hint with one specific to this finding.
    pub fn with_fix(&mut self, hint: impl Into<String>) -> &mut Self {
        self.fix_hint = hint.into();
        self
    }

    /// Raises the severity to at least `floor` (a rule whose finding is worse past a
    /// threshold); an override to a stricter level is kept.
    pub fn at_least(&mut self, floor: Severity) -> &mut Self {
        self.severity = self.severity.min(floor);
        self
    }

    /// The order of reports: severity, rule, entity name, then message for ties. (The
    /// engine sorts by it through precomputed rule ranks; tests compare with it.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn sort_key(&self) -> (Severity, &str, &str, &str) {
        (
            self.severity,
            &self.rule_id,
            &self.entity.name,
            &self.message,
        )
    }
}

/// Counts of a report, not counting waived findings in the severities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Unwaived errors.
    pub errors: u32,
    /// Unwaived warnings.
    pub warnings: u32,
    /// Unwaived infos.
    pub infos: u32,
    /// Waived findings of any severity.
    pub waived: u32,
}

/// The result of checking one mesh against one policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The mesh's name.
    pub mesh: String,
    /// Every rule that ran (built-in and custom), with its effective severity and
    /// parameters, sorted by id.
    pub rules: Vec<super::RuleDoc>,
    /// Findings sorted by severity, rule and entity name.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
}

impl Report {
    /// Whether an unwaived finding reaches `threshold` (`None`: never fail).
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| {
            self.findings
                .iter()
                .any(|f| f.waived.is_none() && f.severity.reaches(t))
        })
    }

    pub(crate) fn summarise(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match (&f.waived, f.severity) {
                (Some(_), _) => s.waived += 1,
                (None, Severity::Error) => s.errors += 1,
                (None, Severity::Warning) => s.warnings += 1,
                (None, Severity::Info) => s.infos += 1,
            }
        }
        s
    }
}
