//! The governance policy row: at most one, absent until the first policy edit. It must
//! not interpret the policy, which `governance` does.

use rusqlite::{Connection, OptionalExtension};

use super::{json, to_json};
use crate::error::Result;
use crate::governance::Policy;

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
