//! The conflict report a merge leaves beside a mesh file (`<file>.conflicts.yaml`):
//! written, read back (bounded, and an error naming the file and line when it was edited
//! into something that is not a report), and one conflict resolved by taking one side's
//! value, as the edit operations that make it so.
//!
//! It must not read or write files (the hosts do, with the paths from here) and must not
//! apply the operations (the store does, as one undoable edit).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::merge::Conflict;
use crate::error::{Error, Result};
use crate::model::{EntityKind, Mesh};
use crate::store::EditOp;

/// The largest report read: a merge of two very different meshes stays far below it.
const MAX_REPORT_BYTES: usize = 16 * 1024 * 1024;

/// Which value of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// The common ancestor's.
    Base,
    /// Ours (what the merged file holds).
    Ours,
    /// Theirs.
    Theirs,
}

#[derive(Serialize, Deserialize)]
struct Report {
    conflicts: Vec<Conflict>,
}

/// The report of the mesh file at `mesh_file`: `<file>.conflicts.yaml` beside it.
pub fn report_path(mesh_file: &Path) -> PathBuf {
    let mut name = mesh_file.file_name().unwrap_or_default().to_os_string();
    name.push(".conflicts.yaml");
    mesh_file.with_file_name(name)
}

/// `conflicts` as the report's YAML.
pub fn to_yaml(conflicts: &[Conflict]) -> Result<String> {
    let report = Report {
        conflicts: conflicts.to_vec(),
    };
    serde_saphyr::to_string(&report)
        .map_err(|e| Error::invalid(EntityKind::Mesh, "", "conflicts", e.to_string()))
}

/// The conflicts of the report `text` read from `path`; an error naming the file, the
/// line and the cause when it is not a report.
pub fn from_yaml(path: &Path, text: &str) -> Result<Vec<Conflict>> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_owned(),
        reason,
    };
    if text.len() > MAX_REPORT_BYTES {
        return Err(bad(format!(
            "is larger than {} MiB, too large for a conflict report",
            MAX_REPORT_BYTES / (1024 * 1024)
        )));
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 0,
            max_anchors: 0,
        },
        with_snippet: false,
    };
    let report: Report = serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        bad(e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "))
    })?;
    Ok(report.conflicts)
}

/// Whether `c` only says what the merge mended (nothing to choose between).
pub fn is_repair(c: &Conflict) -> bool {
    c.base.is_none() && c.ours.is_none() && c.theirs.is_none()
}

/// The edit that resolves `c` in `mesh` by keeping `side`'s value; empty for a repair,
/// which is only acknowledged.
pub fn resolve(mesh: &Mesh, c: &Conflict, side: Side) -> Result<Vec<EditOp>> {
    if is_repair(c) {
        return Ok(Vec::new());
    }
    let chosen = match side {
        Side::Base => &c.base,
        Side::Ours => &c.ours,
        Side::Theirs => &c.theirs,
    };
    let current = entity(mesh, c.kind, c.id)?;
    let exists = current.is_some();
    let whole = match (&c.field, chosen) {
        (Some(field), value) => {
            let Some(Value::Object(mut fields)) = current else {
                return Err(gone(c));
            };
            match value {
                Some(v) => fields.insert(field.clone(), v.clone()),
                None => fields.remove(field),
            };
            Some(fields)
        }
        (None, Some(Value::Object(fields))) => {
            let mut fields = fields.clone();
            if c.kind != EntityKind::Mesh {
                fields.insert("id".into(), Value::String(c.id.to_string()));
            }
            Some(fields)
        }
        (None, Some(_)) => return Err(gone(c)),
        (None, None) => None,
    };
    Ok(match whole {
        Some(fields) => vec![save(c, Value::Object(fields))?],
        None if exists => vec![delete(c.kind, c.id)?],
        None => Vec::new(),
    })
}

fn gone(c: &Conflict) -> Error {
    Error::invalid(
        c.kind,
        &c.name,
        "conflict",
        "is not in the mesh any more as the report describes it",
    )
}

/// The entity `kind`/`id` of `mesh` as JSON with its id, if it has one.
fn entity(mesh: &Mesh, kind: EntityKind, id: Uuid) -> Result<Option<Value>> {
    fn find<T: Serialize>(
        items: &[T],
        id: impl Fn(&T) -> Uuid,
        wanted: Uuid,
    ) -> Result<Option<Value>> {
        items
            .iter()
            .find(|x| id(x) == wanted)
            .map(serde_json::to_value)
            .transpose()
            .map_err(Error::from)
    }
    match kind {
        EntityKind::Mesh => Ok(Some(serde_json::to_value(&mesh.info)?)),
        EntityKind::Person => find(&mesh.people, |x| x.id, id),
        EntityKind::Team => find(&mesh.teams, |x| x.id, id),
        EntityKind::Domain => find(&mesh.domains, |x| x.id, id),
        EntityKind::SourceSystem => find(&mesh.source_systems, |x| x.id, id),
        EntityKind::Product => find(&mesh.products, |x| x.id, id),
        EntityKind::OutputPort => find(&mesh.output_ports, |x| x.id, id),
        EntityKind::InputPort => find(&mesh.input_ports, |x| x.id, id),
        EntityKind::Contract => find(&mesh.contracts, |x| x.id, id),
        other => Err(Error::invalid(
            other,
            "",
            "kind",
            "has no conflicts to resolve",
        )),
    }
}

fn save(c: &Conflict, value: Value) -> Result<EditOp> {
    let bad = |e: serde_json::Error| {
        Error::invalid(
            c.kind,
            &c.name,
            "conflict",
            format!("the chosen value does not fit: {e}"),
        )
    };
    Ok(match c.kind {
        EntityKind::Mesh => EditOp::SetMeshInfo(serde_json::from_value(value).map_err(bad)?),
        EntityKind::Person => EditOp::SavePerson(serde_json::from_value(value).map_err(bad)?),
        EntityKind::Team => EditOp::SaveTeam(serde_json::from_value(value).map_err(bad)?),
        EntityKind::Domain => EditOp::SaveDomain(serde_json::from_value(value).map_err(bad)?),
        EntityKind::SourceSystem => {
            EditOp::SaveSourceSystem(serde_json::from_value(value).map_err(bad)?)
        }
        EntityKind::Product => EditOp::SaveProduct(serde_json::from_value(value).map_err(bad)?),
        EntityKind::OutputPort => {
            EditOp::SaveOutputPort(serde_json::from_value(value).map_err(bad)?)
        }
        EntityKind::InputPort => EditOp::SaveInputPort(serde_json::from_value(value).map_err(bad)?),
        EntityKind::Contract => EditOp::SaveContract(serde_json::from_value(value).map_err(bad)?),
        other => {
            return Err(Error::invalid(
                other,
                &c.name,
                "kind",
                "has no conflicts to resolve",
            ));
        }
    })
}

fn delete(kind: EntityKind, id: Uuid) -> Result<EditOp> {
    Ok(match kind {
        EntityKind::Person => EditOp::DeletePerson(id),
        EntityKind::Team => EditOp::DeleteTeam(id),
        EntityKind::Domain => EditOp::DeleteDomain(id),
        EntityKind::SourceSystem => EditOp::DeleteSourceSystem(id),
        EntityKind::Product => EditOp::DeleteProduct(id),
        EntityKind::OutputPort => EditOp::DeleteOutputPort(id),
        EntityKind::InputPort => EditOp::DeleteInputPort(id),
        EntityKind::Contract => EditOp::DeleteContract(id),
        other => return Err(Error::invalid(other, "", "kind", "cannot be removed")),
    })
}
