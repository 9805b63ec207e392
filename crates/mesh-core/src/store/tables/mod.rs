//! Row mapping: one module per group of tables, each turning rows into model types and
//! model types into upserts. Nothing here decides whether an edit is allowed; that is
//! `store::edits`. Upserts use `ON CONFLICT DO UPDATE`, never `INSERT OR REPLACE`, which
//! would delete the row first and break references to it.

mod contract;
mod header;
mod org;
mod policy;
mod ports;
mod positions;
mod product;
mod scenario;
mod shape;
mod view_filter;

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::Result;
use crate::model::EntityKind;

pub(crate) use header::{load_mesh_info, write_mesh_info};
pub(crate) use org::{load_team_members, members_of, teams_of_person};
pub(crate) use policy::{delete_policy, load_policy, write_policy};
pub(crate) use positions::{
    delete_position, get_position, load_positions, positions_of, write_position,
};
pub(crate) use scenario::{
    delete_scenario, load_scenario, load_scenarios, write_scenario, write_to_be,
};
pub(crate) use shape::{NamedTable, load_named, load_port_shapes, load_product_shapes, load_reads};
pub(crate) use view_filter::{load_view_filter, write_view_filter};

/// A model type stored as one row of its own table, keyed by a UUID `id`.
pub(crate) trait Table: Sized {
    /// The entity kind, for errors and the change log.
    const KIND: EntityKind;
    /// The table name.
    const TABLE: &'static str;
    /// `SELECT <columns> FROM <table>`, in the order `from_row` reads.
    const SELECT: &'static str;
    /// Reads one row of `SELECT`.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
    /// Inserts or updates the row (and its child rows).
    fn upsert(&self, conn: &Connection) -> Result<()>;
}

/// Every row of a table, in storage order.
pub(crate) fn load_all<T: Table>(conn: &Connection) -> Result<Vec<T>> {
    rows(conn, T::SELECT, T::from_row)
}

/// Every row of `select`, each read by `from_row`.
fn rows<T>(
    conn: &Connection,
    select: &str,
    from_row: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(select)?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

/// One row by id.
pub(crate) fn get<T: Table>(conn: &Connection, id: Uuid) -> Result<Option<T>> {
    let sql = format!("{} WHERE id = ?1", T::SELECT);
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row([id.to_string()], T::from_row).optional()?)
}

/// Rows matching a `WHERE` clause with one parameter.
pub(crate) fn find<T: Table>(conn: &Connection, clause: &str, param: &dyn ToSql) -> Result<Vec<T>> {
    let sql = format!("{} WHERE {clause}", T::SELECT);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([param], T::from_row)?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

/// Deletes one row by id.
pub(crate) fn delete<T: Table>(conn: &Connection, id: Uuid) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", T::TABLE);
    conn.prepare_cached(&sql)?.execute([id.to_string()])?;
    Ok(())
}

/// Whether a row with this id exists in the table.
pub(crate) fn exists(conn: &Connection, table: &str, id: Uuid) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.exists([id.to_string()])?)
}

fn conversion(idx: usize, err: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(err))
}

/// The text of column `idx`, borrowed from the row: ids, words and JSON are parsed
/// straight from SQLite's buffer, without a `String` per cell.
fn text<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(idx)?.as_str().map_err(|e| conversion(idx, e))
}

/// [`text`], or `None` for NULL.
fn opt_text<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(idx)?
        .as_str_or_null()
        .map_err(|e| conversion(idx, e))
}

pub(crate) fn uuid(row: &Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(text(row, idx)?).map_err(|e| conversion(idx, e))
}

pub(crate) fn opt_uuid(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Uuid>> {
    opt_text(row, idx)?
        .map(|t| Uuid::parse_str(t).map_err(|e| conversion(idx, e)))
        .transpose()
}

pub(crate) fn json<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    serde_json::from_str(text(row, idx)?).map_err(|e| conversion(idx, e))
}

pub(crate) fn opt_json<T: DeserializeOwned>(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    opt_text(row, idx)?
        .map(|t| serde_json::from_str(t).map_err(|e| conversion(idx, e)))
        .transpose()
}

/// Reads a text column through a parser of the model's enum words.
pub(crate) fn word<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text = text(row, idx)?;
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            format!("unknown value {text:?}").into(),
        )
    })
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string(value)?)
}

pub(crate) fn id_text(id: Option<Uuid>) -> Option<String> {
    id.map(|i| i.to_string())
}
