//! SQL `CREATE TABLE` statements read with `sqlparser` (its generic dialect, which takes
//! the common forms of PostgreSQL, MySQL, Snowflake, BigQuery and others): each table an
//! object named as the table, its columns properties with the physical type as written,
//! `NOT NULL` as required, `UNIQUE` as unique, and the primary key, from the column or
//! from the table's constraint with each column's position. Other statements are
//! refused with their place.

use sqlparser::ast::{ColumnOption, Expr, Statement, TableConstraint};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::{Parser, ParserError};

use super::PasteError;
use super::types::logical_type_of;
use crate::model::{SchemaObject, SchemaProperty};

/// The objects the statements in `sql` create.
pub(super) fn objects(sql: &str) -> Result<Vec<SchemaObject>, PasteError> {
    let statements = Parser::parse_sql(&GenericDialect {}, sql).map_err(|e| located(&e))?;
    let mut out = Vec::new();
    for statement in statements {
        let Statement::CreateTable(table) = statement else {
            let text = statement.to_string();
            let first = text
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            return Err(PasteError {
                line: line_of(sql, &first),
                column: 1,
                message: format!("only CREATE TABLE statements describe a schema, not {first}"),
            });
        };
        let name = table
            .name
            .0
            .last()
            .map(|part| {
                part.to_string()
                    .trim_matches(['"', '`', '[', ']'])
                    .to_owned()
            })
            .unwrap_or_default();
        let mut object = SchemaObject {
            name: name.clone(),
            physical_name: Some(table.name.to_string()),
            physical_type: Some("table".into()),
            logical_type: Some("object".into()),
            ..SchemaObject::default()
        };
        for column in &table.columns {
            let physical = column.data_type.to_string();
            let mut property =
                SchemaProperty::new(column.name.value.clone(), logical_type_of(&physical));
            property.physical_type = Some(physical);
            for option in &column.options {
                match &option.option {
                    ColumnOption::NotNull => property.required = Some(true),
                    ColumnOption::Unique {
                        is_primary: true, ..
                    } => {
                        property.primary_key = Some(true);
                        property.primary_key_position = Some(1);
                        property.required = Some(true);
                    }
                    ColumnOption::Unique {
                        is_primary: false, ..
                    } => property.unique = Some(true),
                    _ => {}
                }
            }
            object.properties.push(property);
        }
        for constraint in &table.constraints {
            match constraint {
                TableConstraint::PrimaryKey { columns, .. } => {
                    for (position, key) in columns.iter().enumerate() {
                        let key = column_name(&key.column.expr);
                        let property = property_named(&mut object, &key, sql, &name)?;
                        property.primary_key = Some(true);
                        property.primary_key_position = i64::try_from(position + 1).ok();
                        property.required = Some(true);
                    }
                }
                TableConstraint::Unique { columns, .. } if columns.len() == 1 => {
                    let key = column_name(&columns[0].column.expr);
                    property_named(&mut object, &key, sql, &name)?.unique = Some(true);
                }
                _ => {}
            }
        }
        out.push(object);
    }
    if out.is_empty() {
        return Err(PasteError {
            line: 1,
            column: 1,
            message: "the SQL holds no CREATE TABLE statement".into(),
        });
    }
    Ok(out)
}

fn column_name(expr: &Expr) -> String {
    match expr {
        Expr::Identifier(ident) => ident.value.clone(),
        other => other.to_string(),
    }
}

fn property_named<'a>(
    object: &'a mut SchemaObject,
    key: &str,
    sql: &str,
    table: &str,
) -> Result<&'a mut SchemaProperty, PasteError> {
    object
        .properties
        .iter_mut()
        .find(|p| p.name.eq_ignore_ascii_case(key))
        .ok_or_else(|| PasteError {
            line: line_of(sql, key),
            column: 1,
            message: format!("the key names {key}, which is not a column of {table}"),
        })
}

/// The first line of `sql` that mentions `word` (from 1).
fn line_of(sql: &str, word: &str) -> u32 {
    let at = sql
        .lines()
        .position(|l| l.to_ascii_lowercase().contains(&word.to_ascii_lowercase()))
        .unwrap_or(0);
    u32::try_from(at + 1).unwrap_or(u32::MAX)
}

/// The parser's message with the line and column it names (`... at Line: 3, Column: 7`).
fn located(e: &ParserError) -> PasteError {
    let text = match e {
        ParserError::TokenizerError(s) | ParserError::ParserError(s) => s.clone(),
        ParserError::RecursionLimitExceeded => "the SQL nests too deeply".into(),
    };
    let number_after = |label: &str| -> Option<u32> {
        let rest = &text[text.find(label)? + label.len()..];
        rest.trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    let line = number_after("Line:").unwrap_or(1);
    let column = number_after("Column:").unwrap_or(1);
    let message = match text.find(" at Line:") {
        Some(at) => text[..at].to_owned(),
        None => text.clone(),
    };
    PasteError {
        line,
        column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_table_gives_an_object_with_keys_and_required_columns() {
        let sql = "-- orders\nCREATE TABLE sales.orders (\n  order_id VARCHAR(18) NOT NULL,\n  line_no INT NOT NULL,\n  customer_email TEXT UNIQUE,\n  total DECIMAL(10,2),\n  created_at TIMESTAMP,\n  PRIMARY KEY (order_id, line_no)\n);\nCREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT);";
        let objects = objects(sql).unwrap();
        assert_eq!(objects.len(), 2);
        let orders = &objects[0];
        assert_eq!(orders.name, "orders");
        assert_eq!(orders.physical_name.as_deref(), Some("sales.orders"));
        let p = |n: &str| orders.properties.iter().find(|p| p.name == n).unwrap();
        assert_eq!(p("order_id").primary_key_position, Some(1));
        assert_eq!(p("line_no").primary_key_position, Some(2));
        assert_eq!(p("order_id").required, Some(true));
        assert_eq!(p("order_id").physical_type.as_deref(), Some("VARCHAR(18)"));
        assert_eq!(p("customer_email").unique, Some(true));
        assert_eq!(p("total").logical_type.as_deref(), Some("number"));
        assert_eq!(p("created_at").logical_type.as_deref(), Some("timestamp"));
        assert_eq!(p("total").primary_key, None);
        let id = &objects[1].properties[0];
        assert_eq!(
            (id.primary_key, id.logical_type.as_deref()),
            (Some(true), Some("integer"))
        );
    }

    #[test]
    fn a_statement_that_does_not_parse_names_its_line_and_column() {
        let e = objects("CREATE TABLE t (\n  id INT,\n  name VARCHAR(10) NOT NULL NOT,\n)")
            .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.column > 1, "{e}");
    }

    #[test]
    fn other_statements_are_refused() {
        let e = objects("CREATE TABLE t (id INT);\nSELECT 1;").unwrap_err();
        assert!(e.message.contains("only CREATE TABLE"), "{e}");
    }
}
