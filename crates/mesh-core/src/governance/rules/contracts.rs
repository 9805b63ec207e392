//! Contract rules: ports others rely on are backed by an approved data contract, and a
//! port does not keep too many versions alive.

use std::collections::BTreeMap;

use super::VISIBILITIES;
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
}
