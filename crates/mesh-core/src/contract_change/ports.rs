//! The output ports of two meshes paired up, and each pair's contract changes. Ports
//! pair by id; when the ids differ (a mesh compared with manifests exported from it and
//! read back, whose ids are derived from names) by product name, port name and version,
//! then by product and port name when each side has one such port left (a port given a
//! new version in place).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use super::{ContractChange, compare_bodies, is_major_bump};
use crate::model::{Mesh, OutputPort};

/// The contract changes of one output port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PortContractChanges {
    /// The port's id in the newer mesh.
    pub port_id: Uuid,
    /// The port in the newer mesh, `product/port@version`.
    pub port: String,
    /// The contract's version in the older mesh (the port's version when the contract
    /// gives none).
    pub version_before: String,
    /// The contract's version in the newer mesh.
    pub version_after: String,
    /// Whether the major version grew.
    pub major_bumped: bool,
    /// The changes, each classified.
    pub changes: Vec<ContractChange>,
}

impl PortContractChanges {
    /// Whether any change breaks consumers.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// The breaking changes shipped without a new major version.
    pub fn unversioned_breaking(&self) -> impl Iterator<Item = &ContractChange> {
        self.changes
            .iter()
            .filter(move |c| c.breaking && !self.major_bumped)
    }
}

/// The version a port's contract is published under: the contract's own, else the
/// port's.
pub(super) fn contract_version(port: &OutputPort) -> &str {
    port.contract
        .as_ref()
        .and_then(|c| c.version.as_deref())
        .unwrap_or(&port.version)
}

/// Every port of `new` whose contract body differs from its counterpart in `old`, in
/// `new`'s order. Ports only one side has are not contract changes (the diff lists
/// them, and the consumers a removed port breaks).
pub fn compare_meshes(old: &Mesh, new: &Mesh) -> Vec<PortContractChanges> {
    let names = |m: &Mesh| -> HashMap<Uuid, String> {
        m.products.iter().map(|p| (p.id, p.name.clone())).collect()
    };
    let (old_names, new_names) = (names(old), names(new));
    let product = |names: &HashMap<Uuid, String>, p: &OutputPort| {
        names.get(&p.product_id).cloned().unwrap_or_default()
    };
    let mut pairs = pair(
        old,
        new,
        |p| product(&old_names, p),
        |p| product(&new_names, p),
    );
    pairs.sort_unstable_by_key(|&(_, n)| n);
    let mut out = Vec::new();
    for (o, n) in pairs {
        let (before, after) = (&old.output_ports[o], &new.output_ports[n]);
        if before.contract_body == after.contract_body {
            continue;
        }
        let changes = compare_bodies(&before.contract_body, &after.contract_body);
        if changes.is_empty() {
            continue;
        }
        let (version_before, version_after) = (contract_version(before), contract_version(after));
        out.push(PortContractChanges {
            port_id: after.id,
            port: format!(
                "{}/{}@{}",
                product(&new_names, after),
                after.name,
                after.version
            ),
            version_before: version_before.to_owned(),
            version_after: version_after.to_owned(),
            major_bumped: is_major_bump(version_before, version_after),
            changes,
        });
    }
    out
}

/// Pairs of port positions (old, new), by id, then by full name, then by name alone
/// when it is unambiguous on both sides.
fn pair(
    old: &Mesh,
    new: &Mesh,
    old_product: impl Fn(&OutputPort) -> String,
    new_product: impl Fn(&OutputPort) -> String,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut old_used, mut new_used) = (HashSet::new(), HashSet::new());
    let by_id: HashMap<Uuid, usize> = old
        .output_ports
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    for (n, p) in new.output_ports.iter().enumerate() {
        if let Some(&o) = by_id.get(&p.id) {
            pairs.push((o, n));
            old_used.insert(o);
            new_used.insert(n);
        }
    }
    // The same key on both sides, unpaired: by (product, port, version), then by
    // (product, port) when the key names one unpaired port on each side.
    type Key = (String, String, Option<String>);
    for with_version in [true, false] {
        let key = |p: &OutputPort, product: String| -> Key {
            (
                product,
                p.name.clone(),
                with_version.then(|| p.version.clone()),
            )
        };
        let mut left: HashMap<Key, Vec<usize>> = HashMap::new();
        for (o, p) in old.output_ports.iter().enumerate() {
            if !old_used.contains(&o) {
                left.entry(key(p, old_product(p))).or_default().push(o);
            }
        }
        let mut right: HashMap<Key, Vec<usize>> = HashMap::new();
        for (n, p) in new.output_ports.iter().enumerate() {
            if !new_used.contains(&n) {
                right.entry(key(p, new_product(p))).or_default().push(n);
            }
        }
        let mut found: Vec<(usize, usize)> = right
            .iter()
            .filter_map(
                |(k, ns)| match (left.get(k).map(Vec::as_slice), ns.as_slice()) {
                    (Some([o]), [n]) => Some((*o, *n)),
                    _ => None,
                },
            )
            .collect();
        found.sort_unstable();
        for (o, n) in found {
            old_used.insert(o);
            new_used.insert(n);
            pairs.push((o, n));
        }
    }
    pairs
}
