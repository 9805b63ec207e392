//! Reading DataHub data product files (what `datahub dataproduct upsert -f <file>`
//! reads) back into the model: the inverse of `manifests::datahub`, and a reader of the
//! files DataHub users write by hand.
//!
//! A file is one product. Its slug is `id` (a `urn:li:dataProduct:` urn or a bare id)
//! made a slug; its id is `properties.meshwright.id`, else that of the product with the
//! same slug (from a file of another format or the mesh), else one derived from the
//! slug. `display_name` is the title, `description` the purpose, and `domain` (a
//! `urn:li:domain:` urn or, as DataHub allows, a bare name) the domain, by slug, created
//! when neither the import nor the mesh has it. Of the `owners`, the one group that is
//! TECHNICAL_OWNER is the owning team and the one person that is BUSINESS_OWNER the
//! accountable person, which is how the exporter writes them. `tags` (urns or bare ids)
//! are the tags and `institutional_memory` the links (`properties.meshwright.links`
//! gives their titles and kinds back while it agrees with them). `properties` gives the
//! status (`lifecycle`), `version`, `archetype`, `usage`, `limitations`, the custom
//! properties (`custom.<key>`, and `meshwright.customProperties` while it agrees with
//! them), one output port per `port.<name>.<version>` record and one input port per
//! `input.<name>` record: its provider by dataset urn, resolved across all files and
//! the mesh once every document is read, or the source system the record carries
//! whole. A dataset urn in `output_ports` of the form the exporter writes for this
//! product (`<product>.<port>.<version>`) is an output port even without a record.
//!
//! What the model has no place for stays in the product's `datahub` bag, which the
//! exporter merges back: other keys (`terms`, `external_url`, `parent_data_product`),
//! other properties, the `assets` and `output_ports` items no port stands for (a
//! container, a feature table, a dataset named otherwise), and the document's own
//! spelling of a value the model holds in another form (`id: pet_of_the_week`,
//! `domain: Marketing`, `version: 2.0`, owners of other kinds or types, tags or links
//! the model cannot hold). Known normalisations: names that are not slugs become
//! slugs; a `version` that is no version gives the product `0.0.0`, and a `lifecycle`
//! that is no status of the model `active` (both written back as they were while the
//! model keeps those values); a `custom.<key>` is a text (DataHub's properties are
//! strings): other types, descriptions and the order of custom properties only come
//! back from `meshwright.customProperties`.
//!
//! Which values win when the same product also comes from ODPS, DPDS or Backstage is
//! `combine`'s business (DataHub comes last and fills gaps): this module only says
//! which fields it filled with defaults.
//!
//! It must not write to the mesh and must not read files.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::SourceDocument;
use super::combine::Part;
use super::decode::Decoder;
use super::detect::Detected;
use super::fields::{Sink, defaulted, derived, id_or_derived, put_bag, slugify, typed, word_of};
use super::refs::{self, Declared, Pending, PendingInput, Provider};
use crate::manifests::datahub::{self as export, FORMAT};
use crate::manifests::documents::{self, Item, Model, datahub as doc, key_at};
use crate::manifests::words;
use crate::model::{
    Archetype, CustomProperty, DataProduct, Extensions, Link, OutputPort, PortType,
    ProductDescription, Status, Team, Visibility,
};

fn is_datahub(doc: &&SourceDocument) -> bool {
    doc.format == Detected::Datahub
}

/// The source systems input records carry whole, registered by name before any
/// document is decoded so that ODPS files naming them land on the same id.
pub(super) fn register(d: &mut Decoder<'_>, documents: &[SourceDocument]) {
    for doc in documents.iter().filter(is_datahub) {
        let properties = doc.value.get(doc::DataProduct::KEYS.properties);
        let Some(props) = properties.and_then(Value::as_object) else {
            continue;
        };
        let records = props
            .iter()
            .filter(|(k, _)| k.starts_with(INPUT))
            .filter_map(|(_, v)| serde_json::from_str::<Value>(v.as_str()?).ok());
        for record in records {
            let Some(system) = record.get(doc::InputRecord::KEYS.source_system) else {
                continue;
            };
            let name = system.get("name").and_then(Value::as_str);
            let id = system
                .get("id")
                .and_then(Value::as_str)
                .map(Uuid::parse_str);
            if let (Some(name), Some(Ok(id))) = (name, id) {
                d.register_source_system(name, id);
            }
        }
    }
}

/// Decodes every DataHub document of `documents` into `d.staged`.
pub(super) fn decode_all(d: &mut Decoder<'_>, documents: &[SourceDocument]) -> Pending {
    let mut pending = Pending::default();
    for doc in documents.iter().filter(is_datahub) {
        // `detect` only accepts mappings, and a mapping always reads as a data product:
        // every field keeps what it holds.
        let Ok(product) = doc::DataProduct::deserialize(&doc.value) else {
            continue;
        };
        let mut errors = Vec::new();
        let mut sink = Sink {
            path: &doc.path,
            errors: &mut errors,
        };
        data_product(d, &doc.path, product, &mut pending, &mut sink);
        d.errors.append(&mut errors);
    }
    pending
}

/// Resolves pending input ports and successors by dataset urn (see `refs::resolve`).
pub(super) fn resolve(d: &mut Decoder<'_>, pending: Pending) {
    refs::resolve(
        d,
        Detected::Datahub,
        "dataset",
        pending,
        |product, port, _| export::port_urn(&product.name, port),
    );
}

/// What `properties` holds, sorted out.
#[derive(Default)]
struct Properties {
    /// `version`, `lifecycle`, `archetype`, `usage`, `limitations` as the model reads
    /// them (`None`: absent, or no value of the model).
    version: Option<String>,
    status: Option<Status>,
    archetype: Option<Archetype>,
    usage: Option<String>,
    limitations: Option<String>,
    id: Option<String>,
    links: Option<Vec<Link>>,
    custom: Vec<CustomProperty>,
    custom_whole: Option<Vec<CustomProperty>>,
    /// `(field, name, version, record)` of each port record.
    ports: Vec<(String, String, String, Value)>,
    /// `(field, name, record)` of each input record.
    inputs: Vec<(String, String, Value)>,
    /// What goes back into the bag's `properties`.
    kept: Map<String, Value>,
}

fn data_product(
    d: &mut Decoder<'_>,
    path: &Path,
    mut doc: doc::DataProduct,
    pending: &mut Pending,
    sink: &mut Sink<'_>,
) {
    let keys = doc::DataProduct::KEYS;
    // In the order the file has always been read, which is not the order it is written.
    doc.id.check(keys.id, true, sink);
    doc.display_name.check(keys.display_name, false, sink);
    doc.description.check(keys.description, false, sink);
    doc.domain.check(keys.domain, false, sink);
    let id_text = doc.id.take();
    let display = doc.display_name.take();
    let purpose = doc.description.take();
    let domain_text = doc.domain.take();
    let owners = owners(doc.owners.take(), keys.owners, sink);
    doc.tags.check(keys.tags, false, sink);
    let tags = values(doc.tags.take());
    let memory = memory(doc.memory.take(), keys.memory, sink);
    doc.assets.check(keys.assets, false, sink);
    doc.output_ports.check(keys.output_ports, false, sink);
    doc.properties.check(keys.properties, false, sink);
    let assets = values(doc.assets.take());
    let outputs = values(doc.output_ports.take());
    let mut bag = doc.rest;
    let props = doc
        .properties
        .take()
        .map(|p| properties(&p, keys.properties, sink))
        .unwrap_or_default();
    let Some(id_text) = id_text else {
        return;
    };

    let name = export::product_name(&id_text);
    if id_text != export::product_urn(&name) {
        bag.insert(keys.id.into(), Value::String(id_text.clone()));
    }
    let id = match &props.id {
        Some(t) => id_or_derived(&d.ns, "product", t),
        None => d
            .product_id(&name)
            .unwrap_or_else(|| derived(&d.ns, "product", &name)),
    };
    let domain = export::domain_name(domain_text.as_deref());
    if let Some(text) = domain_text.filter(|t| *t != export::domain_urn(&domain)) {
        bag.insert(keys.domain.into(), Value::String(text));
    }
    let domain_id = d.domain(path, &domain);

    // The owners the exporter writes are the team and the accountable person; any other
    // list is kept as it is, and written back while it names the same two.
    let (team, person) = owners
        .as_deref()
        .map(export::owners_reading)
        .unwrap_or_default();
    if let Some(list) = owners {
        let spelled = export::owners_value(team.as_deref(), person.as_deref());
        if spelled.as_ref() != Some(&Value::Array(list.clone())) {
            bag.insert(keys.owners.into(), Value::Array(list));
        }
    }
    let owner_team = team.map(|slug| owner_team(d, path, slug));
    let accountable = person.map(|username| d.person(path, &username, None));

    let mut product_tags = Vec::new();
    if let Some(list) = tags {
        let read = export::tags_reading(&list);
        let spelled = read
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(export::tags_value);
        if spelled.as_ref() != Some(&Value::Array(list.clone())) {
            bag.insert(keys.tags.into(), Value::Array(list));
        }
        product_tags = read.unwrap_or_default();
    }

    let mut links = Vec::new();
    if let Some(raw) = memory {
        links = export::memory_reading(&raw).unwrap_or_default();
        // Titles equal to their URL and kinds come back from the exporter's copy.
        if let Some(whole) = props.links.filter(|l| export::memory_value(l) == raw) {
            links = whole;
        }
        let spelled = (!links.is_empty()).then(|| export::memory_value(&links));
        if spelled.as_ref() != Some(&raw) {
            bag.insert(keys.memory.into(), raw);
        }
    }

    let mut custom = props.custom;
    if let Some(whole) = props.custom_whole
        && same_properties(&whole, &custom)
    {
        custom = whole;
    }

    let status = props.status.unwrap_or(Status::Active);
    let mut ports = Vec::new();
    let mut urns = HashSet::new();
    for (at, port_name, version, record) in &props.ports {
        let field = (path, at.as_str());
        let port = (port_name.as_str(), version.as_str());
        if let Some(p) = port_record(d, field, (id, status), port, record, pending, sink) {
            urns.insert(export::port_urn(&name, &p.entity));
            ports.push(p);
        }
    }
    // A dataset urn the exporter would write for a port of this product is that port.
    for urn in outputs.iter().flatten().filter_map(Value::as_str) {
        if !urns.contains(urn)
            && let Some(p) = port_of_urn(d, path, (id, status), &name, urn)
        {
            urns.insert(urn.to_owned());
            ports.push(p);
        }
    }
    for (key, list) in [(keys.assets, assets), (keys.output_ports, outputs)] {
        let Some(list) = list else {
            continue;
        };
        let empty = list.is_empty();
        let rest: Vec<Value> = list
            .into_iter()
            .filter(|v| v.as_str().is_none_or(|u| !urns.contains(u)))
            .collect();
        if empty || !rest.is_empty() {
            bag.insert(key.into(), Value::Array(rest));
        }
    }

    let mut used = HashSet::new();
    for (at, input_name, record) in &props.inputs {
        let field = (path, at.as_str());
        if let Some(p) = input_record(d, field, id, input_name, record, &mut used, sink) {
            pending.inputs.push(p);
        }
    }

    if !props.kept.is_empty() {
        bag.insert(keys.properties.into(), Value::Object(props.kept));
    }
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    let defaulted = defaulted(&[
        ("status", props.status.is_none()),
        ("version", props.version.is_none()),
        ("displayName", display.is_none()),
    ]);
    d.note_product(&name, id);
    d.staged.products.push(Part {
        path: path.to_path_buf(),
        format: Detected::Datahub,
        entity: DataProduct {
            id,
            display_name: display.unwrap_or_else(|| name.clone()),
            name,
            version: props
                .version
                .unwrap_or_else(|| export::NO_VERSION.to_owned()),
            description: ProductDescription {
                purpose,
                usage: props.usage,
                limitations: props.limitations,
            },
            domain_id,
            owner_team_id: owner_team,
            accountable_person_id: accountable,
            status,
            archetype: props.archetype,
            tags: product_tags,
            links,
            custom_properties: custom,
            extensions,
        },
        defaulted,
    });
    d.staged.output_ports.extend(ports);
}

/// A model list, empty when absent (one that did not fit was reported by the check).
fn model<T>(value: Option<Model<Vec<T>>>) -> Vec<T> {
    value.map(|m| m.0).unwrap_or_default()
}

/// The team an owner group names; the file says nothing else about it, so every field
/// but its name gives way to what other formats or the mesh hold.
fn owner_team(d: &mut Decoder<'_>, path: &Path, slug: String) -> Uuid {
    let id = d.team_id(&slug);
    d.staged.teams.push(Part {
        path: path.to_path_buf(),
        format: Detected::Datahub,
        entity: Team {
            id,
            name: slug.clone(),
            title: slug,
            description: None,
            email: None,
            team_type: None,
            members: Vec::new(),
            custom_properties: Vec::new(),
            extensions: Extensions::new(),
        },
        defaulted: vec![
            "title",
            "description",
            "email",
            "members",
            "customProperties",
        ],
    });
    id
}

/// A list of strings as it was written, other items included (they were reported).
fn values(items: Option<Vec<Item<String>>>) -> Option<Vec<Value>> {
    let written = |item: Item<String>| match item {
        Item::Given(text) => Value::String(text),
        Item::Wrong { found, .. } => found,
    };
    items.map(|items| items.into_iter().map(written).collect())
}

/// `owners` as written: each a urn (or username) or a mapping with `id` and `type`, as
/// DataHub requires; others are reported.
fn owners(value: Option<Value>, at: &str, sink: &mut Sink<'_>) -> Option<Vec<Value>> {
    let list = match value? {
        Value::Array(list) => list,
        other => {
            sink.wrong_type(at, "a list", &other);
            return Some(Vec::new());
        }
    };
    for (i, item) in list.iter().enumerate() {
        let at = format!("{at}[{i}]");
        match item {
            Value::String(_) => {}
            Value::Object(_) => {
                documents::read::<doc::Owner>(item, &at, sink);
            }
            other => sink.wrong_type(&at, "a urn or a mapping of `id` and `type`", other),
        }
    }
    Some(list)
}

/// `institutional_memory` as written, its elements checked for what DataHub requires
/// (`url` and `description`).
fn memory(value: Option<Value>, at: &str, sink: &mut Sink<'_>) -> Option<Value> {
    let raw = value?;
    let memory: doc::Memory = documents::read(&raw, at, sink)?;
    let elements_at = key_at(at, doc::Memory::KEYS.elements);
    let elements = memory.elements.given().map_or(&[][..], Vec::as_slice);
    for (i, element) in elements.iter().filter_map(Item::given).enumerate() {
        documents::read::<doc::Element>(element, &format!("{elements_at}[{i}]"), sink);
    }
    Some(raw)
}

/// A property that must be text (DataHub's `properties` is a string map).
fn text(value: &Value, field: &str, sink: &mut Sink<'_>) -> Option<String> {
    let text = words::text_of(value);
    if text.is_none() {
        sink.wrong_type(field, "a string", value);
    }
    text
}

/// A JSON text Meshwright wrote into a property, as a model value.
fn json<T: serde::de::DeserializeOwned>(
    value: &Value,
    field: &str,
    sink: &mut Sink<'_>,
) -> Option<T> {
    let text = text(value, field, sink)?;
    match serde_json::from_str::<Value>(&text) {
        Ok(v) => typed(&v, field, sink),
        Err(e) => {
            sink.error(field, format!("is not JSON: {e}"));
            None
        }
    }
}

/// A port or input record: the JSON object a `port.`/`input.` property holds, or
/// `None` when it holds something else (a property of another tool, kept).
fn record(value: &Value) -> Option<Value> {
    serde_json::from_str::<Value>(value.as_str()?)
        .ok()
        .filter(Value::is_object)
}

/// The prefix of an output port's record property (`port.<name>.<version>`).
const PORT: &str = "port.";
/// The prefix of an input port's record property (`input.<name>`).
const INPUT: &str = "input.";

fn properties(p: &Map<String, Value>, at: &str, sink: &mut Sink<'_>) -> Properties {
    let mut out = Properties::default();
    for (key, value) in p {
        let field = key_at(at, key);
        // A value the model holds in another form than it was written is kept too.
        if let Some(read) = export::property_reading(key, Some(value)) {
            let custom = export::custom_key(key);
            let written = match custom {
                Some(_) => Value::String(export::custom_text(&read)),
                None => read.clone(),
            };
            if &written != value {
                out.kept.insert(key.clone(), value.clone());
            }
            let readable = words::text_of(value);
            let word = read.as_str().map(str::to_owned);
            match (key.as_str(), custom) {
                (_, Some(custom)) => out.custom.push(CustomProperty {
                    key: custom.to_owned(),
                    value: read,
                    description: None,
                }),
                // A text that is no version or status gives the default, kept as written.
                ("version", _) => out.version = readable.and_then(|t| export::version_of(&t)),
                ("lifecycle", _) => out.status = readable.and_then(|t| Status::parse(&t)),
                ("archetype", _) => out.archetype = word.and_then(|w| Archetype::parse(&w)),
                ("usage", _) => out.usage = word,
                ("limitations", _) => out.limitations = word,
                // `property_reading` knows no other key.
                _ => {}
            }
            continue;
        }
        match key.as_str() {
            "meshwright.id" => out.id = text(value, &field, sink),
            "meshwright.links" => out.links = json(value, &field, sink),
            "meshwright.customProperties" => out.custom_whole = json(value, &field, sink),
            // The owners name the team; the exporter writes this copy from them.
            "meshwright.team" => {}
            k => {
                let port = k
                    .strip_prefix(PORT)
                    .and_then(|rest| rest.split_once('.'))
                    .filter(|(n, v)| !n.is_empty() && !v.is_empty());
                let input = k.strip_prefix(INPUT).filter(|n| !n.is_empty());
                match (port, input, record(value)) {
                    (Some((name, version)), _, Some(r)) => {
                        out.ports.push((field, name.into(), version.into(), r));
                    }
                    (_, Some(name), Some(r)) => out.inputs.push((field, name.into(), r)),
                    _ => {
                        out.kept.insert(key.clone(), value.clone());
                    }
                }
            }
        }
    }
    out
}

/// Whether the exporter's whole list of custom properties says what the `custom.` keys
/// say, as text and in any order (it may be stale when the file was edited in DataHub).
fn same_properties(whole: &[CustomProperty], custom: &[CustomProperty]) -> bool {
    let texts = |list: &[CustomProperty]| {
        let mut v: Vec<(String, String)> = list
            .iter()
            .map(|c| (c.key.clone(), export::custom_text(&c.value)))
            .collect();
        v.sort();
        v
    };
    texts(whole) == texts(custom)
}

/// The id of the output port `name` in `version` of `product`: decoded or the mesh's,
/// else derived as the other formats derive it.
fn port_id(d: &Decoder<'_>, product: Uuid, name: &str, version: &str) -> Uuid {
    d.port_id(product, name, version)
        .unwrap_or_else(|| derived(&d.ns, "output-port", &format!("{product}/{name}/{version}")))
}

/// The output port a `port.<name>.<version>` record describes.
fn port_record(
    d: &mut Decoder<'_>,
    (path, at): (&Path, &str),
    (product_id, product_status): (Uuid, Status),
    (name, version): (&str, &str),
    record: &Value,
    pending: &mut Pending,
    sink: &mut Sink<'_>,
) -> Option<Part<OutputPort>> {
    let keys = doc::PortRecord::KEYS;
    let mut r: doc::PortRecord = documents::read(record, at, sink)?;
    let id_text = r.id.take();
    let dataset = r.dataset.take();
    let type_text = r.port_type.take();
    let description = r.description.take();
    let status_text = r.status.take();
    let visibility_text = r.visibility.take();
    let contains_pii = r.contains_pii.take();
    let classification = r.classification.take();
    let contract = r.contract.take().map(|m| m.0);
    let service_levels = model(r.service_levels.take());
    let date_field = key_at(at, keys.deprecation_date);
    let date_text = r.deprecation_date.take();
    let successor_field = key_at(at, keys.successor);
    let successor = r.successor.take();
    let custom_properties = model(r.custom_properties.take());
    let mut bag = r.extensions.take().unwrap_or_default();
    bag.extend(r.rest);
    let port_type: Option<PortType> = type_text
        .as_deref()
        .and_then(|t| word_of(t, &key_at(at, keys.port_type), sink));
    let status = status_text
        .as_deref()
        .and_then(|s| word_of(s, &key_at(at, keys.status), sink));
    let visibility = visibility_text
        .as_deref()
        .and_then(|s| word_of(s, &key_at(at, keys.visibility), sink));
    let deprecation_date = date_text.and_then(|s| {
        let date = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        if date.is_none() {
            sink.error(&date_field, format!("`{s}` is not a date like 2026-12-31"));
        }
        date
    });
    let defaulted = defaulted(&[
        ("status", status.is_none()),
        ("visibility", visibility.is_none()),
        ("containsPii", contains_pii.is_none()),
        ("type", port_type.is_none()),
    ]);
    let name = slugify(name);
    let id = match &id_text {
        Some(t) => id_or_derived(&d.ns, "output-port", t),
        None => port_id(d, product_id, &name, version),
    };
    d.note_port(product_id, &name, version, id);
    if let Some(dataset) = dataset {
        pending.names.push((dataset, id));
    }
    if let Some(urn) = successor {
        pending
            .successors
            .push((id, path.to_path_buf(), successor_field, urn));
    }
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    Some(Part {
        path: path.to_path_buf(),
        format: Detected::Datahub,
        entity: OutputPort {
            id,
            product_id,
            name,
            version: version.to_owned(),
            port_type: port_type.unwrap_or(PortType::Other),
            description,
            visibility: visibility.unwrap_or(Visibility::Public),
            status: status.unwrap_or(product_status),
            contract,
            contains_pii: contains_pii.unwrap_or(false),
            classification,
            service_levels,
            contract_body: Default::default(),
            deprecation_date,
            successor_port_id: None,
            custom_properties,
            extensions,
        },
        defaulted,
    })
}

/// The output port a dataset urn of `output_ports` stands for, when the urn is exactly
/// what the exporter writes for a port of this product (so writing it again gives the
/// same urn); everything but its name, version and platform is a default.
fn port_of_urn(
    d: &mut Decoder<'_>,
    path: &Path,
    (product_id, product_status): (Uuid, Status),
    product: &str,
    urn: &str,
) -> Option<Part<OutputPort>> {
    let (platform, of, name, version) = export::parse_port_urn(urn)?;
    let fits = of == product
        && slugify(name) == name
        && crate::validate::version_token(crate::model::EntityKind::OutputPort, name, "", version)
            .is_ok();
    if !fits {
        return None;
    }
    let mut custom_properties = Vec::new();
    if platform != export::DEFAULT_PLATFORM {
        custom_properties.push(CustomProperty {
            key: "platform".into(),
            value: Value::String(platform.to_owned()),
            description: None,
        });
    }
    let id = port_id(d, product_id, name, version);
    let port = OutputPort {
        id,
        product_id,
        name: name.to_owned(),
        version: version.to_owned(),
        port_type: PortType::Other,
        description: None,
        visibility: Visibility::Public,
        status: product_status,
        contract: None,
        contains_pii: false,
        classification: None,
        service_levels: Vec::new(),
        contract_body: Default::default(),
        deprecation_date: None,
        successor_port_id: None,
        custom_properties,
        extensions: Extensions::new(),
    };
    if export::port_urn(product, &port) != urn {
        return None;
    }
    d.note_port(product_id, name, version, id);
    Some(Part {
        path: path.to_path_buf(),
        format: Detected::Datahub,
        entity: port,
        defaulted: vec!["status", "visibility", "containsPii", "type"],
    })
}

/// The input port an `input.<name>` record describes, waiting for its provider.
fn input_record(
    d: &mut Decoder<'_>,
    (path, at): (&Path, &str),
    product_id: Uuid,
    name: &str,
    record: &Value,
    used: &mut HashSet<String>,
    sink: &mut Sink<'_>,
) -> Option<PendingInput> {
    let keys = doc::InputRecord::KEYS;
    let mut r: doc::InputRecord = documents::read(record, at, sink)?;
    let id = r.id.take();
    let description = r.description.take();
    let dataset = r.dataset.take();
    let port_id = r.port_id.take();
    let system = r.source_system.take();
    let system_id = r.source_system_id.take();
    let custom_properties = model(r.custom_properties.take());
    let mut bag = match r.extensions.take() {
        Some(Value::Object(bag)) => bag,
        _ => Map::new(),
    };
    // Not a provider this reader follows: kept with the keys it does not know.
    if let Some(unresolved) = r.unresolved.take() {
        bag.insert(keys.unresolved.into(), unresolved);
    }
    bag.extend(r.rest);
    let (provider, field) = match (dataset, port_id) {
        (Some(urn), _) => (Provider::Name(urn), key_at(at, keys.dataset)),
        (None, Some(id)) => (Provider::PortId(id), key_at(at, keys.port_id)),
        (None, None) => {
            let system_keys = (keys.source_system, keys.source_system_id);
            let system = (system, system_id);
            let format = (path, Detected::Datahub);
            Provider::source_system_at(d, format, at, system_keys, system, sink)?
        }
    };
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    let declared = Declared {
        id,
        name: slugify(name),
        description,
        custom_properties,
        extensions,
    };
    Some(PendingInput::new(
        d,
        (path, field),
        product_id,
        declared,
        provider,
        used,
    ))
}
