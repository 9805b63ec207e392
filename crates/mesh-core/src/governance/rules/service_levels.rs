//! Service-level rules: ports others rely on promise service levels, and no consumer
//! promises fresher data than its providers deliver.
//!
//! Freshness values are compared in seconds; a unit this module does not know makes the
//! value incomparable and it is skipped, never guessed.

use super::{STATUSES, VISIBILITIES};
use crate::governance::context::Context;
use crate::governance::finding::{Category, Severity};
use crate::governance::rule::{BuiltinRule, Param, ParamDefault, ParamKind, Params, Sink, param};
use crate::model::OutputPort;

pub(super) static RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: "DM-SLO-001",
        name: "missing-service-levels",
        category: Category::ServiceLevels,
        severity: Severity::Warning,
        summary: "A port others rely on (public and active by default) does not promise the \
                  required service levels.",
        rationale: "Consumers need to know how fresh and how available a port is to build on \
                    it (DPDS promises, ODCS SLA properties).",
        fix: "Add the missing service levels to the port.",
        params: &[
            param(
                "required",
                ParamKind::List,
                ParamDefault::List(&[]),
                "Service-level properties every checked port must promise (for example \
                 freshness, availability); empty asks for at least one of any kind.",
            ),
            Param {
                choices: VISIBILITIES,
                ..param(
                    "visibilities",
                    ParamKind::List,
                    ParamDefault::List(&["public"]),
                    "Visibilities of the ports checked.",
                )
            },
            Param {
                choices: STATUSES,
                ..param(
                    "statuses",
                    ParamKind::List,
                    ParamDefault::List(&["active"]),
                    "Statuses of the ports checked.",
                )
            },
        ],
        check: missing_service_levels,
    },
    BuiltinRule {
        id: "DM-SLO-003",
        name: "freshness-infeasible",
        category: Category::ServiceLevels,
        severity: Severity::Warning,
        summary: "A port promises fresher data than a port its product reads delivers.",
        rationale: "A consumer cannot be fresher than its slowest input; the promise will be \
                    broken by construction.",
        fix: "Relax the consumer's freshness promise, or ask the provider for a tighter one.",
        params: &[],
        check: freshness_infeasible,
    },
];

fn missing_service_levels(cx: &Context<'_>, params: &Params, out: &mut Sink<'_>) {
    for p in &cx.mesh.output_ports {
        if !params.has("visibilities", p.visibility.as_str())
            || !params.has("statuses", p.status.as_str())
        {
            continue;
        }
        let missing: Vec<&str> = if p.service_levels.is_empty() {
            vec!["any"]
        } else {
            params
                .list("required")
                .filter(|r| !p.service_levels.iter().any(|s| s.property == *r))
                .collect()
        };
        if !missing.is_empty() {
            let r = cx.port_ref(p);
            let message = format!(
                "{} port {} promises no {} service level",
                p.visibility.as_str(),
                r.name,
                missing.join(" or ")
            );
            out.report(r, message);
        }
    }
}

/// A port's freshness promise in seconds, when it has one in a known unit.
pub(crate) fn freshness_seconds(p: &OutputPort) -> Option<f64> {
    let sl = p
        .service_levels
        .iter()
        .find(|s| s.property == "freshness")?;
    let unit = sl.unit.as_deref().unwrap_or("s").trim();
    // Lower-cased without allocating for the usual short ASCII units (for ASCII,
    // `to_lowercase` is `to_ascii_lowercase`); an ASCII unit longer than any known one
    // matches none, whatever its case.
    let mut buffer = [0u8; 8];
    let lowered;
    let unit: &str = if unit.is_ascii() {
        let buffer = buffer.get_mut(..unit.len())?;
        buffer.copy_from_slice(unit.as_bytes());
        buffer.make_ascii_lowercase();
        std::str::from_utf8(buffer).ok()?
    } else {
        lowered = unit.to_lowercase();
        &lowered
    };
    let factor = match unit {
        "ms" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "wk" | "week" | "weeks" => 604_800.0,
        _ => return None,
    };
    Some(sl.value * factor)
}

fn freshness_infeasible(cx: &Context<'_>, _: &Params, out: &mut Sink<'_>) {
    // Each port's promise, worked out once.
    let fresh: Vec<Option<f64>> = cx.mesh.output_ports.iter().map(freshness_seconds).collect();
    let freshness = |q: &OutputPort| match cx.port_index(q) {
        Some(i) => fresh[i],
        None => freshness_seconds(q),
    };
    // The ports each product reads, in dependency order, by graph node.
    let mut inputs: Vec<Vec<&OutputPort>> = vec![Vec::new(); cx.mesh.products.len()];
    for e in &cx.edges {
        inputs[e.consumer_node].push(e.port);
    }
    for (i, p) in cx.mesh.output_ports.iter().enumerate() {
        let Some(promised) = fresh[i] else {
            continue;
        };
        let Some(read) = cx
            .graph
            .node(p.product_id)
            .map(|n| &inputs[n])
            .filter(|r| !r.is_empty())
        else {
            continue;
        };
        let slower: Vec<&&OutputPort> = read
            .iter()
            .filter(|q| freshness(q).is_some_and(|f| f > promised))
            .collect();
        if slower.is_empty() {
            continue;
        }
        let shown: Vec<String> = slower
            .iter()
            .map(|q| {
                let sl = q.service_levels.iter().find(|s| s.property == "freshness");
                format!(
                    "{} ({} {})",
                    cx.port_ref(q).name,
                    sl.map_or(0.0, |s| s.value),
                    sl.and_then(|s| s.unit.clone()).unwrap_or_default()
                )
            })
            .collect();
        let own = p.service_levels.iter().find(|s| s.property == "freshness");
        let r = cx.port_ref(p);
        let message = format!(
            "port {} promises freshness {} {} but reads slower ports: {}",
            r.name,
            own.map_or(0.0, |s| s.value),
            own.and_then(|s| s.unit.clone()).unwrap_or_default(),
            shown.join(", ")
        );
        out.report(r, message).with_evidence(
            "slower providers",
            slower.iter().map(|q| cx.port_ref(q)).collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::governance::testkit::Kit;
    use crate::model::ServiceLevel;

    #[test]
    fn slo_001_missing_service_levels() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "out");
        assert!(k.run("DM-SLO-001").is_empty());
        k.port_mut("a", "out")
            .service_levels
            .retain(|s| s.property != "availability");
        assert!(
            k.run("DM-SLO-001").is_empty(),
            "any service level will do by default"
        );
        let strict = serde_json::json!({"required": ["freshness", "availability"]});
        assert_eq!(k.run_with("DM-SLO-001", strict).len(), 1);
        k.port_mut("a", "out").service_levels.clear();
        assert_eq!(k.names("DM-SLO-001"), ["a/out@v1"]);
    }

    #[test]
    fn slo_003_freshness_infeasible() {
        let mut k = Kit::new();
        k.product("a");
        k.port("a", "out"); // 1 h
        k.product("b");
        k.port("b", "out").service_levels[0] = ServiceLevel {
            property: "freshness".into(),
            value: 2.0,
            unit: Some("h".into()),
            description: None,
        };
        k.read("b", "a", "out");
        assert!(k.run("DM-SLO-003").is_empty());
        k.port_mut("b", "out").service_levels[0].value = 30.0;
        k.port_mut("b", "out").service_levels[0].unit = Some("min".into());
        assert_eq!(k.names("DM-SLO-003"), ["b/out@v1"]);
    }
}
