//! The schema's numbered, forward-only migrations, tracked by `PRAGMA user_version`.
//!
//! Each migration runs in its own transaction together with the bump of
//! `user_version`, so a crash leaves the file at the previous version, never between.
//! Shipped migrations are never edited; a change is a new file with the next number.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

/// `PRAGMA application_id` of every mesh file ("MESH" in ASCII), so that another
/// program's SQLite database is recognised as not a mesh instead of being migrated.
pub const APPLICATION_ID: i32 = 0x4D45_5348;

/// The migrations in order; the number is the `user_version` after it ran.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/0001_init.sql")),
    (2, include_str!("../../migrations/0002_policy.sql")),
    (
        3,
        include_str!("../../migrations/0003_domain_repo_folder.sql"),
    ),
    (
        4,
        include_str!("../../migrations/0004_unresolved_and_contracts.sql"),
    ),
    (5, include_str!("../../migrations/0005_team_type.sql")),
    (6, include_str!("../../migrations/0006_view_filter.sql")),
    (7, include_str!("../../migrations/0007_scenario.sql")),
    (8, include_str!("../../migrations/0008_contract_body.sql")),
    (9, include_str!("../../migrations/0009_history_origin.sql")),
];

/// The newest schema version this build knows.
pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// The file's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the schema from its current version to [`LATEST`], one transaction per step.
/// The caller has already refused files newer than [`LATEST`].
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current = version(conn)?;
    for (number, sql) in MIGRATIONS.iter().filter(|(n, _)| *n > current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", number)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_to_latest() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(version(&conn).unwrap(), 0);
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST);
        let app: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'product'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 1);
        // Running again is a no-op, not a failure.
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST);
    }

    #[test]
    fn numbers_are_strictly_increasing() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(MIGRATIONS[0].0, 1);
    }
}
