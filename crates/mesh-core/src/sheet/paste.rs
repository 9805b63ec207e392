//! A pasted block → sheet rows: a first row naming columns is a header (rows then update
//! the entities their names match and create the rest); without one the block lies over
//! the shown rows from the active cell, and rows past them create entities. Problems
//! name the row of the block, header included. It plans; it never writes.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::{
    CellProblem, CellProblemKind, SheetEdit, SheetKind, SheetPaste, SheetPlan, SheetRow, columns,
};
use crate::manifests::import::slugify;
use crate::model::Mesh;

/// The most text one paste may hold (10 MB from a spreadsheet is far past a workshop).
pub const MAX_PASTE_BYTES: usize = 4 * 1024 * 1024;

/// The most rows one paste may hold.
pub const MAX_PASTE_ROWS: usize = 50_000;

/// The edit a paste makes, or every problem of its cells, by row of the block.
pub fn plan_paste(mesh: &Mesh, paste: &SheetPaste) -> Result<SheetPlan, Vec<CellProblem>> {
    let (rows, origin) = rows(mesh, paste)?;
    let edit = SheetEdit {
        kind: paste.kind,
        rows,
        create_missing: paste.create_missing,
        default_domain: paste.default_domain,
    };
    let mut plan = super::plan(mesh, &edit).map_err(|problems| {
        problems
            .into_iter()
            .map(|mut p| {
                p.row = origin[p.row as usize];
                p
            })
            .collect::<Vec<_>>()
    })?;
    let n = edit.rows.len();
    let noun = paste.kind.noun();
    plan.label = format!("Paste {n} {noun}{}", if n == 1 { "" } else { "s" });
    Ok(plan)
}

/// The block's rows as sheet rows, each with the index of the block row it came from.
fn rows(mesh: &Mesh, paste: &SheetPaste) -> Result<(Vec<SheetRow>, Vec<u32>), Vec<CellProblem>> {
    let one = |kind, message: String| Err(vec![CellProblem::new(0, None, kind, message)]);
    let bytes: usize = paste.grid.iter().flatten().map(String::len).sum();
    if bytes > MAX_PASTE_BYTES || paste.grid.len() > MAX_PASTE_ROWS {
        return one(
            CellProblemKind::TooLarge,
            format!(
                "the paste holds {} rows and {bytes} bytes; a sheet takes at most {MAX_PASTE_ROWS} rows and {MAX_PASTE_BYTES} bytes at once",
                paste.grid.len()
            ),
        );
    }
    let filled = |row: &[String]| row.iter().any(|c| !c.trim().is_empty());
    if !paste.grid.iter().any(|r| filled(r)) {
        return one(
            CellProblemKind::NotTabular,
            "the clipboard holds no cells to paste".into(),
        );
    }
    let mut problems = Vec::new();
    let header = paste
        .grid
        .first()
        .and_then(|first| columns::header(paste.kind, first));
    let (keys, body_start): (Vec<Option<&'static str>>, usize) = match &header {
        Some(cells) => {
            let mut keys = Vec::new();
            for (i, cell) in cells.iter().enumerate() {
                match cell {
                    Ok(key) => {
                        if keys.contains(&Some(*key)) {
                            problems.push(CellProblem::new(
                                0,
                                Some(key),
                                CellProblemKind::Duplicate,
                                format!(
                                    "column {key} is named twice in the header (column {})",
                                    i + 1
                                ),
                            ));
                        }
                        keys.push(Some(*key));
                    }
                    Err(text) if text.is_empty() => keys.push(None),
                    Err(text) => {
                        problems.push(CellProblem::new(
                            0,
                            None,
                            CellProblemKind::UnknownColumn,
                            format!(
                                "header cell {} ({text:?}) names no column of the {} sheet",
                                i + 1,
                                paste.kind.noun()
                            ),
                        ));
                        keys.push(None);
                    }
                }
            }
            (keys, 1)
        }
        None => {
            let all = columns::of(paste.kind);
            let Some(start) = all.iter().position(|c| c.key == paste.start_column) else {
                return one(
                    CellProblemKind::UnknownColumn,
                    format!(
                        "a {} has no column {}",
                        paste.kind.noun(),
                        paste.start_column
                    ),
                );
            };
            (all[start..].iter().map(|c| Some(c.key)).collect(), 0)
        }
    };
    let mut out = Vec::new();
    let mut origin = Vec::new();
    let mut targets = paste.target_rows.iter();
    for (index, grid_row) in paste.grid.iter().enumerate().skip(body_start) {
        if !filled(grid_row) {
            continue;
        }
        let last = grid_row
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .unwrap_or(0);
        if last >= keys.len() {
            problems.push(CellProblem::new(
                index,
                None,
                CellProblemKind::TooManyCells,
                format!(
                    "row {} has {} cells; the sheet has {} columns from where it is pasted",
                    index + 1,
                    last + 1,
                    keys.len()
                ),
            ));
            continue;
        }
        let cells: BTreeMap<String, String> = keys
            .iter()
            .zip(grid_row)
            .filter_map(|(key, text)| Some(((*key)?.to_owned(), text.clone())))
            .collect();
        let id = if header.is_some() {
            matching(mesh, paste.kind, &cells)
        } else {
            targets.next().copied()
        };
        out.push(SheetRow { id, cells });
        origin.push(u32::try_from(index).unwrap_or(u32::MAX));
    }
    if problems.is_empty() {
        Ok((out, origin))
    } else {
        Err(problems)
    }
}

/// The entity a headed row updates: the one its name (or the name its display name or
/// title gives) names; for a port, within the product it names.
fn matching(mesh: &Mesh, kind: SheetKind, cells: &BTreeMap<String, String>) -> Option<Uuid> {
    let title_key = match kind {
        SheetKind::Products => "displayName",
        SheetKind::Ports => "name",
        SheetKind::Teams | SheetKind::Domains => "title",
    };
    let name = match cells.get("name").filter(|n| !n.trim().is_empty()) {
        Some(name) => name.trim().to_owned(),
        None => slugify(cells.get(title_key)?),
    };
    match kind {
        SheetKind::Products => mesh.product_by_name(&name).map(|p| p.id),
        SheetKind::Teams => mesh.teams.iter().find(|t| t.name == name).map(|t| t.id),
        SheetKind::Domains => mesh.domains.iter().find(|d| d.name == name).map(|d| d.id),
        SheetKind::Ports => {
            let product = cells.get("product")?.trim();
            let product = mesh.products.iter().find(|p| {
                p.name == product || p.display_name == product || p.id.to_string() == product
            })?;
            mesh.output_ports
                .iter()
                .find(|o| o.product_id == product.id && o.name == name)
                .map(|o| o.id)
        }
    }
}
