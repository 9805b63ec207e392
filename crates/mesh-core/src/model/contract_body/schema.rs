//! Schema objects and their properties, ODCS v3.1 `schema[]` and `properties[]`,
//! nested for `object` properties and through `items` for `array` ones.
//!
//! Personal data is marked by [`SchemaProperty::personal_data`]: ODCS 3.1 has no `pii`
//! key, and its `classification` says how secret a value is (`public`, `restricted`),
//! which is another question than whether it is about a person (an e-mail address may
//! be `internal`). In a contract document the flag is the custom property
//! `personalData: true` of the property; `manifests` writes and reads it.
//!
//! Data only: nesting depth, duplicate names and unknown logical types are refused by
//! `crate::validate`, not by these types.

use serde::{Deserialize, Serialize};

use super::{QualityRule, Unmapped};

/// ODCS v3.1 `logicalType`: what kind of value a property holds, whatever the
/// database calls it (`physicalType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum LogicalType {
    /// Text.
    String,
    /// A calendar day.
    Date,
    /// A point in time.
    Timestamp,
    /// A time of day.
    Time,
    /// Any number, decimals included.
    Number,
    /// A whole number.
    Integer,
    /// A record of named properties (`properties`).
    Object,
    /// A list of items (`items`).
    Array,
    /// True or false.
    Boolean,
}

impl LogicalType {
    /// Every logical type, in the order ODCS lists them.
    pub const ALL: [LogicalType; 9] = [
        LogicalType::String,
        LogicalType::Date,
        LogicalType::Timestamp,
        LogicalType::Time,
        LogicalType::Number,
        LogicalType::Integer,
        LogicalType::Object,
        LogicalType::Array,
        LogicalType::Boolean,
    ];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            LogicalType::String => "string",
            LogicalType::Date => "date",
            LogicalType::Timestamp => "timestamp",
            LogicalType::Time => "time",
            LogicalType::Number => "number",
            LogicalType::Integer => "integer",
            LogicalType::Object => "object",
            LogicalType::Array => "array",
            LogicalType::Boolean => "boolean",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<LogicalType> {
        LogicalType::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One object a contract describes: a table, a view, a topic, a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SchemaObject {
    /// Its name, unique in the schema.
    pub name: String,
    /// Its name in the data source (`tbl_orders_v2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
    /// What it is in the data source: `table`, `view`, `topic`, `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_type: Option<String>,
    /// `object` when given: the only logical type ODCS allows an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logical_type: Option<String>,
    /// Its name for the business.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    /// What it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What one row stands for (`one order line`, `aggregation by country`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_granularity_description: Option<String>,
    /// Its columns or fields, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<SchemaProperty>,
    /// Quality rules on the whole object (row counts, cross-column checks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quality: Vec<QualityRule>,
    /// Keys the model has no field for (`id`, `tags`, `relationships`, ...).
    #[serde(default, skip_serializing_if = "Unmapped::is_empty")]
    pub extra: Unmapped,
}

/// One column or field of an object, or the item type of an array.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SchemaProperty {
    /// Its name, unique among its siblings; an array's `items` may have none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Its name in the data source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
    /// Its type in the data source: `VARCHAR(18)`, `DOUBLE`, `INT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_type: Option<String>,
    /// A [`LogicalType`] word; another word is refused by validation, and kept as text
    /// so the refusal can name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logical_type: Option<String>,
    /// Its name for the business.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    /// What it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether a value is required (never null). `None` leaves ODCS's default, false;
    /// an explicit `false` is kept so a contract is written back as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Whether values are unique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<bool>,
    /// Whether it is (part of) the primary key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<bool>,
    /// Its place in a composite primary key, from 1; -1 (ODCS's default) for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key_position: Option<i64>,
    /// Whether the data is partitioned by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitioned: Option<bool>,
    /// Its place among the partition keys, from 1; -1 for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_key_position: Option<i64>,
    /// How secret its values are: `public`, `internal`, `restricted`, `confidential`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// Whether it is a critical data element.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_data_element: Option<bool>,
    /// Whether its values are about a person (see the module's note).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal_data: bool,
    /// Sample values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<serde_json::Value>,
    /// The fields of an `object` property.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<SchemaProperty>,
    /// The item of an `array` property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<SchemaProperty>>,
    /// Quality rules on this property.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quality: Vec<QualityRule>,
    /// Keys the model has no field for (`id`, `tags`, `logicalTypeOptions`,
    /// `transformLogic`, custom properties besides `personalData`, ...).
    #[serde(default, skip_serializing_if = "Unmapped::is_empty")]
    pub extra: Unmapped,
}

impl SchemaProperty {
    /// A property of `name` holding `logical` values, everything else unset.
    pub fn new(name: impl Into<String>, logical: LogicalType) -> SchemaProperty {
        SchemaProperty {
            name: name.into(),
            logical_type: Some(logical.as_str().to_owned()),
            ..SchemaProperty::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_types_parse_their_words() {
        for t in LogicalType::ALL {
            assert_eq!(LogicalType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
        assert_eq!(LogicalType::parse("varchar"), None);
    }

    #[test]
    fn unset_fields_are_left_out() {
        let p = SchemaProperty::new("order_id", LogicalType::String);
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            serde_json::json!({"name": "order_id", "logicalType": "string"})
        );
    }
}
