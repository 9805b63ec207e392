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
//! `custom.<key>` per custom property (and, when those texts alone cannot give the list
//! back: a value that is no text, a description, another order, the whole list as
//! `meshwright.customProperties`).
//!
//! The product's `datahub` extension bag is what an import of a DataHub file kept, and
//! is merged back so that the file comes back with every key it had: keys the model has
//! no place for go beside the mapped ones (inside `properties` too), the `assets` and
//! `output_ports` items no port stands for go after the ports' urns, and a value the
//! document spelled otherwise than this module would (`id: pet_of_the_week`,
//! `domain: Marketing`, `version: 2.0`) replaces the mapped one as long as it still
//! reads as what the model holds ([`root_reading`], [`property_reading`]): an edit in
//! the model always wins over a stale bag. The readings and spellings below are the
//! mapping both ways; the importer (`import::datahub`) uses the same functions.
//!
//! It must not do I/O or decide where the file lands.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::documents::{Field, Item, Model, datahub as doc, object};
use super::{Document, ExportContext, Scope, text};
use crate::governance::parallel::map_ordered;
use crate::manifests::import::slugify;
use crate::manifests::words;
use crate::model::{
    Archetype, CustomProperty, DataProduct, DependencySource, InputPort, Link, OutputPort, Status,
};

/// The extension bag this format fills (`extensions.datahub`).
pub const FORMAT: &str = "datahub";

/// Platform of a port's dataset urn when the port names none.
pub const DEFAULT_PLATFORM: &str = "meshwright";

/// The urn prefix of a data product.
const PRODUCT_URN: &str = "urn:li:dataProduct:";
/// The urn prefix of a domain.
const DOMAIN_URN: &str = "urn:li:domain:";
/// The urn prefix of a tag.
const TAG_URN: &str = "urn:li:tag:";
/// The urn prefix of a person.
const USER_URN: &str = "urn:li:corpuser:";
/// The urn prefix of a group.
const GROUP_URN: &str = "urn:li:corpGroup:";
/// The ownership type of the owning team.
const TEAM_OWNER: &str = "TECHNICAL_OWNER";
/// The ownership type of the accountable person.
const PERSON_OWNER: &str = "BUSINESS_OWNER";
/// The domain a product that names none lands in, as for the other formats.
const NO_DOMAIN: &str = "imported";

/// The version of a product whose file has no readable `version` property.
pub const NO_VERSION: &str = "0.0.0";

const DATASET_START: &str = "urn:li:dataset:(urn:li:dataPlatform:";
const DATASET_END: &str = ",PROD)";

/// One DataHub data product file per product, in the mesh's product order.
pub fn documents(ctx: &ExportContext) -> Vec<Document> {
    // Products are independent; the order of the result is the mesh's either way.
    map_ordered(&ctx.mesh.products, true, |product| Document {
        scope: Scope::Product(product.id),
        file_name: format!("{}.datahub.yaml", product.name),
        text: text::yaml(&data_product(ctx, product)),
    })
}

/// The dataset urn standing for an output port.
pub fn dataset_urn(ctx: &ExportContext, port: &OutputPort) -> String {
    let product = ctx
        .products
        .get(&port.product_id)
        .map_or("unknown", |p| p.name.as_str());
    port_urn(product, port)
}

/// The dataset urn of `port` of the product called `product`.
pub fn port_urn(product: &str, port: &OutputPort) -> String {
    let platform = port
        .custom_properties
        .iter()
        .find(|c| c.key == "platform")
        .and_then(|c| c.value.as_str())
        .filter(|p| platform_fits(p))
        .unwrap_or(DEFAULT_PLATFORM);
    format!(
        "{DATASET_START}{platform},{product}.{}.{}{DATASET_END}",
        port.name, port.version
    )
}

/// Whether `platform` can stand in a dataset urn without breaking its tuple.
fn platform_fits(platform: &str) -> bool {
    !platform.is_empty() && !platform.contains([',', '(', ')'])
}

/// `(platform, product, port, version)` of a dataset urn as [`port_urn`] writes it.
pub fn parse_port_urn(urn: &str) -> Option<(&str, &str, &str, &str)> {
    let inner = urn.strip_prefix(DATASET_START)?.strip_suffix(DATASET_END)?;
    let (platform, name) = inner.split_once(',')?;
    let (product, rest) = name.split_once('.')?;
    let (port, version) = rest.split_once('.')?;
    let parts = [platform, product, port, version];
    (platform_fits(platform) && parts.iter().all(|p| !p.is_empty() && !p.contains(',')))
        .then_some((platform, product, port, version))
}

/// `id` for the product called `name`.
pub fn product_urn(name: &str) -> String {
    format!("{PRODUCT_URN}{name}")
}

/// `domain` for the domain called `name`.
pub fn domain_urn(name: &str) -> String {
    format!("{DOMAIN_URN}{name}")
}

/// The product a DataHub `id` names: the urn's id, or the bare id, as a slug.
pub fn product_name(id: &str) -> String {
    slugify(id.strip_prefix(PRODUCT_URN).unwrap_or(id))
}

/// The domain a DataHub `domain` names (a urn or, as DataHub allows, a bare name), as a
/// slug; `imported` when there is none, as for the other formats.
pub fn domain_name(domain: Option<&str>) -> String {
    domain.map_or_else(
        || NO_DOMAIN.to_owned(),
        |d| slugify(d.strip_prefix(DOMAIN_URN).unwrap_or(d)),
    )
}

/// `owners` for the owning team and the accountable person; `None` for neither.
pub fn owners_value(team: Option<&str>, person: Option<&str>) -> Option<Value> {
    let owner = |id: String, kind: &str| {
        json!(doc::Owner {
            id: Field::Given(id),
            kind: Field::Given(kind.to_owned()),
            ..Default::default()
        })
    };
    let mut owners = Vec::new();
    if let Some(team) = team {
        owners.push(owner(format!("{GROUP_URN}{team}"), TEAM_OWNER));
    }
    if let Some(person) = person {
        owners.push(owner(format!("{USER_URN}{person}"), PERSON_OWNER));
    }
    (!owners.is_empty()).then_some(Value::Array(owners))
}

/// One owner of an `owners` list: whether it is a group, its id, its ownership type.
/// A bare string is a TECHNICAL_OWNER, and an id without a urn prefix a person, as
/// DataHub reads them. `None` for an entry DataHub would refuse.
fn owner_of(entry: &Value) -> Option<(bool, &str, &str)> {
    let (id, kind) = match entry {
        Value::String(id) => (id.as_str(), TEAM_OWNER),
        Value::Object(o) => {
            let keys = doc::Owner::KEYS;
            (o.get(keys.id)?.as_str()?, o.get(keys.kind)?.as_str()?)
        }
        _ => return None,
    };
    Some(match id.strip_prefix(GROUP_URN) {
        Some(group) => (true, group, kind),
        None => (false, id.strip_prefix(USER_URN).unwrap_or(id), kind),
    })
}

/// The owning team (as a slug) and the accountable person (a username) an `owners`
/// list names: the one group that is TECHNICAL_OWNER and the one person that is
/// BUSINESS_OWNER, as this module writes them. Several of a kind name none of it.
pub fn owners_reading(owners: &[Value]) -> (Option<String>, Option<String>) {
    let mut teams = Vec::new();
    let mut people = Vec::new();
    for (group, id, kind) in owners.iter().filter_map(owner_of) {
        match (group, kind) {
            (true, TEAM_OWNER) => teams.push(slugify(id)),
            (false, PERSON_OWNER) if is_username(id) => people.push(id.to_owned()),
            _ => {}
        }
    }
    let one = |mut v: Vec<String>| if v.len() == 1 { v.pop() } else { None };
    (one(teams), one(people))
}

fn is_username(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= 254 && !id.chars().any(char::is_whitespace)
}

/// `tags` for the product's tags.
pub fn tags_value(tags: &[String]) -> Value {
    json!(tag_urns(tags))
}

/// The urns of the product's tags.
fn tag_urns(tags: &[String]) -> Vec<String> {
    tags.iter().map(|t| format!("{TAG_URN}{t}")).collect()
}

/// The tags a `tags` list holds (urns or, as DataHub allows, bare ids), when the model
/// can hold every one of them; `None` otherwise (the list then stays whole in the bag).
pub fn tags_reading(items: &[Value]) -> Option<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for item in items {
        let text = item.as_str()?;
        let tag = text.strip_prefix(TAG_URN).unwrap_or(text);
        let fits = !tag.trim().is_empty()
            && tag.chars().count() <= crate::validate::MAX_NAME
            && !tag.chars().any(char::is_control)
            && !tags.iter().any(|t| t == tag);
        if !fits {
            return None;
        }
        tags.push(tag.to_owned());
    }
    Some(tags)
}

/// `institutional_memory` for the product's links: `description` is required, so the
/// title, else the URL itself, fills it.
pub fn memory_value(links: &[Link]) -> Value {
    let elements = links
        .iter()
        .map(|l| {
            Item::Given(json!(doc::Element {
                url: Field::Given(l.url.clone()),
                description: Field::Given(l.title.clone().unwrap_or_else(|| l.url.clone())),
                ..Default::default()
            }))
        })
        .collect();
    json!(doc::Memory {
        elements: Field::Given(elements),
        ..Default::default()
    })
}

/// The links an `institutional_memory` holds, when the model can hold every one (an
/// element of `url` and `description` only, the URL http(s) or mailto); a description
/// equal to the URL is no title. `None` otherwise.
pub fn memory_reading(memory: &Value) -> Option<Vec<Link>> {
    let memory = memory.as_object()?;
    let keys = doc::Element::KEYS;
    let elements_key = doc::Memory::KEYS.elements;
    if memory.keys().any(|k| k != elements_key) {
        return None;
    }
    let Some(elements) = memory.get(elements_key) else {
        return Some(Vec::new());
    };
    elements
        .as_array()?
        .iter()
        .map(|e| {
            let e = e.as_object()?;
            let url = e.get(keys.url)?.as_str()?;
            let description = e.get(keys.description)?.as_str()?;
            let fits = e.len() == 2
                && ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|s| url.starts_with(s))
                && !url.chars().any(char::is_whitespace)
                && url.chars().count() <= 2000;
            fits.then(|| Link {
                url: url.to_owned(),
                title: (description != url).then(|| description.to_owned()),
                kind: None,
            })
        })
        .collect()
}

/// The product version a `version` property gives: a semantic version (a leading `v`
/// dropped), or a shorter one padded (`2.0` is `2.0.0`); `None` for anything else.
pub fn version_of(text: &str) -> Option<String> {
    let v = text.trim();
    let v = v.strip_prefix('v').unwrap_or(v);
    if semver::Version::parse(v).is_ok() {
        return Some(v.to_owned());
    }
    let parts: Vec<&str> = v.split('.').collect();
    let numeric = |p: &&str| {
        !p.is_empty()
            && p.chars().all(|c| c.is_ascii_digit())
            && (p.len() == 1 || !p.starts_with('0'))
    };
    if parts.len() > 2 || !parts.iter().all(numeric) {
        return None;
    }
    let mut parts: Vec<String> = parts.into_iter().map(str::to_owned).collect();
    parts.resize(3, "0".to_owned());
    Some(parts.join("."))
}

/// The value of a custom property written as `custom.<key>`: its text, since DataHub's
/// `properties` is a string map (a value of another type goes along in
/// `meshwright.customProperties`).
pub fn custom_value(value: &Value) -> Value {
    words::text_of(value).map_or_else(|| value.clone(), Value::String)
}

/// The custom property a `custom.<key>` property stands for.
pub fn custom_key(property: &str) -> Option<&str> {
    property.strip_prefix("custom.").filter(|k| !k.is_empty())
}

/// `custom.<key>`'s text for a custom property's value.
pub fn custom_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => compact(other),
    }
}

/// The custom properties the `custom.<key>` entries of `properties` give, in order.
pub fn custom_reading<'a>(
    properties: impl IntoIterator<Item = (&'a String, &'a Value)>,
) -> Vec<CustomProperty> {
    properties
        .into_iter()
        .filter_map(|(k, v)| {
            Some(CustomProperty {
                key: custom_key(k)?.to_owned(),
                value: custom_value(v),
                description: None,
            })
        })
        .collect()
}

/// What the model makes of the root key `key` with `value` (`None`: the key is absent),
/// for the keys whose own spelling an import keeps; `None` for every other key.
pub fn root_reading(key: &str, value: Option<&Value>) -> Option<Value> {
    let text = value.and_then(words::text_of);
    let list = value
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let keys = doc::DataProduct::KEYS;
    Some(match key {
        k if k == keys.id => json!(text.map(|t| product_name(&t))),
        k if k == keys.domain => json!(domain_name(text.as_deref())),
        k if k == keys.owners => json!(owners_reading(list)),
        k if k == keys.tags => json!(tags_reading(list).unwrap_or_default()),
        k if k == keys.memory => json!(value.and_then(memory_reading).unwrap_or_default()),
        _ => return None,
    })
}

/// What the model makes of the property `key` with `value` (`None`: absent), for the
/// properties whose own spelling an import keeps; `None` for every other key.
pub fn property_reading(key: &str, value: Option<&Value>) -> Option<Value> {
    let text = value.and_then(words::text_of);
    Some(match key {
        "version" => json!(
            text.as_deref()
                .and_then(version_of)
                .unwrap_or_else(|| NO_VERSION.to_owned())
        ),
        "lifecycle" => json!(
            text.as_deref()
                .and_then(Status::parse)
                .unwrap_or(Status::Active)
        ),
        "archetype" => json!(text.as_deref().and_then(Archetype::parse)),
        "usage" | "limitations" => json!(text),
        k if custom_key(k).is_some() => value.map_or(Value::Null, custom_value),
        _ => return None,
    })
}

fn data_product(ctx: &ExportContext, product: &DataProduct) -> Value {
    let domain = ctx
        .domains
        .get(&product.domain_id)
        .map_or("unknown", |d| d.name.as_str());
    let mut assets: Vec<String> = ctx
        .ports(product.id)
        .iter()
        .map(|p| dataset_urn(ctx, p))
        .collect();
    assets.sort();
    assets.dedup();
    let assets: Vec<Item<String>> = assets.into_iter().map(Item::Given).collect();
    let team = product.owner_team_id.and_then(|id| ctx.teams.get(&id));
    let person = product
        .accountable_person_id
        .and_then(|id| ctx.people.get(&id));
    let owners = owners_value(
        team.map(|t| t.name.as_str()),
        person.map(|p| p.username.as_str()),
    );
    let tags = tag_urns(&product.tags)
        .into_iter()
        .map(Item::Given)
        .collect();
    let doc = doc::DataProduct {
        id: Field::Given(product_urn(&product.name)),
        domain: Field::Given(domain_urn(domain)),
        display_name: Field::Given(product.display_name.clone()),
        description: product.description.purpose.clone().into(),
        output_ports: Field::non_empty(assets.clone()),
        assets: Field::non_empty(assets),
        owners: owners.into(),
        tags: Field::non_empty(tags),
        memory: (!product.links.is_empty())
            .then(|| memory_value(&product.links))
            .into(),
        properties: Field::Given(properties(ctx, product).into_iter().collect()),
        ..Default::default()
    };
    let mut root = object(&doc);
    if let Some(Value::Object(bag)) = product.extensions.get(FORMAT) {
        merge_kept(&mut root, bag);
    }
    Value::Object(root)
}

/// Puts back what an import kept (see the module header).
fn merge_kept(root: &mut Map<String, Value>, bag: &Map<String, Value>) {
    let keys = doc::DataProduct::KEYS;
    for (key, kept) in bag {
        match kept {
            Value::Array(items) if [keys.assets, keys.output_ports].contains(&key.as_str()) => {
                let list = root
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    list.extend(items.iter().cloned());
                }
            }
            Value::Object(kept) if key == keys.properties => {
                let props = root
                    .entry(keys.properties)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(props) = props {
                    for (key, value) in kept {
                        merge_spelled(props, key, value, property_reading);
                    }
                }
            }
            _ => merge_spelled(root, key, kept, root_reading),
        }
    }
}

/// Adds the kept `key` when `target` lacks it; a key `reading` knows replaces the mapped
/// value when both read the same, and is dropped when they do not (the model changed).
fn merge_spelled(
    target: &mut Map<String, Value>,
    key: &str,
    kept: &Value,
    reading: fn(&str, Option<&Value>) -> Option<Value>,
) {
    let mapped = target.get(key);
    let write = match reading(key, Some(kept)) {
        Some(read) => Some(read) == reading(key, mapped),
        None => mapped.is_none(),
    };
    if write {
        target.insert(key.to_owned(), kept.clone());
    }
}

fn properties(ctx: &ExportContext, product: &DataProduct) -> BTreeMap<String, Value> {
    let mut props = BTreeMap::new();
    let mut text = |key: String, value: String| props.insert(key, Value::String(value));
    text("lifecycle".to_owned(), product.status.as_str().to_owned());
    text("version".to_owned(), product.version.clone());
    text("meshwright.id".to_owned(), product.id.to_string());
    if let Some(team) = product.owner_team_id.and_then(|id| ctx.teams.get(&id)) {
        text("meshwright.team".to_owned(), team.name.clone());
    }
    if let Some(archetype) = product.archetype {
        text("archetype".to_owned(), archetype.as_str().to_owned());
    }
    if let Some(usage) = &product.description.usage {
        text("usage".to_owned(), usage.clone());
    }
    if let Some(limitations) = &product.description.limitations {
        text("limitations".to_owned(), limitations.clone());
    }
    if !product.links.is_empty() {
        // Link titles and kinds have no place in `institutional_memory`.
        text(
            "meshwright.links".to_owned(),
            compact(&json!(product.links)),
        );
    }
    for port in ctx.ports(product.id) {
        text(
            format!("port.{}.{}", port.name, port.version),
            compact(&port_record(ctx, port)),
        );
    }
    for input in ctx.inputs(product.id) {
        text(
            format!("input.{}", input.name),
            compact(&input_record(ctx, input)),
        );
    }
    for custom in &product.custom_properties {
        text(format!("custom.{}", custom.key), custom_text(&custom.value));
    }
    // The `custom.` texts lose values of other types, descriptions and the list's
    // order: then the whole list goes along.
    let custom = props.iter().filter(|(k, _)| custom_key(k).is_some());
    if custom_reading(custom) != product.custom_properties {
        props.insert(
            "meshwright.customProperties".to_owned(),
            Value::String(compact(&json!(product.custom_properties))),
        );
    }
    props
}

fn compact(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("JSON values serialize")
}

/// A port's facts DataHub has no field for, as one JSON object.
fn port_record(ctx: &ExportContext, port: &OutputPort) -> doc::PortRecord {
    doc::PortRecord {
        id: Field::Given(port.id.to_string()),
        dataset: Field::Given(dataset_urn(ctx, port)),
        port_type: Field::Given(port.port_type.as_str().to_owned()),
        description: port.description.clone().into(),
        status: Field::Given(port.status.as_str().to_owned()),
        visibility: Field::Given(port.visibility.as_str().to_owned()),
        contains_pii: Field::Given(port.contains_pii),
        classification: port.classification.clone().into(),
        contract: port.contract.clone().map(Model).into(),
        service_levels: Field::non_empty(port.service_levels.clone()).map(Model),
        deprecation_date: port.deprecation_date.map(|d| d.to_string()).into(),
        successor: port
            .successor_port_id
            .and_then(|id| ctx.output_ports.get(&id))
            .map(|successor| dataset_urn(ctx, successor))
            .into(),
        custom_properties: Field::non_empty(port.custom_properties.clone()).map(Model),
        extensions: port.extensions.get(FORMAT).map(bag_object).into(),
        ..Default::default()
    }
}

/// A bag as the object it always is (the importer only fills bags with objects).
fn bag_object(bag: &Value) -> Map<String, Value> {
    bag.as_object().cloned().unwrap_or_default()
}

/// An input port as one JSON object: the upstream dataset urn (DataHub keeps lineage on
/// datasets, not in this file) or the source system.
fn input_record(ctx: &ExportContext, input: &InputPort) -> doc::InputRecord {
    let mut record = doc::InputRecord {
        id: Field::Given(input.id.to_string()),
        description: input.description.clone().into(),
        custom_properties: Field::non_empty(input.custom_properties.clone()).map(Model),
        extensions: input.extensions.get(FORMAT).cloned().into(),
        ..Default::default()
    };
    match &input.source {
        DependencySource::OutputPort { port_id } => match ctx.output_ports.get(port_id) {
            Some(port) => record.dataset = Field::Given(dataset_urn(ctx, port)),
            None => record.port_id = Field::Given(port_id.to_string()),
        },
        DependencySource::SourceSystem { source_system_id } => {
            match ctx.source_systems.get(source_system_id) {
                Some(system) => record.source_system = Field::Given(json!(system)),
                // A dangling reference is a governance finding; keep what is known.
                None => record.source_system_id = Field::Given(source_system_id.to_string()),
            }
        }
        DependencySource::Unresolved { reference } => {
            record.unresolved = Field::Given(json!(reference));
        }
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;
    use crate::manifests::unmapped;

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

    #[test]
    fn versions_read_as_semantic_versions() {
        assert_eq!(version_of("1.4.0").as_deref(), Some("1.4.0"));
        assert_eq!(version_of("v2.1.0-rc.1").as_deref(), Some("2.1.0-rc.1"));
        assert_eq!(version_of("2.0").as_deref(), Some("2.0.0"));
        assert_eq!(version_of("3").as_deref(), Some("3.0.0"));
        for other in ["", "beta", "1.2.3.4", "01.2", "2.x"] {
            assert_eq!(version_of(other), None, "{other}");
        }
        // `version: 2.0` is YAML's number 2.0, read as its text.
        let read = property_reading("version", Some(&json!(2.0)));
        assert_eq!(read, Some(json!("2.0.0")));
        assert_eq!(property_reading("version", None), Some(json!(NO_VERSION)));
    }

    #[test]
    fn a_port_urn_reads_back_as_its_parts() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        for port in &mesh.output_ports {
            let product = &ctx.products[&port.product_id].name;
            let urn = port_urn(product, port);
            let parsed = parse_port_urn(&urn);
            assert_eq!(
                parsed,
                Some((
                    DEFAULT_PLATFORM,
                    product.as_str(),
                    port.name.as_str(),
                    port.version.as_str()
                )),
                "{urn}"
            );
        }
        assert_eq!(parse_port_urn("urn:li:container:DATABASE"), None);
        let other = "urn:li:dataset:(urn:li:dataPlatform:hive,db.table,PROD)";
        assert_eq!(parse_port_urn(other), None);
    }

    #[test]
    fn a_kept_spelling_stands_only_while_it_reads_as_the_model() {
        let mut root = Map::new();
        root.insert("id".into(), json!("urn:li:dataProduct:pet-of-the-week"));
        let mut kept = root.clone();
        merge_spelled(&mut kept, "id", &json!("pet_of_the_week"), root_reading);
        assert_eq!(kept["id"], "pet_of_the_week");
        let mut renamed = Map::new();
        renamed.insert("id".into(), json!("urn:li:dataProduct:pets"));
        merge_spelled(&mut renamed, "id", &json!("pet_of_the_week"), root_reading);
        assert_eq!(renamed["id"], "urn:li:dataProduct:pets");
        // A key the model has no reading for is added only where the export has none.
        merge_spelled(&mut root, "terms", &json!(["t"]), root_reading);
        assert_eq!(root["terms"], json!(["t"]));
    }
}
