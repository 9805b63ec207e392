//! Reading DPDS 1.0.0 descriptors back into the model: the inverse of
//! `manifests::dpds`, and a reader of descriptors other tools write.
//!
//! A descriptor is a product (`info`), its output ports and its input ports. The
//! product's id is `info.x-meshwrightId`, else that of the product with the same
//! `fullyQualifiedName` (decoded before, or the mesh's as the exporter writes it), else
//! that of the product with the same slug (from an ODPS file of the import or the mesh),
//! else one derived from the slug; its slug is `info.name` (or the name in
//! `fullyQualifiedName`, which the official minimal example has instead). A DPDS
//! product's identity is its fully qualified name
//! (`urn:dpds:<ns>:dataproducts:<name>:<major>`), so a descriptor declaring another one
//! than the product of its slug (in another namespace, of another major version) is
//! another product: it takes the next free slug (`tripexecution-2`) and keeps its name
//! as written. Descriptors declaring the same fully qualified name (a descriptor and a
//! file of one of its ports) are one product; an ODPS file of the same import names
//! none, so its product of the same slug is the descriptor's. `info.owner` is the
//! accountable person unless `x-ownerKind` says the exporter put a team there; `x-team`
//! and the `contactPoints` the exporter writes give the owning team and its address.
//! Output ports map back from `promises` (`servicesType`, an `odcs` `api` holding
//! `x-contract`, the exporter's `deprecationPolicy` and `slo`) and their `x-` fields; an
//! input port reads the output port named by `x-dependsOn` (a fully qualified name,
//! resolved across all files and the mesh once every document is read) or the source
//! system in `x-sourceSystem`, which brings the whole source system back: ODPS only
//! names it.
//!
//! What the model has no place for stays in the entity's `dpds` bag at the place it was
//! found (`info.x-foo`, `promises.platform`, `internalComponents`), and the exporter
//! merges it back. Ports the model cannot hold, one given as a `$ref` to a file of its
//! own or an input port that names no provider, are kept whole in the product's bag
//! and written back in their list: `$ref`s are not followed, since that would read
//! files the user did not name; an `inputPorts` list that was present but empty is kept
//! too. Names that are not slugs become slugs and `fullyQualifiedName` is rebuilt
//! from the mesh's namespace, the slug and the major version, but where the descriptor
//! wrote something else (`tripExecution`, `Transport Management`, a name in another
//! namespace) the original text is kept in the bag's `dpds::ORIGINALS` and written back
//! as long as the model still derives the same value; a port's original fully qualified
//! name stays one of its names for `x-dependsOn`. An input port's `version` is its
//! provider port's.
//!
//! Which values win when the same product also comes from ODPS or Backstage is
//! `combine`'s business: this module only says which fields it filled with defaults.
//!
//! It must not write to the mesh and must not read files.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::SourceDocument;
use super::combine::{Disagreement, Part};
use super::decode::Decoder;
use super::detect::Detected;
use super::fields::{
    Sink, defaulted, derived, id_or_derived, put_bag, slugify, strings, unknown_word, word_of,
};
use super::odcs;
use super::odps::semantic;
use super::refs::{self, Declared, Pending, PendingInput, Provider};
use crate::manifests::documents::{Check, Field, Model, dpds as doc, key_at};
use crate::manifests::dpds::{self, FORMAT, ORIGINALS};
use crate::manifests::{ExportContext, ExportOptions};
use crate::model::{
    ContractRef, DataProduct, Extensions, OutputPort, PortType, ProductDescription, ServiceLevel,
    Status, Team, Visibility,
};

/// The source systems descriptors carry whole, registered by name before any
/// document is decoded so that ODPS files naming them land on the same id.
pub(super) fn register(d: &mut Decoder<'_>, documents: &[SourceDocument]) {
    for doc in documents.iter().filter(|doc| doc.format == Detected::Dpds) {
        let inputs = doc
            .value
            .get(doc::Descriptor::KEYS.interface)
            .and_then(|i| i.get(doc::Interface::KEYS.input_ports))
            .and_then(Value::as_array);
        for system in inputs
            .into_iter()
            .flatten()
            .filter_map(|i| i.get(doc::InputPort::KEYS.source_system))
        {
            let name = system.get("name").and_then(Value::as_str);
            let id = system
                .get("id")
                .and_then(Value::as_str)
                .and_then(|s| Uuid::parse_str(s).ok());
            if let (Some(name), Some(id)) = (name, id) {
                d.register_source_system(name, id);
            }
        }
    }
}

/// Decodes every DPDS document of `documents` into `d.staged`.
pub(super) fn decode_all(d: &mut Decoder<'_>, documents: &[SourceDocument]) -> Pending {
    let mut pending = Pending::default();
    let mut products = None;
    for doc in documents.iter().filter(|doc| doc.format == Detected::Dpds) {
        let products = products.get_or_insert_with(|| Products::of(d.mesh));
        // A document is an object (detection saw its marker), and an object always
        // reads as a descriptor: every field keeps what it holds.
        let Ok(descriptor_doc) = doc::Descriptor::deserialize(&doc.value) else {
            continue;
        };
        let mut errors = Vec::new();
        let mut sink = Sink {
            path: &doc.path,
            errors: &mut errors,
        };
        descriptor(
            d,
            &doc.path,
            descriptor_doc,
            products,
            &mut pending,
            &mut sink,
        );
        d.errors.append(&mut errors);
    }
    pending
}

/// The products descriptors are matched with by their fully qualified names: the mesh's
/// (as the exporter writes them) and those decoded so far.
struct Products {
    /// Product id and slug by fully qualified name.
    by_fqn: HashMap<String, (Uuid, String)>,
    /// The fully qualified name of each product known to have one.
    fqn_of: HashMap<Uuid, String>,
}

impl Products {
    fn of(mesh: &crate::model::Mesh) -> Self {
        let ctx = ExportContext::new(mesh, ExportOptions::default());
        let mut products = Products {
            by_fqn: HashMap::new(),
            fqn_of: HashMap::new(),
        };
        for p in &mesh.products {
            products.note(p.id, &p.name, dpds::written_product_fqn(&ctx, p));
        }
        products
    }

    fn note(&mut self, id: Uuid, name: &str, fqn: String) {
        self.fqn_of.entry(id).or_insert_with(|| fqn.clone());
        self.by_fqn.entry(fqn).or_insert((id, name.to_owned()));
    }

    /// The id and slug of the product a descriptor without `x-meshwrightId`, declaring
    /// `fqn` and named `slug`, is: the product of that fully qualified name, else the
    /// product of the slug unless it has another fully qualified name (an ODPS product
    /// of this import has none), else a new product with the first free slug of
    /// `slug`, `slug-2`, `slug-3`...
    fn identify(&self, d: &Decoder<'_>, fqn: Option<&str>, slug: &str) -> (Uuid, String) {
        if let Some(found) = fqn.and_then(|f| self.by_fqn.get(f)) {
            return found.clone();
        }
        let mut name = slug.to_owned();
        for n in 2.. {
            let Some(id) = d.product_id(&name) else {
                break;
            };
            if fqn.is_none()
                || !self.fqn_of.contains_key(&id)
                || d.incoming.products.iter().any(|(_, p)| p.id == id)
            {
                return (id, name);
            }
            name = format!("{slug}-{n}");
        }
        (derived(&d.ns, "product", &name), name)
    }
}

/// Keeps `original` under `pointer` in `originals` (see `dpds::ORIGINALS`) when it is
/// not what the model derives from it.
fn note_original(
    originals: &mut Map<String, Value>,
    pointer: &str,
    original: Option<&str>,
    derived: &str,
) {
    if let Some(original) = original.filter(|o| *o != derived) {
        originals.insert(
            pointer.into(),
            json!({"original": original, "derived": derived}),
        );
    }
}

/// Adds `originals` to the `dpds` bag of `extensions`.
fn keep_originals(extensions: &mut Extensions, originals: Map<String, Value>) {
    if originals.is_empty() {
        return;
    }
    let bag = extensions
        .entry(FORMAT.into())
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(bag) = bag {
        bag.insert(ORIGINALS.into(), Value::Object(originals));
    }
}

/// `(namespace, name)` of `urn:dpds:<namespace>:dataproducts:<name>:<major>`.
pub(super) fn parse_fqn(fqn: &str) -> Option<(&str, &str)> {
    let rest = fqn.strip_prefix("urn:dpds:")?;
    let (namespace, rest) = rest.split_once(":dataproducts:")?;
    let name = rest.split(':').next()?;
    (!namespace.is_empty() && !name.is_empty()).then_some((namespace, name))
}

/// Sets `key` of the bag's object at `place` (created when missing).
fn keep(bag: &mut Map<String, Value>, place: &str, rest: Map<String, Value>) {
    if rest.is_empty() {
        return;
    }
    let slot = bag
        .entry(place)
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(slot) = slot {
        slot.extend(rest);
    }
}

/// The key of a port given as a file of its own, which is not followed.
const REF: &str = "$ref";

/// Whether an input port names its provider in a way the importer reads.
fn names_provider(input: &Value) -> bool {
    let keys = doc::InputPort::KEYS;
    [
        keys.depends_on,
        keys.depends_on_port_id,
        keys.unresolved,
        keys.source_system,
        keys.source_system_id,
    ]
    .iter()
    .any(|k| input.get(*k).is_some())
}

/// A model list, empty when absent (one that did not fit was reported by the check).
fn model<T>(value: Option<Model<Vec<T>>>) -> Vec<T> {
    value.map(|m| m.0).unwrap_or_default()
}

fn descriptor(
    d: &mut Decoder<'_>,
    path: &Path,
    mut doc: doc::Descriptor,
    products: &mut Products,
    pending: &mut Pending,
    sink: &mut Sink<'_>,
) {
    let keys = doc::Descriptor::KEYS;
    // Without its product a descriptor says nothing more worth reporting.
    if doc.info.given().is_none() {
        doc.info.check(keys.info, true, sink);
        return;
    }
    doc.check("", sink);
    let Some(mut info) = doc.info.take() else {
        return;
    };
    let interface = doc.interface.take();
    let tags = strings(doc.tags.take());
    let links = model(doc.links.take());
    let custom_properties = model(doc.custom_properties.take());
    let mut bag = doc.rest;

    let info_at = keys.info;
    let info_keys = doc::Info::KEYS;
    info.check(info_at, sink);
    let fqn = info.fully_qualified_name.take();
    let name_text = info.name.take();
    let version = info.version.take();
    let display = info.display_name.take();
    let purpose = info.description.take();
    let domain = info.domain.take();
    let owner = info.owner.take();
    let contact = info.contact_points.take();
    let id_text = info.id.take();
    let owner_kind = info.owner_kind.take();
    let team_name = info.team.take();
    let status_text = info.status.take();
    let archetype_text = info.archetype.take();
    let usage = info.usage.take();
    let limitations = info.limitations.take();
    let mut info_rest = info.rest;

    let Some(slug) = name_text
        .as_deref()
        .or_else(|| fqn.as_deref().and_then(parse_fqn).map(|(_, n)| n))
        .map(slugify)
    else {
        sink.error(
            &key_at(info_at, info_keys.name),
            "is required (nor does fullyQualifiedName name the product)",
        );
        return;
    };
    let (id, name) = match &id_text {
        Some(t) => (id_or_derived(&d.ns, "product", t), slug),
        None => products.identify(d, fqn.as_deref(), &slug),
    };
    let version_missing = version.is_none();
    let version = semantic(version);
    let urn = dpds::product_urn(&d.mesh.info.namespace, &name, &version);
    products.note(id, &name, fqn.clone().unwrap_or_else(|| urn.clone()));
    let mut originals = Map::new();
    note_original(&mut originals, "/info/name", name_text.as_deref(), &name);
    note_original(
        &mut originals,
        "/info/fullyQualifiedName",
        fqn.as_deref(),
        &urn,
    );
    let defaulted = defaulted(&[
        ("status", status_text.is_none()),
        ("version", version_missing),
        ("displayName", display.is_none()),
    ]);
    let status = status_text
        .as_deref()
        .and_then(|s| word_of(s, &key_at(info_at, info_keys.status), sink))
        .unwrap_or(Status::Active);
    let archetype = archetype_text
        .as_deref()
        .and_then(|s| word_of(s, &key_at(info_at, info_keys.archetype), sink));

    // The owning team, with the address and title the exporter wrote for it.
    let email = team_name
        .as_deref()
        .and_then(|team| team_email(contact.as_ref(), team));
    if let Some(contact) = contact.filter(|_| email.is_none()) {
        info_rest.insert(info_keys.contact_points.into(), contact);
    }
    let (owner_id, owner_name, owner_rest) = match owner {
        Some(mut o) => {
            o.check(&key_at(info_at, info_keys.owner), sink);
            (o.id.take(), o.name.take(), o.rest)
        }
        None => (None, None, Map::new()),
    };
    if !owner_rest.is_empty() {
        info_rest.insert(info_keys.owner.into(), Value::Object(owner_rest));
    }
    let mut accountable = None;
    let mut team_title = None;
    match owner_kind.as_deref() {
        None | Some("person") => {
            if let Some(contact) = &owner_id {
                accountable = Some(owner_person(d, path, id, contact, owner_name.as_deref()));
            }
        }
        Some("team") => team_title = owner_name.clone().filter(|_| owner_id == team_name),
        // The exporter wrote the domain's team or a placeholder; neither is product data.
        Some("domain-team" | "none") => {}
        Some(other) => sink.error(
            &key_at(info_at, info_keys.owner_kind),
            unknown_word(other, &["person", "team", "domain-team", "none"]),
        ),
    }
    let owner_team = team_name.map(|raw| {
        let team_slug = slugify(&raw);
        let team_id = d.team_id(&team_slug);
        let mut defaulted = vec!["title", "description", "members", "customProperties"];
        if email.is_none() {
            defaulted.push("email");
        }
        if team_title.is_some() {
            defaulted.retain(|f| *f != "title");
        }
        d.staged.teams.push(Part {
            path: path.to_path_buf(),
            format: Detected::Dpds,
            entity: Team {
                id: team_id,
                name: team_slug.clone(),
                title: team_title.clone().unwrap_or(team_slug),
                description: None,
                email: email.clone(),
                team_type: None,
                members: Vec::new(),
                custom_properties: Vec::new(),
                extensions: Extensions::new(),
            },
            defaulted,
        });
        team_id
    });
    let domain_id = domain.map(|text| {
        let slug = slugify(&text);
        note_original(&mut originals, "/info/domain", Some(&text), &slug);
        d.domain(path, &slug)
    });
    keep(&mut bag, info_at, info_rest);

    let mut kept = Map::new();
    if let Some(mut interface) = interface {
        let at = keys.interface;
        let list_keys = doc::Interface::KEYS;
        let outputs_at = key_at(at, list_keys.output_ports);
        let inputs_at = key_at(at, list_keys.input_ports);
        // Outputs before inputs, as the ports are read below.
        interface.output_ports.check(&outputs_at, false, sink);
        interface.input_ports.check(&inputs_at, false, sink);
        // An empty list the descriptor wrote is kept; the exporter writes none.
        let empty = interface.input_ports.given().is_some_and(Vec::is_empty);
        let outputs = interface.output_ports.take().unwrap_or_default();
        let inputs = interface.input_ports.take().unwrap_or_default();
        let mut kept_outputs = Vec::new();
        let mut port_names: HashMap<String, usize> = HashMap::new();
        for port in &outputs {
            let name = port.raw().and_then(|p| p.get(doc::OutputPort::KEYS.name));
            if let Some(name) = name.and_then(Value::as_str) {
                *port_names.entry(slugify(name)).or_default() += 1;
            }
        }
        let owner = Owner {
            id,
            status,
            urn: &urn,
            port_names: &port_names,
        };
        for (i, port) in outputs.iter().enumerate() {
            let at = format!("{outputs_at}[{i}]");
            if let Some(raw) = port.raw().filter(|p| p.get(REF).is_some()) {
                kept_outputs.push(raw.clone());
            } else if let Some(p) = port
                .read(&at, sink)
                .and_then(|port| output_port(d, path, &owner, port, &at, pending, sink))
            {
                d.staged.output_ports.push(p);
            }
        }
        let mut kept_inputs = Vec::new();
        let mut names = HashSet::new();
        for (i, input) in inputs.iter().enumerate() {
            let at = format!("{inputs_at}[{i}]");
            match input.raw() {
                Some(raw)
                    if raw.is_object() && (raw.get(REF).is_some() || !names_provider(raw)) =>
                {
                    kept_inputs.push(raw.clone());
                }
                _ => {
                    let read = input
                        .read(&at, sink)
                        .and_then(|input| input_port(d, path, id, input, &at, &mut names, sink));
                    pending.inputs.extend(read);
                }
            }
        }
        kept = interface.rest;
        if !kept_outputs.is_empty() {
            kept.insert(list_keys.output_ports.into(), Value::Array(kept_outputs));
        }
        if !kept_inputs.is_empty() || empty {
            kept.insert(list_keys.input_ports.into(), Value::Array(kept_inputs));
        }
    }
    keep(&mut bag, keys.interface, kept);
    let Some(domain_id) = domain_id else {
        return;
    };
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    keep_originals(&mut extensions, originals);
    d.note_product(&name, id);
    d.staged.products.push(Part {
        path: path.to_path_buf(),
        format: Detected::Dpds,
        entity: DataProduct {
            id,
            display_name: display.unwrap_or_else(|| name.clone()),
            name,
            version,
            description: ProductDescription {
                purpose,
                usage,
                limitations,
            },
            domain_id,
            owner_team_id: owner_team,
            accountable_person_id: accountable,
            status,
            archetype,
            tags,
            links,
            custom_properties,
            extensions,
        },
        defaulted,
    });
}

/// The team's address when `contactPoints` is exactly what the exporter writes for it.
fn team_email(contact: Option<&Value>, team: &str) -> Option<String> {
    let [point] = contact?.as_array()?.as_slice() else {
        return None;
    };
    let address = point.get(doc::ContactPoint::KEYS.address)?.as_str()?;
    (serde_json::to_value(dpds::contact_point(team, address)).ok()? == *point)
        .then(|| address.to_owned())
}

/// The accountable person `info.owner` names. When an ODPS file of the import gives
/// the same product an accountable person, this is that person (DPDS writes an e-mail
/// address where there is one, ODPS the username), and the owner's address and name
/// fill what that person lacks; otherwise the person with this address or username.
fn owner_person(
    d: &mut Decoder<'_>,
    path: &Path,
    product: Uuid,
    contact: &str,
    name: Option<&str>,
) -> Uuid {
    let primary = d
        .incoming
        .products
        .iter()
        .find(|(_, p)| p.id == product)
        .and_then(|(p, product)| Some((p.clone(), product.accountable_person_id?)));
    if let Some((primary_path, person_id)) = primary
        && let Some(person) = d.person_mut(path, person_id)
    {
        let mut disagreement = None;
        if person.username != contact && person.email.as_deref() != Some(contact) {
            match &person.email {
                // An address the exporter wrote instead of the username.
                None if contact.contains('@') => person.email = Some(contact.to_owned()),
                None => {}
                Some(email) => {
                    disagreement = Some(Disagreement {
                        kind: crate::model::EntityKind::Person,
                        name: person.username.clone(),
                        field: "email".into(),
                        kept: (primary_path, "ODPS", format!("{email:?}")),
                        other: (path.to_path_buf(), "DPDS", format!("{contact:?}")),
                    });
                }
            }
        }
        if let Some(name) = name
            && person.display_name == person.username
        {
            name.clone_into(&mut person.display_name);
        }
        d.disagreements.extend(disagreement);
        return person_id;
    }
    match d.person_by_contact(contact) {
        Some(id) => {
            if let Some(name) = name
                && let Some(person) = d.person_mut(path, id)
                && person.display_name == person.username
            {
                name.clone_into(&mut person.display_name);
            }
            id
        }
        None => d.person(path, contact, name),
    }
}

/// Port types from DPDS `servicesType`, the inverse of the exporter's.
fn services_port_type(services: &str) -> Option<PortType> {
    match services {
        "datastore-services" => Some(PortType::Table),
        "streaming-services" => Some(PortType::Stream),
        "api-services" => Some(PortType::Api),
        "file-services" => Some(PortType::File),
        _ => None,
    }
}

/// A standard definition as the exporter writes it for Meshwright's own promises:
/// `{name, version: 1.0.0, specification: custom, definition}`; the definition when
/// `value` is exactly that.
fn own_definition<'v>(value: &'v Value, name: &str) -> Option<&'v Map<String, Value>> {
    let definition = value.get(doc::Standard::KEYS.definition)?.as_object()?;
    let expected = dpds::standard(name, "1.0.0", "custom", Value::Object(definition.clone()));
    (value == &expected).then_some(definition)
}

/// The product whose output ports are being read.
struct Owner<'a> {
    id: Uuid,
    status: Status,
    /// Its fully qualified name as the exporter derives it.
    urn: &'a str,
    /// How many of its ports of the descriptor have each (slugged) name.
    port_names: &'a HashMap<String, usize>,
}

fn output_port(
    d: &mut Decoder<'_>,
    path: &Path,
    owner: &Owner<'_>,
    mut port: doc::OutputPort,
    at: &str,
    pending: &mut Pending,
    sink: &mut Sink<'_>,
) -> Option<Part<OutputPort>> {
    let keys = doc::OutputPort::KEYS;
    let fqn = port.fully_qualified_name.take();
    let name = port.name.take();
    let version = port.version.take();
    let description = port.description.take();
    let promises = port.promises.take();
    let id_text = port.id.take();
    let type_text = port.port_type.take();
    let status_text = port.status.take();
    let visibility_text = port.visibility.take();
    let contains_pii = port.contains_pii.take();
    let classification = port.classification.take();
    let custom_properties = model(port.custom_properties.take());
    let mut bag = port.rest;
    let mut port_type: Option<PortType> = type_text
        .as_deref()
        .and_then(|t| word_of(t, &key_at(at, keys.port_type), sink));
    let mut contract = None;
    let mut service_levels = Vec::new();
    let mut deprecation_date = None;
    let mut successor = None;
    if let Some(mut p) = promises {
        let promises_at = key_at(at, keys.promises);
        let promise_keys = doc::Promises::KEYS;
        p.check(&promises_at, sink);
        let services = p.services_type.take();
        let api = p.api.take();
        let policy = p.deprecation_policy.take();
        let slo = p.slo.take();
        let mut rest = p.rest;
        match services.as_deref().map(|s| (s, services_port_type(s))) {
            Some((_, Some(t))) if port_type.is_none_or(|own| own == t) => port_type = Some(t),
            Some((s, _)) => {
                rest.insert(promise_keys.services_type.into(), Value::from(s));
            }
            None => {}
        }
        if let Some(api) = api {
            match odcs_contract(&api, path, version.as_deref().unwrap_or("1.0.0")) {
                Some((reference, carried)) => {
                    contract = Some(reference);
                    if let Some((document, wrapper)) = carried {
                        d.carried_contracts.push(document);
                        if !wrapper.is_empty() {
                            rest.insert(promise_keys.api.into(), Value::Object(wrapper));
                        }
                    }
                }
                None => {
                    rest.insert(promise_keys.api.into(), api);
                }
            }
        }
        if let Some(policy) = policy {
            let dk = doc::Deprecation::KEYS;
            match own_definition(&policy, "deprecation")
                .filter(|def| def.keys().all(|k| k == dk.date || k == dk.successor))
            {
                Some(def) => {
                    let policy_at = key_at(&promises_at, promise_keys.deprecation_policy);
                    let field = key_at(&policy_at, doc::Standard::KEYS.definition);
                    if let Some(date) = def.get(dk.date) {
                        deprecation_date = date_of(date, &key_at(&field, dk.date), sink);
                    }
                    if let Some(Value::String(name)) = def.get(dk.successor) {
                        successor = Some((name.clone(), key_at(&field, dk.successor)));
                    }
                }
                None => {
                    rest.insert(promise_keys.deprecation_policy.into(), policy.clone());
                }
            }
        }
        if let Some(slo) = slo {
            let levels = own_definition(&slo, "slo")
                .filter(|def| def.len() == 1)
                .and_then(|def| def.get(doc::Slo::KEYS.service_levels))
                .and_then(from_json::<Vec<ServiceLevel>>);
            match levels {
                Some(levels) => service_levels = levels,
                None => {
                    rest.insert(promise_keys.slo.into(), slo.clone());
                }
            }
        }
        keep(&mut bag, keys.promises, rest);
    }
    let defaulted = defaulted(&[
        ("status", status_text.is_none()),
        ("visibility", visibility_text.is_none()),
        ("containsPii", contains_pii.is_none()),
        ("type", port_type.is_none()),
        ("version", version.is_none()),
    ]);
    let status = status_text
        .as_deref()
        .and_then(|s| word_of(s, &key_at(at, keys.status), sink))
        .unwrap_or(owner.status);
    let visibility = visibility_text
        .as_deref()
        .and_then(|s| word_of(s, &key_at(at, keys.visibility), sink))
        .unwrap_or(Visibility::Public);
    let name_text = name?;
    let name = slugify(&name_text);
    let version = version.unwrap_or_else(|| "1.0.0".into());
    let product_id = owner.id;
    let id = match &id_text {
        Some(t) => id_or_derived(&d.ns, "output-port", t),
        None => d.port_id(product_id, &name, &version).unwrap_or_else(|| {
            derived(
                &d.ns,
                "output-port",
                &format!("{product_id}/{name}/{version}"),
            )
        }),
    };
    d.note_port(product_id, &name, &version, id);
    if let Some(fqn) = &fqn {
        pending.names.push((fqn.clone(), id));
    }
    if let Some((name, field)) = successor {
        pending
            .successors
            .push((id, path.to_path_buf(), field, name));
    }
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    let mut entity = OutputPort {
        id,
        product_id,
        name,
        version,
        port_type: port_type.unwrap_or(PortType::Other),
        description,
        visibility,
        status,
        contract,
        contains_pii: contains_pii.unwrap_or(false),
        classification,
        service_levels,
        contract_body: Default::default(),
        deprecation_date,
        successor_port_id: None,
        custom_properties,
        extensions,
    };
    let several = owner.port_names.get(&entity.name).is_some_and(|n| *n > 1);
    let mut originals = Map::new();
    note_original(&mut originals, "/name", Some(&name_text), &entity.name);
    let urn = dpds::port_urn(owner.urn, &entity, several);
    note_original(&mut originals, "/fullyQualifiedName", fqn.as_deref(), &urn);
    keep_originals(&mut entity.extensions, originals);
    Some(Part {
        path: path.to_path_buf(),
        format: Detected::Dpds,
        entity,
        defaulted,
    })
}

/// A model value from JSON, `None` when it does not fit.
fn from_json<T: serde::de::DeserializeOwned>(v: &Value) -> Option<T> {
    T::deserialize(v).ok()
}

/// The contract reference of a `promises.api` that is exactly what the exporter
/// writes for one (`specification: odcs`, the reference as `definition.x-contract`).
/// A contract document carried in `promises.api`, with what its wrapper adds to the
/// exporter's.
type Carried = (SourceDocument, Map<String, Value>);

/// The contract `promises.api` names, as the exporter writes it: its `definition` the
/// port's ODCS contract, read as the contract's file is (the carried document, kept in
/// `carried_contracts`), or, as exports before that wrote it, the contract reference
/// alone under `x-contract`. A wrapper the exporter would not write around a contract
/// keeps what it adds (a `description`, `specificationVersion`); any other `api` is no
/// contract of the model.
fn odcs_contract(
    api: &Value,
    path: &Path,
    port_version: &str,
) -> Option<(ContractRef, Option<Carried>)> {
    let keys = doc::Standard::KEYS;
    let definition = api.get(keys.definition)?;
    if let Some(reference) = definition
        .get(doc::ApiDefinition::KEYS.contract)
        .and_then(from_json::<ContractRef>)
    {
        let version = reference.version.as_deref().unwrap_or(port_version);
        let written = json!(doc::ApiDefinition {
            contract: Field::Given(Model(reference.clone())),
            ..Default::default()
        });
        let expected = dpds::standard(&reference.contract_id, version, "odcs", written);
        return (api == &expected).then_some((reference, None));
    }
    if !api
        .get(keys.specification)
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("odcs"))
    {
        return None;
    }
    let (document, derived) = odcs::carried(path, 0, definition.clone())?;
    let reference = api
        .get(keys.contract)
        .and_then(from_json::<ContractRef>)
        .unwrap_or(derived);
    let version = reference.version.as_deref().unwrap_or(port_version);
    let expected = dpds::api(&reference, version, Value::Null);
    let wrapper: Map<String, Value> = api
        .as_object()?
        .iter()
        .filter(|(k, v)| *k != keys.definition && expected.get(k.as_str()) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Some((reference, Some((document, wrapper))))
}

fn date_of(v: &Value, field: &str, sink: &mut Sink<'_>) -> Option<NaiveDate> {
    let date = v
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    if date.is_none() {
        sink.error(field, format!("{v} is not a date like 2026-12-31"));
    }
    date
}

fn input_port(
    d: &mut Decoder<'_>,
    path: &Path,
    product_id: Uuid,
    mut input: doc::InputPort,
    at: &str,
    names: &mut HashSet<String>,
    sink: &mut Sink<'_>,
) -> Option<PendingInput> {
    // The fully qualified name and version (the provider port's) are derived; the
    // exporter writes them again.
    let keys = doc::InputPort::KEYS;
    let name = input.name.take();
    let description = input.description.take();
    let id = input.id.take();
    let depends_on = input.depends_on.take();
    let port_id = input.depends_on_port_id.take();
    let unresolved = input.unresolved.take();
    let system = input.source_system.take();
    let system_id = input.source_system_id.take();
    let custom_properties = model(input.custom_properties.take());
    let bag = input.rest;
    let (provider, field) = if let Some(fqn) = depends_on {
        (Provider::Name(fqn), key_at(at, keys.depends_on))
    } else if let Some(id) = port_id {
        (Provider::PortId(id), key_at(at, keys.depends_on_port_id))
    } else if let Some(reference) = unresolved {
        (Provider::Name(reference), key_at(at, keys.unresolved))
    } else {
        let system_keys = (keys.source_system, keys.source_system_id);
        let system = (system, system_id);
        Provider::source_system_at(d, (path, Detected::Dpds), at, system_keys, system, sink)?
    };
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    let declared = Declared {
        id,
        name: slugify(&name?),
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
        names,
    ))
}

/// Resolves every pending input port and successor by fully qualified name (see
/// `refs::resolve`), in the mesh's namespace.
pub(super) fn resolve(d: &mut Decoder<'_>, mut pending: Pending) {
    let namespace = d.mesh.info.namespace.clone();
    if !pending.is_empty() {
        // The mesh's ports are also known by the names their descriptors gave them
        // (kept where the exporter would derive another); the documents' names win.
        let ctx = ExportContext::new(d.mesh, ExportOptions::default());
        let mut names: Vec<(String, Uuid)> = d
            .mesh
            .output_ports
            .iter()
            .filter_map(|p| {
                let written = dpds::written_port_fqn(&ctx, p);
                (written != dpds::output_port_fqn(&ctx, p)).then_some((written, p.id))
            })
            .collect();
        names.append(&mut pending.names);
        pending.names = names;
    }
    refs::resolve(
        d,
        Detected::Dpds,
        "output port",
        pending,
        |product, port, several| {
            let product = dpds::product_urn(&namespace, &product.name, &product.version);
            dpds::port_urn(&product, port, several)
        },
    );
}
