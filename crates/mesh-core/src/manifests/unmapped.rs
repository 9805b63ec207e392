//! What the DPDS, Backstage and DataHub exports share to carry the fields their format
//! has no place for: a source system as a JSON record, the tail every input-port record
//! ends with, and extension bags merged back without overriding mapped keys.
//!
//! It must not decide where in a document these records go; each format module does.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::ExportContext;
use crate::model::InputPort;

/// Inserts the source system an input port reads as `<prefix>sourceSystem` (the whole
/// entity), or only its id as `<prefix>sourceSystemId` when the mesh lacks it.
pub fn insert_source_system(
    ctx: &ExportContext,
    record: &mut Map<String, Value>,
    prefix: &str,
    source_system_id: Uuid,
) {
    match ctx.source_systems.get(&source_system_id) {
        Some(system) => record.insert(format!("{prefix}sourceSystem"), json!(system)),
        // A dangling reference is a governance finding; keep what is known.
        None => record.insert(format!("{prefix}sourceSystemId"), json!(source_system_id)),
    };
}

/// Ends an input port's record with its custom properties and, under `extensions`, its
/// bag for `format`.
pub fn insert_input_tail(record: &mut Map<String, Value>, input: &InputPort, format: &str) {
    if !input.custom_properties.is_empty() {
        record.insert("customProperties".into(), json!(input.custom_properties));
    }
    if let Some(bag) = input.extensions.get(format) {
        record.insert("extensions".into(), bag.clone());
    }
}

/// Adds what `extra` holds and `target` lacks, object by object all the way down: an
/// unmapped key nested in a mapped object (DPDS `promises.platform`, Backstage
/// `spec.profile.picture`) goes back beside the mapped keys, and a mapped value always
/// wins. Lists are values: a mapped list is never mixed with a kept one.
pub fn merge_missing(target: &mut Map<String, Value>, extra: &Map<String, Value>) {
    for (key, value) in extra {
        match (target.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => merge_missing(inner, more),
            (Some(_), _) => {}
            (None, _) => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The document a format module wrote for the named product (tests).
#[cfg(test)]
pub(crate) fn product_document(
    ctx: &ExportContext,
    documents: fn(&ExportContext) -> Vec<super::Document>,
    name: &str,
) -> super::Document {
    let product = ctx.mesh.product_by_name(name).expect("product exists");
    documents(ctx)
        .into_iter()
        .find(|d| d.scope == super::Scope::Product(product.id))
        .expect("a document per product")
}
