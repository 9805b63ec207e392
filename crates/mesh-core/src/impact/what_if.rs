//! What if a product or output port were removed, deprecated or given a new major
//! version: the consumers whose inputs break (with their domains and owner teams), the
//! products further downstream, and the governance findings that would appear. The
//! change is made to a copy of the model, checked, and thrown away: the mesh is never
//! touched.
//!
//! A removal leaves each reading input in place with an unresolved provider (the
//! reference the export would write), so the findings show what the consumers would
//! face, where deleting the product in the store would delete those inputs with it.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Affected, Direction, Impact, ImpactTarget, Lookup, Shape, impact};
use crate::Result;
use crate::governance::{self, Finding, Policy};
use crate::graph::MeshGraph;
use crate::model::{DependencySource, Mesh, Status};

/// A change to ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum WhatIfChange {
    /// The product or port is deleted.
    Remove,
    /// It is marked deprecated.
    Deprecate,
    /// Its version goes to the next major (a breaking change of its contract).
    Major,
}

impl WhatIfChange {
    /// How a consumer reading `port` (`product/port`, at `version`) breaks.
    fn reason(self, port: &str, version: &str) -> String {
        match self {
            WhatIfChange::Remove => format!("reads {port}, which would no longer exist"),
            WhatIfChange::Deprecate => format!("reads {port}, which would be deprecated"),
            WhatIfChange::Major => format!(
                "reads {port} at version {version}; {} would break its contract",
                next_major(version)
            ),
        }
    }
}

/// One consumer input that the change breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Breakage {
    /// The consuming product (distance 1).
    pub consumer: Affected,
    /// Its input port.
    pub input_port: String,
    /// The output port it reads, as `product/port`.
    pub reads: String,
    /// Why it breaks.
    pub reason: String,
}

/// The answer to a what-if question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// The change asked about.
    pub change: WhatIfChange,
    /// What it was asked about.
    pub target: ImpactTarget,
    /// Every input that breaks, by consumer name, then input name.
    pub breaking: Vec<Breakage>,
    /// Every product downstream of the target (the consumers of the broken inputs and
    /// what reads them), nearest first.
    pub downstream: Vec<Affected>,
    /// Governance findings the changed mesh would have that this one does not.
    pub findings: Vec<Finding>,
}

/// What `change` to `target` would break, checked against `policy` as of `today`.
pub fn what_if(
    mesh: &Mesh,
    graph: &MeshGraph,
    policy: &Policy,
    today: NaiveDate,
    target: ImpactTarget,
    change: WhatIfChange,
) -> Result<WhatIf> {
    // The ports the change touches, each as its readers name it (`product/port`) with
    // its version: found once, so each input below is one lookup.
    let shape = Shape::of(mesh);
    let lookup = Lookup::new(&shape);
    let owner = lookup
        .products
        .get(&target.product())
        .map_or("", |p| p.name.as_str());
    let ports: HashMap<Uuid, (String, &str)> = mesh
        .output_ports
        .iter()
        .filter(|o| match target {
            ImpactTarget::Port { port, .. } => o.id == port,
            ImpactTarget::Product { product } => o.product_id == product,
        })
        .map(|o| (o.id, (format!("{owner}/{}", o.name), o.version.as_str())))
        .collect();
    let mut breaking: Vec<Breakage> = Vec::new();
    for input in &mesh.input_ports {
        let DependencySource::OutputPort { port_id } = input.source else {
            continue;
        };
        let Some((reads, version)) = ports.get(&port_id) else {
            continue;
        };
        if input.product_id == target.product() {
            continue;
        }
        let Some(consumer) = lookup.affected(input.product_id, 1) else {
            continue;
        };
        breaking.push(Breakage {
            consumer,
            input_port: input.name.clone(),
            reason: change.reason(reads, version),
            reads: reads.clone(),
        });
    }
    breaking.sort_by(|a, b| {
        (a.consumer.name.as_str(), a.input_port.as_str())
            .cmp(&(b.consumer.name.as_str(), b.input_port.as_str()))
    });
    let Impact { downstream, .. } = impact(&shape, graph, target, Direction::Downstream, None);

    let changed = changed_mesh(mesh, target, &ports, change);
    let before = governance::check(mesh, policy, today)?;
    let after = governance::check(&changed, policy, today)?;
    // A finding is new when its rule did not already report its entity: a mesh-wide
    // figure that merely moves (documentation coverage) is not news.
    let key = |f: &Finding| (f.rule_id.clone(), f.entity.clone());
    let known: HashSet<_> = before.findings.iter().map(key).collect();
    let findings = after
        .findings
        .into_iter()
        .filter(|f| !known.contains(&key(f)))
        .collect();
    Ok(WhatIf {
        change,
        target,
        breaking,
        downstream,
        findings,
    })
}

/// A copy of `mesh` with the change made.
fn changed_mesh(
    mesh: &Mesh,
    target: ImpactTarget,
    ports: &HashMap<Uuid, (String, &str)>,
    change: WhatIfChange,
) -> Mesh {
    let mut changed = mesh.clone();
    let whole_product = matches!(target, ImpactTarget::Product { .. });
    match change {
        WhatIfChange::Remove => {
            for input in &mut changed.input_ports {
                if let DependencySource::OutputPort { port_id } = input.source
                    && let Some((reference, _)) = ports.get(&port_id)
                {
                    input.source = DependencySource::Unresolved {
                        reference: reference.clone(),
                    };
                }
            }
            changed.output_ports.retain(|o| !ports.contains_key(&o.id));
            if whole_product {
                let product = target.product();
                changed.products.retain(|p| p.id != product);
                changed.input_ports.retain(|i| i.product_id != product);
            }
        }
        WhatIfChange::Deprecate => {
            for port in changed
                .output_ports
                .iter_mut()
                .filter(|o| ports.contains_key(&o.id))
            {
                port.status = Status::Deprecated;
            }
            if whole_product {
                for p in changed
                    .products
                    .iter_mut()
                    .filter(|p| p.id == target.product())
                {
                    p.status = Status::Deprecated;
                }
            }
        }
        WhatIfChange::Major => {
            for port in changed
                .output_ports
                .iter_mut()
                .filter(|o| ports.contains_key(&o.id))
            {
                port.version = next_major(&port.version);
            }
            if whole_product {
                for p in changed
                    .products
                    .iter_mut()
                    .filter(|p| p.id == target.product())
                {
                    p.version = next_major(&p.version);
                }
            }
        }
    }
    changed
}

/// The next major version: `1.4.2` → `2.0.0`, `v2` → `v3`, `1.4` → `2.0` (the first
/// number goes up, later ones go to zero); a version with no number gets `-next`.
fn next_major(version: &str) -> String {
    if let Ok(v) = semver::Version::parse(version) {
        return semver::Version::new(v.major + 1, 0, 0).to_string();
    }
    let mut out = String::with_capacity(version.len() + 1);
    let mut rest = version;
    let mut first = true;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let digits = &rest[start..];
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        if first {
            let n: u128 = digits[..end].parse().unwrap_or(0);
            out.push_str(&(n + 1).to_string());
            first = false;
        } else {
            out.push('0');
        }
        rest = &digits[end..];
    }
    out.push_str(rest);
    if first {
        out.push_str("-next");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::next_major;

    #[test]
    fn the_next_major_of_each_kind_of_version() {
        assert_eq!(next_major("1.4.2"), "2.0.0");
        assert_eq!(next_major("v2"), "v3");
        assert_eq!(next_major("1"), "2");
        assert_eq!(next_major("1.4"), "2.0");
        assert_eq!(next_major("beta"), "beta-next");
    }
}
