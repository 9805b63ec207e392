//! Backstage catalog: one multi-document `catalog-info.yaml` per domain.
//!
//! Backstage has no data-product kind, so the usual convention is used. Each domain's
//! catalog holds, in this order: its `Domain` (owner: the domain's team; `subdomainOf`
//! its parent), the `Group`s homed there, then per product a `System` of type
//! `data-product`, a `Component` of type `data-pipeline` (part of that system) and an
//! `API` per output port, whose `definition` is the port's ODCS contract (type `odcs`,
//! the document its contract file holds) when it has one. Only Components can hold `providesApis`, `consumesApis` and
//! `dependsOn` (the System and API kinds have no such fields), so the product's
//! dependencies live on its Component: `consumesApis` names the provider ports' APIs,
//! `dependsOn` the providers' Components.
//!
//! Every team's `Group` is written exactly once in the whole export, so that Backstage
//! never sees two locations claim one entity: in the first domain (by name) the team
//! owns, else in the domain of the first product it owns, else in the first domain.
//! References across catalogs resolve once every domain repository is registered with
//! the same Backstage, which is how a mesh is read. Backstage requires an owner on
//! Domains and Systems: a domain without a team takes the team of its first owned
//! product, a product without a team takes its domain's owner (annotated
//! `meshwright.dev/owner-inherited`), and where nothing is left the placeholder group
//! [`UNOWNED_GROUP`] (a name no team can take, since team slugs hold no `_`) is written
//! once, in the first catalog that needs it.
//!
//! Names are the mesh's slugs, which already meet Backstage's rules; API names are
//! `<product>.<port>.<version>` (unique, since slugs hold no dots), shortened with a
//! hash of the port id when that would break a rule. Everything Backstage has no field
//! for goes into annotations under `meshwright.dev/` (JSON text for lists), and an
//! entity's `backstage` extension bag (`{"metadata": {...}, "spec": {...}}` as an
//! importer keeps them) is merged back without overriding mapped keys, nested keys
//! included. Texts Meshwright only derives (an API's title, type, lifecycle and
//! definition, the Component's title and description, a Group's type and empty
//! `children`) give way to the
//! ones an import kept because they differed, and an owner the mesh cannot name (a
//! User, a group outside the mesh) is written as the import read it instead of an
//! inherited one. Entities an import did not model (Users, Resources, other
//! Components) are kept in a product's or domain's bag under `entities` and written
//! after that product's APIs or at the end of the domain's catalog; those that named
//! neither (or only ones the import did not hold) are kept in the mesh header's bag and
//! written, as they were, into the mesh's own `catalog-info.yaml` at the export root
//! ([`Scope::Root`]), with the Groups of a mesh that has no domain to hold them. A
//! product's System keeps a `spec.domain` the import could not resolve as it was read.
//! A product's Component keeps its own fields under `component`. A domain's repository folder is
//! the `meshwright.dev/repo-folder` annotation. Entities use the `default` namespace.
//!
//! It must not do I/O or decide where the file lands.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::documents::{Entry, Field, Item, backstage as doc, object};
use super::{Document, ExportContext, Scope, odcs, text, unmapped};
use crate::governance::parallel::map_ordered;
use crate::model::{
    CustomProperty, DataProduct, DependencySource, Domain, Link, OutputPort, Status, Team,
};

/// The `apiVersion` of every entity written.
pub const API_VERSION: &str = "backstage.io/v1alpha1";
/// Prefix of Meshwright's annotation keys.
pub const ANNOTATION_PREFIX: &str = "meshwright.dev/";
/// The stand-in owner where the mesh names none.
pub const UNOWNED_GROUP: &str = "meshwright_unowned";
/// The file written into each domain's folder.
pub const FILE_NAME: &str = "catalog-info.yaml";
/// Backstage's longest entity name, label value and tag.
pub const MAX_NAME: usize = 63;
/// The extension bag this format reads and writes (`extensions.backstage`).
pub const FORMAT: &str = "backstage";

/// One catalog per domain, in the mesh's domain order, then the mesh's own catalog at
/// the export root when it holds anything (see [`root_catalog`]).
pub fn documents(ctx: &ExportContext) -> Vec<Document> {
    let plan = Plan::new(ctx);
    // Domains are independent; the order of the result is the mesh's either way.
    let mut docs: Vec<Document> = map_ordered(&ctx.mesh.domains, true, |domain| Document {
        scope: Scope::Domain(domain.id),
        file_name: FILE_NAME.to_owned(),
        text: text::yaml_documents(&catalog(ctx, &plan, domain)),
    });
    let root = root_catalog(ctx, &plan);
    if !root.is_empty() {
        docs.push(Document {
            scope: Scope::Root,
            file_name: FILE_NAME.to_owned(),
            text: text::yaml_documents(&root),
        });
    }
    docs
}

/// Whether `name` meets Backstage's rule for `metadata.name`: 1 to 63 characters,
/// `[a-zA-Z0-9]` separated by `-`, `_` or `.`.
pub fn is_valid_name(name: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
    (1..=MAX_NAME).contains(&name.len())
        && name.chars().all(ok_char)
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// The API entity's name for an output port.
pub fn api_name(product: &DataProduct, port: &OutputPort) -> String {
    let plain = format!("{}.{}.{}", product.name, port.name, port.version);
    if is_valid_name(&plain) {
        return plain;
    }
    // Too long, or a version with `+`: keep a readable prefix, made unique by the port id.
    let hash = &port.id.simple().to_string()[..8];
    let base: String = format!("{}.{}", product.name, port.name)
        .chars()
        .take(MAX_NAME - hash.len() - 1)
        .collect();
    let base = base.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    format!("{base}-{hash}")
}

/// The description written on a product's Component.
pub fn component_description(product: &DataProduct) -> String {
    format!(
        "Builds and serves the data product {}.",
        product.display_name
    )
}

/// The title written on an output port's API.
pub fn api_title(product: &DataProduct, port: &OutputPort) -> String {
    format!("{} {} {}", product.display_name, port.name, port.version)
}

/// Backstage's lifecycle words for a status; the exact status is kept in an annotation.
pub fn lifecycle(status: Status) -> &'static str {
    match status {
        Status::Proposed | Status::Draft | Status::Development => "experimental",
        Status::Active => "production",
        Status::Deprecated | Status::Retired => "deprecated",
    }
}

/// A tag as Backstage accepts it: `[a-z0-9:+#]` words joined by single `-`, at most
/// 63 characters; `None` when nothing is left.
pub fn tag(raw: &str) -> Option<String> {
    let mapped: String = raw
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || ":+#".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let tag: String = mapped
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(MAX_NAME)
        .collect();
    let tag = tag.trim_end_matches('-').to_owned();
    (!tag.is_empty()).then_some(tag)
}

/// Who owns what, and which catalog holds each Group: decided once for the whole
/// export, so that every catalog agrees.
struct Plan<'m> {
    /// Products of each domain, in the mesh's order.
    products_of: HashMap<Uuid, Vec<&'m DataProduct>>,
    /// The domain whose catalog holds each team's Group.
    group_home: HashMap<Uuid, Uuid>,
    /// The domain whose catalog holds the placeholder Group, if any needs it.
    unowned_home: Option<Uuid>,
}

/// An owner reference and how it was found.
struct Owner {
    reference: String,
    /// `None` when the entity names its own team.
    inherited: Option<&'static str>,
}

impl<'m> Plan<'m> {
    fn new(ctx: &ExportContext<'m>) -> Self {
        let mut products_of: HashMap<Uuid, Vec<&DataProduct>> = HashMap::new();
        for product in &ctx.mesh.products {
            products_of
                .entry(product.domain_id)
                .or_default()
                .push(product);
        }
        let mut group_home = HashMap::new();
        for domain in &ctx.mesh.domains {
            if let Some(team) = domain.owner_team_id.filter(|t| ctx.teams.contains_key(t)) {
                group_home.entry(team).or_insert(domain.id);
            }
        }
        for product in &ctx.mesh.products {
            if let Some(team) = product.owner_team_id.filter(|t| ctx.teams.contains_key(t))
                && ctx.domains.contains_key(&product.domain_id)
            {
                group_home.entry(team).or_insert(product.domain_id);
            }
        }
        if let Some(first) = ctx.mesh.domains.first() {
            for team in &ctx.mesh.teams {
                group_home.entry(team.id).or_insert(first.id);
            }
        }
        let mut plan = Plan {
            products_of,
            group_home,
            unowned_home: None,
        };
        // Only where the placeholder is written: an owner an import kept stands instead.
        let unowned = |owner: Owner, bag: Option<&Value>| {
            owner.reference == unowned_ref() && kept_owner(&owner, bag).is_none()
        };
        plan.unowned_home = ctx
            .mesh
            .domains
            .iter()
            .find(|d| {
                unowned(plan.domain_owner(ctx, d.id), d.extensions.get(FORMAT))
                    || plan
                        .products(d.id)
                        .iter()
                        .any(|p| unowned(plan.product_owner(ctx, p), p.extensions.get(FORMAT)))
            })
            .map(|d| d.id);
        plan
    }

    fn products(&self, domain: Uuid) -> &[&'m DataProduct] {
        self.products_of.get(&domain).map_or(&[], Vec::as_slice)
    }

    /// The team that owns a domain: its own, else that of its first owned product.
    fn domain_team(&self, ctx: &ExportContext, domain: Uuid) -> Option<(Uuid, bool)> {
        let own = ctx.domains.get(&domain).and_then(|d| d.owner_team_id);
        if let Some(team) = own.filter(|t| ctx.teams.contains_key(t)) {
            return Some((team, false));
        }
        self.products(domain)
            .iter()
            .find_map(|p| p.owner_team_id.filter(|t| ctx.teams.contains_key(t)))
            .map(|team| (team, true))
    }

    fn domain_owner(&self, ctx: &ExportContext, domain: Uuid) -> Owner {
        match self.domain_team(ctx, domain) {
            Some((team, inherited)) => Owner {
                reference: group_ref(ctx, team),
                inherited: inherited.then_some("product-team"),
            },
            None => Owner {
                reference: unowned_ref(),
                inherited: Some("none"),
            },
        }
    }

    fn product_owner(&self, ctx: &ExportContext, product: &DataProduct) -> Owner {
        match product.owner_team_id.filter(|t| ctx.teams.contains_key(t)) {
            Some(team) => Owner {
                reference: group_ref(ctx, team),
                inherited: None,
            },
            None => {
                let domain = self.domain_owner(ctx, product.domain_id);
                Owner {
                    inherited: Some(if domain.reference == unowned_ref() {
                        "none"
                    } else {
                        "domain"
                    }),
                    reference: domain.reference,
                }
            }
        }
    }
}

fn group_ref(ctx: &ExportContext, team: Uuid) -> String {
    format!(
        "group:{}",
        ctx.teams.get(&team).map_or("", |t| t.name.as_str())
    )
}

fn unowned_ref() -> String {
    format!("group:{UNOWNED_GROUP}")
}

fn catalog(ctx: &ExportContext, plan: &Plan, domain: &Domain) -> Vec<Value> {
    let mut entities = vec![domain_entity(ctx, plan, domain)];
    let mut groups: Vec<&Team> = ctx
        .mesh
        .teams
        .iter()
        .filter(|t| plan.group_home.get(&t.id) == Some(&domain.id))
        .collect();
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    entities.extend(groups.into_iter().map(|t| group_entity(ctx, t)));
    if plan.unowned_home == Some(domain.id) {
        entities.push(unowned_group());
    }
    for product in plan.products(domain.id) {
        let owner = plan.product_owner(ctx, product);
        entities.push(system_entity(ctx, product, domain, &owner));
        entities.push(component_entity(ctx, product, &owner));
        for port in ctx.ports(product.id) {
            entities.push(api_entity(ctx, product, port, &owner));
        }
        entities.extend(kept_entities(product.extensions.get(FORMAT)));
    }
    entities.extend(kept_entities(domain.extensions.get(FORMAT)));
    entities
}

/// The mesh's own catalog: the Groups no domain's catalog holds (only when the mesh has
/// no domain), by name, then the entities an import kept at the mesh level because they
/// named no System or Domain it holds (`extensions.backstage.entities` of the mesh
/// header), as they were. Empty for a mesh that has neither, so exports of meshes with
/// domains and nothing kept are unchanged.
fn root_catalog(ctx: &ExportContext, plan: &Plan) -> Vec<Value> {
    let mut groups: Vec<&Team> = ctx
        .mesh
        .teams
        .iter()
        .filter(|t| !plan.group_home.contains_key(&t.id))
        .collect();
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    let mut entities: Vec<Value> = groups.into_iter().map(|t| group_entity(ctx, t)).collect();
    entities.extend(kept_entities(ctx.mesh.info.extensions.get(FORMAT)));
    entities
}

/// Annotations in insertion order under [`ANNOTATION_PREFIX`].
#[derive(Default)]
struct Annotations(Map<String, Value>);

impl Annotations {
    fn set(&mut self, key: &str, value: impl Into<String>) {
        self.0.insert(
            format!("{ANNOTATION_PREFIX}{key}"),
            Value::String(value.into()),
        );
    }

    fn json<T: serde::Serialize>(&mut self, key: &str, value: &T) {
        let text = serde_json::to_string(value).expect("model values serialize to JSON");
        self.set(key, text);
    }

    fn custom_properties(&mut self, properties: &[CustomProperty]) {
        if !properties.is_empty() {
            self.json("custom-properties", &properties);
        }
    }
}

fn entity(kind: &str, metadata: doc::Metadata, spec: &impl serde::Serialize) -> Value {
    Value::Object(object(&doc::Entity {
        api_version: Field::Given(API_VERSION.to_owned()),
        kind: Field::Given(kind.to_owned()),
        metadata: Field::Given(metadata),
        spec: Field::Given(Value::Object(object(spec))),
        ..Default::default()
    }))
}

/// `text` unless it is empty.
fn non_empty(text: Option<&str>) -> Field<String> {
    text.filter(|t| !t.is_empty()).map(str::to_owned).into()
}

/// A list of names as a document list, left out when empty.
fn names(items: impl IntoIterator<Item = String>) -> Field<Vec<Item<String>>> {
    Field::non_empty(items.into_iter().map(Item::Given).collect())
}

fn metadata(
    name: &str,
    title: Option<&str>,
    description: Option<&str>,
    links: &[Link],
    annotations: Annotations,
) -> doc::Metadata {
    let links = links
        .iter()
        .map(|l| {
            Entry::Doc(doc::Link {
                url: Field::Given(l.url.clone()),
                title: non_empty(l.title.as_deref()),
                kind: non_empty(l.kind.as_deref()),
                ..Default::default()
            })
        })
        .collect();
    doc::Metadata {
        name: Field::Given(name.to_owned()),
        title: non_empty(title),
        description: description.map(str::to_owned).into(),
        annotations: (!annotations.0.is_empty()).then_some(annotations.0).into(),
        links: Field::non_empty(links),
        ..Default::default()
    }
}

/// Merges an entity's `backstage` extension bag; keys the export mapped win.
fn merge_extension(entity: &mut Value, bag: Option<&Value>) {
    let Some(Value::Object(bag)) = bag else {
        return;
    };
    let keys = doc::Entity::KEYS;
    for part in [keys.metadata, keys.spec] {
        if let (Some(Value::Object(extra)), Some(Value::Object(target))) =
            (bag.get(part), entity.get_mut(part))
        {
            unmapped::merge_missing(target, extra);
        }
    }
}

/// Writes the bag's value for each `part.key` over the one the export derived: those
/// keys hold text Meshwright makes up when the model has nothing (a generated title,
/// the port summary as an API definition, the default Group type), so a value an
/// import kept because it differed is the better one.
fn prefer_kept(entity: &mut Value, bag: Option<&Value>, keys: &[(&str, &str)]) {
    for &(part, key) in keys {
        if let Some(kept) = bag.and_then(|b| b.get(part)).and_then(|p| p.get(key))
            && let Some(Value::Object(target)) = entity.get_mut(part)
        {
            target.insert(key.to_owned(), kept.clone());
        }
    }
}

/// The owner written for an entity whose owner the mesh does not name: the owner an
/// import kept (a User, a group outside the mesh), else the inherited one.
fn kept_owner(owner: &Owner, bag: Option<&Value>) -> Option<String> {
    owner.inherited?;
    bag?.get(doc::Entity::KEYS.spec)?
        .get(doc::SystemSpec::KEYS.owner)?
        .as_str()
        .map(str::to_owned)
}

/// Entities of kinds Meshwright does not model (a User, a Resource, a Component other
/// than the product's own) that an import kept with a domain or product, as they were.
fn kept_entities(bag: Option<&Value>) -> impl Iterator<Item = Value> + '_ {
    bag.and_then(|b| b.get("entities"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .cloned()
}

fn domain_entity(ctx: &ExportContext, plan: &Plan, domain: &Domain) -> Value {
    let bag = domain.extensions.get(FORMAT);
    let owner = plan.domain_owner(ctx, domain.id);
    let kept = kept_owner(&owner, bag);
    let mut notes = Annotations::default();
    notes.set("id", domain.id.to_string());
    if let Some(folder) = &domain.repo_folder {
        notes.set("repo-folder", folder.clone());
    }
    if let Some(how) = owner.inherited.filter(|_| kept.is_none()) {
        notes.set("owner-inherited", how);
    }
    notes.custom_properties(&domain.custom_properties);
    let spec = doc::DomainSpec {
        owner: Field::Given(kept.unwrap_or(owner.reference)),
        subdomain_of: domain
            .parent_id
            .and_then(|id| ctx.domains.get(&id))
            .map(|parent| parent.name.clone())
            .into(),
        ..Default::default()
    };
    let meta = metadata(
        &domain.name,
        Some(&domain.title),
        domain.description.as_deref(),
        &domain.links,
        notes,
    );
    let mut entity = entity("Domain", meta, &spec);
    merge_extension(&mut entity, bag);
    entity
}

fn group_entity(ctx: &ExportContext, team: &Team) -> Value {
    let mut notes = Annotations::default();
    notes.set("id", team.id.to_string());
    if !team.members.is_empty() {
        // Members stay annotations: Group `members` must name User entities, which this
        // export does not write.
        let members: Vec<Value> = team
            .members
            .iter()
            .map(|m| match ctx.people.get(&m.person_id) {
                Some(p) => {
                    let mut member = json!({"username": p.username, "displayName": p.display_name});
                    if let Some(email) = &p.email {
                        member["email"] = json!(email);
                    }
                    member["role"] = json!(m.role);
                    member
                }
                None => json!({"personId": m.person_id, "role": m.role}),
            })
            .collect();
        notes.json("members", &members);
    }
    if let Some(kind) = team.team_type {
        notes.set("team-type", kind.as_str());
    }
    notes.custom_properties(&team.custom_properties);
    let meta = metadata(
        &team.name,
        Some(&team.title),
        team.description.as_deref(),
        &[],
        notes,
    );
    let profile = doc::Profile {
        display_name: Field::Given(team.title.clone()),
        email: team.email.clone().into(),
        ..Default::default()
    };
    let mut entity = entity("Group", meta, &group_spec(Some(profile)));
    let bag = team.extensions.get(FORMAT);
    let (spec, keys) = (doc::Entity::KEYS.spec, doc::GroupSpec::KEYS);
    prefer_kept(
        &mut entity,
        bag,
        &[(spec, keys.group_type), (spec, keys.children)],
    );
    merge_extension(&mut entity, bag);
    entity
}

fn unowned_group() -> Value {
    let mut notes = Annotations::default();
    notes.set("placeholder", "true");
    let meta = metadata(
        UNOWNED_GROUP,
        Some("Unowned"),
        Some("Stands in where the mesh names no owning team; Backstage requires an owner."),
        &[],
        notes,
    );
    entity("Group", meta, &group_spec(None))
}

/// A team's Group `spec`: a `team` without children.
fn group_spec(profile: Option<doc::Profile>) -> doc::GroupSpec {
    doc::GroupSpec {
        group_type: Field::Given("team".into()),
        profile: profile.into(),
        children: Field::Given(Value::Array(Vec::new())),
        ..Default::default()
    }
}

fn system_entity(
    ctx: &ExportContext,
    product: &DataProduct,
    domain: &Domain,
    owner: &Owner,
) -> Value {
    let bag = product.extensions.get(FORMAT);
    let kept = kept_owner(owner, bag);
    let mut notes = Annotations::default();
    notes.set("id", product.id.to_string());
    notes.set("version", product.version.clone());
    notes.set("status", product.status.as_str());
    if let Some(archetype) = product.archetype {
        notes.set("archetype", archetype.as_str());
    }
    if let Some(usage) = &product.description.usage {
        notes.set("usage", usage.clone());
    }
    if let Some(limitations) = &product.description.limitations {
        notes.set("limitations", limitations.clone());
    }
    if let Some(person) = product
        .accountable_person_id
        .and_then(|id| ctx.people.get(&id))
    {
        notes.set("accountable", person.username.clone());
    }
    if let Some(how) = owner.inherited.filter(|_| kept.is_none()) {
        notes.set("owner-inherited", how);
    }
    let mut tags: Vec<String> = Vec::new();
    for t in product.tags.iter().filter_map(|t| tag(t)) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if tags != product.tags {
        notes.json("tags", &product.tags);
    }
    notes.custom_properties(&product.custom_properties);
    let mut meta = metadata(
        &product.name,
        Some(&product.display_name),
        product.description.purpose.as_deref(),
        &product.links,
        notes,
    );
    meta.tags = names(tags);
    let spec = doc::SystemSpec {
        owner: Field::Given(kept.unwrap_or_else(|| owner.reference.clone())),
        domain: Field::Given(domain.name.clone()),
        system_type: Field::Given("data-product".into()),
        ..Default::default()
    };
    let mut entity = entity("System", meta, &spec);
    // A Domain the import could not find stays named as the catalog named it.
    let domain_key = doc::SystemSpec::KEYS.domain;
    prefer_kept(&mut entity, bag, &[(doc::Entity::KEYS.spec, domain_key)]);
    merge_extension(&mut entity, bag);
    entity
}

fn component_entity(ctx: &ExportContext, product: &DataProduct, owner: &Owner) -> Value {
    let mut notes = Annotations::default();
    let mut consumes = BTreeSet::new();
    let mut depends = BTreeSet::new();
    let mut inputs = Vec::new();
    for input in ctx.inputs(product.id) {
        let mut record = Map::new();
        record.insert("id".into(), json!(input.id));
        record.insert("name".into(), json!(input.name));
        if let Some(description) = &input.description {
            record.insert("description".into(), json!(description));
        }
        match &input.source {
            DependencySource::OutputPort { port_id } => {
                let port = ctx.output_ports.get(port_id);
                let provider = port.and_then(|p| ctx.products.get(&p.product_id));
                match (port, provider) {
                    (Some(port), Some(provider)) => {
                        let api = api_name(provider, port);
                        record.insert("api".into(), json!(api));
                        consumes.insert(api);
                        depends.insert(format!("component:{}", provider.name));
                    }
                    // Dangling: a governance finding; keep the id rather than a broken ref.
                    _ => {
                        record.insert("portId".into(), json!(port_id));
                    }
                }
            }
            DependencySource::SourceSystem { source_system_id } => {
                unmapped::insert_source_system(ctx, &mut record, "", *source_system_id);
            }
            DependencySource::Unresolved { reference } => {
                record.insert("unresolved".into(), json!(reference));
            }
        }
        unmapped::insert_input_tail(&mut record, input, FORMAT);
        inputs.push(Value::Object(record));
    }
    if !inputs.is_empty() {
        notes.json("inputs", &inputs);
    }
    let description = component_description(product);
    let meta = metadata(
        &product.name,
        Some(&product.display_name),
        Some(&description),
        &[],
        notes,
    );
    let provides = ctx.ports(product.id).iter().map(|p| api_name(product, p));
    let spec = doc::ComponentSpec {
        component_type: Field::Given("data-pipeline".into()),
        lifecycle: Field::Given(lifecycle(product.status).into()),
        owner: Field::Given(owner.reference.clone()),
        system: Field::Given(product.name.clone()),
        provides_apis: names(provides),
        consumes_apis: names(consumes),
        depends_on: names(depends),
        ..Default::default()
    };
    let mut entity = entity("Component", meta, &spec);
    // The Component is written from the product; fields an import found on it that the
    // product has no place for are kept in the product's bag under `component`.
    let bag = product
        .extensions
        .get(FORMAT)
        .and_then(|b| b.get("component"));
    let (keys, meta, spec) = (
        doc::Entity::KEYS,
        doc::Metadata::KEYS,
        doc::ComponentSpec::KEYS,
    );
    prefer_kept(
        &mut entity,
        bag,
        &[
            (keys.metadata, meta.title),
            (keys.metadata, meta.description),
            (keys.spec, spec.component_type),
        ],
    );
    merge_extension(&mut entity, bag);
    entity
}

fn api_entity(
    ctx: &ExportContext,
    product: &DataProduct,
    port: &OutputPort,
    owner: &Owner,
) -> Value {
    let mut notes = Annotations::default();
    notes.set("id", port.id.to_string());
    notes.set("port-name", port.name.clone());
    notes.set("port-version", port.version.clone());
    notes.set("port-type", port.port_type.as_str());
    notes.set("status", port.status.as_str());
    notes.set("visibility", port.visibility.as_str());
    notes.set("contains-pii", port.contains_pii.to_string());
    if let Some(classification) = &port.classification {
        notes.set("classification", classification.clone());
    }
    if let Some(contract) = &port.contract {
        notes.json("contract", contract);
    }
    if !port.service_levels.is_empty() {
        notes.json("service-levels", &port.service_levels);
    }
    if let Some(date) = port.deprecation_date {
        notes.set("deprecation-date", date.to_string());
    }
    if let Some(successor) = port
        .successor_port_id
        .and_then(|id| ctx.output_ports.get(&id))
    {
        let provider = ctx.products.get(&successor.product_id);
        if let Some(provider) = provider {
            notes.set("successor", api_name(provider, successor));
        }
    }
    notes.custom_properties(&port.custom_properties);
    let title = api_title(product, port);
    let meta = metadata(
        &api_name(product, port),
        Some(&title),
        port.description.as_deref(),
        &[],
        notes,
    );
    let api_type = if port.contract.is_some() {
        "odcs"
    } else {
        port.port_type.as_str()
    };
    let spec = doc::ApiSpec {
        api_type: Field::Given(api_type.into()),
        lifecycle: Field::Given(lifecycle(port.status).into()),
        owner: Field::Given(owner.reference.clone()),
        system: Field::Given(product.name.clone()),
        definition: Field::Given(definition(ctx, product, port)),
        ..Default::default()
    };
    let mut entity = entity("API", meta, &spec);
    let bag = port.extensions.get(FORMAT);
    let (keys, spec) = (doc::Entity::KEYS, doc::ApiSpec::KEYS);
    prefer_kept(
        &mut entity,
        bag,
        &[
            (keys.metadata, doc::Metadata::KEYS.title),
            (keys.spec, spec.api_type),
            (keys.spec, spec.lifecycle),
            (keys.spec, spec.definition),
        ],
    );
    merge_extension(&mut entity, bag);
    entity
}

/// The API's `definition`, the text Backstage shows: the port's ODCS contract, the
/// document its contract file holds, when it has one; else a short YAML description of
/// the port ([`summary`]).
pub fn definition(ctx: &ExportContext<'_>, product: &DataProduct, port: &OutputPort) -> String {
    match odcs::text(ctx, port) {
        Some(contract) => contract.to_owned(),
        None => summary(product, port),
    }
}

/// A port without a contract as an API definition: its product, name, version, type and
/// service levels.
pub fn summary(product: &DataProduct, port: &OutputPort) -> String {
    let mut def = Map::new();
    def.insert("dataProduct".into(), json!(product.name));
    def.insert("port".into(), json!(port.name));
    def.insert("version".into(), json!(port.version));
    def.insert("type".into(), json!(port.port_type.as_str()));
    if !port.service_levels.is_empty() {
        def.insert("serviceLevels".into(), json!(port.service_levels));
    }
    text::yaml(&Value::Object(def))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;

    #[test]
    fn names_follow_backstages_rules() {
        assert!(is_valid_name("orders.events.1.0.0"));
        assert!(is_valid_name("a"));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name("-a"));
        assert!(!is_valid_name("a."));
        assert!(!is_valid_name("a+b"));
        assert!(!is_valid_name(&"a".repeat(64)));
    }

    #[test]
    fn long_or_odd_api_names_are_shortened_and_stay_unique() {
        let mesh = demo_mesh();
        let mut product = mesh.products[0].clone();
        product.name = "p".repeat(60);
        let mut port = mesh.output_ports[0].clone();
        port.version = "1.0.0+build".into();
        let a = api_name(&product, &port);
        assert!(is_valid_name(&a), "{a}");
        port.id = Uuid::from_u128(1);
        let b = api_name(&product, &port);
        assert!(is_valid_name(&b) && a != b, "{a} {b}");
        product.name = "orders".into();
        port.name = "events".into();
        port.version = "2.1.0".into();
        assert_eq!(api_name(&product, &port), "orders.events.2.1.0");
    }

    #[test]
    fn tags_are_made_backstage_safe() {
        assert_eq!(tag("Master Data").as_deref(), Some("master-data"));
        assert_eq!(tag("gdpr").as_deref(), Some("gdpr"));
        assert_eq!(tag("--"), None);
        assert_eq!(tag(&"x".repeat(80)).map(|t| t.len()), Some(MAX_NAME));
    }

    #[test]
    fn statuses_map_to_lifecycles() {
        assert_eq!(lifecycle(Status::Active), "production");
        assert_eq!(lifecycle(Status::Development), "experimental");
        assert_eq!(lifecycle(Status::Retired), "deprecated");
    }

    #[test]
    fn an_ownerless_domain_gets_the_placeholder_group_once() {
        let mut mesh = demo_mesh();
        for d in &mut mesh.domains {
            d.owner_team_id = None;
        }
        for p in &mut mesh.products {
            p.owner_team_id = None;
        }
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let docs = documents(&ctx);
        let all: String = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            all.matches(&format!("name: {UNOWNED_GROUP}\n")).count(),
            1,
            "{all}"
        );
        assert!(all.contains(&format!("owner: group:{UNOWNED_GROUP}")));
    }
}
