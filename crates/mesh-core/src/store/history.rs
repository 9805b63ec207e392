//! The persistent change log: every edit stores the snapshots of the entities it touched,
//! before and after, in the same transaction as the edit, with who made it (its origin:
//! a window of the app, or another program). Undo writes the "before" snapshots of the
//! origin's newest edit back in reverse order, redo writes the "after" ones forward; both
//! refuse when an edit made elsewhere since touched the same row, which they would
//! otherwise overwrite. Because the log lives in the mesh file, undo and redo survive
//! closing and reopening it.
//!
//! This module applies snapshots; it does not decide what an edit may change.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::tables::{self, Table};
use crate::error::{Error, Result};
use crate::governance::Policy;
use crate::model::{
    Contract, DataProduct, Domain, EntityKind, InputPort, MeshInfo, OutputPort, Person, Position,
    SourceSystem, Team,
};

/// How many entries the log keeps; older ones are dropped so files do not grow forever.
pub const HISTORY_LIMIT: i64 = 1000;

/// A full snapshot of one stored entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Entity {
    /// The header.
    Mesh(MeshInfo),
    /// A person.
    Person(Person),
    /// A team with its members.
    Team(Team),
    /// A domain.
    Domain(Domain),
    /// A source system.
    SourceSystem(SourceSystem),
    /// A data product.
    Product(DataProduct),
    /// An output port.
    OutputPort(OutputPort),
    /// An input port.
    InputPort(InputPort),
    /// A contract kept as its document.
    Contract(Contract),
    /// A canvas position.
    Position(Position),
    /// The governance policy.
    Policy(Policy),
}

/// Which row an entity snapshot lives in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Key {
    /// The single header row.
    Mesh,
    /// The single policy row.
    Policy,
    /// A row keyed by id.
    #[serde(rename_all = "camelCase")]
    Entity {
        /// The kind (and so the table).
        entity: EntityKind,
        /// The id.
        id: Uuid,
    },
    /// A position row.
    #[serde(rename_all = "camelCase")]
    Position {
        /// The positioned entity.
        entity_id: Uuid,
        /// The view.
        view: String,
    },
}

impl Entity {
    /// The entity's kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Mesh(_) => EntityKind::Mesh,
            Entity::Person(_) => EntityKind::Person,
            Entity::Team(_) => EntityKind::Team,
            Entity::Domain(_) => EntityKind::Domain,
            Entity::SourceSystem(_) => EntityKind::SourceSystem,
            Entity::Product(_) => EntityKind::Product,
            Entity::OutputPort(_) => EntityKind::OutputPort,
            Entity::InputPort(_) => EntityKind::InputPort,
            Entity::Contract(_) => EntityKind::Contract,
            Entity::Position(_) => EntityKind::Position,
            Entity::Policy(_) => EntityKind::Policy,
        }
    }

    /// The row it lives in.
    pub fn key(&self) -> Key {
        let id = match self {
            Entity::Mesh(_) => return Key::Mesh,
            Entity::Policy(_) => return Key::Policy,
            Entity::Position(p) => {
                return Key::Position {
                    entity_id: p.entity_id,
                    view: p.view.clone(),
                };
            }
            Entity::Person(e) => e.id,
            Entity::Team(e) => e.id,
            Entity::Domain(e) => e.id,
            Entity::SourceSystem(e) => e.id,
            Entity::Product(e) => e.id,
            Entity::OutputPort(e) => e.id,
            Entity::InputPort(e) => e.id,
            Entity::Contract(e) => e.id,
        };
        Key::Entity {
            entity: self.kind(),
            id,
        }
    }

    /// Writes the snapshot into its row.
    pub(crate) fn write(&self, conn: &Connection) -> Result<()> {
        match self {
            Entity::Mesh(m) => tables::write_mesh_info(conn, m),
            Entity::Person(e) => e.upsert(conn),
            Entity::Team(e) => e.upsert(conn),
            Entity::Domain(e) => e.upsert(conn),
            Entity::SourceSystem(e) => e.upsert(conn),
            Entity::Product(e) => e.upsert(conn),
            Entity::OutputPort(e) => e.upsert(conn),
            Entity::InputPort(e) => e.upsert(conn),
            Entity::Contract(e) => e.upsert(conn),
            Entity::Position(p) => tables::write_position(conn, p),
            Entity::Policy(p) => tables::write_policy(conn, p),
        }
    }
}

impl Key {
    /// Deletes the row (and a team's member rows).
    pub(crate) fn delete(&self, conn: &Connection) -> Result<()> {
        match self {
            Key::Mesh => Err(Error::conflict(
                EntityKind::Mesh,
                "",
                "name",
                "the mesh header cannot be deleted",
            )),
            Key::Policy => tables::delete_policy(conn),
            Key::Position { entity_id, view } => tables::delete_position(conn, *entity_id, view),
            Key::Entity { entity, id } => match entity {
                EntityKind::Person => tables::delete::<Person>(conn, *id),
                EntityKind::Team => {
                    conn.prepare_cached("DELETE FROM team_member WHERE team_id = ?1")?
                        .execute([id.to_string()])?;
                    tables::delete::<Team>(conn, *id)
                }
                EntityKind::Domain => tables::delete::<Domain>(conn, *id),
                EntityKind::SourceSystem => tables::delete::<SourceSystem>(conn, *id),
                EntityKind::Product => tables::delete::<DataProduct>(conn, *id),
                EntityKind::OutputPort => tables::delete::<OutputPort>(conn, *id),
                EntityKind::InputPort => tables::delete::<InputPort>(conn, *id),
                EntityKind::Contract => tables::delete::<Contract>(conn, *id),
                EntityKind::Mesh | EntityKind::Position | EntityKind::Policy => {
                    unreachable_key(*entity)
                }
            },
        }
    }
}

fn unreachable_key(kind: EntityKind) -> Result<()> {
    Err(Error::conflict(kind, "", "id", "has no id-keyed row"))
}

/// One entity's change within an edit: created (no before), updated, or deleted (no after).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The row.
    pub key: Key,
    /// The snapshot before the edit.
    pub before: Option<Entity>,
    /// The snapshot after the edit.
    pub after: Option<Entity>,
}

impl Change {
    /// The kind and name of the row, for messages.
    fn described(&self) -> (EntityKind, String) {
        let snapshot = self.after.as_ref().or(self.before.as_ref());
        let name = snapshot
            .and_then(|e| serde_json::to_value(e).ok())
            .and_then(|v| {
                let value = v.get("value")?;
                value
                    .get("name")
                    .or_else(|| value.get("username"))
                    .and_then(|n| n.as_str())
                    .map(str::to_owned)
            });
        match &self.key {
            Key::Mesh => (EntityKind::Mesh, name.unwrap_or_default()),
            Key::Policy => (EntityKind::Policy, String::new()),
            Key::Entity { entity, id } => (*entity, name.unwrap_or_else(|| id.to_string())),
            Key::Position { entity_id, .. } => (EntityKind::Position, entity_id.to_string()),
        }
    }

    fn revert(&self, conn: &Connection) -> Result<()> {
        match &self.before {
            Some(e) => e.write(conn),
            None => self.key.delete(conn),
        }
    }

    fn reapply(&self, conn: &Connection) -> Result<()> {
        match &self.after {
            Some(e) => e.write(conn),
            None => self.key.delete(conn),
        }
    }
}

/// What undo and redo would do next, for menus ("Undo Rename product").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UndoState {
    /// Label of the edit undo would revert.
    pub undo: Option<String>,
    /// Label of the edit redo would re-apply.
    pub redo: Option<String>,
}

/// Records an edit's changes; drops the redo branch and entries past the limit.
pub(crate) fn record(
    conn: &Connection,
    label: &str,
    changes: &[Change],
    origin: &str,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM change_log WHERE undone = 1")?
        .execute([])?;
    conn.prepare_cached(
        "INSERT INTO change_log (label, at, changes, origin) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute((
        label,
        Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        serde_json::to_string(changes)?,
        // No origin: anyone's.
        (!origin.is_empty()).then_some(origin),
    ))?;
    let seq = conn.last_insert_rowid();
    conn.prepare_cached("DELETE FROM change_log WHERE seq <= ?1")?
        .execute([seq - HISTORY_LIMIT])?;
    Ok(())
}

/// The newest applied (or oldest undone) entry of `origin`; entries without an origin
/// are anyone's.
fn entry(conn: &Connection, undone: bool, origin: &str) -> Result<Option<(i64, String, String)>> {
    let sql = if undone {
        "SELECT seq, label, changes FROM change_log WHERE undone = 1
         AND (origin IS NULL OR origin = ?1) ORDER BY seq ASC LIMIT 1"
    } else {
        "SELECT seq, label, changes FROM change_log WHERE undone = 0
         AND (origin IS NULL OR origin = ?1) ORDER BY seq DESC LIMIT 1"
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([origin], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Refuses to undo or redo `changes` (entry `seq` of `origin`) when an applied edit made
/// elsewhere after it touched one of the same rows: writing the snapshots back would
/// silently throw that edit away.
fn refuse_if_changed_since(
    conn: &Connection,
    seq: i64,
    origin: &str,
    changes: &[Change],
    what: &'static str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT label, changes FROM change_log WHERE seq > ?1 AND undone = 0
         AND origin IS NOT NULL AND origin != ?2 ORDER BY seq",
    )?;
    let later = stmt.query_map((seq, origin), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in later {
        let (label, text) = row?;
        let theirs: Vec<Change> = serde_json::from_str(&text)?;
        if let Some(c) = changes
            .iter()
            .find(|c| theirs.iter().any(|t| t.key == c.key))
        {
            let (kind, name) = c.described();
            return Err(Error::conflict(
                kind,
                &name,
                what,
                format!(
                    "was changed in another window or program since (\"{label}\"); {what} here would overwrite that change, so it is refused"
                ),
            ));
        }
    }
    Ok(())
}

/// Reverts `origin`'s newest applied edit; returns its label and recorded changes.
pub(crate) fn undo(conn: &Connection, origin: &str) -> Result<(String, Vec<Change>)> {
    let (seq, label, changes) = entry(conn, false, origin)?.ok_or(Error::NothingTo("undo"))?;
    let changes: Vec<Change> = serde_json::from_str(&changes)?;
    refuse_if_changed_since(conn, seq, origin, &changes, "undo")?;
    for c in changes.iter().rev() {
        c.revert(conn)?;
    }
    conn.prepare_cached("UPDATE change_log SET undone = 1 WHERE seq = ?1")?
        .execute([seq])?;
    Ok((label, changes))
}

/// Re-applies `origin`'s oldest undone edit; returns its label and recorded changes.
pub(crate) fn redo(conn: &Connection, origin: &str) -> Result<(String, Vec<Change>)> {
    let (seq, label, changes) = entry(conn, true, origin)?.ok_or(Error::NothingTo("redo"))?;
    let changes: Vec<Change> = serde_json::from_str(&changes)?;
    refuse_if_changed_since(conn, seq, origin, &changes, "redo")?;
    for c in &changes {
        c.reapply(conn)?;
    }
    conn.prepare_cached("UPDATE change_log SET undone = 0 WHERE seq = ?1")?
        .execute([seq])?;
    Ok((label, changes))
}

/// The labels undo and redo of `origin` would act on.
pub(crate) fn state(conn: &Connection, origin: &str) -> Result<UndoState> {
    Ok(UndoState {
        undo: entry(conn, false, origin)?.map(|e| e.1),
        redo: entry(conn, true, origin)?.map(|e| e.1),
    })
}
