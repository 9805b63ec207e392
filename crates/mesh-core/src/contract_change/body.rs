//! Two contract bodies compared: objects by name, their properties by name among
//! siblings, nested properties and array items walked the same way. Descriptions,
//! quality rules, servers and terms are left to the diff: they do not decide whether a
//! consumer's reads still work.

use super::{ChangeKind, ContractChange, widens};
use crate::model::{ContractBody, SchemaObject, SchemaProperty};

/// Every change from `old` to `new`, objects in the new body's order, removed ones
/// after; within an object, properties likewise.
pub fn compare_bodies(old: &ContractBody, new: &ContractBody) -> Vec<ContractChange> {
    let mut out = Vec::new();
    for n in &new.schema {
        match old.schema.iter().find(|o| o.name == n.name) {
            Some(o) => compare_objects(o, n, &mut out),
            None => out.push(change(ChangeKind::ObjectAdded, &n.name, None, false)),
        }
    }
    for o in &old.schema {
        if !new.schema.iter().any(|n| n.name == o.name) {
            out.push(change(ChangeKind::ObjectRemoved, &o.name, None, true));
        }
    }
    out
}

fn compare_objects(old: &SchemaObject, new: &SchemaObject, out: &mut Vec<ContractChange>) {
    if old.properties != new.properties {
        compare_siblings(&new.name, "", &old.properties, &new.properties, out);
    }
}

/// Properties of one parent (an object, or an `object` property at `prefix`).
fn compare_siblings(
    object: &str,
    prefix: &str,
    old: &[SchemaProperty],
    new: &[SchemaProperty],
    out: &mut Vec<ContractChange>,
) {
    let path = |name: &str| format!("{prefix}{name}");
    for n in new.iter().filter(|p| !p.name.is_empty()) {
        match old.iter().find(|o| o.name == n.name) {
            Some(o) => compare_properties(object, &path(&n.name), o, n, out),
            None => {
                let required = n.required == Some(true);
                out.push(change(
                    ChangeKind::PropertyAdded,
                    object,
                    Some(path(&n.name)),
                    required,
                ));
            }
        }
    }
    for o in old.iter().filter(|p| !p.name.is_empty()) {
        if !new.iter().any(|n| n.name == o.name) {
            out.push(change(
                ChangeKind::PropertyRemoved,
                object,
                Some(path(&o.name)),
                true,
            ));
        }
    }
}

fn compare_properties(
    object: &str,
    path: &str,
    old: &SchemaProperty,
    new: &SchemaProperty,
    out: &mut Vec<ContractChange>,
) {
    if old == new {
        return;
    }
    let mut push = |kind, before: String, after: String, breaking| {
        out.push(ContractChange {
            before: Some(before),
            after: Some(after),
            ..change(kind, object, Some(path.to_owned()), breaking)
        });
    };
    let (from, to) = (old.logical_type.as_deref(), new.logical_type.as_deref());
    if from != to {
        let word = |t: Option<&str>| t.unwrap_or("unset").to_owned();
        push(
            ChangeKind::TypeChanged,
            word(from),
            word(to),
            !widens(from, to),
        );
    } else if old.physical_type != new.physical_type {
        let word = |t: &Option<String>| t.clone().unwrap_or_else(|| "unset".into());
        push(
            ChangeKind::PhysicalTypeChanged,
            word(&old.physical_type),
            word(&new.physical_type),
            false,
        );
    }
    let required = |p: &SchemaProperty| p.required == Some(true);
    match (required(old), required(new)) {
        (false, true) => push(
            ChangeKind::MadeRequired,
            "optional".into(),
            "required".into(),
            true,
        ),
        (true, false) => push(
            ChangeKind::MadeOptional,
            "required".into(),
            "optional".into(),
            false,
        ),
        _ => {}
    }
    let key = |p: &SchemaProperty| p.primary_key == Some(true);
    if key(old) != key(new) {
        push(
            ChangeKind::PrimaryKeyChanged,
            key(old).to_string(),
            key(new).to_string(),
            false,
        );
    }
    if old.personal_data != new.personal_data {
        push(
            ChangeKind::PersonalDataChanged,
            old.personal_data.to_string(),
            new.personal_data.to_string(),
            false,
        );
    }
    if old.properties != new.properties {
        compare_siblings(
            object,
            &format!("{path}."),
            &old.properties,
            &new.properties,
            out,
        );
    }
    if let (Some(o), Some(n)) = (&old.items, &new.items) {
        // An array's item has no name of its own: it is the array's `[]`. Its
        // disappearing or appearing comes with a type change, reported above.
        compare_properties(object, &format!("{path}[]"), o, n, out);
    }
}

fn change(
    kind: ChangeKind,
    object: &str,
    property: Option<String>,
    breaking: bool,
) -> ContractChange {
    ContractChange {
        kind,
        object: object.to_owned(),
        property,
        before: None,
        after: None,
        breaking,
    }
}
