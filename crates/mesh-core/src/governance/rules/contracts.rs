//! Contract rules: ports others rely on are backed by an approved data contract that
//! describes its data (a schema, a primary key per object), a port does not keep too
//! many versions alive, and a contract does not break its consumers without a new major
//! version (against a baseline the host gives).

use std::collections::BTreeMap;

use super::{PORT_TYPES, VISIBILITIES};
use crate::contract_change;
use crate::governance::context::Context;
use crate::governance::finding::{Category, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::Status;

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-CON-001",
        name: "port-without-contract",
        category: Category::Contracts,
        severity: Severity::Error,
        summary: "An output port others may read (public by default) has no data contract.",
        rationale: "A public port is an interface: without a contract consumers build on \
                    guesses and every change may break them (dbt: public models without \
                    contracts).",
        fix: "Write a data contract (ODCS) for the port and reference it, or narrow the \
              port's visibility.",
        params: &[Param {
            choices: VISIBILITIES,
            ..param(
                "require_for",
                ParamKind::List,
                ParamDefault::List(&["public"]),
                "Visibilities whose ports need a contract.",
            )
        }],
        check: port_without_contract,
    },
    BuiltinRule {
        id: "DM-CON-003",
        name: "active-port-unapproved-contract",
        category: Category::Contracts,
        severity: Severity::Warning,
        summary: "An active port's contract is still proposed or draft (or already \
                  deprecated or retired).",
        rationale: "Consumers of a port in production need a contract that is in force; a \
                    draft contract can still change under them.",
        fix: "Activate the contract, or move the port back to development.",
        params: &[],
        check: unapproved_contract,
    },
    BuiltinRule {
        id: "DM-CON-004",
        name: "breaking-change-without-major-version",
        category: Category::Contracts,
        severity: Severity::Error,
        summary: "Compared with a baseline (an older mesh or its exported manifests), a \
                  port's contract breaks its consumers (an object or column removed, a type \
                  narrowed, a column made required or added as required) without a new \
                  major version.",
        rationale: "Consumers pin a major version and expect it to keep reading; a breaking \
                    change under the same major fails them at run time (datacontract-cli \
                    breaking rules; dbt ContractBreakingChangeError; DPDS: a major change of a \
                    port increments its major version).",
        fix: "Bump the contract's major version (and serve the old version beside it while \
              consumers move), or make the change compatible: keep the column, widen \
              rather than narrow, add columns as optional.",
        params: &[],
        check: breaking_without_major,
    },
    BuiltinRule {
        id: "DM-CON-008",
        name: "too-many-live-versions",
        category: Category::Contracts,
        severity: Severity::Warning,
        summary: "A port has more versions alive (not retired) than allowed.",
        rationale: "Every live version is maintained and migrated from; dbt's guidance is two \
                    or three at once, not more.",
        fix: "Retire the oldest versions after moving their consumers to the newest.",
        params: &[param(
            "max_live_versions",
            ParamKind::Integer,
            ParamDefault::Int(3),
            "Most non-retired versions of one port.",
        )],
        check: too_many_versions,
    },
    BuiltinRule {
        id: "DM-CON-009",
        name: "object-without-primary-key",
        category: Category::Contracts,
        severity: Severity::Warning,
        summary: "An object of a port's contract has no property marked as its primary key.",
        rationale: "Without a declared key consumers cannot deduplicate, join or apply \
                    updates reliably, and uniqueness cannot be tested (ODCS \
                    `primaryKey`/`primaryKeyPosition`; dbt-project-evaluator's \
                    missing-primary-key tests).",
        fix: "Mark the column (or columns, with their positions) that identify a row as \
              the primary key, or leave out port types where rows have no identity.",
        params: &[Param {
            choices: PORT_TYPES,
            ..param(
                "port_types",
                ParamKind::List,
                ParamDefault::List(PORT_TYPES),
                "Port types whose objects need a primary key.",
            )
        }],
        check: object_without_primary_key,
    },
    BuiltinRule {
        id: "DM-CON-010",
        name: "contract-without-schema",
        category: Category::Contracts,
        severity: Severity::Warning,
        summary: "An active port others may read (public by default) has a data contract \
                  that describes no schema.",
        rationale: "A contract without a schema promises nothing about the data's shape: \
                    consumers still build on guesses, and no change can be checked for \
                    breaking them (the catalog's DM-CON-002, incomplete contract schema, at \
                    its coarsest; dbt contracts need every column's name and type).",
        fix: "Describe the objects the port serves and their columns in its contract \
              (paste a column list or `CREATE TABLE`, or import the ODCS contract).",
        params: &[Param {
            choices: VISIBILITIES,
            ..param(
                "visibilities",
                ParamKind::List,
                ParamDefault::List(&["public"]),
                "Visibilities of the ports checked.",
            )
        }],
        check: contract_without_schema,
    },
];

fn port_without_contract(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        if p.contract.is_none()
            && p.status != Status::Retired
            && params.has("require_for", p.visibility.as_str())
        {
            out.report(
                cx.port_ref(p),
                format!(
                    "{} port {} of {} has no data contract",
                    p.visibility.as_str(),
                    p.name,
                    cx.product_name(p.product_id)
                ),
            );
        }
    }
}

fn unapproved_contract(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        let Some(status) = p.contract.as_ref().and_then(|c| c.status) else {
            continue;
        };
        if p.status == Status::Active && status != Status::Active {
            out.report(
                cx.port_ref(p),
                format!(
                    "active port {} of {} has a {} contract",
                    p.name,
                    cx.product_name(p.product_id),
                    status.as_str()
                ),
            );
        }
    }
}

fn too_many_versions(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    let mut groups: BTreeMap<(uuid::Uuid, &str), Vec<_>> = BTreeMap::new();
    for p in &cx.mesh.output_ports {
        if p.status != Status::Retired {
            groups.entry((p.product_id, &p.name)).or_default().push(p);
        }
    }
    let max = params.int("max_live_versions");
    for ((product, name), ports) in groups {
        if ports.len() as u64 > max {
            let evidence = ports.iter().map(|p| cx.port_ref(p)).collect();
            out.report(
                cx.port_ref(ports[ports.len() - 1]),
                format!(
                    "port {name} of {} has {} live versions (at most {max})",
                    cx.product_name(product),
                    ports.len()
                ),
            )
            .with_evidence("live versions", evidence);
        }
    }
}

fn breaking_without_major(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    let Some(baseline) = cx.baseline else {
        return;
    };
    for changed in contract_change::compare_meshes(baseline, cx.mesh) {
        let Some(port) = cx.port(changed.port_id) else {
            continue;
        };
        if port.status == Status::Retired {
            continue;
        }
        for c in changed.unversioned_breaking() {
            out.report(
                cx.port_ref(port),
                format!(
                    "port {}: {} without a new major version (contract version {} → {})",
                    changed.port,
                    c.describe(),
                    changed.version_before,
                    changed.version_after
                ),
            );
        }
    }
}

fn object_without_primary_key(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        if p.status == Status::Retired || !params.has("port_types", p.port_type.as_str()) {
            continue;
        }
        for o in &p.contract_body.schema {
            if !o.properties.iter().any(|c| c.primary_key == Some(true)) {
                let r = cx.port_ref(p);
                let message = format!(
                    "object {} of port {} has no primary key column",
                    o.name, r.name
                );
                out.report(r, message);
            }
        }
    }
}

fn contract_without_schema(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        if p.status == Status::Active
            && p.contract.is_some()
            && p.contract_body.schema.is_empty()
            && params.has("visibilities", p.visibility.as_str())
        {
            let r = cx.port_ref(p);
            let message = format!(
                "active {} port {} has a contract without a schema",
                p.visibility.as_str(),
                r.name
            );
            out.report(r, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;
    use crate::model::{Status, Visibility};

    #[test]
    fn con_001_port_without_contract() {
        let mut k = Kit::new();
        k.product("p");
        k.port("p", "out");
        assert!(k.run("DM-CON-001").is_empty());
        k.port("p", "raw").contract = None;
        assert_eq!(k.names("DM-CON-001"), ["p/raw@v1"]);
        k.port_mut("p", "raw").visibility = Visibility::Domain;
        assert!(
            k.run("DM-CON-001").is_empty(),
            "domain ports need none by default"
        );
    }

    #[test]
    fn con_003_unapproved_contract() {
        let mut k = Kit::new();
        k.product("p");
        k.port("p", "out");
        assert!(k.run("DM-CON-003").is_empty());
        if let Some(c) = k.port_mut("p", "out").contract.as_mut() {
            c.status = Some(Status::Draft);
        }
        assert_eq!(k.names("DM-CON-003"), ["p/out@v1"]);
    }

    #[test]
    fn con_008_too_many_versions() {
        let mut k = Kit::new();
        k.product("p");
        for v in ["v1", "v2", "v3"] {
            k.port("p", "out").version = v.into();
        }
        assert!(k.run("DM-CON-008").is_empty());
        k.port("p", "out").version = "v4".into();
        assert_eq!(k.run("DM-CON-008").len(), 1);
        k.port_version_mut("p", "out", "v1").status = Status::Retired;
        assert!(k.run("DM-CON-008").is_empty());
    }

    #[test]
    fn con_004_breaking_change_without_major_version() {
        let mut k = Kit::new();
        k.product("p");
        k.port("p", "out");
        let columns = ["id string pk", "amount number", "note string"];
        k.object("p", "out", "orders", &columns);
        k.object("p", "out", "orders", &columns[..2]);
        assert!(k.run("DM-CON-004").is_empty(), "nothing to compare with");

        k.object("p", "out", "orders", &columns);
        k.keep_baseline();
        k.object("p", "out", "orders", &columns[..2]);
        let set_version = |k: &mut Kit, v: &str| {
            if let Some(c) = k.port_mut("p", "out").contract.as_mut() {
                c.version = Some(v.into());
            }
        };
        set_version(&mut k, "1.1.0");
        let found = k.run("DM-CON-004");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity.name, "p/out@v1");
        assert!(
            found[0].message.contains("orders.note removed")
                && found[0].message.contains("1.0.0 → 1.1.0"),
            "{}",
            found[0].message
        );
        set_version(&mut k, "2.0.0");
        assert!(k.run("DM-CON-004").is_empty(), "a new major version");

        set_version(&mut k, "1.1.0");
        k.object(
            "p",
            "out",
            "orders",
            &["id string pk", "amount number", "note string", "tag string"],
        );
        assert!(k.run("DM-CON-004").is_empty(), "an optional column added");
    }

    #[test]
    fn con_009_object_without_primary_key() {
        let mut k = Kit::new();
        k.product("p");
        k.port("p", "out");
        k.object("p", "out", "orders", &["id string pk", "amount number"]);
        assert!(k.run("DM-CON-009").is_empty());
        k.object("p", "out", "lines", &["order_id string", "amount number"]);
        let found = k.run("DM-CON-009");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("object lines"),
            "{}",
            found[0].message
        );
        k.port_mut("p", "out").port_type = crate::model::PortType::Stream;
        assert!(
            k.run_with("DM-CON-009", serde_json::json!({"port_types": ["table"]}))
                .is_empty(),
            "streams left out"
        );
    }

    #[test]
    fn con_010_contract_without_schema() {
        let mut k = Kit::new();
        k.product("p");
        k.port("p", "out");
        assert_eq!(k.names("DM-CON-010"), ["p/out@v1"]);
        k.object("p", "out", "orders", &["id string pk"]);
        assert!(k.run("DM-CON-010").is_empty());
        k.port("p", "draft").status = Status::Development;
        k.port("p", "inner").visibility = Visibility::Domain;
        k.port("p", "bare").contract = None;
        assert!(
            k.run("DM-CON-010").is_empty(),
            "only active public contracts"
        );
    }
}
