//! The governance policy of one mesh: which rules run at which severity with which
//! parameters, the waivers granted, and the custom rules written in CEL. Stored in the
//! mesh file (one JSON row, see `store`) and exchanged with CI as YAML.
//!
//! This module validates and converts policies. It must not run rules; a custom rule's
//! CEL is only compiled by the engine, where a broken expression becomes a finding
//! rather than an error here, so a policy with a typo in CEL can still be stored and
//! reported on.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::finding::{Category, Severity};
use super::rules;
use crate::error::{Error, Result};
use crate::model::EntityKind;

/// Largest policy file read, in bytes: far beyond any real policy, small enough that a
/// hostile file cannot exhaust memory.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// A mesh's governance policy. The default enables every built-in rule with its
/// default severity and parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// Settings per rule id (built-in or custom).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleConfig>,
    /// Accepted findings, each with a reason and optionally an expiry date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// Rules written in CEL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_rules: Vec<CustomRule>,
}

/// How one rule runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleConfig {
    /// `false` switches the rule off; absent keeps it on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Replaces the rule's default severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Parameter values, checked against the rule's typed parameters.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Value>,
}

/// An accepted finding: reported as waived instead of failing the check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Waiver {
    /// The rule id.
    pub rule: String,
    /// The entity, by the name findings show (`orders`, `orders/items@v1`) or by id.
    pub entity: String,
    /// Why it is accepted; required.
    pub reason: String,
    /// The last day the waiver applies; from the next day on the finding counts again
    /// and the waiver itself is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

/// What kind of entity a custom rule is evaluated on, once per entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Target {
    /// Every data product (variable `product`).
    Product,
    /// Every output port (variable `port`, with its `product`).
    OutputPort,
    /// Every domain (variable `domain`).
    Domain,
    /// Every team (variable `team`).
    Team,
    /// Every product-to-product dependency (variable `dependency`, with `consumer`,
    /// `provider` and `port`).
    Dependency,
}

/// A rule written in CEL; see `docs/governance.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomRule {
    /// Stable id in upper-case words joined by hyphens (`ACME-CON-001`); must not be a
    /// built-in id.
    pub id: String,
    /// Short name; defaults to the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Category shown in reports; defaults to `custom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// What the rule checks and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The entities it runs on.
    pub target: Target,
    /// A CEL condition selecting the entities the rule applies to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The CEL condition every selected entity must meet; a finding when it is false.
    #[serde(rename = "assert")]
    pub assertion: String,
    /// The finding's message; `${expr}` is replaced by the CEL expression's value.
    pub message: String,
    /// The finding's severity.
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// How to fix a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

fn default_severity() -> Severity {
    Severity::Warning
}

fn invalid(rule: &str, field: &'static str, reason: impl Into<String>) -> Error {
    Error::invalid(EntityKind::Policy, rule, field, reason)
}

impl Policy {
    /// Checks the policy against the rules this build knows: rule ids exist, parameters
    /// have the declared types, waivers have reasons, custom rules have valid, unique
    /// ids. The error names the rule and the parameter or field.
    pub fn validate(&self) -> Result<()> {
        let mut custom_ids = HashSet::new();
        let id_format = regex::Regex::new(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
            .map_err(|e| invalid("", "customRules", e.to_string()))?;
        for c in &self.custom_rules {
            if !id_format.is_match(&c.id) {
                return Err(invalid(
                    &c.id,
                    "id",
                    "must be upper-case words joined by hyphens, such as ACME-CON-001",
                ));
            }
            if rules::find(&c.id).is_some() {
                return Err(invalid(
                    &c.id,
                    "id",
                    "is a built-in rule id; choose another",
                ));
            }
            if !custom_ids.insert(c.id.as_str()) {
                return Err(invalid(&c.id, "id", "is used by two custom rules"));
            }
            if c.assertion.trim().is_empty() {
                return Err(invalid(&c.id, "assert", "must not be empty"));
            }
            if c.message.trim().is_empty() {
                return Err(invalid(&c.id, "message", "must not be empty"));
            }
        }
        for (id, config) in &self.rules {
            match rules::find(id) {
                Some(rule) => {
                    rule.resolve(&config.params)
                        .map_err(|why| invalid(id, "params", why))?;
                }
                None if custom_ids.contains(id.as_str()) => {
                    if !config.params.is_empty() {
                        return Err(invalid(
                            id,
                            "params",
                            "custom rules take no parameters; write values into the CEL",
                        ));
                    }
                }
                None => {
                    return Err(invalid(
                        id,
                        "rules",
                        "is not a rule id (see `meshwright rules`)",
                    ));
                }
            }
        }
        for w in &self.waivers {
            if rules::find(&w.rule).is_none() && !custom_ids.contains(w.rule.as_str()) {
                return Err(invalid(
                    &w.rule,
                    "waivers",
                    "waives a rule id that does not exist (see `meshwright rules`)",
                ));
            }
            if w.entity.trim().is_empty() {
                return Err(invalid(
                    &w.rule,
                    "waivers",
                    "waiver needs an entity name or id",
                ));
            }
            if w.reason.trim().is_empty() {
                return Err(invalid(
                    &w.rule,
                    "waivers",
                    format!("waiver for {} needs a reason", w.entity),
                ));
            }
        }
        Ok(())
    }

    /// Reads a policy from YAML and validates it. The parser runs with budgets on size,
    /// nesting depth and aliases, since policy files come from repositories and merge
    /// requests. The error is one line.
    pub fn from_yaml(text: &str) -> std::result::Result<Policy, String> {
        if text.len() > MAX_POLICY_BYTES {
            return Err(format!(
                "is larger than {} KiB, too large for a policy",
                MAX_POLICY_BYTES / 1024
            ));
        }
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! {
                max_depth: 32,
                max_aliases: 0,
                max_anchors: 0,
                max_events: 200_000,
            },
            with_snippet: false,
        };
        let policy: Policy = if text.trim().is_empty() {
            Policy::default()
        } else {
            serde_saphyr::from_str_with_options(text, options)
                .map_err(|e| one_line(&e.to_string()))?
        };
        policy.validate().map_err(|e| e.to_string())?;
        Ok(policy)
    }

    /// Writes the policy as YAML.
    pub fn to_yaml(&self) -> std::result::Result<String, String> {
        serde_saphyr::to_string(self).map_err(|e| e.to_string())
    }

    /// The settings of one rule, if the policy has any.
    pub fn rule(&self, id: &str) -> Option<&RuleConfig> {
        self.rules.get(id)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
rules:
  DM-DEP-005:
    severity: error
    params:
      max_upstream: 4
  DM-DOC-003:
    enabled: false
waivers:
  - rule: DM-OWN-001
    entity: returns
    reason: Team being formed, see ticket GOV-12
    expires: 2030-06-30
customRules:
  - id: ACME-PROD-001
    target: product
    when: product.archetype == "consumer-aligned"
    assert: product.fanIn <= 20
    message: "${product.name} has ${product.fanIn} consumers"
    severity: warning
"#;

    #[test]
    fn yaml_round_trip() {
        let p = Policy::from_yaml(SAMPLE).unwrap();
        assert_eq!(p.rules["DM-DEP-005"].params["max_upstream"], 4);
        assert_eq!(p.waivers[0].expires, NaiveDate::from_ymd_opt(2030, 6, 30));
        assert_eq!(p.custom_rules[0].target, Target::Product);
        let yaml = p.to_yaml().unwrap();
        assert_eq!(Policy::from_yaml(&yaml).unwrap(), p);
        assert_eq!(Policy::from_yaml("").unwrap(), Policy::default());
    }

    #[test]
    fn errors_name_the_rule_and_parameter() {
        let bad = "rules:\n  DM-DEP-005:\n    params:\n      max_upstream: many\n";
        let e = Policy::from_yaml(bad).unwrap_err();
        assert!(
            e.contains("DM-DEP-005") && e.contains("max_upstream"),
            "{e}"
        );
        let e =
            Policy::from_yaml("rules:\n  DM-DEP-005:\n    params:\n      max: 1\n").unwrap_err();
        assert!(e.contains("no parameter `max`"), "{e}");
        let e = Policy::from_yaml("rules:\n  DM-XYZ-001: {}\n").unwrap_err();
        assert!(e.contains("DM-XYZ-001"), "{e}");
        let e = Policy::from_yaml("waivers:\n  - {rule: DM-OWN-001, entity: x, reason: ' '}\n")
            .unwrap_err();
        assert!(e.contains("needs a reason"), "{e}");
        let e = Policy::from_yaml("rulez: {}\n").unwrap_err();
        assert!(e.contains("rulez"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn hostile_yaml_is_refused() {
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        assert!(Policy::from_yaml(bomb).is_err());
        let deep = format!("rules: {}{}", "[".repeat(100), "]".repeat(100));
        assert!(Policy::from_yaml(&deep).is_err());
    }
}
