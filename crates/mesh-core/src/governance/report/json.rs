//! The report as JSON: the report's own serde form, each finding with a `location`
//! (`path` as shown, `line`, `column`, `field`) when it has a place. Formatting only.

use serde_json::{Value, json};

use super::Placed;

/// Renders the report as a JSON value.
pub fn json(placed: &Placed<'_>) -> Value {
    let mut value = serde_json::to_value(placed.report).unwrap_or(Value::Null);
    let Some(findings) = value.get_mut("findings").and_then(Value::as_array_mut) else {
        return value;
    };
    for (finding, (_, place)) in findings.iter_mut().zip(placed.iter()) {
        if let (Some(place), Some(map)) = (place, finding.as_object_mut()) {
            let mut location = json!({ "path": placed.shown(&place.path) });
            for (key, v) in [("line", place.line), ("column", place.column)] {
                if let Some(v) = v {
                    location[key] = json!(v);
                }
            }
            if let Some(field) = &place.field {
                location["field"] = json!(field);
            }
            map.insert("location".into(), location);
        }
    }
    value
}
