//! One change a user makes to a mesh's policy (waive a finding, switch a rule, override
//! its severity, set a parameter, save or delete a custom rule) and the next policy it
//! gives. Hosts send the change, not a policy they worked out, so the desktop and any
//! other host store the same policy for the same gesture: only what differs from the
//! defaults, so the stored policy and its YAML hold what the user changed and nothing
//! else.
//!
//! It must not validate the whole policy or store it: the store's `setPolicy` edit does
//! both, so the change is one undoable edit like any other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::engine::catalog;
use super::finding::Severity;
use super::policy::{CustomRule, Policy, RuleConfig, Waiver};
use super::rule::ParamKind;
use crate::error::{Error, Result};
use crate::model::EntityKind;

/// One change to the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "action")]
pub enum PolicyEdit {
    /// Accepts `rule`'s finding on `entity` (by the name findings show) for `reason`,
    /// up to and including `expires`; replaces a waiver of the same finding.
    #[serde(rename_all = "camelCase")]
    Waive {
        /// The rule id.
        rule: String,
        /// The entity's name.
        entity: String,
        /// Why it is accepted (surrounding blanks dropped).
        reason: String,
        /// The last day it applies.
        expires: Option<NaiveDate>,
    },
    /// Drops the waivers of `rule` on the entity named by any of `names` (its name, its
    /// id).
    #[serde(rename_all = "camelCase")]
    Unwaive {
        /// The rule id.
        rule: String,
        /// The entity's names.
        names: Vec<String>,
    },
    /// Switches a rule on or off.
    #[serde(rename_all = "camelCase")]
    SetEnabled {
        /// The rule id.
        rule: String,
        /// Whether it runs.
        enabled: bool,
    },
    /// Sets a rule's severity; its default severity drops the override.
    #[serde(rename_all = "camelCase")]
    SetSeverity {
        /// The rule id.
        rule: String,
        /// The severity.
        severity: Severity,
    },
    /// Sets one parameter of a rule from the text typed for it (read by the
    /// parameter's kind), or back to its default when `text` is absent.
    #[serde(rename_all = "camelCase")]
    SetParam {
        /// The rule id.
        rule: String,
        /// The parameter's name.
        name: String,
        /// The text typed.
        text: Option<String>,
    },
    /// Adds a custom rule, or replaces the one with id `replacing`; a renamed rule
    /// keeps its settings under its new id.
    #[serde(rename_all = "camelCase")]
    SaveCustomRule {
        /// The rule.
        rule: CustomRule,
        /// The id of the rule it replaces.
        replacing: Option<String>,
    },
    /// Removes a custom rule with its settings (its waivers stay: the policy's check
    /// names them if they must go).
    #[serde(rename_all = "camelCase")]
    DeleteCustomRule {
        /// The rule id.
        id: String,
    },
}

fn invalid(rule: &str, field: &'static str, reason: impl Into<String>) -> Error {
    Error::invalid(EntityKind::Policy, rule, field, reason)
}

impl ParamKind {
    /// The JSON value of `text` typed for a parameter of this kind, or what was
    /// expected.
    pub fn parse(self, text: &str) -> std::result::Result<Value, &'static str> {
        let t = text.trim();
        let number = || t.parse::<f64>().ok().filter(|n| n.is_finite());
        match self {
            ParamKind::Integer => t
                .parse::<u64>()
                .ok()
                .filter(|_| t.bytes().all(|b| b.is_ascii_digit()))
                .map(Value::from)
                .ok_or("a whole number (0 or more)"),
            ParamKind::Number => number().map(Value::from).ok_or("a number"),
            ParamKind::Boolean => match t {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                _ => Err("true or false"),
            },
            // A pattern is kept as typed: its blanks may be part of it.
            ParamKind::Pattern => Ok(Value::from(text)),
            ParamKind::List => Ok(Value::from(
                t.split(',')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>(),
            )),
        }
    }
}

impl PolicyEdit {
    /// What the change is called in the history.
    pub fn label(&self) -> String {
        match self {
            PolicyEdit::Waive { rule, entity, .. } => format!("Waive {rule} on {entity}"),
            PolicyEdit::Unwaive { rule, names } => format!(
                "Remove waiver of {rule} on {}",
                names.first().map_or("", String::as_str)
            ),
            PolicyEdit::SetEnabled { rule, .. }
            | PolicyEdit::SetSeverity { rule, .. }
            | PolicyEdit::SetParam { rule, .. } => format!("Change rule {rule}"),
            PolicyEdit::SaveCustomRule { rule, replacing } => format!(
                "{} custom rule {}",
                if replacing.is_some() { "Update" } else { "Add" },
                rule.id
            ),
            PolicyEdit::DeleteCustomRule { id } => format!("Delete custom rule {id}"),
        }
    }

    /// The policy after this change to `policy`. A rule setting names a rule the
    /// policy knows (built in or custom) and a parameter it declares; a parameter's
    /// text must read as its kind. The error names the rule and what was expected.
    pub fn apply(&self, policy: &Policy) -> Result<Policy> {
        let mut next = policy.clone();
        match self {
            PolicyEdit::Waive {
                rule,
                entity,
                reason,
                expires,
            } => {
                next.waivers
                    .retain(|w| !(w.rule == *rule && w.entity == *entity));
                next.waivers.push(Waiver {
                    rule: rule.clone(),
                    entity: entity.clone(),
                    reason: reason.trim().to_owned(),
                    expires: *expires,
                });
            }
            PolicyEdit::Unwaive { rule, names } => next
                .waivers
                .retain(|w| !(w.rule == *rule && names.contains(&w.entity))),
            PolicyEdit::SetEnabled { rule, enabled } => {
                change_rule(&mut next, policy, rule, |c, _| {
                    // On is the default: only off is stored.
                    c.enabled = (!enabled).then_some(false);
                    Ok(())
                })?;
            }
            PolicyEdit::SetSeverity { rule, severity } => {
                change_rule(&mut next, policy, rule, |c, doc| {
                    c.severity = (*severity != doc.default_severity).then_some(*severity);
                    Ok(())
                })?;
            }
            PolicyEdit::SetParam { rule, name, text } => {
                change_rule(&mut next, policy, rule, |c, doc| {
                    let Some(param) = doc.params.iter().find(|p| p.name == *name) else {
                        return Err(invalid(rule, "params", format!("has no parameter {name}")));
                    };
                    match text {
                        None => {
                            c.params.remove(name);
                        }
                        Some(text) => {
                            let value = param.kind.parse(text).map_err(|expected| {
                                invalid(rule, "params", format!("{name}: expected {expected}"))
                            })?;
                            c.params.insert(name.clone(), value);
                        }
                    }
                    Ok(())
                })?;
            }
            PolicyEdit::SaveCustomRule { rule, replacing } => {
                let at = replacing
                    .as_ref()
                    .and_then(|id| next.custom_rules.iter().position(|r| r.id == *id));
                match at {
                    Some(i) => next.custom_rules[i] = rule.clone(),
                    None => next.custom_rules.push(rule.clone()),
                }
                if let Some(old) = replacing.as_ref().filter(|old| **old != rule.id)
                    && let Some(config) = next.rules.remove(old)
                {
                    next.rules.insert(rule.id.clone(), config);
                }
            }
            PolicyEdit::DeleteCustomRule { id } => {
                next.rules.remove(id);
                next.custom_rules.retain(|r| r.id != *id);
            }
        }
        Ok(next)
    }
}

/// Changes the settings of `rule` in `next` with `change`, given the rule as `policy`
/// documents it; settings left at their defaults are dropped, and a rule with none
/// leaves the policy.
fn change_rule(
    next: &mut Policy,
    policy: &Policy,
    rule: &str,
    change: impl FnOnce(&mut RuleConfig, &super::RuleDoc) -> Result<()>,
) -> Result<()> {
    let docs = catalog(policy)?;
    let Some(doc) = docs.iter().find(|d| d.id == rule) else {
        return Err(invalid(rule, "rules", "is not a rule of this policy"));
    };
    let mut config = next.rules.remove(rule).unwrap_or_default();
    change(&mut config, doc)?;
    if config != RuleConfig::default() {
        next.rules.insert(rule.to_owned(), config);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::governance::Target;

    fn rule(id: &str, enabled: Option<bool>, severity: Option<Severity>) -> (String, RuleConfig) {
        (
            id.to_owned(),
            RuleConfig {
                enabled,
                severity,
                ..RuleConfig::default()
            },
        )
    }

    #[test]
    fn one_waiver_per_rule_and_entity_trimmed_and_dropped_by_name_or_id() {
        let waive = |reason: &str, expires| PolicyEdit::Waive {
            rule: "DM-DEP-001".into(),
            entity: "orders".into(),
            reason: reason.into(),
            expires,
        };
        let p = waive("  planned split ", None)
            .apply(&Policy::default())
            .unwrap();
        assert_eq!(
            p.waivers,
            [Waiver {
                rule: "DM-DEP-001".into(),
                entity: "orders".into(),
                reason: "planned split".into(),
                expires: None,
            }]
        );
        let last = NaiveDate::from_ymd_opt(2030, 1, 31);
        let p = waive("later", last).apply(&p).unwrap();
        assert_eq!(p.waivers.len(), 1);
        assert_eq!(
            (p.waivers[0].reason.as_str(), p.waivers[0].expires),
            ("later", last)
        );
        let unwaive = PolicyEdit::Unwaive {
            rule: "DM-DEP-001".into(),
            names: vec!["uuid".into(), "orders".into()],
        };
        assert!(unwaive.apply(&p).unwrap().waivers.is_empty());
        assert_eq!(unwaive.label(), "Remove waiver of DM-DEP-001 on uuid");
    }

    #[test]
    fn a_rule_change_stores_only_what_differs_from_the_defaults() {
        let id = "DM-DEP-005";
        let set = |p: &Policy, e: PolicyEdit| e.apply(p).unwrap();
        let p = set(
            &Policy::default(),
            PolicyEdit::SetEnabled {
                rule: id.into(),
                enabled: false,
            },
        );
        assert_eq!(p.rules, [rule(id, Some(false), None)].into());
        let p = set(
            &p,
            PolicyEdit::SetSeverity {
                rule: id.into(),
                severity: Severity::Error,
            },
        );
        let p = set(
            &p,
            PolicyEdit::SetParam {
                rule: id.into(),
                name: "max_upstream".into(),
                text: Some(" 3 ".into()),
            },
        );
        let config = &p.rules[id];
        assert_eq!(
            (config.enabled, config.severity),
            (Some(false), Some(Severity::Error))
        );
        assert_eq!(config.params["max_upstream"], Value::from(3));
        let default = catalog(&Policy::default()).unwrap();
        let default = default
            .iter()
            .find(|d| d.id == id)
            .unwrap()
            .default_severity;
        let p = set(
            &p,
            PolicyEdit::SetEnabled {
                rule: id.into(),
                enabled: true,
            },
        );
        let p = set(
            &p,
            PolicyEdit::SetSeverity {
                rule: id.into(),
                severity: default,
            },
        );
        assert_eq!(p.rules[id].params.len(), 1);
        assert_eq!((p.rules[id].enabled, p.rules[id].severity), (None, None));
        let p = set(
            &p,
            PolicyEdit::SetParam {
                rule: id.into(),
                name: "max_upstream".into(),
                text: None,
            },
        );
        assert!(p.rules.is_empty());
        assert_eq!(
            PolicyEdit::SetEnabled {
                rule: id.into(),
                enabled: true
            }
            .label(),
            "Change rule DM-DEP-005"
        );
    }

    #[test]
    fn a_parameter_reads_as_its_kind_or_names_what_was_expected() {
        assert_eq!(ParamKind::Integer.parse(" 12 "), Ok(Value::from(12)));
        assert_eq!(
            ParamKind::Integer.parse("-1"),
            Err("a whole number (0 or more)")
        );
        assert_eq!(ParamKind::Number.parse("0.5"), Ok(Value::from(0.5)));
        assert_eq!(ParamKind::Number.parse("x"), Err("a number"));
        assert_eq!(ParamKind::Boolean.parse("true"), Ok(Value::Bool(true)));
        assert_eq!(ParamKind::Boolean.parse("yes"), Err("true or false"));
        assert_eq!(
            ParamKind::List.parse("a, b,,c"),
            Ok(Value::from(vec!["a", "b", "c"]))
        );
        assert_eq!(
            ParamKind::List.parse(" "),
            Ok(Value::from(Vec::<&str>::new()))
        );
        assert_eq!(
            ParamKind::Pattern.parse("^[a-z]+$"),
            Ok(Value::from("^[a-z]+$"))
        );

        let bad = PolicyEdit::SetParam {
            rule: "DM-DEP-005".into(),
            name: "max_upstream".into(),
            text: Some("-1".into()),
        };
        let err = bad.apply(&Policy::default()).unwrap_err();
        assert_eq!(err.field(), Some("params"));
        assert!(
            err.to_string()
                .contains("max_upstream: expected a whole number"),
            "{err}"
        );
        let unknown = PolicyEdit::SetEnabled {
            rule: "DM-NOPE-001".into(),
            enabled: false,
        };
        assert!(unknown.apply(&Policy::default()).is_err());
    }

    #[test]
    fn a_custom_rule_is_added_renamed_with_its_settings_and_removed() {
        let custom = CustomRule {
            id: "ACME-A-001".into(),
            name: None,
            category: None,
            description: None,
            target: Target::Product,
            when: None,
            assertion: "true".into(),
            message: "m".into(),
            severity: Severity::Info,
            fix: None,
        };
        let save = |p: &Policy, rule: CustomRule, replacing: Option<&str>| {
            PolicyEdit::SaveCustomRule {
                rule,
                replacing: replacing.map(str::to_owned),
            }
            .apply(p)
            .unwrap()
        };
        let p = save(&Policy::default(), custom.clone(), None);
        assert_eq!(p.custom_rules, std::slice::from_ref(&custom));
        let p = PolicyEdit::SetEnabled {
            rule: "ACME-A-001".into(),
            enabled: false,
        }
        .apply(&p)
        .unwrap();
        let renamed = CustomRule {
            id: "ACME-B-001".into(),
            ..custom
        };
        let p = save(&p, renamed, Some("ACME-A-001"));
        let ids: Vec<&str> = p.custom_rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ACME-B-001"]);
        assert_eq!(p.rules, [rule("ACME-B-001", Some(false), None)].into());
        let p = PolicyEdit::DeleteCustomRule {
            id: "ACME-B-001".into(),
        }
        .apply(&p)
        .unwrap();
        assert!(p.custom_rules.is_empty() && p.rules.is_empty());
    }
}
