//! The columns of each sheet, with the labels people see, and the header recognition of a
//! paste. The Table view shows these labels: a Rust test writes them to
//! `ui/src/views/table/columns.json` and fails when that copy is stale, so a copied header
//! pastes back. Nothing here reads cells.

use serde::Serialize;

use super::SheetKind;

/// One column: the key rows and problems use (the model field it edits) and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The key (`displayName`, `ownerTeam`).
    pub key: &'static str,
    /// The label (`Display name`, `Owner team`).
    pub label: &'static str,
}

/// The columns of one sheet, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindColumns {
    /// The sheet.
    pub kind: SheetKind,
    /// Its columns.
    pub columns: &'static [Column],
}

const fn col(key: &'static str, label: &'static str) -> Column {
    Column { key, label }
}

/// Every sheet's columns.
pub const COLUMNS: &[KindColumns] = &[
    KindColumns {
        kind: SheetKind::Products,
        columns: &[
            col("displayName", "Display name"),
            col("name", "Name"),
            col("domain", "Domain"),
            col("ownerTeam", "Owner team"),
            col("status", "Status"),
            col("archetype", "Archetype"),
            col("version", "Version"),
            col("purpose", "Purpose"),
            col("tags", "Tags"),
        ],
    },
    KindColumns {
        kind: SheetKind::Ports,
        columns: &[
            col("product", "Data product"),
            col("name", "Name"),
            col("portType", "Type"),
            col("visibility", "Visibility"),
            col("status", "Status"),
            col("version", "Version"),
            col("description", "Description"),
        ],
    },
    KindColumns {
        kind: SheetKind::Teams,
        columns: &[
            col("title", "Title"),
            col("name", "Name"),
            col("teamType", "Team type"),
            col("email", "E-mail"),
            col("description", "Description"),
        ],
    },
    KindColumns {
        kind: SheetKind::Domains,
        columns: &[
            col("title", "Title"),
            col("name", "Name"),
            col("parent", "Parent domain"),
            col("ownerTeam", "Owner team"),
            col("description", "Description"),
        ],
    },
];

/// The columns of `kind`.
pub fn of(kind: SheetKind) -> &'static [Column] {
    COLUMNS
        .iter()
        .find(|k| k.kind == kind)
        .map_or(&[], |k| k.columns)
}

/// Letters and digits only, lower-cased: `Owner team`, `owner_team` and `ownerTeam` meet.
fn folded(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The column a header cell names, by key or label, ignoring case, spaces and marks.
pub fn named(kind: SheetKind, text: &str) -> Option<&'static str> {
    let want = folded(text);
    if want.is_empty() {
        return None;
    }
    of(kind)
        .iter()
        .find(|c| folded(c.key) == want || folded(c.label) == want)
        .map(|c| c.key)
}

/// A header row: every filled cell names a column, or most do (two at least, so that one
/// data cell that happens to read `Status` is not taken for a header). Each cell's
/// column, or `Err` with the text of a cell that names none; an empty cell is a column
/// left out.
pub fn header(kind: SheetKind, row: &[String]) -> Option<Vec<Result<&'static str, String>>> {
    let cells: Vec<_> = row
        .iter()
        .map(|text| named(kind, text).ok_or_else(|| text.trim().to_owned()))
        .collect();
    let filled = cells
        .iter()
        .filter(|c| !matches!(c, Err(t) if t.is_empty()))
        .count();
    let named = cells.iter().filter(|c| c.is_ok()).count();
    let is_header = named > 0 && (named == filled || (named >= 2 && named * 2 > filled));
    is_header.then_some(cells)
}
