//! DPDS 1.0.0 (Open Data Mesh Data Product Descriptor): one `<product>.dpds.json` per
//! product, JSON like the specification's official examples.
//!
//! Mapping: `info.fullyQualifiedName` is `urn:dpds:<namespace>:dataproducts:<product>:<major>`
//! (the mesh namespace and the product version's major number); `info.owner` is the
//! accountable person (DPDS owners are people), falling back to the owning team and then
//! to the domain's team, with `x-ownerKind` saying which one it is. Output ports carry
//! the contract as `promises.api` (`specification: odcs`, its `definition` the port's
//! ODCS contract, the document its contract file holds but for the `team` and
//! `support` DPDS gives `info.owner`), deprecation as
//! `promises.deprecationPolicy` and service levels as `promises.slo`; input ports name
//! the provider's output port by its fully qualified name in `x-dependsOn` (or the source
//! system in `x-sourceSystem`). DPDS has no version on input ports but requires one: an
//! input port gets the provider port's version, or `1.0.0` for a source system.
//! Everything else (status, team, archetype, visibility, PII, custom properties, ids)
//! goes into `x-` fields, and each entity's own `dpds` extension bag (fields read from
//! an earlier DPDS file that the model has no place for) is merged back at the place it
//! came from, nested keys included (`info.x-foo`, `promises.platform`); ports an import
//! could not model (a `$ref` to a port file) are kept in the product's bag and written
//! after the modelled ones.
//!
//! Names the model holds as slugs (`info.name`, `info.domain`, an output port's `name`)
//! and fully qualified names the exporter rebuilds are written as an imported descriptor
//! had them when the import kept its original text (the bag's [`ORIGINALS`]) and the
//! model still derives what it derived then; a renamed product, port or domain, or a
//! new major version, gets the derived value again. Input ports name their provider by
//! the name its own descriptor gives it.
//!
//! It must not do I/O or decide where the file lands.

use serde_json::{Map, Value, json};

use super::documents::{Entry, Field, Item, Model, dpds as doc, object, odcs as odcs_doc};
use super::{Document, ExportContext, Scope, odcs, text, unmapped};
use crate::governance::parallel::map_ordered;
use crate::model::{ContractRef, DataProduct, DependencySource, InputPort, OutputPort, PortType};

/// The DPDS version written.
pub const DPDS_VERSION: &str = "1.0.0";

/// The extension bag this format reads and writes (`extensions.dpds`).
pub const FORMAT: &str = "dpds";

/// The key of an entity's `dpds` bag holding texts an imported descriptor gave where the
/// model keeps a derived value: a JSON Pointer into the written product (`/info/name`,
/// `/info/domain`, `/info/fullyQualifiedName`) or output port (`/name`,
/// `/fullyQualifiedName`) to `{"original": <text>, "derived": <what the exporter wrote
/// in its place at import>}`. It is never written itself.
pub const ORIGINALS: &str = "x-meshwrightOriginals";

/// The original text the bag keeps for `pointer`, when the exporter still derives
/// `derived` there.
fn original<'a>(
    extensions: &'a crate::model::Extensions,
    pointer: &str,
    derived: &str,
) -> Option<&'a str> {
    let kept = extensions.get(FORMAT)?.get(ORIGINALS)?.get(pointer)?;
    (kept.get("derived")?.as_str()? == derived)
        .then(|| kept.get("original")?.as_str())
        .flatten()
}

/// `derived`, or the original text the bag keeps for `pointer` in its place.
pub fn written(extensions: &crate::model::Extensions, pointer: &str, derived: String) -> String {
    original(extensions, pointer, &derived).map_or(derived, str::to_owned)
}

/// One DPDS descriptor per product, in the mesh's product order.
pub fn documents(ctx: &ExportContext) -> Vec<Document> {
    // Products are independent; the order of the result is the mesh's either way.
    map_ordered(&ctx.mesh.products, true, |product| Document {
        scope: Scope::Product(product.id),
        file_name: format!("{}.dpds.json", product.name),
        text: text::json(&descriptor(ctx, product)),
    })
}

/// `urn:dpds:<namespace>:dataproducts:<product>:<major>`.
pub fn product_fqn(ctx: &ExportContext, product: &DataProduct) -> String {
    product_urn(&ctx.mesh.info.namespace, &product.name, &product.version)
}

/// `urn:dpds:<namespace>:dataproducts:<name>:<major of version>`.
pub fn product_urn(namespace: &str, name: &str, version: &str) -> String {
    format!(
        "urn:dpds:{namespace}:dataproducts:{name}:{}",
        major(version)
    )
}

/// An output port's name under its product's `product_urn`; `several` when the product
/// serves several versions of the port.
pub fn port_urn(product_urn: &str, port: &OutputPort, several: bool) -> String {
    if several {
        format!("{product_urn}:outputports:{}:{}", port.name, port.version)
    } else {
        format!("{product_urn}:outputports:{}", port.name)
    }
}

/// The output port's fully qualified name under its product's. The version is appended
/// only when the product serves several versions of the port, so the common case keeps
/// the specification's `…:outputports:<port>` shape and names stay unique.
pub fn output_port_fqn(ctx: &ExportContext, port: &OutputPort) -> String {
    let product = ctx.products.get(&port.product_id).map_or_else(
        || {
            format!(
                "urn:dpds:{}:dataproducts:unknown:0",
                ctx.mesh.info.namespace
            )
        },
        |p| product_fqn(ctx, p),
    );
    let versions = ctx
        .ports(port.product_id)
        .iter()
        .filter(|p| p.name == port.name)
        .count();
    port_urn(&product, port, versions > 1)
}

/// The product's fully qualified name as its descriptor writes it: [`product_fqn`], or
/// the one the imported descriptor declared (see [`ORIGINALS`]).
pub fn written_product_fqn(ctx: &ExportContext, product: &DataProduct) -> String {
    written(
        &product.extensions,
        "/info/fullyQualifiedName",
        product_fqn(ctx, product),
    )
}

/// The output port's fully qualified name as its descriptor writes it:
/// [`output_port_fqn`], or the one the imported descriptor declared.
pub fn written_port_fqn(ctx: &ExportContext, port: &OutputPort) -> String {
    written(
        &port.extensions,
        "/fullyQualifiedName",
        output_port_fqn(ctx, port),
    )
}

fn major(version: &str) -> String {
    match semver::Version::parse(version) {
        Ok(v) => v.major.to_string(),
        // The store only holds semantic versions; this keeps an unchecked mesh exportable.
        Err(_) => version.split('.').next().unwrap_or("0").to_owned(),
    }
}

fn descriptor(ctx: &ExportContext, product: &DataProduct) -> Value {
    let fqn = written_product_fqn(ctx, product);
    let inputs = ctx
        .inputs(product.id)
        .iter()
        .map(|input| Entry::Raw(input_port(ctx, &fqn, input)))
        .collect();
    let (outputs, contracts): (Vec<_>, Vec<_>) = ctx
        .ports(product.id)
        .iter()
        .map(|port| {
            let (out, contract) = output_port(ctx, port);
            (Entry::Raw(out), contract)
        })
        .unzip();
    let doc = doc::Descriptor {
        version: Field::Given(json!(DPDS_VERSION)),
        info: Field::Given(info(ctx, product, &fqn)),
        interface: Field::Given(doc::Interface {
            input_ports: Field::non_empty(inputs),
            // Required, even when empty.
            output_ports: Field::Given(outputs),
            ..Default::default()
        }),
        tags: Field::non_empty(product.tags.iter().cloned().map(Item::Given).collect()),
        links: model_list(&product.links),
        custom_properties: model_list(&product.custom_properties),
        ..Default::default()
    };
    let mut root = object(&doc);
    merge_product_bag(&mut root, product);
    // The contracts go in last, moved into their places: a document serialized into
    // each enclosing one would be copied at every level.
    let ports = root
        .get_mut(doc::Descriptor::KEYS.interface)
        .and_then(|i| i.get_mut(doc::Interface::KEYS.output_ports))
        .and_then(Value::as_array_mut);
    if let Some(ports) = ports {
        for (port, contract) in ports.iter_mut().zip(contracts) {
            let place = port
                .get_mut(doc::OutputPort::KEYS.promises)
                .and_then(|p| p.get_mut(doc::Promises::KEYS.api))
                .and_then(|a| a.get_mut(doc::Standard::KEYS.definition));
            if let (Some(place), Some(contract)) = (place, contract) {
                *place = contract;
            }
        }
    }
    Value::Object(root)
}

/// A model list as the model serializes it, left out when empty.
fn model_list<T: Clone>(items: &[T]) -> Field<Model<Vec<T>>> {
    (!items.is_empty()).then(|| Model(items.to_vec())).into()
}

/// Merges the product's `dpds` bag into the descriptor, nested keys included. Ports
/// an import could not model (a `$ref` to a file of their own, an input naming no
/// provider) are kept in the bag's `interfaceComponents` lists and written after the
/// modelled ones, as they were.
fn merge_product_bag(root: &mut Map<String, Value>, product: &DataProduct) {
    let Some(Value::Object(bag)) = product.extensions.get(FORMAT) else {
        return;
    };
    let mut bag = bag.clone();
    bag.remove(ORIGINALS);
    let keys = doc::Interface::KEYS;
    if let (Some(Value::Object(kept)), Some(Value::Object(interface))) = (
        bag.get_mut(doc::Descriptor::KEYS.interface),
        root.get_mut(doc::Descriptor::KEYS.interface),
    ) {
        for list in [keys.input_ports, keys.output_ports] {
            if let Some(Value::Array(items)) = kept.remove(list) {
                let target = interface
                    .entry(list)
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(target) = target {
                    target.extend(items);
                }
            }
        }
    }
    unmapped::merge_missing(root, &bag);
}

/// A port document with the port's `dpds` bag merged in, nested keys included
/// (`promises.platform`).
fn with_port_bag(doc: &impl serde::Serialize, extensions: &crate::model::Extensions) -> Value {
    let mut out = object(doc);
    if let Some(Value::Object(bag)) = extensions.get(FORMAT) {
        let mut bag = bag.clone();
        bag.remove(ORIGINALS);
        unmapped::merge_missing(&mut out, &bag);
    }
    Value::Object(out)
}

fn info(ctx: &ExportContext, product: &DataProduct, fqn: &str) -> doc::Info {
    // The model needs slugs, but a descriptor someone else published names the product
    // and its domain as it likes: bags only fill gaps, so the original text the import
    // kept (while the slug is still the one derived from it) overrides here.
    let domain = ctx.domains.get(&product.domain_id);
    let domain = domain.map_or("unknown", |d| d.name.as_str());
    let (owner, kind) = owner(ctx, product);
    let team = product.owner_team_id.and_then(|id| ctx.teams.get(&id));
    let contact = team.and_then(|t| Some((t.name.as_str(), t.email.as_deref()?)));
    doc::Info {
        fully_qualified_name: Field::Given(fqn.to_owned()),
        name: Field::Given(written(
            &product.extensions,
            "/info/name",
            product.name.clone(),
        )),
        version: Field::Given(product.version.clone()),
        display_name: Field::Given(product.display_name.clone()),
        description: product.description.purpose.clone().into(),
        domain: Field::Given(written(
            &product.extensions,
            "/info/domain",
            domain.to_owned(),
        )),
        owner: Field::Given(owner),
        contact_points: contact
            .map(|(team, email)| json!([contact_point(team, email)]))
            .into(),
        id: Field::Given(product.id.to_string()),
        owner_kind: Field::Given(kind.to_owned()),
        team: team.map(|t| t.name.clone()).into(),
        status: Field::Given(product.status.as_str().to_owned()),
        archetype: product.archetype.map(|a| a.as_str().to_owned()).into(),
        usage: product.description.usage.clone().into(),
        limitations: product.description.limitations.clone().into(),
        ..Default::default()
    }
}

/// The contact point the exporter writes for the owning team's address.
pub fn contact_point(team: &str, email: &str) -> doc::ContactPoint {
    doc::ContactPoint {
        name: Field::Given(team.to_owned()),
        channel: Field::Given("email".to_owned()),
        address: Field::Given(email.to_owned()),
        ..Default::default()
    }
}

/// DPDS requires `owner.id`. The accountable person comes first; without one the
/// owning team, then the domain's team, stands in, and `x-ownerKind` says so.
fn owner(ctx: &ExportContext, product: &DataProduct) -> (doc::Owner, &'static str) {
    let named = |id: &str, name: Option<&str>| doc::Owner {
        id: Field::Given(id.to_owned()),
        name: name.map(str::to_owned).into(),
        ..Default::default()
    };
    if let Some(person) = product
        .accountable_person_id
        .and_then(|id| ctx.people.get(&id))
    {
        let id = person.email.as_deref().unwrap_or(&person.username);
        return (named(id, Some(&person.display_name)), "person");
    }
    let team = |id| ctx.teams.get(&id).map(|t| named(&t.name, Some(&t.title)));
    if let Some(owner) = product.owner_team_id.and_then(team) {
        return (owner, "team");
    }
    let domain_team = ctx
        .domains
        .get(&product.domain_id)
        .and_then(|d| d.owner_team_id)
        .and_then(team);
    match domain_team {
        Some(owner) => (owner, "domain-team"),
        None => (named("unassigned", None), "none"),
    }
}

fn services_type(port_type: PortType) -> Option<&'static str> {
    match port_type {
        PortType::Table => Some("datastore-services"),
        PortType::Stream => Some("streaming-services"),
        PortType::Api => Some("api-services"),
        PortType::File => Some("file-services"),
        PortType::Other => None,
    }
}

/// A standard definition (`promises.api`, `deprecationPolicy`, `slo`) as JSON.
pub fn standard(name: &str, version: &str, specification: &str, definition: Value) -> Value {
    Value::Object(object(&doc::Standard {
        name: Field::Given(name.to_owned()),
        version: Field::Given(version.to_owned()),
        specification: Field::Given(specification.to_owned()),
        definition: Field::Given(definition),
        ..Default::default()
    }))
}

/// `promises.api` for the port's contract: named by its id and version, the contract
/// reference beside the ODCS document.
pub fn api(contract: &ContractRef, version: &str, definition: Value) -> Value {
    Value::Object(object(&doc::Standard {
        name: Field::Given(contract.contract_id.clone()),
        version: Field::Given(version.to_owned()),
        specification: Field::Given("odcs".to_owned()),
        contract: Field::Given(Model(contract.clone())),
        definition: Field::Given(definition),
        ..Default::default()
    }))
}

/// The port's entry, and the ODCS contract its `promises.api.definition` holds, which
/// `descriptor` puts in place of the `null` written there.
fn output_port(ctx: &ExportContext, port: &OutputPort) -> (Value, Option<Value>) {
    let mut carried = None;
    let mut promises = doc::Promises {
        services_type: services_type(port.port_type).map(str::to_owned).into(),
        ..Default::default()
    };
    if let Some(contract) = &port.contract
        && let Some(definition) = ctx
            .products
            .get(&port.product_id)
            .and_then(|product| odcs::document(ctx, product, port))
    {
        let version = contract.version.as_deref().unwrap_or(&port.version);
        // DPDS names the owner in `info.owner` and has no place for a team's members:
        // the contract it carries leaves its team to the contract's own file.
        let mut definition = definition.into_owned();
        if let Value::Object(map) = &mut definition {
            for key in [
                odcs_doc::Contract::KEYS.team,
                odcs_doc::Contract::KEYS.support,
            ] {
                map.shift_remove(key);
            }
        }
        promises.api = Field::Given(api(contract, version, Value::Null));
        carried = Some(definition);
    }
    if port.deprecation_date.is_some() || port.successor_port_id.is_some() {
        let definition = doc::Deprecation {
            date: port.deprecation_date.map(|date| json!(date)).into(),
            successor: port
                .successor_port_id
                .and_then(|id| ctx.output_ports.get(&id))
                .map(|successor| written_port_fqn(ctx, successor))
                .into(),
            ..Default::default()
        };
        promises.deprecation_policy = Field::Given(standard(
            "deprecation",
            "1.0.0",
            "custom",
            json!(definition),
        ));
    }
    if !port.service_levels.is_empty() {
        let definition = json!(doc::Slo {
            service_levels: Field::Given(Model(port.service_levels.clone())),
            ..Default::default()
        });
        promises.slo = Field::Given(standard("slo", "1.0.0", "custom", definition));
    }
    let promises = (promises != doc::Promises::default()).then_some(promises);
    let out = doc::OutputPort {
        fully_qualified_name: Field::Given(written_port_fqn(ctx, port)),
        // As for the product: the original name overrides the slug derived from it.
        name: Field::Given(written(&port.extensions, "/name", port.name.clone())),
        version: Field::Given(port.version.clone()),
        description: port.description.clone().into(),
        promises: promises.into(),
        id: Field::Given(port.id.to_string()),
        port_type: Field::Given(port.port_type.as_str().to_owned()),
        status: Field::Given(port.status.as_str().to_owned()),
        visibility: Field::Given(port.visibility.as_str().to_owned()),
        contains_pii: Field::Given(port.contains_pii),
        classification: port.classification.clone().into(),
        custom_properties: model_list(&port.custom_properties),
        ..Default::default()
    };
    (with_port_bag(&out, &port.extensions), carried)
}

fn input_port(ctx: &ExportContext, product_fqn: &str, input: &InputPort) -> Value {
    let mut out = doc::InputPort {
        fully_qualified_name: Field::Given(json!(format!(
            "{product_fqn}:inputports:{}",
            input.name
        ))),
        name: Field::Given(input.name.clone()),
        version: Field::Given(json!("1.0.0")),
        description: input.description.clone().into(),
        id: Field::Given(input.id.to_string()),
        custom_properties: model_list(&input.custom_properties),
        ..Default::default()
    };
    match &input.source {
        DependencySource::OutputPort { port_id } => {
            match ctx.output_ports.get(port_id) {
                Some(port) => {
                    out.version = Field::Given(json!(port.version));
                    out.depends_on = Field::Given(written_port_fqn(ctx, port));
                }
                // A dangling reference is a governance finding; keep what is known.
                None => out.depends_on_port_id = Field::Given(port_id.to_string()),
            }
        }
        DependencySource::SourceSystem { source_system_id } => {
            match ctx.source_systems.get(source_system_id) {
                Some(system) => out.source_system = Field::Given(json!(system)),
                // A dangling reference is a governance finding; keep what is known.
                None => out.source_system_id = Field::Given(source_system_id.to_string()),
            }
        }
        DependencySource::Unresolved { reference } => {
            out.unresolved = Field::Given(reference.clone());
        }
    }
    with_port_bag(&out, &input.extensions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;

    fn parsed(ctx: &ExportContext, name: &str) -> Value {
        let doc = unmapped::product_document(ctx, documents, name);
        assert_eq!(doc.file_name, format!("{name}.dpds.json"));
        serde_json::from_str(&doc.text).expect("JSON")
    }

    #[test]
    fn fully_qualified_names_follow_the_urn_scheme() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let product = mesh.product_by_name("customer-360").expect("demo product");
        let doc = parsed(&ctx, "customer-360");
        let major = semver::Version::parse(&product.version)
            .expect("semver")
            .major;
        assert_eq!(
            doc["info"]["fullyQualifiedName"],
            json!(format!(
                "urn:dpds:com.northwind:dataproducts:customer-360:{major}"
            ))
        );
        for port in doc["interfaceComponents"]["outputPorts"]
            .as_array()
            .expect("ports")
        {
            let fqn = port["fullyQualifiedName"].as_str().expect("fqn");
            assert!(
                fqn.starts_with(&format!(
                    "urn:dpds:com.northwind:dataproducts:customer-360:{major}:outputports:"
                )),
                "{fqn}"
            );
        }
    }

    #[test]
    fn input_ports_point_at_the_providers_output_port() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let all: Vec<Value> = documents(&ctx)
            .iter()
            .map(|d| serde_json::from_str(&d.text).expect("JSON"))
            .collect();
        let outputs: std::collections::HashSet<&str> = all
            .iter()
            .flat_map(|d| {
                d["interfaceComponents"]["outputPorts"]
                    .as_array()
                    .into_iter()
                    .flatten()
            })
            .filter_map(|p| p["fullyQualifiedName"].as_str())
            .collect();
        let mut port_inputs = 0;
        for doc in &all {
            for input in doc["interfaceComponents"]["inputPorts"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if let Some(target) = input["x-dependsOn"].as_str() {
                    assert!(outputs.contains(target), "{target} is no output port");
                    port_inputs += 1;
                } else {
                    assert!(input["x-sourceSystem"]["name"].is_string(), "{input}");
                }
            }
        }
        let expected = mesh
            .input_ports
            .iter()
            .filter(|i| matches!(i.source, DependencySource::OutputPort { .. }))
            .count();
        assert_eq!(port_inputs, expected);
    }

    #[test]
    fn unmapped_fields_become_x_fields() {
        let mut mesh = demo_mesh();
        let product = &mut mesh.products[0];
        product.accountable_person_id = None;
        product.extensions.insert(
            "dpds".into(),
            json!({"internalComponents": {"applicationComponents": []}, "info": "ignored"}),
        );
        let name = product.name.clone();
        let status = product.status.as_str();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let doc = parsed(&ctx, &name);
        assert_eq!(doc["info"]["x-status"], json!(status));
        assert_eq!(doc["info"]["x-ownerKind"], json!("team"));
        assert_eq!(
            doc["internalComponents"],
            json!({"applicationComponents": []})
        );
        assert!(
            doc["info"].is_object(),
            "a bag never overwrites a mapped key"
        );
    }
}
