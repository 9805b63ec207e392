//! The `view_filter` table: each view's saved filter as JSON. Reads and writes rows
//! only; what a filter shows is `crate::filter`.

use rusqlite::{Connection, OptionalExtension};

use super::{json, to_json};
use crate::error::Result;
use crate::filter::ViewFilter;

/// The filter saved for `view`, if any.
pub(crate) fn load_view_filter(conn: &Connection, view: &str) -> Result<Option<ViewFilter>> {
    let mut stmt = conn.prepare_cached("SELECT body FROM view_filter WHERE view = ?1")?;
    Ok(stmt.query_row([view], |r| json(r, 0)).optional()?)
}

/// Saves `filter` for `view`; an empty filter removes the row.
pub(crate) fn write_view_filter(conn: &Connection, view: &str, filter: &ViewFilter) -> Result<()> {
    if filter.is_empty() {
        conn.prepare_cached("DELETE FROM view_filter WHERE view = ?1")?
            .execute([view])?;
    } else {
        conn.prepare_cached(
            "INSERT INTO view_filter (view, body) VALUES (?1, ?2)
             ON CONFLICT (view) DO UPDATE SET body = excluded.body",
        )?
        .execute([view, &to_json(filter)?])?;
    }
    Ok(())
}
