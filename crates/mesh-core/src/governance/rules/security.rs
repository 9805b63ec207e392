//! Security rules: personal data is classified where it is served, and does not lose its
//! declaration as it flows downstream.

use std::collections::BTreeSet;

use super::VISIBILITIES;
use crate::governance::context::Context;
use crate::governance::finding::{Category, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::Status;

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-SEC-001",
        name: "unclassified-personal-data",
        category: Category::Security,
        severity: Severity::Error,
        summary: "A port serving personal data (public by default) has no classification.",
        rationale: "Unclassified data must be treated as sensitive; a public port with personal \
                    data and no classification has no rule for who may get access.",
        fix: "Set the port's classification (confidential or restricted for personal data).",
        params: &[Param {
            choices: VISIBILITIES,
            ..param(
                "visibilities",
                ParamKind::List,
                ParamDefault::List(&["public"]),
                "Visibilities of the ports checked.",
            )
        }],
        check: unclassified_pii,
    },
    BuiltinRule {
        id: "DM-SEC-004",
        name: "personal-data-undeclared-downstream",
        category: Category::Security,
        severity: Severity::Warning,
        summary: "A product reads personal data but none of its output ports declares personal \
                  data, and it is not tagged as de-identified.",
        rationale: "Personal data stays personal through every transformation unless it is \
                    de-identified; an undeclared copy escapes access reviews and deletion \
                    requests.",
        fix: "Mark the ports that carry the personal data, or tag the product as de-identified \
              once it removes it.",
        params: &[param(
            "deidentified_tags",
            ParamKind::List,
            ParamDefault::List(&["deidentified", "anonymised", "anonymized"]),
            "Product tags declaring that personal data is removed.",
        )],
        check: pii_downstream,
    },
];

fn unclassified_pii(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        if p.contains_pii
            && super::blank(&p.classification)
            && p.status != Status::Retired
            && params.has("visibilities", p.visibility.as_str())
        {
            let r = cx.port_ref(p);
            let message = format!(
                "{} port {} serves personal data without a classification",
                p.visibility.as_str(),
                r.name
            );
            out.report(r, message);
        }
    }
}

fn pii_downstream(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let mut sources: std::collections::BTreeMap<uuid::Uuid, BTreeSet<uuid::Uuid>> =
        std::collections::BTreeMap::new();
    for e in &cx.edges {
        if e.port.contains_pii {
            sources.entry(e.consumer.id).or_default().insert(e.port.id);
        }
    }
    for p in &cx.mesh.products {
        let Some(pii) = sources.get(&p.id) else {
            continue;
        };
        let ports = cx.ports_of(p.id);
        if ports.is_empty()
            || ports.iter().any(|o| o.contains_pii)
            || p.tags.iter().any(|t| params.has("deidentified_tags", t))
        {
            continue;
        }
        let read: Vec<_> = pii
            .iter()
            .filter_map(|id| cx.port(*id))
            .map(|o| cx.port_ref(o))
            .collect();
        let names: Vec<&str> = read.iter().map(|r| r.name.as_str()).collect();
        out.report(
            cx.product_ref(p),
            format!(
                "data product {} reads personal data ({}) but none of its output ports declares \
                 personal data",
                p.name,
                names.join(", ")
            ),
        )
        .with_evidence("personal data read", read)
        .with_evidence(
            "output ports",
            ports.iter().map(|o| cx.port_ref(o)).collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;

    #[test]
    fn sec_001_unclassified_pii() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "people").contains_pii = true;
        assert!(k.run("DM-SEC-001").is_empty(), "classified");
        k.port_mut("a", "people").classification = None;
        assert_eq!(k.names("DM-SEC-001"), ["a/people@v1"]);
    }

    #[test]
    fn sec_004_pii_downstream() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "people").contains_pii = true;
        k.product("b");
        k.port("b", "out").contains_pii = true;
        k.read("b", "a", "people");
        assert!(k.run("DM-SEC-004").is_empty());
        k.port_mut("b", "out").contains_pii = false;
        assert_eq!(k.names("DM-SEC-004"), ["b"]);
        k.product_mut("b").tags.push("deidentified".into());
        assert!(k.run("DM-SEC-004").is_empty());
    }
}
