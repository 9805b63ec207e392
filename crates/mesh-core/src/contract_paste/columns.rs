//! A column list pasted from a spreadsheet: one column per row, its cells name, type and
//! description, separated by tabs (what a spreadsheet copies) or, with no tab in the
//! paste, by commas or semicolons. A first row of headings (`name`, `type`, ...) is
//! skipped; a type that is an ODCS logical type word is taken as it is, any other is
//! kept as the physical type and mapped.

use super::PasteError;
use super::types::logical_type_of;
use crate::model::{LogicalType, SchemaProperty};

const HEADINGS: [&str; 5] = ["name", "column", "column name", "field", "property"];
const TYPE_HEADINGS: [&str; 6] = [
    "type",
    "data type",
    "datatype",
    "logical type",
    "physical type",
    "sql type",
];

/// The properties of the rows of `text`.
pub(super) fn properties(text: &str) -> Result<Vec<SchemaProperty>, PasteError> {
    let separator = if text.contains('\t') {
        '\t'
    } else if text.contains(';') && !text.contains(',') {
        ';'
    } else {
        ','
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            continue;
        }
        // The description is the rest of the row, separators in it included.
        let cells: Vec<&str> = line.splitn(3, separator).map(str::trim).collect();
        let name = cells.first().copied().unwrap_or_default();
        // A heading row names both columns; a column called `name` alone is a column.
        let heading = |cell: Option<&&str>, words: &[&str]| {
            cell.is_some_and(|c| words.contains(&c.to_ascii_lowercase().as_str()))
        };
        if out.is_empty()
            && heading(cells.first(), &HEADINGS)
            && heading(cells.get(1), &TYPE_HEADINGS)
        {
            continue;
        }
        if name.is_empty() {
            return Err(PasteError {
                line: line_no,
                column: 1,
                message: "the row has no column name in its first cell".into(),
            });
        }
        let mut property = SchemaProperty::new(name, LogicalType::String);
        if let Some(kind) = cells.get(1).filter(|t| !t.is_empty()) {
            let logical = match LogicalType::parse(&kind.to_ascii_lowercase()) {
                Some(logical) => logical,
                None => {
                    property.physical_type = Some((*kind).to_owned());
                    logical_type_of(kind)
                }
            };
            property.logical_type = Some(logical.as_str().to_owned());
        }
        property.description = cells
            .get(2)
            .filter(|d| !d.is_empty())
            .map(|d| (*d).to_owned());
        out.push(property);
    }
    if out.is_empty() {
        return Err(PasteError {
            line: 1,
            column: 1,
            message: "the paste holds no column".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_copy_becomes_properties() {
        let text = "Name\tType\tDescription\norder_id\tVARCHAR(18)\tThe order\ntotal\tnumber\t\n\ncreated_at\ttimestamp\tWhen, exactly\n";
        let props = properties(text).unwrap();
        let names: Vec<_> = props.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["order_id", "total", "created_at"]);
        assert_eq!(props[0].physical_type.as_deref(), Some("VARCHAR(18)"));
        assert_eq!(props[0].logical_type.as_deref(), Some("string"));
        assert_eq!(props[0].description.as_deref(), Some("The order"));
        assert_eq!(props[1].physical_type, None);
        assert_eq!(props[1].logical_type.as_deref(), Some("number"));
        assert_eq!(props[1].description, None);
        assert_eq!(props[2].description.as_deref(), Some("When, exactly"));
    }

    #[test]
    fn a_column_called_name_is_not_a_heading() {
        let props = properties("name\tvarchar(80)\tThe customer's name").unwrap();
        assert_eq!(props[0].name, "name");
        assert_eq!(props[0].description.as_deref(), Some("The customer's name"));
    }

    #[test]
    fn commas_separate_when_there_is_no_tab() {
        let props = properties("id,bigint,Key\nemail,varchar,Contact, private").unwrap();
        assert_eq!(props[0].logical_type.as_deref(), Some("integer"));
        assert_eq!(props[1].description.as_deref(), Some("Contact, private"));
    }

    #[test]
    fn a_row_without_a_name_is_named() {
        let e = properties("id\tint\n\tvarchar\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
    }
}
