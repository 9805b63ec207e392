//! The built-in rules, one module per category, each a static table of
//! [`BuiltinRule`]s with their checks. Ids follow `DM-<CATEGORY>-NNN` and are never
//! reused; where the rule catalog (`shared/reference/governance-rules.md`) has an id for
//! a rule, that id is used.
//!
//! Rules only read the [`super::context::Context`] and report into their sink: they must
//! not read the policy, the clock or the store, and must not sort (the engine does).

mod contracts;
mod coupling;
mod dependencies;
mod documentation;
mod lifecycle;
mod ownership;
mod pii_columns;
mod policy;
mod security;
mod service_levels;

use super::rule::BuiltinRule;

pub(crate) use policy::{BROKEN_CUSTOM_RULE, EXPIRED_WAIVER, UNUSED_WAIVER};
pub(crate) use service_levels::freshness_seconds;

/// Every built-in rule, sorted by id.
pub(crate) fn all() -> Vec<&'static BuiltinRule> {
    let mut rules: Vec<&'static BuiltinRule> = [
        ownership::RULES,
        contracts::RULES,
        dependencies::RULES,
        lifecycle::RULES,
        documentation::RULES,
        security::RULES,
        service_levels::RULES,
        coupling::RULES,
        policy::RULES,
    ]
    .into_iter()
    .flatten()
    .collect();
    rules.sort_by_key(|r| r.id);
    rules
}

/// The built-in rule with this id.
pub(crate) fn find(id: &str) -> Option<&'static BuiltinRule> {
    all().into_iter().find(|r| r.id == id)
}

/// Words of [`crate::model::Status`], for list parameters.
pub(crate) const STATUSES: &[&str] = &[
    "proposed",
    "draft",
    "development",
    "active",
    "deprecated",
    "retired",
];

/// Words of [`crate::model::Visibility`], for list parameters.
pub(crate) const VISIBILITIES: &[&str] = &["private", "domain", "public"];

/// Words of [`crate::model::PortType`], for list parameters.
pub(crate) const PORT_TYPES: &[&str] = &["table", "stream", "api", "file", "other"];

/// Words of [`crate::model::Archetype`], for list parameters.
pub(crate) const ARCHETYPES: &[&str] = &["source-aligned", "aggregate", "consumer-aligned"];

/// Whether an optional text is missing or blank.
pub(crate) fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn ids_are_unique_well_formed_and_documented() {
        let rules = all();
        assert!(rules.len() >= 30, "{} rules", rules.len());
        let mut seen = std::collections::HashSet::new();
        let id = regex::Regex::new(r"^DM-(OWN|CON|DEP|LIFE|DOC|NAME|SEC|SLO|ARCH|POLICY)-\d{3}$")
            .unwrap();
        for r in &rules {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(id.is_match(r.id), "{}", r.id);
            assert!(!r.summary.is_empty() && !r.rationale.is_empty() && !r.fix.is_empty());
            // Every default passes its own validation.
            r.resolve(&BTreeMap::new())
                .unwrap_or_else(|e| panic!("{}: {e}", r.id));
        }
        for c in super::super::Category::ALL {
            if c == super::super::Category::Custom {
                continue;
            }
            assert!(rules.iter().any(|r| r.category == c), "{c:?} has no rule");
        }
    }
}
