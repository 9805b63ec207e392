//! The `scenario` table: each scenario's name, start, base and to-be (whole meshes as
//! JSON). Reads and writes rows only; what a scenario means is `crate::scenario`.

use rusqlite::{Connection, OptionalExtension, Row};

use super::{json, to_json, uuid};
use crate::error::Result;
use crate::scenario::Scenario;

fn scenario(row: &Row<'_>) -> rusqlite::Result<Scenario> {
    Ok(Scenario {
        id: uuid(row, 0)?,
        name: row.get(1)?,
        created: json(row, 2)?,
        base: json(row, 3)?,
        to_be: json(row, 4)?,
    })
}

const COLUMNS: &str = "SELECT id, name, created, base, to_be FROM scenario";

/// Every scenario, oldest first.
pub(crate) fn load_scenarios(conn: &Connection) -> Result<Vec<Scenario>> {
    let mut stmt = conn.prepare_cached(&format!("{COLUMNS} ORDER BY created, name"))?;
    let rows = stmt.query_map([], scenario)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The scenario named `name`, if there is one.
pub(crate) fn load_scenario(conn: &Connection, name: &str) -> Result<Option<Scenario>> {
    let mut stmt = conn.prepare_cached(&format!("{COLUMNS} WHERE name = ?1"))?;
    Ok(stmt.query_row([name], scenario).optional()?)
}

/// Saves `s`, replacing the row of the same id.
pub(crate) fn write_scenario(conn: &Connection, s: &Scenario) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO scenario (id, name, created, base, to_be) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, to_be = excluded.to_be",
    )?
    .execute(rusqlite::params![
        s.id.to_string(),
        s.name,
        to_json(&s.created)?,
        to_json(&s.base)?,
        to_json(&s.to_be)?
    ])?;
    Ok(())
}

/// Replaces the to-be of the scenario of id `id`; true when there was one.
pub(crate) fn write_to_be(
    conn: &Connection,
    id: uuid::Uuid,
    to_be: &crate::model::Mesh,
) -> Result<bool> {
    Ok(conn
        .prepare_cached("UPDATE scenario SET to_be = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id.to_string(), to_json(to_be)?])?
        > 0)
}

/// Removes the scenario of id `id`; true when there was one.
pub(crate) fn delete_scenario(conn: &Connection, id: uuid::Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM scenario WHERE id = ?1")?
        .execute([id.to_string()])?
        > 0)
}
