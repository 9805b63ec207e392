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
//! leaves its service levels and `odcs` bag to the contract's document
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

use super::decode::Decoder;
use super::fields::{
    Fields, Props, Sink, derived, id_or_derived, objects, put_bag, slugify, title_of,
};
use crate::manifests::bitol::{MEMBERS_ONLY, TEAM_SHAPE};
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
pub(super) const CONTRACT_FIELDS: [&str; 2] = ["serviceLevels", "extensions.odcs"];

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
    doc: &Map<String, Value>,
    pending: &mut Vec<PendingInput>,
    sink: &mut Sink<'_>,
) {
    let mut f = Fields::new(doc, "");
    f.skip("apiVersion");
    f.skip("kind");
    // The tenant is the mesh's namespace; the exporter writes it, and another one the
    // document gives (a company name) is kept for it.
    let tenant = f.string("tenant", sink);
    let id_text = f.required("id", sink);
    let display = f.string("name", sink);
    let version = f.string("version", sink);
    let status_text = f.string("status", sink);
    let deprecated = f.boolean("deprecated", sink);
    let domain = f.string("domain", sink);
    let type_text = f.string("type", sink);
    let links = links(&mut f, sink);
    let description = f
        .object("description", sink)
        .map(|mut o| ProductDescription {
            purpose: o.string("purpose", sink),
            limitations: o.string("limitations", sink),
            usage: o.string("usage", sink),
        });
    let mut props = Props::read(&mut f, sink);
    let tags = f.strings("tags", sink);
    let inputs = f.list("inputPorts", sink);
    let outputs = f.list("outputPorts", sink);
    f.skip("support");
    let support = doc.get("support");
    let team_block = team_shape(&mut f, sink);
    let mut bag = f.rest();
    let Some(id_text) = id_text else {
        return;
    };

    let id = id_or_derived(&d.ns, "product", &id_text);
    keep_id(&mut bag, &id_text);
    if let Some(t) = tenant.filter(|t| *t != d.mesh.info.namespace) {
        bag.insert("tenant".into(), Value::from(t));
    }
    let name = props
        .string("slug", sink)
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
        bag.insert("status".into(), Value::from(t.as_str()));
    }
    let version = version.as_deref();
    let model_version = words::semantic(version);
    if let Some(kept) = words::keep(version, &model_version) {
        bag.insert("version".into(), kept);
    }
    // The exporter writes `deprecated: true` for a deprecated product and nothing
    // otherwise; an explicit `deprecated: false` (dataproduct-cli
    // `tests/fixtures/lint/valid-dataproduct-v1.1.0.odps.yaml`) is kept to come back.
    if deprecated.is_some_and(|dep| !dep || status != Status::Deprecated) {
        bag.insert("deprecated".into(), Value::from(deprecated));
    }
    let mut archetype = props.word(
        "archetype",
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
        let v1_0 = doc.get("apiVersion").and_then(Value::as_str) == Some("v1.0.0");
        if v1_0 || a.is_none_or(|a| archetype_type(a) != t) {
            bag.insert("type".into(), Value::from(t.as_str()));
        }
    }
    let accountable = props
        .string("accountablePerson", sink)
        .map(|u| d.person(path, &u, None));
    let mut more_inputs = Vec::new();
    if let Some(v) = props.take("inputPortsWithoutContract") {
        match v {
            Value::Array(items) => more_inputs = items,
            other => sink.wrong_type(&props.field("inputPortsWithoutContract"), "a list", &other),
        }
    }
    let mut extensions = foreign_extensions(&mut props, sink);
    props.keep_shape(&mut bag);
    let email = support_email(support, team_block.is_some());
    if email.is_none()
        && let Some(s) = support
    {
        bag.insert("support".into(), s.clone());
    }
    let owner = team_block.map(|t| match t {
        TeamShape::Block(t) => team(d, path, t, email, sink),
        TeamShape::Members(list) => members_team(d, path, &name, list, email, sink),
    });
    let domain_id = d.domain(path, &slugify(domain.as_deref().unwrap_or("imported")));

    let mut ports = Vec::new();
    for port in objects(outputs, "outputPorts", sink) {
        if let Some(p) = output_port(d, id, status, port, sink) {
            ports.push(p);
        }
    }
    let first_input = pending.len();
    let mut names = HashSet::new();
    let mut unnamed = Vec::new();
    let extra = objects(
        &more_inputs,
        "customProperties[inputPortsWithoutContract]",
        sink,
    );
    for input in objects(inputs, "inputPorts", sink).into_iter().chain(extra) {
        if let Some(p) = input_port(d, path, id, input, &mut names, &mut unnamed, sink) {
            pending.push(p);
        }
    }
    if !unnamed.is_empty() {
        bag.insert("inputPorts".into(), Value::Array(unnamed));
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

fn links(f: &mut Fields<'_>, sink: &mut Sink<'_>) -> Vec<Link> {
    let at = f.name("authoritativeDefinitions");
    let list = f.list("authoritativeDefinitions", sink);
    objects(list, &at, sink)
        .into_iter()
        .filter_map(|mut o| {
            let kind = o.string("type", sink);
            let url = o.required("url", sink)?;
            Some(Link {
                url,
                title: o.string("description", sink),
                kind: kind.filter(|k| k != "link"),
            })
        })
        .collect()
}

/// The `extensions` custom property: other formats' fragments, back into their bags.
pub(super) fn foreign_extensions(props: &mut Props, sink: &mut Sink<'_>) -> Extensions {
    match props.take("extensions") {
        None | Some(Value::Null) => Extensions::new(),
        Some(Value::Object(map)) => map.into_iter().collect(),
        Some(other) => {
            sink.wrong_type(&props.field("extensions"), "a mapping", &other);
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
    let url = o.get("url")?.as_str()?.strip_prefix("mailto:")?;
    let expected = serde_json::json!({
        "channel": "email", "url": format!("mailto:{url}"), "tool": "email", "scope": "issues"
    });
    (has_team && Value::Object(o.clone()) == expected).then(|| url.to_owned())
}

/// The `team` of a product document: the mapping of ODPS v1, or the bare list of
/// members ODPS v0.9 and some tools write.
enum TeamShape<'v> {
    Block(Fields<'v>),
    Members(&'v [Value]),
}

fn team_shape<'v>(f: &mut Fields<'v>, sink: &mut Sink<'_>) -> Option<TeamShape<'v>> {
    let at = f.name("team");
    match f.raw("team")? {
        Value::Object(map) => Some(TeamShape::Block(Fields::new(map, at))),
        Value::Array(items) => Some(TeamShape::Members(items)),
        other => {
            sink.wrong_type(&at, "a mapping or a list of members", other);
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
    list: &[Value],
    email: Option<String>,
    sink: &mut Sink<'_>,
) -> Uuid {
    let (members, member_fields) = members(d, path, list, "team", sink);
    let mut name = format!("{product}-team");
    if name.len() > 63 {
        name = slugify(&format!("{}-team", &product[..58]));
    }
    let mut bag = Map::new();
    bag.insert(TEAM_SHAPE.into(), Value::from(MEMBERS_ONLY));
    if !member_fields.is_empty() {
        bag.insert("members".into(), Value::Array(member_fields));
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
    list: &[Value],
    at: &str,
    sink: &mut Sink<'_>,
) -> (Vec<Membership>, Vec<Value>) {
    let mut members = Vec::new();
    let mut member_fields = Vec::new();
    for mut m in objects(list, at, sink) {
        let Some(username) = m.required("username", sink) else {
            continue;
        };
        let name = m.string("name", sink);
        let role = m.string("role", sink).unwrap_or_else(|| "member".into());
        let person_id = d.person(path, &username, name.as_deref());
        members.push(Membership { person_id, role });
        // What a membership cannot hold (`dateIn`, `description`) stays with the
        // member's username in the team's bag; the exporter puts it back.
        let rest = m.rest();
        if !rest.is_empty() {
            let mut kept = Map::new();
            kept.insert("username".into(), Value::from(username));
            kept.extend(rest);
            member_fields.push(Value::Object(kept));
        }
    }
    (members, member_fields)
}

fn team(
    d: &mut Decoder<'_>,
    path: &Path,
    mut f: Fields<'_>,
    email: Option<String>,
    sink: &mut Sink<'_>,
) -> Uuid {
    let raw_name = f.required("name", sink).unwrap_or_else(|| "team".into());
    let description = f.string("description", sink);
    let at = f.name("members");
    let list = f.list("members", sink);
    let (members, member_fields) = members(d, path, list, &at, sink);
    let mut props = Props::read(&mut f, sink);
    let title = props
        .string("title", sink)
        .unwrap_or_else(|| raw_name.clone());
    let mut extensions = foreign_extensions(&mut props, sink);
    let mut bag = f.rest();
    props.keep_shape(&mut bag);
    // The model's team name is a slug; a name written otherwise (`Data Team` in the
    // Bitol ODPS `docs/examples/customer-data-product.odps.yaml`) comes back as written.
    let name = slugify(&raw_name);
    if name != raw_name {
        bag.insert("name".into(), Value::from(raw_name.as_str()));
    }
    if !member_fields.is_empty() {
        bag.insert("members".into(), Value::Array(member_fields));
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
    mut f: Fields<'_>,
    sink: &mut Sink<'_>,
) -> Option<OutputPort> {
    let id_text = f.string("id", sink);
    let name = f.required("name", sink);
    let version_text = f.string("version", sink);
    let version = version_text
        .clone()
        .unwrap_or_else(|| words::PORT_VERSION.into());
    let description = f.string("description", sink);
    let type_text = f.string("type", sink);
    let port_type = port_type(type_text.as_deref());
    let contract_id = f.string("contractId", sink);
    let deprecated = f.boolean("deprecated", sink);
    let mut props = Props::read(&mut f, sink);
    let id_text = id_text.or_else(|| props.string("id", sink));
    let status = props
        .word(
            "status",
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
            "visibility",
            Visibility::parse,
            &Visibility::ALL.map(Visibility::as_str),
            sink,
        )
        .unwrap_or(Visibility::Public);
    let contains_pii = props.boolean("containsPii", sink).unwrap_or(false);
    let classification = props.string("classification", sink);
    let contract_version = props.string("contractVersion", sink);
    let contract_status = props.word(
        "contractStatus",
        Status::parse,
        &Status::ALL.map(Status::as_str),
        sink,
    );
    let service_levels = match props.take("serviceLevels") {
        None => Vec::new(),
        Some(v) => sla(&v, &props.field("serviceLevels"), sink).unwrap_or_default(),
    };
    let deprecation_date = props.string("deprecationDate", sink).and_then(|s| {
        let date = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        if date.is_none() {
            sink.error(
                &props.field("deprecationDate"),
                format!("`{s}` is not a date like 2026-12-31"),
            );
        }
        date
    });
    let successor_port_id = props.string("successorPortId", sink).and_then(|s| {
        let id = Uuid::parse_str(&s).ok();
        if id.is_none() {
            sink.error(
                &props.field("successorPortId"),
                format!("`{s}` is not a UUID"),
            );
        }
        id
    });
    let mut extensions = foreign_extensions(&mut props, sink);
    let mut bag = f.rest();
    props.keep_shape(&mut bag);
    // As for the product: an explicit `deprecated: false` comes back.
    if deprecated.is_some_and(|dep| !dep || status != Status::Deprecated) {
        bag.insert("deprecated".into(), Value::from(deprecated));
    }
    // A port without a version gets one; the bag remembers there was none. A type
    // the model spells otherwise (`tables`, `dashboard`) is kept as written.
    if let Some(kept) = words::keep(version_text.as_deref(), &version) {
        bag.insert("version".into(), kept);
    }
    if let Some(t) = type_text.filter(|t| t != port_type.as_str()) {
        bag.insert("type".into(), Value::from(t));
    }
    let written = name?;
    let name = slugify(&written);
    if written != name {
        bag.insert("name".into(), Value::from(written));
    }
    if let Some(t) = f.map.get("id").and_then(Value::as_str) {
        keep_id(&mut bag, t);
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
        deprecation_date,
        successor_port_id,
        custom_properties: props.rest(),
        extensions,
    })
}

/// Service levels in ODCS `slaProperties` shape; `None` (with errors reported) when an
/// item does not fit the model.
pub(super) fn sla(v: &Value, at: &str, sink: &mut Sink<'_>) -> Option<Vec<ServiceLevel>> {
    let Value::Array(items) = v else {
        sink.wrong_type(at, "a list", v);
        return None;
    };
    let mut out = Vec::new();
    for mut o in objects(items, at, sink) {
        let property = o.required("property", sink)?;
        let value = match o.map.get("value") {
            Some(Value::Number(n)) => n.as_f64()?,
            other => {
                let field = o.name("value");
                sink.wrong_type(&field, "a number", other.unwrap_or(&Value::Null));
                return None;
            }
        };
        o.skip("value");
        out.push(ServiceLevel {
            property,
            value,
            unit: o.string("unit", sink),
            description: o.string("description", sink),
        });
    }
    Some(out)
}

/// An input port to resolve, or `None` when it is not one: reported when a field is
/// wrong, pushed whole onto `unnamed` when it names no provider at all.
fn input_port(
    d: &Decoder<'_>,
    path: &Path,
    product_id: Uuid,
    mut f: Fields<'_>,
    names: &mut HashSet<String>,
    unnamed: &mut Vec<Value>,
    sink: &mut Sink<'_>,
) -> Option<PendingInput> {
    let id_text = f.string("id", sink);
    let name = f.required("name", sink);
    let version = f.string("version", sink);
    let contract_id = f.string("contractId", sink);
    let mut props = Props::read(&mut f, sink);
    let id_text = id_text.or_else(|| props.string("id", sink));
    let description = props.string("description", sink);
    let source_product = props.string("sourceProduct", sink);
    let source_port = props.string("sourcePort", sink);
    let source_port_version = props.string("sourcePortVersion", sink);
    let source_port_id = props.string("sourcePortId", sink);
    let source_system = props.string("sourceSystem", sink);
    let unresolved = props.string("unresolvedReference", sink);
    let mut extensions = foreign_extensions(&mut props, sink);
    let mut bag = f.rest();
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
        unnamed.push(Value::Object(f.map.clone()));
        return None;
    }
    // Names are unique within a product; the Bitol examples list one input per
    // contract version under the same name. The name as written goes back out.
    let written = name;
    let name = super::refs::unique(&slugify(&written), names);
    let given_id = f.map.get("id").and_then(Value::as_str);
    if written != name || given_id.is_some_and(|t| Uuid::parse_str(t).is_err()) {
        let bag = extensions
            .entry(FORMAT.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(bag) = bag {
            if written != name {
                bag.insert("name".into(), Value::from(written.as_str()));
            }
            if let Some(t) = given_id {
                keep_id(bag, t);
            }
        }
    }
    let id = match &id_text {
        Some(t) => id_or_derived(&d.ns, "input-port", t),
        None => derived(&d.ns, "input-port", &format!("{product_id}/{name}")),
    };
    Some(PendingInput {
        path: path.to_path_buf(),
        at: f.at.clone(),
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

/// Keeps an id the document gave that is no UUID (`orders-product`): the model's id is
/// derived from it, and the exporter writes the document's own back.
fn keep_id(bag: &mut Map<String, Value>, text: &str) {
    if Uuid::parse_str(text).is_err() {
        bag.insert("id".into(), Value::from(text));
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
        order.insert("outputPorts".into(), ids(&outputs));
    }
    let mut sorted_inputs = inputs.to_vec();
    sorted_inputs.sort_by(|a, b| a.0.cmp(b.0));
    if sorted_inputs != inputs {
        let inputs: Vec<Uuid> = inputs.iter().map(|(_, id)| *id).collect();
        order.insert("inputPorts".into(), ids(&inputs));
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
    let mut kept = Map::new();
    if let Some(v) = &p.version {
        kept.insert("version".into(), Value::String(v.clone()));
    }
    if let Some(c) = &p.contract_id {
        kept.insert("contractId".into(), Value::String(c.clone()));
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
        let field = |k: &str| format!("{}.{k}", p.at);
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
                    field("customProperties[sourcePortId]"),
                    text.clone(),
                    reads(&format!("output port {text}")),
                )),
                Err(_) => Err(Missing::Invalid(
                    field("customProperties[sourcePortId]"),
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
                    field("customProperties[sourcePort]"),
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
                    field("contractId"),
                    contract.clone(),
                    format!(
                        "input port `{}` reads contract `{contract}`, which no output port of the imported files or of the mesh declares",
                        p.input.name
                    ),
                )),
                _ => Err(Missing::Invalid(
                    field("version"),
                    format!(
                        "input port `{}` reads contract `{contract}`, which several output ports declare; give its version",
                        p.input.name
                    ),
                )),
            }
        } else if let Some(reference) = &p.unresolved {
            Err(Missing::Unplaced(
                field("customProperties[unresolvedReference]"),
                reference.clone(),
                reads(&format!("`{reference}`")),
            ))
        } else {
            // Real files (ODPS drafts, v0.9 examples) list inputs by name alone; the name
            // is all there is to resolve them by later.
            Err(Missing::Unplaced(
                field("name"),
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
