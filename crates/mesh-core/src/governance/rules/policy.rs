//! Rules about the policy itself. Their findings are made by the engine (waivers) and
//! by the custom-rule runner (CEL), not by a check over the mesh; they are declared here
//! so that they are listed, documented and configurable like every other rule.

use crate::governance::finding::{Category, Severity};
use crate::governance::rule::BuiltinRule;

fn none(
    _: &crate::governance::context::Context<'_>,
    _: &super::super::rule::Params,
    _: &mut super::super::rule::Sink<'_>,
) {
}

/// An expired waiver.
pub(crate) const EXPIRED_WAIVER: &str = "DM-POLICY-001";
/// A custom rule that does not compile or fails at run time.
pub(crate) const BROKEN_CUSTOM_RULE: &str = "DM-POLICY-002";
/// A waiver that matched no finding.
pub(crate) const UNUSED_WAIVER: &str = "DM-POLICY-003";

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: EXPIRED_WAIVER,
        name: "expired-waiver",
        category: Category::Policy,
        severity: Severity::Warning,
        summary: "A waiver's expiry date has passed; it no longer suppresses its finding.",
        rationale: "Waivers are promises to fix something by a date. Once the date passes the \
                    finding counts again, and the stale waiver is reported so it is renewed \
                    with a reason or removed.",
        fix: "Fix the waived finding and delete the waiver, or extend `expires` with an \
              updated reason.",
        params: &[],
        check: none,
    },
    BuiltinRule {
        id: BROKEN_CUSTOM_RULE,
        name: "broken-custom-rule",
        category: Category::Policy,
        severity: Severity::Error,
        summary: "A custom CEL rule does not compile or fails while running.",
        rationale: "A rule that cannot run checks nothing; reporting it keeps a typo in the \
                    policy from silently switching a check off.",
        fix: "Correct the CEL expression (see docs/governance.md for the variables each \
              target provides).",
        params: &[],
        check: none,
    },
    BuiltinRule {
        id: UNUSED_WAIVER,
        name: "unused-waiver",
        category: Category::Policy,
        severity: Severity::Info,
        summary: "A waiver matches no finding.",
        rationale: "A waiver that matches nothing is either fixed (and can go) or misspelt \
                    (and suppresses nothing).",
        fix: "Delete the waiver, or correct its rule id or entity name.",
        params: &[],
        check: none,
    },
];
