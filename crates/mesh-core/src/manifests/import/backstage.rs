//! Reading Backstage catalog entities back into the model: the inverse of
//! `manifests::backstage`, and a reader of catalogs other tools write.
//!
//! A `Domain` is a domain (its id from the `meshwright.dev/id` annotation, its parent
//! from `subdomainOf`), a `Group` a team (members from the `meshwright.dev/members`
//! annotation), a `System` of type `data-product` (or of no type) a data product, an
//! `API` whose `system` is such a product one of its output ports, and the product's
//! own `Component` (named like its System, as the exporter writes it) its input ports:
//! the `meshwright.dev/inputs` annotation, else one input per `consumesApis` entry,
//! resolved by API name across all files and the mesh once every document is read.
//! Owners are `group:` references to teams; an owner the mesh cannot hold (a User, a
//! group that no catalog of the import declares) is kept in the bag and written back.
//!
//! Every other entity (a User, a Resource, a Location, a Component other than the
//! product's own, a System of another type, an API of no data product) is kept whole:
//! with the product its `spec.system` names, else with the Domain its `spec.domain`
//! names, else with the first Domain of its file, else (it names neither, or only ones
//! no catalog of the import holds) with the mesh, in the header's
//! `extensions.backstage.entities`; the exporter writes it back after them, or into the
//! mesh's own catalog at the export root. A reference to a System or Domain that
//! neither a catalog of the import nor the mesh declares (a data product's
//! `spec.domain`, a Domain's `subdomainOf`, an entity's `spec.system` or `spec.domain`)
//! is an unresolved reference, not an error: it is kept as written, so a re-export
//! writes it unchanged (a data product of an unknown Domain goes to the placeholder
//! domain `imported`). One entity name declared twice for a kind is an error (for a
//! kind kept whole, twice in one namespace).
//! Other unmapped fields (labels, `spec.profile.picture`, annotations of other tools)
//! go into the entity's `backstage` bag as `{"metadata": {...}, "spec": {...}}`; the
//! product's Component keeps its own under the product's bag's `component`. Values
//! the exporter derives (an API's title, type, lifecycle and definition text, the
//! Component's description) are kept only when they differ from what it would write.
//! The placeholder Group the exporter writes for owners the mesh lacks is skipped.
//! Known normalisations: names that are not slugs become slugs, `relations` and
//! `status` (written by Backstage's server) are dropped, an entity's namespace is kept
//! in its bag but references are matched by name.
//!
//! Which values win when the same product also comes from ODPS or DPDS is `combine`'s
//! business: this module only says which fields it filled with defaults.
//!
//! It must not write to the mesh and must not read files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::combine::Part;
use super::decode::Decoder;
use super::detect::Detected;
use super::fields::{
    Fields, Sink, Word, defaulted, derived, put_bag, slugify, title_of, typed, word_of,
};
use super::odcs;
use super::odps::port_type;
use super::refs::{self, Declared, Pending, PendingInput, Provider};
use super::{ImportError, SourceDocument};
use crate::manifests::backstage::{self as export, FORMAT};
use crate::manifests::documents::backstage::{
    self as doc, ApiSpecKeys, ComponentSpecKeys, EntityKeys, GroupSpecKeys, LinkKeys, MetadataKeys,
};

/// The keys of an entity's envelope and metadata, and of the specs read here.
const ENVELOPE: EntityKeys = doc::Entity::KEYS;
const META: MetadataKeys = doc::Metadata::KEYS;
const LINK: LinkKeys = doc::Link::KEYS;
const GROUP: GroupSpecKeys = doc::GroupSpec::KEYS;
const COMPONENT: ComponentSpecKeys = doc::ComponentSpec::KEYS;
const API: ApiSpecKeys = doc::ApiSpec::KEYS;
use crate::model::{
    ContractRef, CustomProperty, DataProduct, Domain, Extensions, Link, Membership, MeshInfo,
    OutputPort, PortType, ProductDescription, ServiceLevel, Status, Team, Visibility,
};

/// Meshwright's annotation keys.
mod note {
    pub const ID: &str = "meshwright.dev/id";
    pub const OWNER_INHERITED: &str = "meshwright.dev/owner-inherited";
    pub const CUSTOM: &str = "meshwright.dev/custom-properties";
    pub const REPO_FOLDER: &str = "meshwright.dev/repo-folder";
    pub const MEMBERS: &str = "meshwright.dev/members";
    pub const TEAM_TYPE: &str = "meshwright.dev/team-type";
    pub const VERSION: &str = "meshwright.dev/version";
    pub const STATUS: &str = "meshwright.dev/status";
    pub const ARCHETYPE: &str = "meshwright.dev/archetype";
    pub const USAGE: &str = "meshwright.dev/usage";
    pub const LIMITATIONS: &str = "meshwright.dev/limitations";
    pub const ACCOUNTABLE: &str = "meshwright.dev/accountable";
    pub const TAGS: &str = "meshwright.dev/tags";
    pub const INPUTS: &str = "meshwright.dev/inputs";
    pub const PORT_NAME: &str = "meshwright.dev/port-name";
    pub const PORT_VERSION: &str = "meshwright.dev/port-version";
    pub const PORT_TYPE: &str = "meshwright.dev/port-type";
    pub const VISIBILITY: &str = "meshwright.dev/visibility";
    pub const PII: &str = "meshwright.dev/contains-pii";
    pub const CLASSIFICATION: &str = "meshwright.dev/classification";
    pub const CONTRACT: &str = "meshwright.dev/contract";
    pub const SERVICE_LEVELS: &str = "meshwright.dev/service-levels";
    pub const DEPRECATION_DATE: &str = "meshwright.dev/deprecation-date";
    pub const SUCCESSOR: &str = "meshwright.dev/successor";
    pub const PLACEHOLDER: &str = "meshwright.dev/placeholder";
}

/// The name part of an entity reference `[kind:][namespace/]name`, and its kind.
fn reference(text: &str) -> (Option<&str>, &str) {
    let (kind, rest) = match text.split_once(':') {
        Some((k, r)) => (Some(k), r),
        None => (None, text),
    };
    (kind, rest.rsplit('/').next().unwrap_or(rest))
}

fn kind_of(doc: &Value) -> &str {
    doc.get(ENVELOPE.kind).and_then(Value::as_str).unwrap_or("")
}

fn name_of(doc: &Value) -> Option<&str> {
    doc.get(ENVELOPE.metadata)?.get(META.name)?.as_str()
}

fn annotation<'v>(doc: &'v Value, key: &str) -> Option<&'v str> {
    doc.get(ENVELOPE.metadata)?
        .get(META.annotations)?
        .get(key)?
        .as_str()
}

/// The ids catalogs give domains, teams and source systems, registered by name before
/// any document is decoded so that ODPS files naming them land on the same entity.
pub(super) fn register(d: &mut Decoder<'_>, documents: &[SourceDocument]) {
    for doc in documents
        .iter()
        .filter(|doc| doc.format == Detected::Backstage)
    {
        let v = &doc.value;
        let id = annotation(v, note::ID).and_then(|s| Uuid::parse_str(s).ok());
        match (kind_of(v), name_of(v), id) {
            ("Domain", Some(name), Some(id)) => d.register_domain(&slugify(name), id),
            ("Group", Some(name), Some(id)) => d.register_team(&slugify(name), id),
            ("Component", _, _) => {
                let records = annotation(v, note::INPUTS)
                    .and_then(|t| serde_json::from_str::<Vec<Value>>(t).ok())
                    .unwrap_or_default();
                for system in records.iter().filter_map(|r| r.get("sourceSystem")) {
                    let name = system.get("name").and_then(Value::as_str);
                    let id = system.get("id").and_then(Value::as_str);
                    if let (Some(name), Some(Ok(id))) = (name, id.map(Uuid::parse_str)) {
                        d.register_source_system(name, id);
                    }
                }
            }
            _ => {}
        }
    }
}

/// One catalog entity being read.
struct Entity<'v> {
    path: &'v Path,
    /// The document's position in its file.
    index: usize,
    kind: &'v str,
    /// `metadata.name` as written.
    name: &'v str,
    meta: Fields<'v>,
    spec: Fields<'v>,
    /// The first Domain of the entity's file, as a slug.
    file_domain: Option<String>,
    doc: &'v Value,
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl<'v> Entity<'v> {
    /// The bag of what was not read: `{"metadata": {...}, "spec": {...}}`, with the
    /// annotations that are not Meshwright's under `metadata.annotations`.
    fn bag(
        &self,
        notes: Option<Fields<'_>>,
        mut spec_extra: Map<String, Value>,
    ) -> Map<String, Value> {
        let mut meta = self.meta.rest();
        if let Some(notes) = notes {
            let rest = notes.rest();
            if !rest.is_empty() {
                meta.insert(META.annotations.into(), Value::Object(rest));
            }
        }
        let mut spec = self.spec.rest();
        spec.append(&mut spec_extra);
        let mut bag = Map::new();
        if !meta.is_empty() {
            bag.insert(ENVELOPE.metadata.into(), Value::Object(meta));
        }
        if !spec.is_empty() {
            bag.insert(ENVELOPE.spec.into(), Value::Object(spec));
        }
        bag
    }
}

/// Annotations, read by key.
struct Notes<'v>(Fields<'v>);

impl Notes<'_> {
    fn text(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<String> {
        self.0.string(key, sink)
    }

    fn json<T: DeserializeOwned>(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<T> {
        let field = self.0.name(key);
        let text = self.0.string(key, sink)?;
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => typed(&v, &field, sink),
            Err(e) => {
                sink.error(&field, format!("is not JSON: {e}"));
                None
            }
        }
    }

    fn word<T: Word>(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<T> {
        let field = self.0.name(key);
        let text = self.0.string(key, sink)?;
        word_of(&text, &field, sink)
    }

    fn uuid(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Uuid> {
        let field = self.0.name(key);
        let text = self.0.string(key, sink)?;
        let id = Uuid::parse_str(&text).ok();
        if id.is_none() {
            sink.error(&field, format!("`{text}` is not a UUID"));
        }
        id
    }
}

/// Where an entity the model does not hold is kept.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Home {
    Product(Uuid),
    Domain(String),
    /// The mesh header's bag: the entity names no System or Domain the import holds.
    Mesh,
}

/// What the catalogs of an import give besides the staged entities: the references
/// left to resolve, and the entities kept at the mesh level.
pub(super) struct Catalogs {
    pending: Pending,
    /// Entities of kinds the model does not hold that name no System or Domain of the
    /// import, as they were.
    mesh: Vec<Value>,
    /// (kind, namespace, name) of every entity kept with a product or domain.
    placed: HashSet<(String, String, String)>,
}

/// A reference the import could not resolve: kept as the catalog wrote it (so a
/// re-export writes it unchanged), not an error. The entities it names may well live in
/// catalogs that are not part of this import.
/// They reach the decoder's warnings (errors under `--strict`) once the catalogs are read.
fn unresolved(warnings: &mut Vec<ImportError>, path: &Path, field: String, reason: String) {
    warnings.push(ImportError::field(path, field, reason));
}

/// An entity's identity in a catalog: kind, namespace (`default` when none), name.
fn identity(entity: &Value) -> (String, String, String) {
    let text = |pointer: &str| entity.pointer(pointer).and_then(Value::as_str);
    (
        kind_of(entity).to_owned(),
        text(&format!("/{}/{}", ENVELOPE.metadata, META.namespace))
            .unwrap_or("default")
            .to_owned(),
        text(&format!("/{}/{}", ENVELOPE.metadata, META.name))
            .unwrap_or("")
            .to_owned(),
    )
}

/// The catalogs' names, as decoding goes.
#[derive(Default)]
struct Names {
    /// Backstage System names of data products → product id.
    products: HashMap<String, Uuid>,
    /// Systems of other types → where they are kept.
    other_systems: HashMap<String, Home>,
    /// Domain names the catalogs declare.
    domains: HashSet<String>,
    /// Index of each product's part in `d.staged.products`.
    product_parts: HashMap<Uuid, usize>,
    /// Index of each domain's part in `d.staged.domains`, by slug.
    domain_parts: HashMap<String, usize>,
}

/// Decodes every Backstage entity of `documents` into `d.staged`.
pub(super) fn decode_all(d: &mut Decoder<'_>, documents: &[SourceDocument]) -> Catalogs {
    let docs: Vec<&SourceDocument> = documents
        .iter()
        .filter(|doc| doc.format == Detected::Backstage)
        .collect();
    let mut pending = Pending::default();
    let mut catalogs = Catalogs {
        pending: Pending::default(),
        mesh: Vec::new(),
        placed: HashSet::new(),
    };
    if docs.is_empty() {
        return catalogs;
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut file_domain: HashMap<&Path, String> = HashMap::new();
    let mut seen: HashMap<(&str, &str, &str), &Path> = HashMap::new();
    let mut entities = Vec::new();
    for doc in &docs {
        let mut sink = Sink {
            path: &doc.path,
            errors: &mut errors,
        };
        let Some(entity) = envelope(doc, &mut sink) else {
            continue;
        };
        // The kinds the model maps (a Domain, a team, a product, a port, a product's
        // Component) are matched by name, so their names are unique per kind. Entities
        // kept whole are unique per kind and namespace, as in Backstage: the catalog
        // examples (backstage/backstage `packages/catalog-model/examples/acme/
        // team-a-group.yaml`) declare a User `guest` in `default` and in `development`.
        let namespace = match entity.kind {
            "Domain" | "Group" | "System" | "API" | "Component" => "",
            _ => entity
                .doc
                .pointer("/metadata/namespace")
                .and_then(Value::as_str)
                .unwrap_or("default"),
        };
        if let Some(first) = seen.insert((entity.kind, namespace, entity.name), &doc.path) {
            let scope = if namespace.is_empty() {
                "per kind".to_owned()
            } else {
                format!("per kind and namespace (here `{namespace}`)")
            };
            sink.error(
                &format!("{}[{}].metadata.name", entity.kind, entity.name),
                format!(
                    "{} `{}` is declared twice (also in {}); an entity name is unique {scope}",
                    entity.kind,
                    entity.name,
                    first.display()
                ),
            );
            continue;
        }
        if entity.kind == "Domain" {
            file_domain
                .entry(&doc.path)
                .or_insert_with(|| slugify(entity.name));
        }
        entities.push(entity);
    }
    for e in &mut entities {
        e.file_domain = file_domain.get(e.path).cloned();
    }
    let mut names = Names::default();
    let mut by_kind: HashMap<&str, Vec<Entity<'_>>> = HashMap::new();
    for e in entities {
        let kind = match e.kind {
            k @ ("Domain" | "Group" | "System" | "API" | "Component") => k,
            _ => "other",
        };
        by_kind.entry(kind).or_default().push(e);
    }
    let mut take = |kind: &str| by_kind.remove(kind).unwrap_or_default();
    let (domains, groups, systems, apis, components, others) = (
        take("Domain"),
        take("Group"),
        take("System"),
        take("API"),
        take("Component"),
        take("other"),
    );
    let mut parents = Vec::new();
    for e in &domains {
        names.domains.insert(slugify(e.name));
    }
    for mut e in groups {
        // The stand-in owner the exporter writes where the mesh names none is no team.
        let placeholder = annotation(e.doc, note::PLACEHOLDER) == Some("true");
        if placeholder && e.name == export::UNOWNED_GROUP {
            continue;
        }
        let mut sink = Sink {
            path: e.path,
            errors: &mut errors,
        };
        group(d, &mut e, &mut sink);
    }
    for mut e in domains {
        let mut sink = Sink {
            path: e.path,
            errors: &mut errors,
        };
        if let Some(parent) = domain(d, &mut e, &mut names, &mut sink) {
            parents.push(parent);
        }
    }
    for (at, path, field, parent) in parents {
        match d.domain_known(&slugify(&parent)) {
            Some(id) => d.staged.domains[at].entity.parent_id = Some(id),
            None => {
                unresolved(
                    &mut warnings,
                    &path,
                    field,
                    format!(
                        "names Domain `{parent}`, which neither the imported files nor the mesh hold; kept as written"
                    ),
                );
                let extensions = &mut d.staged.domains[at].entity.extensions;
                bag_part(extensions, ENVELOPE.spec).insert(
                    doc::DomainSpec::KEYS.subdomain_of.into(),
                    Value::String(parent),
                );
            }
        }
    }
    let mut kept: Vec<(Home, Value, PathBuf, String)> = Vec::new();
    for mut e in systems {
        let mut sink = Sink {
            path: e.path,
            errors: &mut errors,
        };
        let is_product = e
            .doc
            .pointer("/spec/type")
            .is_none_or(|t| t.as_str() == Some("data-product"));
        if is_product {
            system(d, &mut e, &mut names, &mut sink, &mut warnings);
        } else {
            let home = home(d, &e, &names, &mut warnings);
            names.other_systems.insert(e.name.to_owned(), home.clone());
            kept.push((home, e.doc.clone(), e.path.to_path_buf(), e.name.to_owned()));
        }
    }
    // An API of a data product is a port, the product's own Component holds its
    // inputs; anything else that belongs to a product or domain is kept whole.
    for mut e in apis.into_iter().chain(components).chain(others) {
        let mut sink = Sink {
            path: e.path,
            errors: &mut errors,
        };
        let home = match system_of(d, &e, &names, &mut warnings) {
            Ok(product) if e.kind == "API" => {
                api(d, &mut e, product, &mut pending, &mut sink);
                continue;
            }
            Ok(product)
                if e.kind == "Component" && names.products.get(e.name) == Some(&product) =>
            {
                component(d, &mut e, product, &names, &mut pending, &mut sink);
                continue;
            }
            Ok(product) => Home::Product(product),
            Err(home) => home,
        };
        kept.push((home, e.doc.clone(), e.path.to_path_buf(), e.name.to_owned()));
    }
    for (home, entity, path, name) in kept {
        let part = match &home {
            Home::Product(id) => names
                .product_parts
                .get(id)
                .map(|&i| &mut d.staged.products[i].entity.extensions),
            Home::Domain(slug) => names
                .domain_parts
                .get(slug)
                .map(|&i| &mut d.staged.domains[i].entity.extensions),
            Home::Mesh => None,
        };
        // A System or Domain only the mesh (or another format) holds has no part of
        // this import to keep the entity in: it is kept at the mesh level instead.
        let Some(extensions) = part else {
            if home != Home::Mesh {
                let what = match &home {
                    Home::Product(_) => "System",
                    _ => "Domain",
                };
                unresolved(
                    &mut warnings,
                    &path,
                    format!("{}[{name}]", kind_of(&entity)),
                    format!(
                        "its {what} is in no Backstage catalog of the import; kept with the mesh"
                    ),
                );
            }
            catalogs.mesh.push(entity);
            continue;
        };
        catalogs.placed.insert(identity(&entity));
        if let Value::Array(list) = bag_entry(extensions, "entities", || Value::Array(Vec::new())) {
            list.push(entity);
        }
    }
    d.errors.append(&mut errors);
    for w in warnings {
        d.keep_unplaced(&w.path, w.field.unwrap_or_default(), w.reason);
    }
    catalogs.pending = pending;
    catalogs
}

/// The value under `key` in an entity's `backstage` bag, made with `make` when absent.
fn bag_entry<'e>(
    extensions: &'e mut Extensions,
    key: &str,
    make: impl FnOnce() -> Value,
) -> &'e mut Value {
    let bag = extensions
        .entry(FORMAT.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !bag.is_object() {
        *bag = Value::Object(Map::new());
    }
    match bag {
        Value::Object(bag) => bag.entry(key).or_insert_with(make),
        _ => unreachable!("made a mapping above"),
    }
}

/// The `metadata` or `spec` mapping of an entity's `backstage` bag.
fn bag_part<'e>(extensions: &'e mut Extensions, part: &str) -> &'e mut Map<String, Value> {
    let value = bag_entry(extensions, part, || Value::Object(Map::new()));
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("made a mapping above"),
    }
}

/// The envelope: kind and name, with metadata and spec ready to read.
fn envelope<'v>(doc: &'v SourceDocument, sink: &mut Sink<'_>) -> Option<Entity<'v>> {
    let kind = kind_of(&doc.value);
    let at = format!("{kind}[document {}]", doc.index + 1);
    let Some(meta) = doc.value.get(ENVELOPE.metadata).and_then(Value::as_object) else {
        sink.error(
            &format!("{at}.metadata"),
            "is required and must be a mapping",
        );
        return None;
    };
    let Some(name) = meta.get(META.name).and_then(Value::as_str) else {
        sink.error(
            &format!("{at}.metadata.name"),
            "is required and must be a string",
        );
        return None;
    };
    let at = format!("{kind}[{name}]");
    let spec = match doc.value.get(ENVELOPE.spec) {
        None | Some(Value::Null) => &*EMPTY,
        Some(Value::Object(spec)) => spec,
        Some(other) => {
            sink.wrong_type(&format!("{at}.spec"), "a mapping", other);
            return None;
        }
    };
    let mut meta = Fields::new(meta, format!("{at}.metadata"));
    meta.skip(META.name);
    Some(Entity {
        path: &doc.path,
        index: doc.index,
        kind,
        name,
        meta,
        spec: Fields::new(spec, format!("{at}.spec")),
        file_domain: None,
        doc: &doc.value,
    })
}

fn notes<'v>(e: &mut Entity<'v>, sink: &mut Sink<'_>) -> Notes<'v> {
    let at = e.meta.name(META.annotations);
    Notes(
        e.meta
            .object(META.annotations, sink)
            .unwrap_or_else(|| Fields::new(&EMPTY, at)),
    )
}

/// `metadata.links` as links when the model can hold every one of them, else `None`
/// (the list then stays whole in the bag).
fn links(e: &mut Entity<'_>, sink: &mut Sink<'_>) -> Option<Vec<Link>> {
    let raw = e.doc.get(ENVELOPE.metadata)?.get(META.links)?;
    let fits = raw.as_array().is_some_and(|items| {
        items.iter().all(|l| {
            l.as_object().is_some_and(|o| {
                o.get(LINK.url).is_some_and(Value::is_string)
                    && o.iter().all(|(k, v)| {
                        [LINK.url, LINK.title, LINK.kind].contains(&k.as_str())
                            && v.as_str().is_some_and(|s| !s.is_empty())
                    })
            })
        })
    });
    if !fits {
        return None;
    }
    e.meta.list(META.links, sink);
    let text = |o: &Value, k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
    Some(
        raw.as_array()?
            .iter()
            .map(|l| Link {
                url: text(l, LINK.url).unwrap_or_default(),
                title: text(l, LINK.title),
                kind: text(l, LINK.kind),
            })
            .collect(),
    )
}

/// The team an owner reference names, or `None` with the reference kept in `spec`.
fn owner(
    d: &Decoder<'_>,
    text: Option<String>,
    inherited: bool,
    kept: &mut Map<String, Value>,
) -> Option<Uuid> {
    let text = text?;
    if inherited {
        return None; // the exporter wrote a team the entity does not name itself
    }
    let (kind, name) = reference(&text);
    let slug = slugify(name);
    if kind.is_none_or(|k| k.eq_ignore_ascii_case("group")) && d.team_known(&slug) {
        return Some(d.team_id(&slug));
    }
    // An owner the import does not hold (a User, which is not modelled, or a Group of
    // another catalog) is written back as read; ownership rules report the product.
    kept.insert(doc::SystemSpec::KEYS.owner.into(), Value::String(text));
    None
}

fn extensions_of(bag: Map<String, Value>) -> Extensions {
    let mut extensions = Extensions::new();
    put_bag(&mut extensions, FORMAT, bag);
    extensions
}

fn group(d: &mut Decoder<'_>, e: &mut Entity<'_>, sink: &mut Sink<'_>) {
    let title = e.meta.string(META.title, sink);
    let description = e.meta.string(META.description, sink);
    let mut notes = notes(e, sink);
    let id = notes.uuid(note::ID, sink);
    let members: Vec<Value> = notes.json(note::MEMBERS, sink).unwrap_or_default();
    let team_type = notes.word(note::TEAM_TYPE, sink);
    let custom: Vec<CustomProperty> = notes.json(note::CUSTOM, sink).unwrap_or_default();
    let mut kept = Map::new();
    match e.spec.string(GROUP.group_type, sink) {
        Some(t) if t != "team" => {
            kept.insert(GROUP.group_type.into(), Value::String(t));
        }
        _ => {}
    }
    let children = e.spec.list(GROUP.children, sink);
    if !children.is_empty() {
        kept.insert(GROUP.children.into(), Value::Array(children.to_vec()));
    }
    let (display, email) = match e.spec.object(GROUP.profile, sink) {
        Some(mut p) => {
            let display = p.string(doc::Profile::KEYS.display_name, sink);
            let email = p.string(doc::Profile::KEYS.email, sink);
            let rest = p.rest();
            if !rest.is_empty() {
                kept.insert(GROUP.profile.into(), Value::Object(rest));
            }
            (display, email)
        }
        None => (None, None),
    };
    let mut memberships = Vec::new();
    let field = notes.0.name(note::MEMBERS);
    for (i, m) in members.iter().enumerate() {
        let text = |k: &str| m.get(k).and_then(Value::as_str);
        let role = text("role").unwrap_or("member").to_owned();
        if let Some(username) = text("username") {
            let person = d.person(e.path, username, text("displayName"));
            if let Some(email) = text("email")
                && let Some(p) = d.person_mut(e.path, person)
                && p.email.is_none()
            {
                p.email = Some(email.to_owned());
            }
            memberships.push(Membership {
                person_id: person,
                role,
            });
        } else if let Some(Ok(id)) = text("personId").map(Uuid::parse_str)
            && d.mesh.people.iter().any(|p| p.id == id)
        {
            memberships.push(Membership {
                person_id: id,
                role,
            });
        } else {
            sink.error(
                &format!("{field}[{i}]"),
                "names no person the import or the mesh holds (`username` or `personId`)",
            );
        }
    }
    let bag = e.bag(Some(notes.0), kept);
    let name = slugify(e.name);
    let mut defaulted = Vec::new();
    if title.is_none() && display.is_none() {
        defaulted.push("title");
    }
    let id = id.unwrap_or_else(|| d.team_id(&name));
    d.register_team(&name, id);
    d.staged.teams.push(Part {
        path: e.path.to_path_buf(),
        format: Detected::Backstage,
        entity: Team {
            id,
            title: title.or(display).unwrap_or_else(|| name.clone()),
            name,
            description,
            email,
            team_type,
            members: memberships,
            custom_properties: custom,
            extensions: extensions_of(bag),
        },
        defaulted,
    });
}

/// Decodes a Domain; returns its pending parent (part index, file, field, name).
fn domain(
    d: &mut Decoder<'_>,
    e: &mut Entity<'_>,
    names: &mut Names,
    sink: &mut Sink<'_>,
) -> Option<(usize, PathBuf, String, String)> {
    let title = e.meta.string(META.title, sink);
    let description = e.meta.string(META.description, sink);
    let links = links(e, sink);
    let mut notes = notes(e, sink);
    let id = notes.uuid(note::ID, sink);
    let inherited = notes.text(note::OWNER_INHERITED, sink).is_some();
    let custom: Vec<CustomProperty> = notes.json(note::CUSTOM, sink).unwrap_or_default();
    let repo_folder = notes.text(note::REPO_FOLDER, sink);
    let owner_text = e.spec.string(doc::SystemSpec::KEYS.owner, sink);
    let parent_field = e.spec.name(doc::DomainSpec::KEYS.subdomain_of);
    let parent = e.spec.string(doc::DomainSpec::KEYS.subdomain_of, sink);
    let mut kept = Map::new();
    let owner_team = owner(d, owner_text, inherited, &mut kept);
    let bag = e.bag(Some(notes.0), kept);
    let name = slugify(e.name);
    let id = id.unwrap_or_else(|| {
        d.domain_known(&name)
            .unwrap_or_else(|| derived(&d.ns, "domain", &name))
    });
    d.register_domain(&name, id);
    let mut defaulted = Vec::new();
    if title.is_none() {
        defaulted.push("title");
    }
    let at = d.staged.domains.len();
    names.domain_parts.insert(name.clone(), at);
    d.staged.domains.push(Part {
        path: e.path.to_path_buf(),
        format: Detected::Backstage,
        entity: Domain {
            id,
            title: title.unwrap_or_else(|| title_of(&name)),
            name,
            description,
            parent_id: None,
            owner_team_id: owner_team,
            repo_folder,
            links: links.unwrap_or_default(),
            custom_properties: custom,
            extensions: extensions_of(bag),
        },
        defaulted,
    });
    parent.map(|p| (at, e.path.to_path_buf(), parent_field, p))
}

fn system(
    d: &mut Decoder<'_>,
    e: &mut Entity<'_>,
    names: &mut Names,
    sink: &mut Sink<'_>,
    warnings: &mut Vec<ImportError>,
) {
    let title = e.meta.string(META.title, sink);
    let purpose = e.meta.string(META.description, sink);
    let links = links(e, sink);
    let plain_tags = e.meta.strings(META.tags, sink);
    let mut notes = notes(e, sink);
    let id = notes.uuid(note::ID, sink);
    let version = notes.text(note::VERSION, sink);
    let status = notes.word(note::STATUS, sink);
    let archetype = notes.word(note::ARCHETYPE, sink);
    let usage = notes.text(note::USAGE, sink);
    let limitations = notes.text(note::LIMITATIONS, sink);
    let accountable = notes.text(note::ACCOUNTABLE, sink);
    let inherited = notes.text(note::OWNER_INHERITED, sink).is_some();
    let tags: Option<Vec<String>> = notes.json(note::TAGS, sink);
    let custom: Vec<CustomProperty> = notes.json(note::CUSTOM, sink).unwrap_or_default();
    let owner_text = e.spec.string(doc::SystemSpec::KEYS.owner, sink);
    let domain_field = e.spec.name(doc::SystemSpec::KEYS.domain);
    let domain = e.spec.string(doc::SystemSpec::KEYS.domain, sink);
    e.spec.skip(doc::SystemSpec::KEYS.system_type);
    let mut kept = Map::new();
    let owner_team = owner(d, owner_text, inherited, &mut kept);
    let known = domain.as_deref().map(|name| d.domain_known(&slugify(name)));
    let domain_id = match (domain, known.flatten()) {
        (_, Some(id)) => id,
        // A Domain of another catalog: the product goes to the placeholder domain and
        // keeps the reference, which the exporter writes back as it was.
        (Some(name), None) => {
            unresolved(
                warnings,
                e.path,
                domain_field,
                format!(
                    "names Domain `{name}`, which neither the imported files nor the mesh hold; kept as written"
                ),
            );
            kept.insert(doc::SystemSpec::KEYS.domain.into(), Value::String(name));
            d.domain(e.path, "imported")
        }
        (None, None) => d.domain(e.path, "imported"),
    };
    let bag = e.bag(Some(notes.0), kept);
    let name = slugify(e.name);
    let id = id.unwrap_or_else(|| {
        d.product_id(&name)
            .unwrap_or_else(|| derived(&d.ns, "product", &name))
    });
    let defaulted = defaulted(&[
        ("version", version.is_none()),
        ("status", status.is_none()),
        ("displayName", title.is_none()),
    ]);
    let accountable = accountable.map(|u| d.person(e.path, &u, None));
    d.note_product(&name, id);
    names.products.insert(e.name.to_owned(), id);
    names.product_parts.insert(id, d.staged.products.len());
    d.staged.products.push(Part {
        path: e.path.to_path_buf(),
        format: Detected::Backstage,
        entity: DataProduct {
            id,
            display_name: title.unwrap_or_else(|| name.clone()),
            name,
            version: version.unwrap_or_else(|| "0.0.0".into()),
            description: ProductDescription {
                purpose,
                usage,
                limitations,
            },
            domain_id,
            owner_team_id: owner_team,
            accountable_person_id: accountable,
            status: status.unwrap_or(Status::Active),
            archetype,
            tags: tags.unwrap_or(plain_tags),
            links: links.unwrap_or_default(),
            custom_properties: custom,
            extensions: extensions_of(bag),
        },
        defaulted,
    });
}

/// Where an entity that is not modelled is kept when it names no product: the Domain
/// its `spec.domain` names, else its file's first Domain, else the mesh. The entity is
/// kept whole, so a Domain named but not found stays in its `spec` as written.
fn home(d: &Decoder<'_>, e: &Entity<'_>, names: &Names, warnings: &mut Vec<ImportError>) -> Home {
    if let Some(domain) = e.doc.pointer("/spec/domain").and_then(Value::as_str) {
        let slug = slugify(domain);
        if names.domains.contains(&slug) {
            return Home::Domain(slug);
        }
        if d.domain_known(&slug).is_none() {
            unresolved(
                warnings,
                e.path,
                e.spec.name(doc::SystemSpec::KEYS.domain),
                format!(
                    "names Domain `{domain}`, which neither the imported files nor the mesh hold; kept as written"
                ),
            );
        }
    }
    match &e.file_domain {
        Some(slug) => Home::Domain(slug.clone()),
        None => Home::Mesh,
    }
}

/// The product an entity's `spec.system` names (`Ok`), or where the entity is kept
/// (`Err`): with a System of another type, else as if it named none ([`home`]) when
/// the System exists nowhere the import can see.
fn system_of(
    d: &Decoder<'_>,
    e: &Entity<'_>,
    names: &Names,
    warnings: &mut Vec<ImportError>,
) -> Result<Uuid, Home> {
    let Some(system) = e.doc.pointer("/spec/system").and_then(Value::as_str) else {
        return Err(home(d, e, names, warnings));
    };
    let (_, name) = reference(system);
    if let Some(&id) = names.products.get(name) {
        return Ok(id);
    }
    if let Some(home) = names.other_systems.get(name) {
        return Err(home.clone());
    }
    match d.product_id(&slugify(name)) {
        Some(id) => Ok(id),
        None => {
            unresolved(
                warnings,
                e.path,
                e.spec.name(doc::ApiSpec::KEYS.system),
                format!(
                    "names System `{system}`, which neither the imported files nor the mesh hold; kept as written"
                ),
            );
            Err(home(d, e, names, warnings))
        }
    }
}

/// The product with `id` as the import knows it: the catalog's System, an ODPS
/// file's, or the mesh's.
fn product_of(d: &Decoder<'_>, names: Option<&Names>, id: Uuid) -> Option<DataProduct> {
    if let Some(&i) = names.and_then(|n| n.product_parts.get(&id)) {
        return Some(d.staged.products[i].entity.clone());
    }
    d.staged
        .products
        .iter()
        .map(|p| &p.entity)
        .chain(d.incoming.products.iter().map(|(_, p)| p))
        .chain(d.mesh.products.iter())
        .find(|p| p.id == id)
        .cloned()
}

/// Port types of the API kinds Backstage knows, else the Bitol words.
fn api_port_type(t: &str) -> PortType {
    match t {
        "openapi" | "graphql" | "grpc" | "trpc" => PortType::Api,
        "asyncapi" => PortType::Stream,
        other => port_type(Some(other)),
    }
}

fn api(
    d: &mut Decoder<'_>,
    e: &mut Entity<'_>,
    product_id: Uuid,
    pending: &mut Pending,
    sink: &mut Sink<'_>,
) {
    let title = e.meta.string(META.title, sink);
    let description = e.meta.string(META.description, sink);
    let mut notes = notes(e, sink);
    let id = notes.uuid(note::ID, sink);
    let port_name = notes.text(note::PORT_NAME, sink);
    let port_version = notes.text(note::PORT_VERSION, sink);
    let type_note = notes.word(note::PORT_TYPE, sink);
    let status_note = notes.word(note::STATUS, sink);
    let visibility = notes.word(note::VISIBILITY, sink);
    let pii_field = notes.0.name(note::PII);
    let pii = notes.text(note::PII, sink).and_then(|t| match t.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        other => {
            sink.error(
                &pii_field,
                format!("must be \"true\" or \"false\", not {other:?}"),
            );
            None
        }
    });
    let classification = notes.text(note::CLASSIFICATION, sink);
    let mut contract: Option<ContractRef> = notes.json(note::CONTRACT, sink);
    let levels: Vec<ServiceLevel> = notes.json(note::SERVICE_LEVELS, sink).unwrap_or_default();
    let date_field = notes.0.name(note::DEPRECATION_DATE);
    let deprecation_date = notes.text(note::DEPRECATION_DATE, sink).and_then(|s| {
        let date = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        if date.is_none() {
            sink.error(&date_field, format!("`{s}` is not a date like 2026-12-31"));
        }
        date
    });
    let successor_field = notes.0.name(note::SUCCESSOR);
    let successor = notes.text(note::SUCCESSOR, sink);
    let custom: Vec<CustomProperty> = notes.json(note::CUSTOM, sink).unwrap_or_default();
    let api_type = e.spec.string(API.api_type, sink);
    let lifecycle = e.spec.string(API.lifecycle, sink);
    e.spec.skip(API.owner);
    e.spec.skip(API.system);
    e.spec.skip(API.definition);
    let mut definition = e.doc.pointer("/spec/definition").cloned();
    // A definition holding an ODCS contract is read as the contract's file is; the
    // exporter writes it from the port again.
    if let Some(Value::String(text)) = &definition
        && let Ok(mut values) = super::source::parse_yaml(e.path, text)
        && values.len() == 1
        && let Some((document, reference)) = odcs::carried(e.path, e.index, values.remove(0))
    {
        contract.get_or_insert(reference);
        d.carried_contracts.push(document);
        definition = None;
    }
    let Some(product) = product_of(d, None, product_id) else {
        return;
    };
    let mut defaulted = Vec::new();
    let prefix = format!("{}.", product.name);
    let name = port_name.unwrap_or_else(|| slugify(e.name.strip_prefix(&prefix).unwrap_or(e.name)));
    if port_version.is_none() {
        defaulted.push("version");
    }
    let version = port_version.unwrap_or_else(|| "1.0.0".into());
    let port_type = type_note.unwrap_or_else(|| {
        defaulted.push("type");
        api_port_type(api_type.as_deref().unwrap_or(""))
    });
    let status = status_note.unwrap_or_else(|| match lifecycle.as_deref() {
        Some("production") => Status::Active,
        Some("experimental") => Status::Development,
        Some("deprecated") => Status::Deprecated,
        _ => {
            defaulted.push("status");
            product.status
        }
    });
    if visibility.is_none() {
        defaulted.push("visibility");
    }
    if pii.is_none() {
        defaulted.push("containsPii");
    }
    let id = id.unwrap_or_else(|| {
        d.port_id(product_id, &name, &version).unwrap_or_else(|| {
            derived(
                &d.ns,
                "output-port",
                &format!("{product_id}/{name}/{version}"),
            )
        })
    });
    let mut port = OutputPort {
        id,
        product_id,
        name,
        version,
        port_type,
        description,
        visibility: visibility.unwrap_or(Visibility::Public),
        status,
        contract,
        contains_pii: pii.unwrap_or(false),
        classification,
        service_levels: levels,
        contract_body: Default::default(),
        deprecation_date,
        successor_port_id: None,
        custom_properties: custom,
        extensions: Extensions::new(),
    };
    // What the exporter derives is kept only where this document says otherwise.
    let mut meta_kept = Map::new();
    if let Some(t) = title.filter(|t| *t != export::api_title(&product, &port)) {
        meta_kept.insert(META.title.into(), Value::String(t));
    }
    let mut kept = Map::new();
    let expected_type = if port.contract.is_some() {
        "odcs"
    } else {
        port.port_type.as_str()
    };
    if let Some(t) = api_type.filter(|t| t != expected_type) {
        kept.insert(API.api_type.into(), Value::String(t));
    }
    if let Some(l) = lifecycle.filter(|l| l != export::lifecycle(port.status)) {
        kept.insert(API.lifecycle.into(), Value::String(l));
    }
    if let Some(def) = definition.filter(|def| !is_summary(def, &product, &port)) {
        kept.insert(API.definition.into(), def);
    }
    let mut bag = e.bag(Some(notes.0), kept);
    if !meta_kept.is_empty() {
        let meta = bag
            .entry(ENVELOPE.metadata)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(meta) = meta {
            meta.extend(meta_kept);
        }
    }
    port.extensions = extensions_of(bag);
    d.note_port(product_id, &port.name, &port.version, id);
    pending.names.push((e.name.to_owned(), id));
    if let Some(s) = successor {
        pending
            .successors
            .push((id, e.path.to_path_buf(), successor_field, s));
    }
    d.staged.output_ports.push(Part {
        path: e.path.to_path_buf(),
        format: Detected::Backstage,
        entity: port,
        defaulted,
    });
}

/// Whether `definition` is the exporter's summary of a port ([`export::summary`]), or
/// the one it wrote before it carried the contract (with the contract reference, which
/// the annotations hold too).
fn is_summary(definition: &Value, product: &DataProduct, port: &OutputPort) -> bool {
    let Some(text) = definition.as_str() else {
        return false;
    };
    if text == export::summary(product, port) {
        return true;
    }
    let one = |text: &str| match super::source::parse_yaml(Path::new(""), text).as_deref() {
        Ok([Value::Object(map)]) => Some(map.clone()),
        _ => None,
    };
    let (Some(mut written), Some(summary)) = (one(text), one(&export::summary(product, port)))
    else {
        return false;
    };
    written.remove("contract");
    port.contract.is_some() && written == summary
}

/// The product's own Component: its inputs, and what else it holds in the product's
/// bag under `component`.
fn component(
    d: &mut Decoder<'_>,
    e: &mut Entity<'_>,
    product_id: Uuid,
    names: &Names,
    pending: &mut Pending,
    sink: &mut Sink<'_>,
) {
    let title = e.meta.string(META.title, sink);
    let description = e.meta.string(META.description, sink);
    let mut notes = notes(e, sink);
    let inputs_field = notes.0.name(note::INPUTS);
    let records: Vec<Value> = notes.json(note::INPUTS, sink).unwrap_or_default();
    let mut kept = Map::new();
    match e.spec.string(COMPONENT.component_type, sink) {
        Some(t) if t != "data-pipeline" => {
            kept.insert(COMPONENT.component_type.into(), Value::String(t));
        }
        _ => {}
    }
    for derived_key in [
        COMPONENT.lifecycle,
        COMPONENT.owner,
        COMPONENT.system,
        COMPONENT.provides_apis,
        COMPONENT.depends_on,
    ] {
        e.spec.skip(derived_key);
    }
    let consumes_field = e.spec.name(COMPONENT.consumes_apis);
    let consumes = e.spec.strings(COMPONENT.consumes_apis, sink);
    let Some(product) = product_of(d, Some(names), product_id) else {
        return;
    };
    let mut meta_kept = Map::new();
    if let Some(t) = title.filter(|t| *t != product.display_name) {
        meta_kept.insert(META.title.into(), Value::String(t));
    }
    if let Some(text) = description.filter(|t| *t != export::component_description(&product)) {
        meta_kept.insert(META.description.into(), Value::String(text));
    }
    let mut bag = e.bag(Some(notes.0), kept);
    if !meta_kept.is_empty() {
        let meta = bag
            .entry(ENVELOPE.metadata)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(meta) = meta {
            meta.extend(meta_kept);
        }
    }
    if !bag.is_empty()
        && let Some(&i) = names.product_parts.get(&product_id)
    {
        let extensions = &mut d.staged.products[i].entity.extensions;
        let own = extensions
            .entry(FORMAT.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(own) = own {
            own.insert("component".into(), Value::Object(bag));
        }
    }
    let mut used = HashSet::new();
    let mut covered = HashSet::new();
    for (i, record) in records.iter().enumerate() {
        let at = format!("{inputs_field}[{i}]");
        if let Some(p) = input_record(d, e.path, product_id, record, &at, &mut used, sink) {
            covered.extend(p.provider_name().map(str::to_owned));
            pending.inputs.push(p);
        }
    }
    // Entries of `consumesApis` no record covers: a catalog Meshwright did not write.
    for (i, api) in consumes.iter().enumerate() {
        let (_, name) = reference(api);
        if covered.contains(name) {
            continue;
        }
        let declared = Declared {
            id: None,
            name: slugify(name),
            description: None,
            custom_properties: Vec::new(),
            extensions: Extensions::new(),
        };
        let at = (e.path, format!("{consumes_field}[{i}]"));
        let provider = Provider::Name(name.to_owned());
        let input = PendingInput::new(d, at, product_id, declared, provider, &mut used);
        pending.inputs.push(input);
    }
}

/// One record of the `meshwright.dev/inputs` annotation.
fn input_record(
    d: &mut Decoder<'_>,
    path: &Path,
    product_id: Uuid,
    record: &Value,
    at: &str,
    used: &mut HashSet<String>,
    sink: &mut Sink<'_>,
) -> Option<PendingInput> {
    let Value::Object(map) = record else {
        sink.wrong_type(at, "a mapping", record);
        return None;
    };
    let mut f = Fields::new(map, at);
    let id = f.string("id", sink);
    let name = f.required("name", sink);
    let description = f.string("description", sink);
    let api = f.string("api", sink);
    let port_id = f.string("portId", sink);
    let unresolved = f.string("unresolved", sink);
    let system = f.raw("sourceSystem");
    let system_id = f.string("sourceSystemId", sink);
    let custom_properties = f.typed("customProperties", sink).unwrap_or_default();
    let mut bag = match f.raw("extensions") {
        Some(Value::Object(bag)) => bag.clone(),
        _ => Map::new(),
    };
    bag.extend(f.rest());
    // A reference kept unresolved is looked up like an API name: the provider may have
    // arrived since.
    let provider = match (api.or(unresolved), port_id) {
        (Some(api), _) => Provider::Name(api),
        (None, Some(id)) => Provider::PortId(id),
        (None, None) => {
            let field = f.name(if system.is_some() {
                "sourceSystem"
            } else {
                "sourceSystemId"
            });
            let system = (system, system_id);
            Provider::source_system(d, path, Detected::Backstage, system, &field, sink)?
        }
    };
    let declared = Declared {
        id,
        name: slugify(&name?),
        description,
        custom_properties,
        extensions: extensions_of(bag),
    };
    let at = (path, at.to_owned());
    Some(PendingInput::new(
        d, at, product_id, declared, provider, used,
    ))
}

/// Resolves pending input ports and successors by API name (see `refs::resolve`);
/// gives back what is left for the mesh header ([`mesh_header`]).
pub(super) fn resolve(d: &mut Decoder<'_>, catalogs: Catalogs) -> MeshLevel {
    refs::resolve(
        d,
        Detected::Backstage,
        "API",
        catalogs.pending,
        |product, port, _| export::api_name(product, port),
    );
    MeshLevel {
        entities: catalogs.mesh,
        placed: catalogs.placed,
    }
}

/// The entities an import keeps with the mesh rather than a product or domain.
#[derive(Default)]
pub(super) struct MeshLevel {
    entities: Vec<Value>,
    placed: HashSet<(String, String, String)>,
}

/// The mesh header with the entities `kept` at the mesh level (under
/// `extensions.backstage.entities`), or `None` when it would not change. An entity the
/// header already holds is replaced by the imported one of the same kind, namespace and
/// name, in its place; new ones follow in the order read; one the import now keeps with
/// a product or domain leaves the header.
pub(super) fn mesh_header(info: &MeshInfo, kept: MeshLevel) -> Option<MeshInfo> {
    if kept.entities.is_empty() && kept.placed.is_empty() {
        return None;
    }
    let before: &[Value] = info
        .extensions
        .get(FORMAT)
        .and_then(|b| b.get("entities"))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let mut new: Vec<Option<Value>> = kept.entities.into_iter().map(Some).collect();
    let mut entities = Vec::with_capacity(before.len() + new.len());
    for old in before {
        let id = identity(old);
        if kept.placed.contains(&id) {
            continue;
        }
        let again = new
            .iter_mut()
            .find(|n| n.as_ref().is_some_and(|n| identity(n) == id));
        entities.push(again.and_then(Option::take).unwrap_or_else(|| old.clone()));
    }
    entities.extend(new.into_iter().flatten());
    if entities.as_slice() == before {
        return None;
    }
    let mut info = info.clone();
    if entities.is_empty() {
        if let Some(Value::Object(bag)) = info.extensions.get_mut(FORMAT) {
            bag.remove("entities");
            if bag.is_empty() {
                info.extensions.remove(FORMAT);
            }
        }
    } else if let Value::Array(list) =
        bag_entry(
            &mut info.extensions,
            "entities",
            || Value::Array(Vec::new()),
        )
    {
        *list = entities;
    }
    Some(info)
}
