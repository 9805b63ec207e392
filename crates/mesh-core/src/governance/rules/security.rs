//! Security rules: personal data is classified where it is served, and does not lose its
//! declaration as it flows downstream, neither by product nor column by column.

use std::collections::BTreeSet;

use super::VISIBILITIES;
use super::pii_columns::{Reaching, column_key_into, walk};
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
    BuiltinRule {
        id: "DM-SEC-006",
        name: "personal-column-undeclared-downstream",
        category: Category::Security,
        severity: Severity::Error,
        summary: "A product's port exposes a column named like a personal-data column of a \
                  product it reads (directly or further upstream) without declaring it as \
                  personal data.",
        rationale: "A column keeps its meaning as it is copied downstream: an `email` read \
                    from a contract that marks it personal is still personal where it is \
                    served again, and an undeclared copy escapes access reviews and \
                    deletion requests (datacontract-cli: `pii` removed is a breaking \
                    change; Witboost GDPR checks; the catalog's DM-SEC-003/004 column by \
                    column). Names are compared ignoring case, `_` and `-`.",
        fix: "Mark the column as personal data in the port's contract, rename it if it \
              holds something else, or tag the product as de-identified once it removes \
              the personal data.",
        params: &[param(
            "deidentified_tags",
            ParamKind::List,
            ParamDefault::List(&["deidentified", "anonymised", "anonymized"]),
            "Product tags declaring that personal data is removed; such a product is not \
             checked and passes on only what its own contracts declare.",
        )],
        check: personal_column_downstream,
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

fn personal_column_downstream(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let products = &cx.mesh.products;
    let deidentified = |node: usize| {
        products[node]
            .tags
            .iter()
            .any(|t| params.has("deidentified_tags", t))
    };
    let reaching = Reaching::build(cx, deidentified);
    let mut key = String::new();
    for (node, product) in products.iter().enumerate() {
        if !reaching.any(node) || deidentified(node) {
            continue;
        }
        for &port in cx.ports_of(product.id) {
            if port.status == Status::Retired {
                continue;
            }
            for o in &port.contract_body.schema {
                walk(&o.properties, &mut |path, name, p| {
                    if p.personal_data {
                        return;
                    }
                    column_key_into(name, &mut key);
                    let Some(origin) = reaching.origin(node, &key) else {
                        return;
                    };
                    let origin = cx.port_ref(&cx.mesh.output_ports[origin]);
                    let r = cx.port_ref(port);
                    let message = format!(
                        "port {} exposes column {}.{path}, personal data in {} upstream, \
                         without declaring it as personal data",
                        r.name, o.name, origin.name
                    );
                    out.report(r, message)
                        .with_evidence("personal data read", vec![origin]);
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;
    use crate::model::LogicalType;

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

    #[test]
    fn sec_006_personal_column_downstream() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "people");
        k.object(
            "a",
            "people",
            "people",
            &["id string pk", "Customer_Email string pii"],
        );
        k.product("b");
        k.port("b", "out");
        k.object(
            "b",
            "out",
            "orders",
            &["id string pk", "customer-email string pii"],
        );
        k.read("b", "a", "people");
        // c reads a only through b, which declares the column.
        k.product("c");
        k.port("c", "out");
        k.object("c", "out", "report", &["id string pk", "total number"]);
        k.read("c", "b", "out");
        assert!(k.run("DM-SEC-006").is_empty());

        k.object(
            "c",
            "out",
            "report",
            &["id string pk", "customerEmail string"],
        );
        let found = k.run("DM-SEC-006");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity.name, "c/out@v1");
        assert!(
            found[0].message.contains("report.customerEmail"),
            "{}",
            found[0].message
        );
        // The nearest port declaring it: b's, read directly, before a's.
        assert_eq!(found[0].evidence[0].items[0].name, "b/out@v1");

        // Through the chain: b no longer serves the column, a still does.
        k.object("b", "out", "orders", &["id string pk"]);
        assert_eq!(k.names("DM-SEC-006"), ["c/out@v1"]);
        assert_eq!(
            k.run("DM-SEC-006")[0].evidence[0].items[0].name,
            "a/people@v1"
        );
        // A de-identified product in between stops the chain, and is not checked.
        k.product_mut("b").tags.push("anonymised".into());
        assert!(k.run("DM-SEC-006").is_empty());
    }

    #[test]
    fn sec_006_cycles_and_nested_columns() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "out");
        k.object("a", "out", "t", &["id string pk", "phone string pii"]);
        k.product("b");
        k.port("b", "out");
        k.object("b", "out", "t", &["id string pk"]);
        k.read("b", "a", "out");
        k.read("a", "b", "out");
        assert!(k.run("DM-SEC-006").is_empty(), "a declares it");
        // b exposes it nested inside an object column.
        let mut contact = crate::model::SchemaProperty::new("contact", LogicalType::Object);
        contact.properties.push(crate::model::SchemaProperty::new(
            "PHONE",
            LogicalType::String,
        ));
        k.port_mut("b", "out").contract_body.schema[0]
            .properties
            .push(contact);
        let found = k.run("DM-SEC-006");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("t.contact.PHONE"),
            "{}",
            found[0].message
        );
    }
}
