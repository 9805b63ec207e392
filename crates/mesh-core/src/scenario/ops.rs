//! The edit operations that turn one mesh into another, entity by entity, in an order
//! the store accepts: what is created or changed first, parents before children (so a
//! product moved out of a domain leaves it empty before the domain goes); then what is
//! removed, children before parents (an input before the port it reads, a subdomain
//! before its parent, a team after the products it owned have moved); then the canvas positions that differ.
//!
//! It must not decide what the target mesh is (the scenario or the merge does) and must
//! not write: the store applies the operations as one edit.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::model::Mesh;
use crate::store::EditOp;

/// What changes `from` into `to`, as one edit's operations.
pub fn ops_between(from: &Mesh, to: &Mesh) -> Vec<EditOp> {
    let mut saves = Vec::new();
    let mut deletes = Vec::new();
    if from.info != to.info {
        saves.push(EditOp::SetMeshInfo(to.info.clone()));
    }
    diff_kind(
        &from.people,
        &to.people,
        |x| x.id,
        &mut saves,
        &mut deletes,
        EditOp::SavePerson,
        EditOp::DeletePerson,
    );
    let mut team_deletes = Vec::new();
    diff_kind(
        &from.teams,
        &to.teams,
        |x| x.id,
        &mut saves,
        &mut team_deletes,
        EditOp::SaveTeam,
        EditOp::DeleteTeam,
    );
    let domain_depth = depths(to.domains.iter().map(|d| (d.id, d.parent_id)));
    let mut domains: Vec<_> = to.domains.iter().collect();
    domains.sort_by_key(|d| domain_depth.get(&d.id).copied().unwrap_or(0));
    let old_domains = depths(from.domains.iter().map(|d| (d.id, d.parent_id)));
    let mut gone_domains: Vec<_> = from.domains.iter().collect();
    gone_domains.sort_by_key(|d| std::cmp::Reverse(old_domains.get(&d.id).copied().unwrap_or(0)));
    let mut domain_deletes = Vec::new();
    diff_refs(
        &gone_domains,
        &domains,
        |x| x.id,
        &mut saves,
        &mut domain_deletes,
        EditOp::SaveDomain,
        EditOp::DeleteDomain,
    );
    let mut system_deletes = Vec::new();
    diff_kind(
        &from.source_systems,
        &to.source_systems,
        |x| x.id,
        &mut saves,
        &mut system_deletes,
        EditOp::SaveSourceSystem,
        EditOp::DeleteSourceSystem,
    );
    let mut product_deletes = Vec::new();
    diff_kind(
        &from.products,
        &to.products,
        |x| x.id,
        &mut saves,
        &mut product_deletes,
        EditOp::SaveProduct,
        EditOp::DeleteProduct,
    );
    let mut output_deletes = Vec::new();
    diff_kind(
        &from.output_ports,
        &to.output_ports,
        |x| x.id,
        &mut saves,
        &mut output_deletes,
        EditOp::SaveOutputPort,
        EditOp::DeleteOutputPort,
    );
    let mut input_deletes = Vec::new();
    diff_kind(
        &from.input_ports,
        &to.input_ports,
        |x| x.id,
        &mut saves,
        &mut input_deletes,
        EditOp::SaveInputPort,
        EditOp::DeleteInputPort,
    );
    let mut contract_deletes = Vec::new();
    diff_kind(
        &from.contracts,
        &to.contracts,
        |x| x.id,
        &mut saves,
        &mut contract_deletes,
        EditOp::SaveContract,
        EditOp::DeleteContract,
    );
    // Children before parents. A product's removal takes its ports with it, so its
    // ports' own removals are left out rather than failing on what is gone.
    let gone_products: HashSet<Uuid> = deleted_ids(&product_deletes);
    let port_of: HashMap<Uuid, Uuid> = from
        .output_ports
        .iter()
        .map(|p| (p.id, p.product_id))
        .chain(from.input_ports.iter().map(|p| (p.id, p.product_id)))
        .collect();
    let keep = |op: &EditOp| match op {
        EditOp::DeleteInputPort(id) | EditOp::DeleteOutputPort(id) => port_of
            .get(id)
            .is_none_or(|product| !gone_products.contains(product)),
        _ => true,
    };
    for list in [
        contract_deletes,
        input_deletes,
        output_deletes,
        product_deletes,
        system_deletes,
        domain_deletes,
        team_deletes,
    ] {
        deletes.extend(list.into_iter().filter(|op| keep(op)));
    }
    let mut ops = saves;
    ops.append(&mut deletes);
    let before: HashMap<(Uuid, &str), &crate::model::Position> = from
        .positions
        .iter()
        .map(|p| ((p.entity_id, p.view.as_str()), p))
        .collect();
    for p in &to.positions {
        if before.get(&(p.entity_id, p.view.as_str())) != Some(&p) {
            ops.push(EditOp::SetPosition(p.clone()));
        }
    }
    ops
}

fn deleted_ids(ops: &[EditOp]) -> HashSet<Uuid> {
    ops.iter()
        .filter_map(|op| match op {
            EditOp::DeleteProduct(id) => Some(*id),
            _ => None,
        })
        .collect()
}

/// Each entity's depth below the roots of its parent tree (a cycle stops the count).
fn depths(items: impl Iterator<Item = (Uuid, Option<Uuid>)>) -> HashMap<Uuid, usize> {
    let parents: HashMap<Uuid, Option<Uuid>> = items.collect();
    parents
        .keys()
        .map(|id| {
            let mut depth = 0;
            let mut at = parents.get(id).copied().flatten();
            while let Some(parent) = at {
                depth += 1;
                if depth > parents.len() {
                    break;
                }
                at = parents.get(&parent).copied().flatten();
            }
            (*id, depth)
        })
        .collect()
}

fn diff_kind<T: PartialEq + Clone>(
    from: &[T],
    to: &[T],
    id: impl Fn(&T) -> Uuid,
    saves: &mut Vec<EditOp>,
    deletes: &mut Vec<EditOp>,
    save: impl Fn(T) -> EditOp,
    delete: impl Fn(Uuid) -> EditOp,
) {
    let from: Vec<&T> = from.iter().collect();
    let to: Vec<&T> = to.iter().collect();
    diff_refs(&from, &to, id, saves, deletes, save, delete);
}

fn diff_refs<T: PartialEq + Clone>(
    from: &[&T],
    to: &[&T],
    id: impl Fn(&T) -> Uuid,
    saves: &mut Vec<EditOp>,
    deletes: &mut Vec<EditOp>,
    save: impl Fn(T) -> EditOp,
    delete: impl Fn(Uuid) -> EditOp,
) {
    let old: HashMap<Uuid, &T> = from.iter().map(|x| (id(x), *x)).collect();
    let new: HashSet<Uuid> = to.iter().map(|x| id(x)).collect();
    for x in to {
        if old.get(&id(x)) != Some(x) {
            saves.push(save((*x).clone()));
        }
    }
    for x in from {
        if !new.contains(&id(x)) {
            deletes.push(delete(id(x)));
        }
    }
}
