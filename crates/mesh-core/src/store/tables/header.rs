//! The mesh header row (name, namespace, description): one row per file. It must not
//! hold entities.

use rusqlite::{Connection, OptionalExtension};

use super::{json, to_json};
use crate::error::Result;
use crate::model::MeshInfo;

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
