//! Canvas positions, one row per entity and view: where things are drawn. It must not
//! decide where (the UI's layout does) nor touch the entities they place.

use rusqlite::{Connection, OptionalExtension};

use super::uuid;
use crate::error::Result;
use crate::model::Position;

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
