//! Output ports, input ports and source systems.

use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{Connection, Row};

use super::{Table, id_text, json, opt_json, opt_uuid, to_json, uuid, word};
use crate::error::Result;
use crate::model::{
    DependencySource, EntityKind, InputPort, OutputPort, PortType, SourceSystem, Status, Visibility,
};

impl Table for OutputPort {
    const KIND: EntityKind = EntityKind::OutputPort;
    const TABLE: &'static str = "output_port";
    const SELECT: &'static str = "SELECT id, product_id, name, version, port_type, description,
        visibility, status, contract, contains_pii, classification, service_levels,
        deprecation_date, successor_port_id, custom_properties, extensions, contract_body
        FROM output_port";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let date: Option<String> = r.get(12)?;
        let deprecation_date = date
            .map(|d| {
                NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(12, Type::Text, Box::new(e))
                })
            })
            .transpose()?;
        Ok(OutputPort {
            id: uuid(r, 0)?,
            product_id: uuid(r, 1)?,
            name: r.get(2)?,
            version: r.get(3)?,
            port_type: word(r, 4, PortType::parse)?,
            description: r.get(5)?,
            visibility: word(r, 6, Visibility::parse)?,
            status: word(r, 7, Status::parse)?,
            contract: opt_json(r, 8)?,
            contains_pii: r.get(9)?,
            classification: r.get(10)?,
            service_levels: json(r, 11)?,
            contract_body: json(r, 16)?,
            deprecation_date,
            successor_port_id: opt_uuid(r, 13)?,
            custom_properties: json(r, 14)?,
            extensions: json(r, 15)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        let contract = self.contract.as_ref().map(to_json).transpose()?;
        conn.prepare_cached(
            "INSERT INTO output_port (id, product_id, name, version, port_type, description,
               visibility, status, contract, contains_pii, classification, service_levels,
               deprecation_date, successor_port_id, custom_properties, extensions, contract_body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT (id) DO UPDATE SET product_id = excluded.product_id, name = excluded.name,
               version = excluded.version, port_type = excluded.port_type,
               description = excluded.description, visibility = excluded.visibility,
               status = excluded.status, contract = excluded.contract,
               contains_pii = excluded.contains_pii, classification = excluded.classification,
               service_levels = excluded.service_levels, deprecation_date = excluded.deprecation_date,
               successor_port_id = excluded.successor_port_id,
               custom_properties = excluded.custom_properties, extensions = excluded.extensions,
               contract_body = excluded.contract_body",
        )?
        .execute(rusqlite::params![
            self.id.to_string(),
            self.product_id.to_string(),
            &self.name,
            &self.version,
            self.port_type.as_str(),
            &self.description,
            self.visibility.as_str(),
            self.status.as_str(),
            contract,
            self.contains_pii,
            &self.classification,
            to_json(&self.service_levels)?,
            self.deprecation_date.map(|d| d.format("%Y-%m-%d").to_string()),
            id_text(self.successor_port_id),
            to_json(&self.custom_properties)?,
            to_json(&self.extensions)?,
            to_json(&self.contract_body)?,
        ])?;
        Ok(())
    }
}

impl Table for InputPort {
    const KIND: EntityKind = EntityKind::InputPort;
    const TABLE: &'static str = "input_port";
    const SELECT: &'static str = "SELECT id, product_id, name, description, provider_port_id,
        source_system_id, custom_properties, extensions, unresolved_ref FROM input_port";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let source = match (
            opt_uuid(r, 4)?,
            opt_uuid(r, 5)?,
            r.get::<_, Option<String>>(8)?,
        ) {
            (Some(port_id), _, _) => DependencySource::OutputPort { port_id },
            (None, Some(source_system_id), _) => {
                DependencySource::SourceSystem { source_system_id }
            }
            (None, None, Some(reference)) => DependencySource::Unresolved { reference },
            (None, None, None) => {
                return Err(rusqlite::Error::FromSqlConversionFailure(
                    4,
                    Type::Null,
                    "input port without a source".into(),
                ));
            }
        };
        Ok(InputPort {
            id: uuid(r, 0)?,
            product_id: uuid(r, 1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            source,
            custom_properties: json(r, 6)?,
            extensions: json(r, 7)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        let (port, system, reference) = match &self.source {
            DependencySource::OutputPort { port_id } => (Some(*port_id), None, None),
            DependencySource::SourceSystem { source_system_id } => {
                (None, Some(*source_system_id), None)
            }
            DependencySource::Unresolved { reference } => (None, None, Some(reference.as_str())),
        };
        conn.prepare_cached(
            "INSERT INTO input_port (id, product_id, name, description, provider_port_id,
               source_system_id, custom_properties, extensions, unresolved_ref)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO UPDATE SET product_id = excluded.product_id, name = excluded.name,
               description = excluded.description, provider_port_id = excluded.provider_port_id,
               source_system_id = excluded.source_system_id,
               unresolved_ref = excluded.unresolved_ref,
               custom_properties = excluded.custom_properties, extensions = excluded.extensions",
        )?
        .execute((
            self.id.to_string(),
            self.product_id.to_string(),
            &self.name,
            &self.description,
            id_text(port),
            id_text(system),
            to_json(&self.custom_properties)?,
            to_json(&self.extensions)?,
            reference,
        ))?;
        Ok(())
    }
}

impl Table for SourceSystem {
    const KIND: EntityKind = EntityKind::SourceSystem;
    const TABLE: &'static str = "source_system";
    const SELECT: &'static str = "SELECT id, name, description, system_type, custom_properties,
        extensions FROM source_system";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(SourceSystem {
            id: uuid(r, 0)?,
            name: r.get(1)?,
            description: r.get(2)?,
            system_type: r.get(3)?,
            custom_properties: json(r, 4)?,
            extensions: json(r, 5)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO source_system (id, name, description, system_type, custom_properties, extensions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
               system_type = excluded.system_type, custom_properties = excluded.custom_properties,
               extensions = excluded.extensions",
        )?
        .execute((
            self.id.to_string(),
            &self.name,
            &self.description,
            &self.system_type,
            to_json(&self.custom_properties)?,
            to_json(&self.extensions)?,
        ))?;
        Ok(())
    }
}
