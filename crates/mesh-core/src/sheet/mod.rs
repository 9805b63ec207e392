//! Rows of text cells → edits: the Table view's cell edits and pastes, read here so that
//! every host reads a cell the same way (a team by its name or title, tags split on
//! commas, a name derived from the display name until someone edits it). It builds the
//! `EditOp`s of one undoable edit, or says per row and column why not; it never writes:
//! the caller applies the ops as one transaction, so a paste is all or nothing.

mod cells;
pub mod columns;
mod paste;
mod plan;
mod refs;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Result;
use crate::store::{Applied, EditOp, Store};

pub use columns::{COLUMNS, Column, KindColumns};
pub use paste::{MAX_PASTE_BYTES, plan_paste};
pub use plan::plan;

/// Which entities a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SheetKind {
    /// Data products.
    Products,
    /// Output ports.
    Ports,
    /// Teams.
    Teams,
    /// Domains.
    Domains,
}

impl SheetKind {
    /// Every kind, in the order of the Table view's tabs.
    pub const ALL: [SheetKind; 4] = [
        SheetKind::Products,
        SheetKind::Ports,
        SheetKind::Teams,
        SheetKind::Domains,
    ];

    /// What one entity of this kind is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            SheetKind::Products => "data product",
            SheetKind::Ports => "output port",
            SheetKind::Teams => "team",
            SheetKind::Domains => "domain",
        }
    }
}

/// One row: an existing entity (`id`) or a new one (`id` null), and the cells to set, by
/// column key (`displayName`, `ownerTeam`, ...). Columns left out keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    /// The entity the row edits; `None` creates one.
    #[serde(default)]
    pub id: Option<Uuid>,
    /// Cell text by column key.
    #[serde(default)]
    pub cells: BTreeMap<String, String>,
}

/// Cell edits of one sheet, applied as one edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SheetEdit {
    /// The sheet.
    pub kind: SheetKind,
    /// The rows to change or create.
    pub rows: Vec<SheetRow>,
    /// Create the teams and domains that reference cells name and the mesh lacks (the
    /// user confirmed it); otherwise each is a `missingReference` problem.
    #[serde(default)]
    pub create_missing: bool,
    /// The domain of a new data product whose row names none.
    #[serde(default)]
    pub default_domain: Option<Uuid>,
}

/// A block pasted into a sheet, as the clipboard's rows of cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SheetPaste {
    /// The sheet.
    pub kind: SheetKind,
    /// The pasted rows of cells; a first row naming columns is a header.
    pub grid: Vec<Vec<String>>,
    /// The active cell's column: where a block without header starts.
    pub start_column: String,
    /// The rows shown from the active one down, in display order: a block without a
    /// header overwrites them, its further rows create entities. A block with a header
    /// updates the entities its names match and creates the rest.
    #[serde(default)]
    pub target_rows: Vec<Uuid>,
    /// As in [`SheetEdit::create_missing`].
    #[serde(default)]
    pub create_missing: bool,
    /// As in [`SheetEdit::default_domain`].
    #[serde(default)]
    pub default_domain: Option<Uuid>,
}

/// Why a cell (or a row, or the whole paste) cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CellProblemKind {
    /// The value breaks a field rule (not a slug, not a version, empty, unknown word).
    Invalid,
    /// The name is taken, in the mesh or by another row.
    Duplicate,
    /// A team or domain the mesh lacks; confirming creates it (`create_missing`).
    MissingReference,
    /// A reference that cannot be created from a cell (a data product, a gone row).
    UnknownReference,
    /// A header cell that names no column of the sheet.
    UnknownColumn,
    /// A row with more cells than the sheet has columns from where it starts.
    TooManyCells,
    /// The paste is larger than a sheet takes.
    TooLarge,
    /// The text holds no rows.
    NotTabular,
}

/// One problem, at its row (the index into the edit's rows, or into the pasted grid,
/// header included) and column key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CellProblem {
    /// The row.
    pub row: u32,
    /// The column key, when the problem is one cell's.
    pub column: Option<String>,
    /// What kind of problem.
    pub kind: CellProblemKind,
    /// A sentence for people.
    pub message: String,
}

impl CellProblem {
    pub(crate) fn new(
        row: usize,
        column: Option<&str>,
        kind: CellProblemKind,
        message: impl Into<String>,
    ) -> Self {
        CellProblem {
            row: u32::try_from(row).unwrap_or(u32::MAX),
            column: column.map(str::to_owned),
            kind,
            message: message.into(),
        }
    }
}

/// The edit a sheet change makes: its operations (created teams and domains first) and
/// its history label.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPlan {
    /// The operations, in the order they apply.
    pub ops: Vec<EditOp>,
    /// The history label ("Paste 5 data products").
    pub label: String,
}

/// What a sheet change did: the edit applied, or the problems that kept it from being
/// written (then nothing was).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SheetResult {
    /// The edit, when it was applied (`None` when there were problems, or nothing changed).
    pub applied: Option<Applied>,
    /// Every problem, each at its row and column; empty when applied.
    pub problems: Vec<CellProblem>,
}

/// Applies a planned sheet change to `store` as one undoable edit; problems are answered
/// as they are, and a plan that changes nothing writes nothing.
pub fn apply(
    store: &mut Store,
    planned: Result<SheetPlan, Vec<CellProblem>>,
) -> Result<SheetResult> {
    match planned {
        Err(problems) => Ok(SheetResult {
            applied: None,
            problems,
        }),
        Ok(plan) if plan.ops.is_empty() => Ok(SheetResult {
            applied: None,
            problems: Vec::new(),
        }),
        Ok(plan) => Ok(SheetResult {
            applied: Some(store.apply(plan.ops, Some(plan.label))?),
            problems: Vec::new(),
        }),
    }
}
