//! What a paste into the contract editor means: a column list copied from a spreadsheet
//! (name, type, description per row) becomes properties of the chosen object; SQL
//! `CREATE TABLE` statements become objects with their columns, keys and required
//! columns. Both answer the model's types with ODCS logical types worked out from the
//! physical ones, or an error naming the line and column of what could not be read.
//!
//! It must not change a contract: the editor appends what this answers and sends it as
//! one edit, which the store validates like any other.

mod columns;
mod ddl;
mod types;

use serde::Serialize;

use crate::model::{SchemaObject, SchemaProperty};

pub use types::logical_type_of;

/// The largest paste read; a schema of thousands of columns stays far below it.
const MAX_PASTE_BYTES: usize = 1024 * 1024;

/// What a paste holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Pasted {
    /// Objects from `CREATE TABLE` statements, each with its columns.
    Objects {
        /// In the order of the statements.
        objects: Vec<SchemaObject>,
    },
    /// Properties from a column list, for the object the editor shows.
    Properties {
        /// In the order of the rows.
        properties: Vec<SchemaProperty>,
    },
}

/// Why a paste could not be read: where (from 1) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("line {line}, column {column}: {message}")]
pub struct PasteError {
    /// The line of the paste.
    pub line: u32,
    /// The column on that line.
    pub column: u32,
    /// What is wrong there.
    pub message: String,
}

/// Reads `text`: SQL when it starts with `CREATE` (comments and blank lines aside), a
/// column list otherwise.
pub fn read(text: &str) -> Result<Pasted, PasteError> {
    if text.len() > MAX_PASTE_BYTES {
        return Err(PasteError {
            line: 1,
            column: 1,
            message: format!("the paste is larger than {} KiB", MAX_PASTE_BYTES / 1024),
        });
    }
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("--"))
        .unwrap_or_default();
    if first
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("create"))
    {
        Ok(Pasted::Objects {
            objects: ddl::objects(text)?,
        })
    } else {
        Ok(Pasted::Properties {
            properties: columns::properties(text)?,
        })
    }
}
