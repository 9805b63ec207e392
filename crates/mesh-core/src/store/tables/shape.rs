//! The columns of a mesh's [`Shape`](crate::impact::Shape): names, owners and links,
//! read without the rest of each row (`Store::load_shape`). Rows come in storage order;
//! nothing here sorts.

use rusqlite::Connection;

use super::{opt_uuid, rows, text, uuid};
use crate::error::Result;
use crate::impact::shape::{Named, PortShape, ProductShape, Read};

/// Every domain or team (`table` is one of those two) by id and name.
pub(crate) fn load_named(conn: &Connection, table: NamedTable) -> Result<Vec<Named>> {
    let select = match table {
        NamedTable::Domain => "SELECT id, name FROM domain",
        NamedTable::Team => "SELECT id, name FROM team",
    };
    rows(conn, select, |r| {
        Ok(Named {
            id: uuid(r, 0)?,
            name: text(r, 1)?.to_owned(),
        })
    })
}

/// The two tables [`load_named`] reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NamedTable {
    Domain,
    Team,
}

pub(crate) fn load_product_shapes(conn: &Connection) -> Result<Vec<ProductShape>> {
    rows(
        conn,
        "SELECT id, name, display_name, domain_id, owner_team_id FROM product",
        |r| {
            Ok(ProductShape {
                id: uuid(r, 0)?,
                name: text(r, 1)?.to_owned(),
                display_name: text(r, 2)?.to_owned(),
                domain_id: uuid(r, 3)?,
                owner_team_id: opt_uuid(r, 4)?,
            })
        },
    )
}

pub(crate) fn load_port_shapes(conn: &Connection) -> Result<Vec<PortShape>> {
    rows(
        conn,
        "SELECT id, product_id, name, version FROM output_port",
        |r| {
            Ok(PortShape {
                id: uuid(r, 0)?,
                product_id: uuid(r, 1)?,
                name: text(r, 2)?.to_owned(),
                version: text(r, 3)?.to_owned(),
            })
        },
    )
}

/// Every input port reading an output port.
pub(crate) fn load_reads(conn: &Connection) -> Result<Vec<Read>> {
    rows(
        conn,
        "SELECT id, product_id, provider_port_id FROM input_port
         WHERE provider_port_id IS NOT NULL",
        |r| {
            Ok(Read {
                input_port_id: uuid(r, 0)?,
                product_id: uuid(r, 1)?,
                port_id: uuid(r, 2)?,
            })
        },
    )
}
