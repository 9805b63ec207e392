//! Reading Bitol ODPS documents (v1.1.0, v1.0.0 and the older v0.9.0 examples) back
//! into the model: the exact inverse of `manifests::odps`.
//!
//! A product's id is the document's `id` when it is a UUID, else a UUID derived from
//! the mesh namespace and that id; its slug is the `slug` custom property, else a slug
//! of `name`. Output ports, the `team` block (a team matched by name, members as people
//! by username), the domain (by slug, created with a title from the slug when the mesh
//! has none), `accountablePerson` and the custom properties `manifests::odps` writes
//! map back to their fields. Input ports are resolved once every file is read (see
//! [`resolve`]): by `sourcePortId`, by `sourceProduct`/`sourcePort`/`sourcePortVersion`,
//! by `sourceSystem`, else by `contractId` (and version) against the output ports of all
//! imported files and of the mesh; an input that names no provider at all is kept
//! whole in the product's bag. Keys the model has no place for go into the entity's
//! `extensions.odps` bag, which the exporter puts back; other formats' fragments (the
//! `extensions` custom property) go back into their own bags. A port with a contract
//! leaves its service levels, contract body and `odcs` bag to the contract's document
//! ([`CONTRACT_FIELDS`]): imported without it, they stay as the mesh has them.
//!
//! Where ODPS leaves a value free, it is read as the standard allows
//! (`manifests::words`): `status` and the product and port `type` in any spelling of a
//! known word (`Development`, `in development`, `tables`, `source-aligned`), an unknown
//! word as the default with its text kept; a product `version` `v1.0.0` is held as
//! `1.0.0`. The original text stays in the bag and the exporter writes it back while
//! it still means what the model holds; a product or port without `version` gets a
//! default and a `null` marker, so none is invented on export. `team` may be the bare
//! list of members of ODPS v0.9: the product's own team (`<product>-team`), written
//! back as that list. Only a value of the wrong type (a list where a word goes) is an
//! error.
//!
//! Known losses, by design: `tenant` is the mesh's namespace on export; names that are
//! not slugs become slugs (an input name used twice in one product gets a `-2`
//! suffix). A team member's other fields (`dateIn`, `description`) are kept with its
//! username in the team's bag.
//!
//! It must not write to the mesh and must not read files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Map, Value};
use uuid::Uuid;

use serde::Deserialize;

use super::decode::Decoder;
use super::fields::{Props, Sink, derived, id_or_derived, put_bag, slugify, strings, title_of};
use crate::manifests::bitol::{
    EXTENSIONS_PROPERTY, MEMBERS_ONLY, TEAM_SHAPE, TITLE_PROPERTY, support_channel,
};
use crate::manifests::documents::bitol::{self, Support};
use crate::manifests::documents::{Check, Entry, key_at, object, odps as doc, parse, read};
use crate::manifests::odps::property;
use crate::manifests::words;
use crate::model::{
    Archetype, ContractRef, DataProduct, DependencySource, Extensions, InputPort, Link, Membership,
    OutputPort, PortType, ProductDescription, ServiceLevel, Status, Team, Visibility,
};

/// The extension bag this format fills (`extensions.odps`).
const FORMAT: &str = "odps";

/// Fields of an output port with a contract that its ODPS entry does not carry: the
/// contract's document (ODCS) holds them, so an ODPS file imported without it leaves
/// them as the mesh has them (see `odcs::CARRIED`).
pub(super) const CONTRACT_FIELDS: [&str; 3] = ["serviceLevels", "contractBody", "extensions.odcs"];

/// An input port read from a document, resolved once every product is known.
pub(super) struct PendingInput {
    path: PathBuf,
    at: String,
    input: InputPort,
    contract_id: Option<String>,
    version: Option<String>,
    source_product: Option<String>,
    source_port: Option<String>,
    source_port_version: Option<String>,
    source_port_id: Option<String>,
    source_system: Option<String>,
    /// The reference an export wrote for an input it could not resolve either.
    unresolved: Option<String>,
}

/// Decodes one ODPS document into `d`; its input ports go to `pending`.
pub(super) fn decode(
    d: &mut Decoder<'_>,
    path: &Path,
    doc: &Map<String, Value>,
    pending: &mut Vec<PendingInput>,
) {
    // A document is a mapping (`detect` accepts no other), and a mapping always reads
    // as a product: every field keeps what it holds.
    let Ok(doc) = doc::Product::deserialize(Value::Object(doc.clone())) else {
        return;
    };
    let mut errors = std::mem::take(&mut d.errors);
    let mut sink = Sink {
        path,
        errors: &mut errors,
    };
    product(d, path, doc, pending, &mut sink);
    d.errors.append(&mut errors);
}

fn product(
    d: &mut Decoder<'_>,
    path: &Path,
    mut doc: doc::Product,
    pending: &mut Vec<PendingInput>,
    sink: &mut Sink<'_>,
) {
    let keys = doc::Product::KEYS;
    doc.check("", sink);
    // The tenant is the mesh's namespace; the exporter writes it, and another one the
    // document gives (a company name) is kept for it.
    let tenant = doc.tenant.take();
    let id_text = doc.id.take();
    let display = doc.name.take();
    let version = doc.version.take();
    let status_text = doc.status.take();
    let deprecated = doc.deprecated.take();
    let domain = doc.domain.take();
    let type_text = doc.product_type.take();
    let links = links(doc.links.take(), sink);
    let description = doc.description.take().map(|mut o| {
        o.check(keys.description, sink);
        ProductDescription {
            purpose: o.purpose.take(),
            limitations: o.limitations.take(),
            usage: o.usage.take(),
        }
    });
    let mut props = Props::of(
        doc.custom_properties.take(),
        keys.custom_properties.into(),
        sink,
    );
    let tags = strings(doc.tags.take());
    let inputs = doc.input_ports.take().unwrap_or_default();
    let outputs = doc.output_ports.take().unwrap_or_default();
    let support = doc.support.take();
    let team_block = team_shape(doc.team.take(), sink);
    let v1_0 = doc.api_version.given().and_then(Value::as_str) == Some("v1.0.0");
    let mut bag = doc.rest;
    let Some(id_text) = id_text else {
        return;
    };

    let id = id_or_derived(&d.ns, "product", &id_text);
    keep_id(&mut bag, keys.id, &id_text);
    if let Some(t) = tenant.filter(|t| *t != d.mesh.info.namespace) {
        bag.insert(keys.tenant.into(), Value::from(t));
    }
    let name = props
        .string(property::SLUG, sink)
        .unwrap_or_else(|| slugify(display.as_deref().unwrap_or(&id_text)));
    // ODPS leaves `status` free: a known word in any spelling maps to its status, any
    // other word to the status of a product that gives none; the text itself is kept
    // for the exporter (`manifests::words`).
    let status = status_text
        .as_deref()
        .map_or(Status::Active, |s| words::status_or(s, Status::Active));
    if let Some(t) = &status_text
        && t != status.as_str()
    {
        bag.insert(keys.status.into(), Value::from(t.as_str()));
    }
    let version = version.as_deref();
    let model_version = words::semantic(version);
    if let Some(kept) = words::keep(version, &model_version) {
        bag.insert(keys.version.into(), kept);
    }
    // The exporter writes `deprecated: true` for a deprecated product and nothing
    // otherwise; an explicit `deprecated: false` (dataproduct-cli
    // `tests/fixtures/lint/valid-dataproduct-v1.1.0.odps.yaml`) is kept to come back.
    if deprecated.is_some_and(|dep| !dep || status != Status::Deprecated) {
        bag.insert(keys.deprecated.into(), Value::from(deprecated));
    }
    let mut archetype = props.word(
        property::ARCHETYPE,
        Archetype::parse,
        &Archetype::ALL.map(Archetype::as_str),
        sink,
    );
    if let Some(t) = &type_text {
        let a = words::archetype(t);
        if a.is_some() {
            archetype = a;
        }
        // ODPS allows custom types; the model cannot hold one, the bag can. Another
        // spelling of an archetype is kept there too, for the exporter to write back.
        // `type` is a v1.1.0 field, which the v1.0.0 exporter writes only when it was
        // kept: a v1.0.0 document using it anyway (dataproduct-cli
        // `tests/fixtures/lint/v1.1.0-fields-in-v1.0.0.odps.yaml`) gets it back.
        if v1_0 || a.is_none_or(|a| archetype_type(a) != t) {
            bag.insert(keys.product_type.into(), Value::from(t.as_str()));
        }
    }
    let accountable = props
        .string(property::ACCOUNTABLE_PERSON, sink)
        .map(|u| d.person(path, &u, None));
    let mut more_inputs = Vec::new();
    if let Some(v) = props.take(property::INPUTS_WITHOUT_CONTRACT) {
        match v {
            Value::Array(items) => more_inputs = items,
            other => sink.wrong_type(
                &props.field(property::INPUTS_WITHOUT_CONTRACT),
                "a list",
                &other,
            ),
        }
    }
    let mut extensions = foreign_extensions(&mut props, sink);
    props.keep_shape(&mut bag);
    let email = support_email(support.as_ref(), team_block.is_some());
    if email.is_none()
        && let Some(s) = support
    {
        bag.insert(keys.support.into(), s);
    }
    let owner = team_block.map(|t| match t {
        TeamShape::Block(t) => team(d, path, *t, email, sink),
        TeamShape::Members(list) => members_team(d, path, &name, list, email, sink),
    });
    let domain_id = d.domain(path, &slugify(domain.as_deref().unwrap_or("imported")));

    let mut ports = Vec::new();
    for (i, entry) in outputs.iter().enumerate() {
        let at = format!("{}[{i}]", keys.output_ports);
        if let Some(port) = entry.read(&at, sink)
            && let Some(p) = output_port(d, id, status, &at, port, sink)
        {
            ports.push(p);
        }
    }
    let first_input = pending.len();
    let mut names = HashSet::new();
    let mut unnamed = Vec::new();
    let extra = format!(
        "{}[{}]",
        keys.custom_properties,
        property::INPUTS_WITHOUT_CONTRACT
    );
    let listed = inputs
        .into_iter()
        .enumerate()
        .map(|(i, entry)| (format!("{}[{i}]", keys.input_ports), entry));
    let without = more_inputs
        .into_iter()
        .enumerate()
        .map(|(i, item)| (format!("{extra}[{i}]"), Entry::Raw(item)));
    for (at, entry) in listed.chain(without) {
        let Some(input) = entry.read(&at, sink) else {
            continue;
        };
        let written = entry.raw().cloned().unwrap_or_default();
        if let Some(p) = input_port(
            d,
            path,
            id,
            &at,
            input,
            written,
            &mut names,
            &mut unnamed,
            sink,
        ) {
            pending.push(p);
        }
    }
    if !unnamed.is_empty() {
        bag.insert(keys.input_ports.into(), Value::Array(unnamed));
    }
    let inputs_read: Vec<(&str, Uuid)> = pending[first_input..]
        .iter()
        .map(|p| (p.input.name.as_str(), p.input.id))
        .collect();
    if let Some(Value::Object(order)) = file_order(&ports, &inputs_read) {
        let kept = bag
            .entry(words::ORDER)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(kept) = kept {
            kept.extend(order);
        }
    }
    put_bag(&mut extensions, FORMAT, bag);
    for p in &ports {
        if p.contract.is_some() {
            let not_given = CONTRACT_FIELDS.into_iter().filter(|f| match *f {
                "serviceLevels" => p.service_levels.is_empty(),
                "contractBody" => p.contract_body.is_empty(),
                _ => !p.extensions.contains_key("odcs"),
            });
            d.not_carried(p.id, not_given);
        }
    }
    d.incoming.products.push((
        path.to_path_buf(),
        DataProduct {
            id,
            name,
            display_name: display.unwrap_or_else(|| id_text.clone()),
            version: model_version,
            description: description.unwrap_or_default(),
            domain_id,
            owner_team_id: owner,
            accountable_person_id: accountable,
            status,
            archetype,
            tags,
            links,
            custom_properties: props.rest(),
            extensions,
        },
    ));
    for p in ports {
        d.incoming.output_ports.push((path.to_path_buf(), p));
    }
}

/// A missing version is `0.0.0`; `v1.0.0` is `1.0.0` (the model holds semantic
/// versions, and validation names anything else).
pub(super) fn semantic(version: Option<String>) -> String {
    words::semantic(version.as_deref())
}

/// The ODPS `type` word of an archetype.
fn archetype_type(a: Archetype) -> &'static str {
    match a {
        Archetype::SourceAligned => "sourceAligned",
        Archetype::Aggregate => "aggregate",
        Archetype::ConsumerAligned => "consumerAligned",
    }
}

/// A port type; the plural and streaming words the Bitol examples use map to their
/// kind, anything else is `other`.
pub(super) fn port_type(t: Option<&str>) -> PortType {
    words::port_type(t)
}

fn links(list: Option<Vec<Entry<bitol::Link>>>, sink: &mut Sink<'_>) -> Vec<Link> {
    let at = doc::Product::KEYS.links;
    list.into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, entry)| {
            let mut link = entry.read(&format!("{at}[{i}]"), sink)?;
            Some(Link {
                url: link.url.take()?,
                title: link.description.take(),
                kind: link.kind.take().filter(|k| k != "link"),
            })
        })
        .collect()
}

/// The `extensions` custom property: other formats' fragments, back into their bags.
pub(super) fn foreign_extensions(props: &mut Props, sink: &mut Sink<'_>) -> Extensions {
    match props.take(EXTENSIONS_PROPERTY) {
        None | Some(Value::Null) => Extensions::new(),
        Some(Value::Object(map)) => map.into_iter().collect(),
        Some(other) => {
            sink.wrong_type(&props.field(EXTENSIONS_PROPERTY), "a mapping", &other);
            Extensions::new()
        }
    }
}

/// The team's address when `support` is exactly the channel the exporter writes for
/// it; any other support block is kept as it is.
fn support_email(support: Option<&Value>, has_team: bool) -> Option<String> {
    let [Value::Object(o)] = support?.as_array()?.as_slice() else {
        return None;
    };
    let url = o
        .get(Support::KEYS.url)?
        .as_str()?
        .strip_prefix("mailto:")?;
    (has_team && *o == object(&support_channel(url))).then(|| url.to_owned())
}

/// The `team` of a product document: the mapping of ODPS v1, or the bare list of
/// members ODPS v0.9 and some tools write.
enum TeamShape {
    Block(Box<bitol::Team>),
    Members(Vec<Entry<bitol::Member>>),
}

fn team_shape(team: Option<Value>, sink: &mut Sink<'_>) -> Option<TeamShape> {
    let at = doc::Product::KEYS.team;
    match team? {
        found @ Value::Object(_) => read(&found, at, sink).map(|t| TeamShape::Block(Box::new(t))),
        Value::Array(items) => Some(TeamShape::Members(
            items.into_iter().map(Entry::Raw).collect(),
        )),
        other => {
            sink.wrong_type(at, "a mapping or a list of members", &other);
            None
        }
    }
}

/// A team given only as its members (ODPS v0.9: `team: [{username, name, role}]`):
/// the team is the product's own, named `<product>-team`; its bag marks the shape, so
/// the exporter writes the list back, and keeps what a membership cannot hold.
fn members_team(
    d: &mut Decoder<'_>,
    path: &Path,
    product: &str,
    list: Vec<Entry<bitol::Member>>,
    email: Option<String>,
    sink: &mut Sink<'_>,
) -> Uuid {
    let (members, member_fields) = members(d, path, list, doc::Product::KEYS.team, sink);
    let mut name = format!("{product}-team");
    if name.len() > 63 {
        name = slugify(&format!("{}-team", &product[..58]));
    }
    let mut bag = Map::new();
    bag.insert(TEAM_SHAPE.into(), Value::from(MEMBERS_ONLY));
    if !member_fields.is_empty() {
        bag.insert(
            bitol::Team::KEYS.members.into(),
            Value::Array(member_fields),
        );
    }
    let mut extensions = Extensions::new();
    extensions.insert(FORMAT.into(), Value::Object(bag));
    let id = d.team(
        path,
        Team {
            id: Uuid::nil(),
            title: title_of(&name),
            name,
            description: None,
            email,
            team_type: None,
            members,
            custom_properties: Vec::new(),
            extensions,
        },
    );
    // ODPS has no team type: the mesh's stands.
    d.not_carried(id, ["teamType"]);
    id
}

/// Team members as memberships (people by username), and per member what a
/// membership cannot hold (`dateIn`, `description`) with its username, for the bag.
fn members(
    d: &mut Decoder<'_>,
    path: &Path,
    list: Vec<Entry<bitol::Member>>,
    at: &str,
    sink: &mut Sink<'_>,
) -> (Vec<Membership>, Vec<Value>) {
    let keys = bitol::Member::KEYS;
    let mut members = Vec::new();
    let mut member_fields = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let at = format!("{at}[{i}]");
        let Some(mut m) = entry.parse(&at, sink) else {
            continue;
        };
        // Without a username there is no person, and nothing more to read.
        m.username.check(&key_at(&at, keys.username), true, sink);
        let Some(username) = m.username.take() else {
            continue;
        };
        m.name.check(&key_at(&at, keys.name), false, sink);
        m.role.check(&key_at(&at, keys.role), false, sink);
        let name = m.name.take();
        let role = m.role.take().unwrap_or_else(|| "member".into());
        let person_id = d.person(path, &username, name.as_deref());
        members.push(Membership { person_id, role });
        // What a membership cannot hold (`dateIn`, `description`) stays with the
        // member's username in the team's bag; the exporter puts it back.
        if !m.rest.is_empty() {
            let mut kept = Map::new();
            kept.insert(keys.username.into(), Value::from(username));
            kept.extend(m.rest);
            member_fields.push(Value::Object(kept));
        }
    }
    (members, member_fields)
}

fn team(
    d: &mut Decoder<'_>,
    path: &Path,
    mut t: bitol::Team,
    email: Option<String>,
    sink: &mut Sink<'_>,
) -> Uuid {
    let keys = bitol::Team::KEYS;
    let at = doc::Product::KEYS.team;
    let raw_name = t.name.take().unwrap_or_else(|| "team".into());
    let description = t.description.take();
    let list = t.members.take().unwrap_or_default();
    let (members, member_fields) = members(d, path, list, &key_at(at, keys.members), sink);
    let mut props = Props::of(
        t.custom_properties.take(),
        key_at(at, keys.custom_properties),
        sink,
    );
    let title = props
        .string(TITLE_PROPERTY, sink)
        .unwrap_or_else(|| raw_name.clone());
    let mut extensions = foreign_extensions(&mut props, sink);
    let mut bag = t.rest;
    props.keep_shape(&mut bag);
    // The model's team name is a slug; a name written otherwise (`Data Team` in the
    // Bitol ODPS `docs/examples/customer-data-product.odps.yaml`) comes back as written.
    let name = slugify(&raw_name);
    if name != raw_name {
        bag.insert(keys.name.into(), Value::from(raw_name.as_str()));
    }
    if !member_fields.is_empty() {
        bag.insert(keys.members.into(), Value::Array(member_fields));
    }
    put_bag(&mut extensions, FORMAT, bag);
    let id = d.team(
        path,
        Team {
            id: Uuid::nil(),
            name,
            title,
            description,
            email,
            team_type: None,
            members,
            custom_properties: props.rest(),
            extensions,
        },
    );
    // ODPS has no team type: the mesh's stands.
    d.not_carried(id, ["teamType"]);
    id
}

fn output_port(
    d: &Decoder<'_>,
    product_id: Uuid,
    product_status: Status,
    at: &str,
    mut port: doc::OutputPort,
    sink: &mut Sink<'_>,
) -> Option<OutputPort> {
    let keys = doc::OutputPort::KEYS;
    let given_id = port.id.take();
    let name = port.name.take();
    let version_text = port.version.take();
    let version = version_text
        .clone()
        .unwrap_or_else(|| words::PORT_VERSION.into());
    let description = port.description.take();
    let type_text = port.port_type.take();
    let port_type = port_type(type_text.as_deref());
    let contract_id = port.contract_id.take();
    let deprecated = port.deprecated.take();
    let (mut props, id_text) = port_props(port.custom_properties.take(), at, &given_id, sink);
    let status = props
        .word(
            property::STATUS,
            Status::parse,
            &Status::ALL.map(Status::as_str),
            sink,
        )
        .unwrap_or(if deprecated == Some(true) {
            Status::Deprecated
        } else {
            product_status
        });
    let visibility = props
        .word(
            property::VISIBILITY,
            Visibility::parse,
            &Visibility::ALL.map(Visibility::as_str),
            sink,
        )
        .unwrap_or(Visibility::Public);
    let contains_pii = props.boolean(property::CONTAINS_PII, sink).unwrap_or(false);
    let classification = props.string(property::CLASSIFICATION, sink);
    let contract_version = props.string(property::CONTRACT_VERSION, sink);
    let contract_status = props.word(
        property::CONTRACT_STATUS,
        Status::parse,
        &Status::ALL.map(Status::as_str),
        sink,
    );
    let service_levels = match props.take(property::SERVICE_LEVELS) {
        None => Vec::new(),
        Some(v) => sla(&v, &props.field(property::SERVICE_LEVELS), sink).unwrap_or_default(),
    };
    let deprecation_date = props
        .string(property::DEPRECATION_DATE, sink)
        .and_then(|s| {
            let date = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
            if date.is_none() {
                sink.error(
                    &props.field(property::DEPRECATION_DATE),
                    format!("`{s}` is not a date like 2026-12-31"),
                );
            }
            date
        });
    let successor_port_id = props
        .string(property::SUCCESSOR_PORT_ID, sink)
        .and_then(|s| {
            let id = Uuid::parse_str(&s).ok();
            if id.is_none() {
                sink.error(
                    &props.field(property::SUCCESSOR_PORT_ID),
                    format!("`{s}` is not a UUID"),
                );
            }
            id
        });
    let mut extensions = foreign_extensions(&mut props, sink);
    let mut bag = port.rest;
    props.keep_shape(&mut bag);
    // As for the product: an explicit `deprecated: false` comes back.
    if deprecated.is_some_and(|dep| !dep || status != Status::Deprecated) {
        bag.insert(keys.deprecated.into(), Value::from(deprecated));
    }
    // A port without a version gets one; the bag remembers there was none. A type
    // the model spells otherwise (`tables`, `dashboard`) is kept as written.
    if let Some(kept) = words::keep(version_text.as_deref(), &version) {
        bag.insert(keys.version.into(), kept);
    }
    if let Some(t) = type_text.filter(|t| t != port_type.as_str()) {
        bag.insert(keys.port_type.into(), Value::from(t));
    }
    let written = name?;
    let name = slugify(&written);
    if written != name {
        bag.insert(keys.name.into(), Value::from(written));
    }
    if let Some(t) = &given_id {
        keep_id(&mut bag, keys.id, t);
    }
    put_bag(&mut extensions, FORMAT, bag);
    let id = match &id_text {
        Some(t) => id_or_derived(&d.ns, "output-port", t),
        None => derived(
            &d.ns,
            "output-port",
            &format!("{product_id}/{name}/{version}"),
        ),
    };
    Some(OutputPort {
        id,
        product_id,
        name,
        version,
        port_type,
        description,
        visibility,
        status,
        contract: contract_id.map(|contract_id| ContractRef {
            contract_id,
            version: contract_version,
            status: contract_status,
        }),
        contains_pii,
        classification,
        service_levels,
        contract_body: Default::default(),
        deprecation_date,
        successor_port_id,
        custom_properties: props.rest(),
        extensions,
    })
}

/// A port's custom properties, found at `at`, and its id: the one the port gives,
/// else its `id` property (v1.0.0 ports have no `id` key).
fn port_props(
    list: Option<Vec<Entry<bitol::Property>>>,
    at: &str,
    given_id: &Option<String>,
    sink: &mut Sink<'_>,
) -> (Props, Option<String>) {
    let mut props = Props::of(list, key_at(at, bitol::CUSTOM_PROPERTIES), sink);
    let id = given_id
        .clone()
        .or_else(|| props.string(property::ID, sink));
    (props, id)
}

/// Service levels in ODCS `slaProperties` shape; `None` (with errors reported) when an
/// item does not fit the model.
pub(super) fn sla(v: &Value, at: &str, sink: &mut Sink<'_>) -> Option<Vec<ServiceLevel>> {
    let Value::Array(items) = v else {
        sink.wrong_type(at, "a list", v);
        return None;
    };
    let keys = bitol::SlaProperty::KEYS;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{at}[{i}]");
        let Some(mut o) = parse::<bitol::SlaProperty>(item, &at, sink) else {
            continue;
        };
        o.property.check(&key_at(&at, keys.property), true, sink);
        let property = o.property.take()?;
        let value = match o.value.given() {
            Some(Value::Number(n)) => n.as_f64()?,
            other => {
                let field = key_at(&at, keys.value);
                sink.wrong_type(&field, "a number", other.unwrap_or(&Value::Null));
                return None;
            }
        };
        o.unit.check(&key_at(&at, keys.unit), false, sink);
        o.description
            .check(&key_at(&at, keys.description), false, sink);
        out.push(ServiceLevel {
            property,
            value,
            unit: o.unit.take(),
            description: o.description.take(),
        });
    }
    Some(out)
}

/// An input port to resolve, or `None` when it is not one: reported when a field is
/// wrong, pushed whole (as `written`) onto `unnamed` when it names no provider at all.
#[allow(clippy::too_many_arguments)]
fn input_port(
    d: &Decoder<'_>,
    path: &Path,
    product_id: Uuid,
    at: &str,
    mut port: doc::InputPort,
    written: Value,
    names: &mut HashSet<String>,
    unnamed: &mut Vec<Value>,
    sink: &mut Sink<'_>,
) -> Option<PendingInput> {
    let keys = doc::InputPort::KEYS;
    let given_id = port.id.take();
    let name = port.name.take();
    let version = port.version.take();
    let contract_id = port.contract_id.take();
    let (mut props, id_text) = port_props(port.custom_properties.take(), at, &given_id, sink);
    let description = props.string(property::DESCRIPTION, sink);
    let source_product = props.string(property::SOURCE_PRODUCT, sink);
    let source_port = props.string(property::SOURCE_PORT, sink);
    let source_port_version = props.string(property::SOURCE_PORT_VERSION, sink);
    let source_port_id = props.string(property::SOURCE_PORT_ID, sink);
    let source_system = props.string(property::SOURCE_SYSTEM, sink);
    let unresolved = props.string(property::UNRESOLVED_REFERENCE, sink);
    let mut extensions = foreign_extensions(&mut props, sink);
    let mut bag = port.rest;
    props.keep_shape(&mut bag);
    put_bag(&mut extensions, FORMAT, bag);
    let name = name?;
    let names_nothing = [
        &contract_id,
        &source_product,
        &source_port,
        &source_port_id,
        &source_system,
    ]
    .iter()
    .all(|v| v.is_none());
    if names_nothing {
        // Why: a dependency needs a provider (a port or a source system) and this input
        // names none, so there is nothing to create and nothing wrong to report: ODPS
        // does not require a reference. It stays whole in the product's bag, which the
        // exporter writes back, instead of refusing the file. (Inputs naming a provider
        // that is nowhere are still errors in `resolve`; the import has no warnings to
        // report this one with yet.)
        unnamed.push(written);
        return None;
    }
    // Names are unique within a product; the Bitol examples list one input per
    // contract version under the same name. The name as written goes back out.
    let written = name;
    let name = super::refs::unique(&slugify(&written), names);
    if written != name
        || given_id
            .as_deref()
            .is_some_and(|t| Uuid::parse_str(t).is_err())
    {
        let bag = extensions
            .entry(FORMAT.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(bag) = bag {
            if written != name {
                bag.insert(keys.name.into(), Value::from(written.as_str()));
            }
            if let Some(t) = &given_id {
                keep_id(bag, keys.id, t);
            }
        }
    }
    let id = match &id_text {
        Some(t) => id_or_derived(&d.ns, "input-port", t),
        None => derived(&d.ns, "input-port", &format!("{product_id}/{name}")),
    };
    Some(PendingInput {
        path: path.to_path_buf(),
        at: at.to_owned(),
        input: InputPort {
            id,
            product_id,
            name,
            description,
            source: DependencySource::OutputPort {
                port_id: Uuid::nil(),
            },
            custom_properties: props.rest(),
            extensions,
        },
        contract_id,
        version,
        source_product,
        source_port,
        source_port_version,
        source_port_id,
        source_system,
        unresolved,
    })
}

/// Keeps an id the document gave that is no UUID (`orders-product`) under `key`: the
/// model's id is derived from it, and the exporter writes the document's own back.
fn keep_id(bag: &mut Map<String, Value>, key: &str, text: &str) {
    if Uuid::parse_str(text).is_err() {
        bag.insert(key.into(), Value::from(text));
    }
}

/// The order the document lists its ports in, as model ids, when it is not the order
/// the exporter writes them in (outputs by name and version, inputs by name): real
/// files list them as their authors think of them, and a list is data.
fn file_order(outputs: &[OutputPort], inputs: &[(&str, Uuid)]) -> Option<Value> {
    let mut order = Map::new();
    let sorted_outputs = {
        let mut v: Vec<&OutputPort> = outputs.iter().collect();
        v.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        v.iter().map(|p| p.id).collect::<Vec<_>>()
    };
    let outputs: Vec<Uuid> = outputs.iter().map(|p| p.id).collect();
    if outputs != sorted_outputs {
        order.insert(doc::Product::KEYS.output_ports.into(), ids(&outputs));
    }
    let mut sorted_inputs = inputs.to_vec();
    sorted_inputs.sort_by(|a, b| a.0.cmp(b.0));
    if sorted_inputs != inputs {
        let inputs: Vec<Uuid> = inputs.iter().map(|(_, id)| *id).collect();
        order.insert(doc::Product::KEYS.input_ports.into(), ids(&inputs));
    }
    (!order.is_empty()).then_some(Value::Object(order))
}

fn ids(list: &[Uuid]) -> Value {
    Value::Array(list.iter().map(|id| Value::from(id.to_string())).collect())
}

/// Why an input's provider was not found.
enum Missing {
    /// The document is wrong (a malformed id, an ambiguous contract): (field, reason).
    Invalid(String, String),
    /// The provider is in no file of the import nor in the mesh: (field, the reference
    /// as written, reason). Kept as an unresolved dependency unless the import is strict.
    Unplaced(String, String, String),
}

/// Keeps the fields that named an unresolved provider in the input's `odps` bag, so the
/// exporter writes them back as they came (it derives them from the provider once
/// there is one, and `refs::resolve_kept` then drops them again).
fn keep_reference(p: &mut PendingInput) {
    let keys = doc::InputPort::KEYS;
    let mut kept = Map::new();
    if let Some(v) = &p.version {
        kept.insert(keys.version.into(), Value::String(v.clone()));
    }
    if let Some(c) = &p.contract_id {
        kept.insert(keys.contract_id.into(), Value::String(c.clone()));
    }
    if kept.is_empty() {
        return;
    }
    let bag = p
        .input
        .extensions
        .entry(FORMAT.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(bag) = bag {
        for (k, v) in kept {
            bag.entry(k).or_insert(v);
        }
    }
}

/// Resolves every pending input against the output ports of all imported files and of
/// the mesh. An input whose provider is nowhere is kept as an unresolved dependency
/// (a warning naming its file and field), or refused under `--strict`.
pub(super) fn resolve(d: &mut Decoder<'_>, pending: Vec<PendingInput>) {
    let mut products: HashMap<String, Uuid> = d
        .mesh
        .products
        .iter()
        .map(|p| (p.name.clone(), p.id))
        .collect();
    for (_, p) in &d.incoming.products {
        products.insert(p.name.clone(), p.id);
    }
    let mut ports: HashMap<Uuid, (Uuid, String, String, Option<String>)> = HashMap::new();
    let all = d
        .mesh
        .output_ports
        .iter()
        .chain(d.incoming.output_ports.iter().map(|(_, p)| p));
    for p in all {
        let contract = p.contract.as_ref().map(|c| c.contract_id.clone());
        ports.insert(
            p.id,
            (p.product_id, p.name.clone(), p.version.clone(), contract),
        );
    }
    let mut by_key: HashMap<(Uuid, &str), Vec<(Uuid, &str)>> = HashMap::new();
    let mut by_contract: HashMap<&str, Vec<Uuid>> = HashMap::new();
    let versions: HashMap<Uuid, String> = d
        .mesh
        .output_ports
        .iter()
        .chain(d.incoming.output_ports.iter().map(|(_, p)| p))
        .map(|p| {
            let v = p.contract.as_ref().and_then(|c| c.version.clone());
            (p.id, v.unwrap_or_else(|| p.version.clone()))
        })
        .collect();
    for (id, (product, name, version, contract)) in &ports {
        by_key
            .entry((*product, name.as_str()))
            .or_default()
            .push((*id, version.as_str()));
        if let Some(c) = contract {
            by_contract.entry(c.as_str()).or_default().push(*id);
        }
    }
    let mut resolved = Vec::with_capacity(pending.len());
    let mut errors = Vec::new();
    for p in pending {
        let keys = doc::InputPort::KEYS;
        let field = |k: &str| key_at(&p.at, k);
        let property = |name: &str| field(&format!("{}[{name}]", keys.custom_properties));
        let reads = |what: &str| {
            format!(
                "input port `{}` reads {what}, which neither the imported files nor the mesh hold",
                p.input.name
            )
        };
        let port = if let Some(text) = &p.source_port_id {
            match Uuid::parse_str(text) {
                Ok(id) if ports.contains_key(&id) => Ok(Some(id)),
                Ok(_) => Err(Missing::Unplaced(
                    property(property::SOURCE_PORT_ID),
                    text.clone(),
                    reads(&format!("output port {text}")),
                )),
                Err(_) => Err(Missing::Invalid(
                    property(property::SOURCE_PORT_ID),
                    format!("`{text}` is not a UUID"),
                )),
            }
        } else if let (Some(product), Some(port)) = (&p.source_product, &p.source_port) {
            let found = products.get(product).and_then(|pid| {
                let candidates = by_key.get(&(*pid, port.as_str()))?;
                match &p.source_port_version {
                    Some(v) => candidates.iter().find(|(_, pv)| pv == v).map(|(id, _)| *id),
                    None if candidates.len() == 1 => Some(candidates[0].0),
                    None => None,
                }
            });
            let version = p
                .source_port_version
                .as_deref()
                .map(|v| format!("@{v}"))
                .unwrap_or_default();
            let reference = format!("{product}/{port}{version}");
            found.map(Some).ok_or_else(|| {
                Missing::Unplaced(
                    property(property::SOURCE_PORT),
                    reference.clone(),
                    reads(&reference),
                )
            })
        } else if p.source_system.is_some() {
            Ok(None)
        } else if let Some(contract) = &p.contract_id {
            let candidates = by_contract
                .get(contract.as_str())
                .map_or(&[][..], Vec::as_slice);
            let chosen: Vec<Uuid> = match (&p.version, candidates.len()) {
                (_, 1) => candidates.to_vec(),
                (Some(v), _) => candidates
                    .iter()
                    .copied()
                    .filter(|id| versions.get(id) == Some(v))
                    .collect(),
                (None, _) => candidates.to_vec(),
            };
            match chosen.as_slice() {
                [one] => Ok(Some(*one)),
                [] => Err(Missing::Unplaced(
                    field(keys.contract_id),
                    contract.clone(),
                    format!(
                        "input port `{}` reads contract `{contract}`, which no output port of the imported files or of the mesh declares",
                        p.input.name
                    ),
                )),
                _ => Err(Missing::Invalid(
                    field(keys.version),
                    format!(
                        "input port `{}` reads contract `{contract}`, which several output ports declare; give its version",
                        p.input.name
                    ),
                )),
            }
        } else if let Some(reference) = &p.unresolved {
            Err(Missing::Unplaced(
                property(property::UNRESOLVED_REFERENCE),
                reference.clone(),
                reads(&format!("`{reference}`")),
            ))
        } else {
            // Real files (ODPS drafts, v0.9 examples) list inputs by name alone; the name
            // is all there is to resolve them by later.
            Err(Missing::Unplaced(
                field(keys.name),
                p.input.name.clone(),
                format!(
                    "input port `{}` names no provider: neither contractId nor the sourceProduct, sourcePort or sourceSystem properties",
                    p.input.name
                ),
            ))
        };
        match port {
            Ok(port) => resolved.push((p, port)),
            Err(Missing::Invalid(f, reason)) => {
                errors.push(super::ImportError::field(&p.path, f, reason));
            }
            Err(Missing::Unplaced(f, reference, reason)) => {
                if d.keep_unplaced(&p.path, f, reason) {
                    let mut p = p;
                    keep_reference(&mut p);
                    p.input.source = DependencySource::Unresolved { reference };
                    d.incoming.input_ports.push((p.path, p.input));
                }
            }
        }
    }
    d.errors.extend(errors);
    for (mut p, port) in resolved {
        p.input.source = match (port, &p.source_system) {
            (Some(port_id), _) => DependencySource::OutputPort { port_id },
            (None, Some(system)) => DependencySource::SourceSystem {
                source_system_id: d.source_system(&p.path, &slugify(system)),
            },
            (None, None) => continue,
        };
        d.incoming.input_ports.push((p.path, p.input));
    }
}
