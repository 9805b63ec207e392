//! The ODCS logical type of a physical type as databases and spreadsheets write it
//! (`VARCHAR(18)`, `BIGINT`, `timestamp with time zone`, `Decimal(10,2)`): by the type's
//! leading words, text when nothing fits (a value of an unknown type can always be read
//! as text).

use crate::model::LogicalType;

/// The logical type a column of physical type `physical` holds.
pub fn logical_type_of(physical: &str) -> LogicalType {
    let t = physical.trim().to_ascii_uppercase();
    if t.ends_with("[]") || t.starts_with("ARRAY") || t.starts_with("LIST") {
        return LogicalType::Array;
    }
    let word: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match word.as_str() {
        "BOOL" | "BOOLEAN" | "BIT" => LogicalType::Boolean,
        "TIMESTAMP" | "TIMESTAMPTZ" | "TIMESTAMP_NTZ" | "TIMESTAMP_LTZ" | "TIMESTAMP_TZ"
        | "DATETIME" | "DATETIME2" | "DATETIMEOFFSET" | "SMALLDATETIME" => LogicalType::Timestamp,
        "DATE" => LogicalType::Date,
        "TIME" | "TIMETZ" => LogicalType::Time,
        "INT" | "INTEGER" | "INT2" | "INT4" | "INT8" | "INT16" | "INT32" | "INT64" | "BIGINT"
        | "SMALLINT" | "TINYINT" | "MEDIUMINT" | "SERIAL" | "BIGSERIAL" | "SMALLSERIAL"
        | "LONG" | "SHORT" | "BYTEINT" => LogicalType::Integer,
        "DECIMAL" | "NUMERIC" | "NUMBER" | "FLOAT" | "FLOAT4" | "FLOAT8" | "FLOAT64" | "DOUBLE"
        | "REAL" | "MONEY" | "SMALLMONEY" | "DEC" | "BIGNUMERIC" => LogicalType::Number,
        "STRUCT" | "RECORD" | "MAP" | "OBJECT" | "ROW" | "VARIANT" => LogicalType::Object,
        _ => LogicalType::String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn physical_types_map_to_logical_ones() {
        for (physical, logical) in [
            ("VARCHAR(18)", LogicalType::String),
            ("text", LogicalType::String),
            ("uuid", LogicalType::String),
            ("BIGINT", LogicalType::Integer),
            ("int", LogicalType::Integer),
            ("Decimal(10,2)", LogicalType::Number),
            ("double precision", LogicalType::Number),
            ("timestamp with time zone", LogicalType::Timestamp),
            ("DATETIME", LogicalType::Timestamp),
            ("date", LogicalType::Date),
            ("TIME", LogicalType::Time),
            ("boolean", LogicalType::Boolean),
            ("INT[]", LogicalType::Array),
            ("ARRAY<STRING>", LogicalType::Array),
            ("STRUCT<a INT>", LogicalType::Object),
            ("geography", LogicalType::String),
        ] {
            assert_eq!(logical_type_of(physical), logical, "{physical}");
        }
    }
}
