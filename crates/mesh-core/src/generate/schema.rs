//! The schema of a generated contract: one object named after the port with about ten
//! columns, the first a primary key named after the port's entity, personal data only on
//! ports that serve it.
//!
//! The columns are picked from a fixed pool by the port's id rather than drawn from the
//! generator's RNG, so adding schemas left every other choice of a seed as it was. Each
//! property holds a name and a logical type and nothing more (no physical types, quality
//! rules or servers): a 10,000-product mesh carries tens of thousands of them, and they
//! must keep the file small and its load fast.

use uuid::Uuid;

use crate::model::{ContractBody, LogicalType, SchemaObject, SchemaProperty};

/// Columns besides the key: (name, logical type, personal data).
const POOL: [(&str, LogicalType, bool); 20] = [
    ("created_at", LogicalType::Timestamp, false),
    ("status", LogicalType::String, false),
    ("amount", LogicalType::Number, false),
    ("customer_email", LogicalType::String, true),
    ("currency", LogicalType::String, false),
    ("quantity", LogicalType::Integer, false),
    ("country_code", LogicalType::String, false),
    ("updated_at", LogicalType::Timestamp, false),
    ("channel", LogicalType::String, false),
    ("is_active", LogicalType::Boolean, false),
    ("customer_name", LogicalType::String, true),
    ("event_date", LogicalType::Date, false),
    ("category", LogicalType::String, false),
    ("score", LogicalType::Number, false),
    ("source_system", LogicalType::String, false),
    ("phone_number", LogicalType::String, true),
    ("region", LogicalType::String, false),
    ("record_version", LogicalType::Integer, false),
    ("valid_from", LogicalType::Date, false),
    ("valid_to", LogicalType::Date, false),
];

/// Columns besides the key.
const COLUMNS: usize = 9;

/// The body of the contract of port `port` (slug name) on `entity`, with id `id`.
pub(super) fn body(entity: &str, port: &str, id: Uuid, personal: bool) -> ContractBody {
    let start = (id.as_u128() % POOL.len() as u128) as usize;
    let mut key = SchemaProperty::new(format!("{}_id", snake(entity)), LogicalType::String);
    key.primary_key = Some(true);
    key.primary_key_position = Some(1);
    key.required = Some(true);
    let mut properties = Vec::with_capacity(COLUMNS + 1);
    properties.push(key);
    properties.extend(
        POOL.iter()
            .cycle()
            .skip(start)
            .filter(|(_, _, pii)| personal || !pii)
            .take(COLUMNS)
            .map(|&(name, logical, pii)| {
                let mut p = SchemaProperty::new(name, logical);
                p.personal_data = pii;
                p
            }),
    );
    ContractBody {
        schema: vec![SchemaObject {
            name: snake(port),
            properties,
            ..SchemaObject::default()
        }],
        ..ContractBody::default()
    }
}

/// `order-lines` as a column name: `order_lines`.
fn snake(slug: &str) -> String {
    slug.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    #[test]
    fn ten_columns_with_a_key_and_personal_data_only_where_served() {
        for n in 0..40u128 {
            let id = Uuid::from_u128(n * 7919);
            let plain = body("order-line", "order-lines-table", id, false);
            validate::contract_body(&plain).unwrap();
            let object = &plain.schema[0];
            assert_eq!(object.name, "order_lines_table");
            assert_eq!(object.properties.len(), 10);
            assert_eq!(object.properties[0].name, "order_line_id");
            assert_eq!(object.properties[0].primary_key, Some(true));
            assert!(object.properties.iter().all(|p| !p.personal_data));
            let personal = body("customer", "profiles", id, true);
            validate::contract_body(&personal).unwrap();
            assert_eq!(personal.schema[0].properties.len(), 10);
        }
        let any_personal = (0..20u128).any(|n| {
            body("customer", "profiles", Uuid::from_u128(n), true).schema[0]
                .properties
                .iter()
                .any(|p| p.personal_data)
        });
        assert!(any_personal);
    }
}
