//! The mesh header row, canvas positions and the governance policy row.

use rusqlite::{Connection, OptionalExtension};

use super::{json, to_json, uuid};
use crate::error::Result;
use crate::governance::Policy;
use crate::model::{MeshInfo, Position};

/// The header row, if the file has one.
pub(crate) fn load_mesh_info(conn: &Connection) -> Result<Option<MeshInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, namespace, description, custom_properties, extensions FROM mesh WHERE singleton = 1",
    )?;
    Ok(stmt
        .query_row([], |r| {
            Ok(MeshInfo {
                name: r.get(0)?,
                namespace: r.get(1)?,
                description: r.get(2)?,
                custom_properties: json(r, 3)?,
                extensions: json(r, 4)?,
            })
        })
        .optional()?)
}

/// Writes the header row.
pub(crate) fn write_mesh_info(conn: &Connection, m: &MeshInfo) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mesh (singleton, name, namespace, description, custom_properties, extensions)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (singleton) DO UPDATE SET name = excluded.name, namespace = excluded.namespace,
           description = excluded.description, custom_properties = excluded.custom_properties,
           extensions = excluded.extensions",
    )?
    .execute((
        &m.name,
        &m.namespace,
        &m.description,
        to_json(&m.custom_properties)?,
        to_json(&m.extensions)?,
    ))?;
    Ok(())
}

fn position_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Position> {
    Ok(Position {
        entity_id: uuid(r, 0)?,
        view: r.get(1)?,
        x: r.get(2)?,
        y: r.get(3)?,
    })
}

/// Every position.
pub(crate) fn load_positions(conn: &Connection) -> Result<Vec<Position>> {
    let mut stmt = conn.prepare("SELECT entity_id, view, x, y FROM position")?;
    let rows = stmt
        .query_map([], position_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The positions of one entity in every view.
pub(crate) fn positions_of(conn: &Connection, entity: uuid::Uuid) -> Result<Vec<Position>> {
    let mut stmt =
        conn.prepare_cached("SELECT entity_id, view, x, y FROM position WHERE entity_id = ?1")?;
    let rows = stmt
        .query_map([entity.to_string()], position_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One position, if set.
pub(crate) fn get_position(
    conn: &Connection,
    entity: uuid::Uuid,
    view: &str,
) -> Result<Option<Position>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id, view, x, y FROM position WHERE entity_id = ?1 AND view = ?2",
    )?;
    Ok(stmt
        .query_row((entity.to_string(), view), position_row)
        .optional()?)
}

/// Writes one position.
pub(crate) fn write_position(conn: &Connection, p: &Position) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO position (entity_id, view, x, y) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity_id, view) DO UPDATE SET x = excluded.x, y = excluded.y",
    )?
    .execute((p.entity_id.to_string(), &p.view, p.x, p.y))?;
    Ok(())
}

/// Removes one position.
pub(crate) fn delete_position(conn: &Connection, entity: uuid::Uuid, view: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM position WHERE entity_id = ?1 AND view = ?2")?
        .execute((entity.to_string(), view))?;
    Ok(())
}

/// The stored policy, if one was ever set.
pub(crate) fn load_policy(conn: &Connection) -> Result<Option<Policy>> {
    let mut stmt = conn.prepare_cached("SELECT body FROM policy WHERE singleton = 1")?;
    Ok(stmt.query_row([], |r| json(r, 0)).optional()?)
}

/// Writes the policy row.
pub(crate) fn write_policy(conn: &Connection, policy: &Policy) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO policy (singleton, body) VALUES (1, ?1)
         ON CONFLICT (singleton) DO UPDATE SET body = excluded.body",
    )?
    .execute([to_json(policy)?])?;
    Ok(())
}

/// Removes the policy row (undoing the first policy edit), back to the default policy.
pub(crate) fn delete_policy(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM policy")?.execute([])?;
    Ok(())
}
