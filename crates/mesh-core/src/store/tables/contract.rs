//! Contracts kept as their documents (`contract`): the document is stored as JSON text,
//! the few fields lists and lookups need as columns beside it.

use rusqlite::{Connection, Row};

use super::{Table, id_text, json, opt_uuid, to_json, uuid, word};
use crate::error::Result;
use crate::model::{Contract, ContractFormat, EntityKind};

impl Table for Contract {
    const KIND: EntityKind = EntityKind::Contract;
    const TABLE: &'static str = "contract";
    const SELECT: &'static str = "SELECT id, contract_id, name, version, format, output_port_id,
        document FROM contract";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Contract {
            id: uuid(r, 0)?,
            contract_id: r.get(1)?,
            name: r.get(2)?,
            version: r.get(3)?,
            format: word(r, 4, ContractFormat::parse)?,
            output_port_id: opt_uuid(r, 5)?,
            document: json(r, 6)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO contract (id, contract_id, name, version, format, output_port_id, document)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET contract_id = excluded.contract_id,
               name = excluded.name, version = excluded.version, format = excluded.format,
               output_port_id = excluded.output_port_id, document = excluded.document",
        )?
        .execute((
            self.id.to_string(),
            &self.contract_id,
            &self.name,
            &self.version,
            self.format.as_str(),
            id_text(self.output_port_id),
            to_json(&self.document)?,
        ))?;
        Ok(())
    }
}
