//! What a rule is: its stable id, category, default severity, typed parameters with
//! defaults, rationale and fix hint ([`BuiltinRule`], documented to hosts as
//! [`RuleDoc`]), the resolved parameters a check reads ([`Params`]) and the [`Sink`] it
//! reports into.
//!
//! This module describes and validates rules; it must not hold any rule's logic (that
//! is `rules/`) or decide which rules run (that is the engine and the policy).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::context::Context;
use super::finding::{Category, EntityRef, Finding, Severity};

/// The type of a rule parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ParamKind {
    /// A whole number, zero or more.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A regular expression (Rust `regex` syntax).
    Pattern,
    /// A list of words, each from the parameter's choices when it has any.
    List,
}

impl ParamKind {
    fn expects(self) -> &'static str {
        match self {
            ParamKind::Integer => "a whole number (0 or more)",
            ParamKind::Number => "a number",
            ParamKind::Boolean => "true or false",
            ParamKind::Pattern => "a regular expression",
            ParamKind::List => "a list of words",
        }
    }
}

/// One typed parameter of a built-in rule.
#[derive(Debug)]
pub(crate) struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub default: ParamDefault,
    pub description: &'static str,
    /// Allowed words for a list; empty when anything goes.
    pub choices: &'static [&'static str],
}

/// A parameter's default, as static data.
#[derive(Debug)]
pub(crate) enum ParamDefault {
    Int(i64),
    Num(f64),
    Bool(bool),
    Text(&'static str),
    List(&'static [&'static str]),
}

impl ParamDefault {
    fn to_json(&self) -> Value {
        match self {
            ParamDefault::Int(i) => Value::from(*i),
            ParamDefault::Num(n) => Value::from(*n),
            ParamDefault::Bool(b) => Value::from(*b),
            ParamDefault::Text(t) => Value::from(*t),
            ParamDefault::List(l) => Value::from(l.to_vec()),
        }
    }
}

/// The signature of a built-in rule's check.
pub(crate) type CheckFn = fn(&Context<'_>, &Params, &mut Sink<'_>);

/// A built-in rule: static metadata and its check.
#[derive(Debug)]
pub(crate) struct BuiltinRule {
    pub id: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub summary: &'static str,
    pub rationale: &'static str,
    pub fix: &'static str,
    pub params: &'static [Param],
    pub check: CheckFn,
}

/// A parameter as hosts see it: `meshwright rules`, SARIF help, the desktop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ParamDoc {
    /// Name, as written in the policy.
    pub name: String,
    /// Type.
    pub kind: ParamKind,
    /// Default value.
    pub default: Value,
    /// Value in effect (the default unless the policy sets it).
    pub value: Value,
    /// What it controls.
    pub description: String,
    /// Allowed words for a list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

/// A rule as hosts see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RuleDoc {
    /// Stable id, never reused (`DM-DEP-001`).
    pub id: String,
    /// Short kebab-case name (`product-cycle`).
    pub name: String,
    /// Category.
    pub category: Category,
    /// Severity without a policy.
    pub default_severity: Severity,
    /// Severity in effect.
    pub severity: Severity,
    /// Whether the policy leaves it enabled.
    pub enabled: bool,
    /// One line: what it checks.
    pub summary: String,
    /// Why it matters.
    pub rationale: String,
    /// How to fix a finding.
    pub fix_hint: String,
    /// Typed parameters.
    pub params: Vec<ParamDoc>,
    /// Written by the policy's author in CEL rather than built in.
    pub custom: bool,
}

impl BuiltinRule {
    /// The rule's documentation with these parameter values in effect.
    pub(crate) fn doc(&self, severity: Severity, enabled: bool, params: &Params) -> RuleDoc {
        RuleDoc {
            id: self.id.to_owned(),
            name: self.name.to_owned(),
            category: self.category,
            default_severity: self.severity,
            severity,
            enabled,
            summary: self.summary.to_owned(),
            rationale: self.rationale.to_owned(),
            fix_hint: self.fix.to_owned(),
            params: self
                .params
                .iter()
                .map(|p| ParamDoc {
                    name: p.name.to_owned(),
                    kind: p.kind,
                    default: p.default.to_json(),
                    value: params.value(p.name).unwrap_or_else(|| p.default.to_json()),
                    description: p.description.to_owned(),
                    choices: p.choices.iter().map(|c| (*c).to_owned()).collect(),
                })
                .collect(),
            custom: false,
        }
    }

    /// The rule's parameters: defaults overlaid with `overrides`, each checked against
    /// its declared type. The error names the parameter and what it expects.
    pub(crate) fn resolve(&self, overrides: &BTreeMap<String, Value>) -> Result<Params, String> {
        for name in overrides.keys() {
            if !self.params.iter().any(|p| p.name == name) {
                let known: Vec<&str> = self.params.iter().map(|p| p.name).collect();
                return Err(if known.is_empty() {
                    format!("has no parameters, so `{name}` cannot be set")
                } else {
                    format!("has no parameter `{name}` (it has: {})", known.join(", "))
                });
            }
        }
        let mut values = BTreeMap::new();
        for p in self.params {
            let value = overrides
                .get(p.name)
                .cloned()
                .unwrap_or_else(|| p.default.to_json());
            check_param(p, &value)
                .map_err(|why| format!("parameter `{}` expects {why}, not {value}", p.name))?;
            values.insert(p.name, value);
        }
        Ok(Params { values })
    }
}

fn check_param(p: &Param, value: &Value) -> Result<(), String> {
    let ok = match p.kind {
        ParamKind::Integer => value.as_u64().is_some(),
        ParamKind::Number => value.as_f64().is_some_and(f64::is_finite),
        ParamKind::Boolean => value.is_boolean(),
        ParamKind::Pattern => match value.as_str() {
            Some(s) => {
                return regex::Regex::new(s)
                    .map(|_| ())
                    .map_err(|e| format!("a valid regular expression ({e})"));
            }
            None => false,
        },
        ParamKind::List => match value.as_array() {
            Some(items) => {
                for item in items {
                    let Some(word) = item.as_str() else {
                        return Err(p.kind.expects().to_owned());
                    };
                    if !p.choices.is_empty() && !p.choices.contains(&word) {
                        return Err(format!("words from {}", p.choices.join(", ")));
                    }
                }
                true
            }
            None => false,
        },
    };
    if ok {
        Ok(())
    } else {
        Err(p.kind.expects().to_owned())
    }
}

/// A rule's parameter values, validated against its declaration: a check reads them
/// with the typed accessors, which fall back to neutral values only for names the rule
/// did not declare (a programming error caught by the tests).
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    values: BTreeMap<&'static str, Value>,
}

impl Params {
    fn value(&self, name: &str) -> Option<Value> {
        self.values.get(name).cloned()
    }

    /// A whole-number parameter.
    pub fn int(&self, name: &str) -> u64 {
        self.values.get(name).and_then(Value::as_u64).unwrap_or(0)
    }

    /// A number parameter.
    pub fn num(&self, name: &str) -> f64 {
        self.values.get(name).and_then(Value::as_f64).unwrap_or(0.0)
    }

    /// A boolean parameter.
    pub fn flag(&self, name: &str) -> bool {
        self.values
            .get(name)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// A text (pattern) parameter.
    pub fn text(&self, name: &str) -> &str {
        self.values.get(name).and_then(Value::as_str).unwrap_or("")
    }

    /// The words of a list parameter.
    pub fn list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.values
            .get(name)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    /// Whether a list parameter holds `word`.
    pub fn has(&self, name: &str, word: &str) -> bool {
        self.values
            .get(name)
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(|v| v.as_str() == Some(word)))
    }
}

/// Where a check puts its findings; stamps each with the rule's id, category,
/// effective severity and fix hint.
pub(crate) struct Sink<'r> {
    rule: &'r BuiltinRule,
    severity: Severity,
    pub(crate) findings: Vec<Finding>,
}

impl<'r> Sink<'r> {
    pub(crate) fn new(rule: &'r BuiltinRule, severity: Severity) -> Self {
        Sink {
            rule,
            severity,
            findings: Vec::new(),
        }
    }

    /// Reports a finding on `entity`; the returned finding can take evidence.
    pub fn report(&mut self, entity: EntityRef, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding {
            rule_id: self.rule.id.to_owned(),
            category: self.rule.category,
            severity: self.severity,
            entity,
            message: message.into(),
            fix_hint: self.rule.fix.to_owned(),
            evidence: Vec::new(),
            waived: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}

/// Declares a parameter tersely in the rule tables.
pub(crate) const fn param(
    name: &'static str,
    kind: ParamKind,
    default: ParamDefault,
    description: &'static str,
) -> Param {
    Param {
        name,
        kind,
        default,
        description,
        choices: &[],
    }
}
