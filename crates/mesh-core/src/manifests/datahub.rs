//! DataHub data product YAML, as `datahub dataproduct upsert -f <file>` reads it: one
//! `<product>.datahub.yaml` per product.
//!
//! Mapping: `id` is `urn:li:dataProduct:<product>`, `domain` is `urn:li:domain:<domain>`
//! (DataHub resolves a bare domain by its display name, which is not unique, so the
//! urn form is used; the domains must exist in DataHub under those ids). Each output port
//! becomes a dataset urn `urn:li:dataset:(urn:li:dataPlatform:<platform>,<product>.<port>.<version>,PROD)`,
//! listed in both `assets` and `output_ports`; the platform is the port's `platform`
//! custom property when it has one, else `meshwright` (the model does not know the
//! technology behind a port). Owners are the owning team (`urn:li:corpGroup:<team>`,
//! TECHNICAL_OWNER) and the accountable person (`urn:li:corpuser:<username>`,
//! BUSINESS_OWNER); links become `institutional_memory` (and, whole, `meshwright.links`). DataHub has no ports, status,
//! lineage or SLA fields in this file, so the rest goes into `properties` (a string map,
//! sorted by key): `lifecycle` (the status, as DataHub's own example does), `version`,
//! `archetype`, `usage`, `limitations`, `meshwright.id`, `meshwright.team`, one
//! `port.<name>.<version>` and one `input.<name>` entry per port (JSON text), and
//! `custom.<key>` per custom property. The product's `datahub` extension bag (keys an
//! earlier DataHub file held that the model has no place for) is merged back into the
//! root without overriding mapped keys.
//!
//! It must not do I/O or decide where the file lands.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Document, ExportContext, Scope, text, unmapped};
use crate::model::{DataProduct, DependencySource, InputPort, OutputPort};

/// Platform of a port's dataset urn when the port names none.
pub const DEFAULT_PLATFORM: &str = "meshwright";

/// One DataHub data product file per product, in the mesh's product order.
pub fn documents(ctx: &ExportContext) -> Vec<Document> {
    ctx.mesh
        .products
        .iter()
        .map(|product| Document {
            scope: Scope::Product(product.id),
            file_name: format!("{}.datahub.yaml", product.name),
            text: text::yaml(&data_product(ctx, product)),
        })
        .collect()
}

/// The dataset urn standing for an output port.
pub fn dataset_urn(ctx: &ExportContext, port: &OutputPort) -> String {
    let product = ctx
        .products
        .get(&port.product_id)
        .map_or("unknown", |p| p.name.as_str());
    let platform = port
        .custom_properties
        .iter()
        .find(|c| c.key == "platform")
        .and_then(|c| c.value.as_str())
        .filter(|p| !p.is_empty() && !p.contains([',', '(', ')']))
        .unwrap_or(DEFAULT_PLATFORM);
    format!(
        "urn:li:dataset:(urn:li:dataPlatform:{platform},{product}.{}.{},PROD)",
        port.name, port.version
    )
}

fn data_product(ctx: &ExportContext, product: &DataProduct) -> Value {
    let mut root = Map::new();
    root.insert(
        "id".into(),
        json!(format!("urn:li:dataProduct:{}", product.name)),
    );
    let domain = ctx
        .domains
        .get(&product.domain_id)
        .map_or("unknown", |d| d.name.as_str());
    root.insert("domain".into(), json!(format!("urn:li:domain:{domain}")));
    root.insert("display_name".into(), json!(product.display_name));
    if let Some(purpose) = &product.description.purpose {
        root.insert("description".into(), json!(purpose));
    }
    let mut assets: Vec<String> = ctx
        .ports(product.id)
        .iter()
        .map(|p| dataset_urn(ctx, p))
        .collect();
    assets.sort();
    assets.dedup();
    if !assets.is_empty() {
        root.insert("assets".into(), json!(assets));
        root.insert("output_ports".into(), json!(assets));
    }
    let mut owners = Vec::new();
    let team = product.owner_team_id.and_then(|id| ctx.teams.get(&id));
    if let Some(team) = team {
        owners.push(
            json!({"id": format!("urn:li:corpGroup:{}", team.name), "type": "TECHNICAL_OWNER"}),
        );
    }
    if let Some(person) = product
        .accountable_person_id
        .and_then(|id| ctx.people.get(&id))
    {
        owners.push(
            json!({"id": format!("urn:li:corpuser:{}", person.username), "type": "BUSINESS_OWNER"}),
        );
    }
    if !owners.is_empty() {
        root.insert("owners".into(), Value::Array(owners));
    }
    if !product.tags.is_empty() {
        let tags: Vec<String> = product
            .tags
            .iter()
            .map(|t| format!("urn:li:tag:{t}"))
            .collect();
        root.insert("tags".into(), json!(tags));
    }
    if !product.links.is_empty() {
        let elements: Vec<Value> = product
            .links
            .iter()
            .map(|l| {
                // `description` is required; the title, else the URL itself, fills it.
                let description = l.title.as_deref().unwrap_or(&l.url);
                json!({"url": l.url, "description": description})
            })
            .collect();
        root.insert(
            "institutional_memory".into(),
            json!({ "elements": elements }),
        );
    }
    root.insert("properties".into(), json!(properties(ctx, product)));
    unmapped::merge_bag(&mut root, &product.extensions, "datahub");
    Value::Object(root)
}

fn properties(ctx: &ExportContext, product: &DataProduct) -> BTreeMap<String, String> {
    let mut props = BTreeMap::new();
    props.insert("lifecycle".to_owned(), product.status.as_str().to_owned());
    props.insert("version".to_owned(), product.version.clone());
    props.insert("meshwright.id".to_owned(), product.id.to_string());
    if let Some(team) = product.owner_team_id.and_then(|id| ctx.teams.get(&id)) {
        props.insert("meshwright.team".to_owned(), team.name.clone());
    }
    if let Some(archetype) = product.archetype {
        props.insert("archetype".to_owned(), archetype.as_str().to_owned());
    }
    if let Some(usage) = &product.description.usage {
        props.insert("usage".to_owned(), usage.clone());
    }
    if let Some(limitations) = &product.description.limitations {
        props.insert("limitations".to_owned(), limitations.clone());
    }
    if !product.links.is_empty() {
        // Link titles and kinds have no place in `institutional_memory`.
        props.insert(
            "meshwright.links".to_owned(),
            compact(&json!(product.links)),
        );
    }
    for port in ctx.ports(product.id) {
        props.insert(
            format!("port.{}.{}", port.name, port.version),
            compact(&port_record(ctx, port)),
        );
    }
    for input in ctx.inputs(product.id) {
        props.insert(
            format!("input.{}", input.name),
            compact(&input_record(ctx, input)),
        );
    }
    for custom in &product.custom_properties {
        let value = match &custom.value {
            Value::String(s) => s.clone(),
            other => compact(other),
        };
        props.insert(format!("custom.{}", custom.key), value);
    }
    props
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).expect("JSON values serialize")
}

/// A port's facts DataHub has no field for, as one JSON object.
fn port_record(ctx: &ExportContext, port: &OutputPort) -> Value {
    let mut record = Map::new();
    record.insert("id".into(), json!(port.id));
    record.insert("dataset".into(), json!(dataset_urn(ctx, port)));
    record.insert("type".into(), json!(port.port_type.as_str()));
    if let Some(description) = &port.description {
        record.insert("description".into(), json!(description));
    }
    record.insert("status".into(), json!(port.status.as_str()));
    record.insert("visibility".into(), json!(port.visibility.as_str()));
    record.insert("containsPii".into(), json!(port.contains_pii));
    if let Some(classification) = &port.classification {
        record.insert("classification".into(), json!(classification));
    }
    if let Some(contract) = &port.contract {
        record.insert("contract".into(), json!(contract));
    }
    if !port.service_levels.is_empty() {
        record.insert("serviceLevels".into(), json!(port.service_levels));
    }
    if let Some(date) = port.deprecation_date {
        record.insert("deprecationDate".into(), json!(date));
    }
    if let Some(successor) = port
        .successor_port_id
        .and_then(|id| ctx.output_ports.get(&id))
    {
        record.insert("successor".into(), json!(dataset_urn(ctx, successor)));
    }
    if !port.custom_properties.is_empty() {
        record.insert("customProperties".into(), json!(port.custom_properties));
    }
    if let Some(bag) = port.extensions.get("datahub") {
        record.insert("extensions".into(), bag.clone());
    }
    Value::Object(record)
}

/// An input port as one JSON object: the upstream dataset urn (DataHub keeps lineage on
/// datasets, not in this file) or the source system.
fn input_record(ctx: &ExportContext, input: &InputPort) -> Value {
    let mut record = Map::new();
    record.insert("id".into(), json!(input.id));
    if let Some(description) = &input.description {
        record.insert("description".into(), json!(description));
    }
    match &input.source {
        DependencySource::OutputPort { port_id } => {
            match ctx.output_ports.get(port_id) {
                Some(port) => record.insert("dataset".into(), json!(dataset_urn(ctx, port))),
                None => record.insert("portId".into(), json!(port_id)),
            };
        }
        DependencySource::SourceSystem { source_system_id } => {
            unmapped::insert_source_system(ctx, &mut record, "", *source_system_id);
        }
        DependencySource::Unresolved { reference } => {
            record.insert("unresolved".into(), json!(reference));
        }
    }
    unmapped::insert_input_tail(&mut record, input, "datahub");
    Value::Object(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;

    fn doc_of(ctx: &ExportContext, name: &str) -> Value {
        let doc = unmapped::product_document(ctx, documents, name);
        assert_eq!(doc.file_name, format!("{name}.datahub.yaml"));
        serde_saphyr::from_str(&doc.text).expect("YAML")
    }

    #[test]
    fn output_ports_are_assets_and_inputs_name_the_upstream_dataset() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let product = mesh.product_by_name("customer-360").expect("demo product");
        let doc = doc_of(&ctx, "customer-360");
        assert_eq!(doc["id"], json!("urn:li:dataProduct:customer-360"));
        assert_eq!(doc["assets"], doc["output_ports"]);
        assert_eq!(
            doc["assets"].as_array().map(Vec::len),
            Some(ctx.ports(product.id).len())
        );
        let all_assets: Vec<String> = documents(&ctx)
            .iter()
            .map(|d| serde_saphyr::from_str::<Value>(&d.text).expect("YAML"))
            .flat_map(|d| d["assets"].as_array().cloned().unwrap_or_default())
            .filter_map(|a| a.as_str().map(str::to_owned))
            .collect();
        let props = doc["properties"].as_object().expect("properties");
        let mut upstream = 0;
        for (key, value) in props.iter().filter(|(k, _)| k.starts_with("input.")) {
            let record: Value = serde_json::from_str(value.as_str().expect("text")).expect("JSON");
            if let Some(dataset) = record["dataset"].as_str() {
                assert!(all_assets.iter().any(|a| a == dataset), "{key}: {dataset}");
                upstream += 1;
            }
        }
        assert!(upstream > 0, "customer-360 reads other products");
        assert_eq!(props["lifecycle"], json!(product.status.as_str()));
    }

    #[test]
    fn a_platform_custom_property_picks_the_dataset_platform() {
        let mut mesh = demo_mesh();
        mesh.output_ports[0]
            .custom_properties
            .push(crate::model::CustomProperty {
                key: "platform".into(),
                value: json!("snowflake"),
                description: None,
            });
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let urn = dataset_urn(&ctx, &mesh.output_ports[0]);
        assert!(
            urn.starts_with("urn:li:dataset:(urn:li:dataPlatform:snowflake,"),
            "{urn}"
        );
        let other = dataset_urn(&ctx, &mesh.output_ports[1]);
        assert!(
            other.contains(&format!("dataPlatform:{DEFAULT_PLATFORM},")),
            "{other}"
        );
    }
}
