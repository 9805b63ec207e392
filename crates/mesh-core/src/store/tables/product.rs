//! Data products.

use rusqlite::{Connection, Row};

use super::{Table, id_text, json, opt_uuid, to_json, uuid, word};
use crate::error::Result;
use crate::model::{Archetype, DataProduct, EntityKind, ProductDescription, Status};

impl Table for DataProduct {
    const KIND: EntityKind = EntityKind::Product;
    const TABLE: &'static str = "product";
    const SELECT: &'static str =
        "SELECT id, name, display_name, version, purpose, usage, limitations,
        domain_id, owner_team_id, accountable_person_id, status, archetype, tags, links,
        custom_properties, extensions FROM product";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let archetype: Option<String> = r.get(11)?;
        Ok(DataProduct {
            id: uuid(r, 0)?,
            name: r.get(1)?,
            display_name: r.get(2)?,
            version: r.get(3)?,
            description: ProductDescription {
                purpose: r.get(4)?,
                usage: r.get(5)?,
                limitations: r.get(6)?,
            },
            domain_id: uuid(r, 7)?,
            owner_team_id: opt_uuid(r, 8)?,
            accountable_person_id: opt_uuid(r, 9)?,
            status: word(r, 10, Status::parse)?,
            archetype: match archetype {
                Some(_) => Some(word(r, 11, Archetype::parse)?),
                None => None,
            },
            tags: json(r, 12)?,
            links: json(r, 13)?,
            custom_properties: json(r, 14)?,
            extensions: json(r, 15)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO product (id, name, display_name, version, purpose, usage, limitations,
               domain_id, owner_team_id, accountable_person_id, status, archetype, tags, links,
               custom_properties, extensions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, display_name = excluded.display_name,
               version = excluded.version, purpose = excluded.purpose, usage = excluded.usage,
               limitations = excluded.limitations, domain_id = excluded.domain_id,
               owner_team_id = excluded.owner_team_id,
               accountable_person_id = excluded.accountable_person_id, status = excluded.status,
               archetype = excluded.archetype, tags = excluded.tags, links = excluded.links,
               custom_properties = excluded.custom_properties, extensions = excluded.extensions",
        )?
        .execute(rusqlite::params![
            self.id.to_string(),
            &self.name,
            &self.display_name,
            &self.version,
            &self.description.purpose,
            &self.description.usage,
            &self.description.limitations,
            self.domain_id.to_string(),
            id_text(self.owner_team_id),
            id_text(self.accountable_person_id),
            self.status.as_str(),
            self.archetype.map(Archetype::as_str),
            to_json(&self.tags)?,
            to_json(&self.links)?,
            to_json(&self.custom_properties)?,
            to_json(&self.extensions)?,
        ])?;
        Ok(())
    }
}
