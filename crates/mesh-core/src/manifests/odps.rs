//! Bitol ODPS (Open Data Product Standard) v1.1.0, or v1.0.0 on request: one
//! `<product>.odps.yaml` per data product, in the product's folder.
//!
//! Mapping (formats.md §1, §8): `id` is the product's UUID, `name` its display name,
//! `domain` the domain's slug, `tenant` the mesh namespace, `description` the three
//! parts, links become `authoritativeDefinitions` (type = the link's kind, `link`
//! without one, description = its title), the owning team the `team` block and its
//! e-mail the `support` channel. Output ports carry `contractId` = the port's contract
//! id, the id of the ODCS document `odcs.rs` writes. Input ports on another product's
//! port carry that port's contract id and version. ODPS schemas are closed, so every
//! other model field goes into `customProperties` with a fixed camelCase name (product:
//! `slug`, `accountablePerson`, `archetype` in v1.0.0; port: `status`, `visibility`,
//! `containsPii`, `classification`, `contractVersion`, `contractStatus`,
//! `serviceLevels` for ports without contract, `deprecationDate`, `successorPortId`;
//! input: `description`, `sourceProduct`, `sourcePort`, `sourcePortVersion`,
//! `sourceSystem`), followed by the entity's own custom properties and other formats'
//! extension fragments. v1.0.0 requires `version` and `contractId` on every input port,
//! so inputs without a contract go into the product's `inputPortsWithoutContract`
//! custom property there; v1.1.0 lists them as ports.
//!
//! It must not touch the file system and must not read the clock.

use serde_json::Value;

use super::bitol::{Obj, Props, entries, list, service_levels, support, team};
use super::documents::{Entry, Field, Item, bitol as bitol_doc, object, odps as doc};
use super::words::{self, PORT_VERSION, PRODUCT_VERSION, kept, spelled};
use super::{Document, ExportContext, OdpsVersion, Scope, text};
use crate::governance::parallel::map_ordered;
use crate::model::{Archetype, DataProduct, DependencySource, InputPort, OutputPort, Status};

/// The extension bag this format reads and writes (`extensions.odps`).
const FORMAT: &str = "odps";

/// The names of the custom properties Meshwright writes for the model fields ODPS has
/// no key for (ODPS schemas are closed), read back by `import::odps`.
pub(crate) mod property {
    /// The product's slug.
    pub const SLUG: &str = "slug";
    /// The product's archetype (v1.0.0, which has no `type`).
    pub const ARCHETYPE: &str = "archetype";
    /// The accountable person's username.
    pub const ACCOUNTABLE_PERSON: &str = "accountablePerson";
    /// The inputs v1.0.0 cannot list because they have no contract.
    pub const INPUTS_WITHOUT_CONTRACT: &str = "inputPortsWithoutContract";
    /// A port's id (v1.0.0, whose ports have none).
    pub const ID: &str = "id";
    /// A port's status.
    pub const STATUS: &str = "status";
    /// A port's visibility.
    pub const VISIBILITY: &str = "visibility";
    /// Whether a port holds personal data.
    pub const CONTAINS_PII: &str = "containsPii";
    /// A port's classification.
    pub const CLASSIFICATION: &str = "classification";
    /// The version of a port's contract.
    pub const CONTRACT_VERSION: &str = "contractVersion";
    /// The status of a port's contract.
    pub const CONTRACT_STATUS: &str = "contractStatus";
    /// A port's service levels, when it has no contract to carry them.
    pub const SERVICE_LEVELS: &str = "serviceLevels";
    /// A port's deprecation date.
    pub const DEPRECATION_DATE: &str = "deprecationDate";
    /// A port's successor's id.
    pub const SUCCESSOR_PORT_ID: &str = "successorPortId";
    /// An input's description (ODPS input ports have none).
    pub const DESCRIPTION: &str = "description";
    /// The product an input reads from.
    pub const SOURCE_PRODUCT: &str = "sourceProduct";
    /// The port an input reads from.
    pub const SOURCE_PORT: &str = "sourcePort";
    /// That port's version.
    pub const SOURCE_PORT_VERSION: &str = "sourcePortVersion";
    /// That port's id, when the mesh does not hold it.
    pub const SOURCE_PORT_ID: &str = "sourcePortId";
    /// A provider reference no port answers.
    pub const UNRESOLVED_REFERENCE: &str = "unresolvedReference";
    /// The source system an input reads.
    pub const SOURCE_SYSTEM: &str = "sourceSystem";
}

/// One product document per data product, in mesh order.
pub fn documents(ctx: &ExportContext<'_>) -> Vec<Document> {
    // Products are independent; the order of the result is the mesh's either way.
    map_ordered(&ctx.mesh.products, true, |p| Document {
        scope: Scope::Product(p.id),
        file_name: file_name(p),
        text: text::yaml(&product(ctx, p)),
    })
}

/// `<product>.odps.yaml`.
pub fn file_name(product: &DataProduct) -> String {
    format!("{}.odps.yaml", product.name)
}

fn v1_1(ctx: &ExportContext<'_>) -> bool {
    ctx.options.odps == OdpsVersion::V1_1_0
}

fn archetype_type(a: Archetype) -> &'static str {
    match a {
        Archetype::SourceAligned => "sourceAligned",
        Archetype::Aggregate => "aggregate",
        Archetype::ConsumerAligned => "consumerAligned",
    }
}

fn product(ctx: &ExportContext<'_>, p: &DataProduct) -> Value {
    let new = v1_1(ctx);
    let keys = doc::Product::KEYS;
    let owner = p.owner_team_id.and_then(|id| ctx.teams.get(&id).copied());
    // Texts an import kept where the model holds a normalised value (`manifests::words`).
    let own = |key| kept(&p.extensions, FORMAT, key);
    let version = spelled(own(keys.version), &p.version, Some(PRODUCT_VERSION), |t| {
        words::semantic(Some(t)) == p.version
    });
    let status = spelled(own(keys.status), p.status.as_str(), None, |t| {
        words::status_or(t, Status::Active) == p.status
    });
    // A custom type (no archetype) is kept in the bag and written back with it; a
    // spelling of an archetype is written here while the archetype is the same.
    let type_text = own(keys.product_type)
        .and_then(|v| v.as_str())
        .filter(|t| words::archetype(t).is_some());
    // An id the document gave that is no UUID, and a tenant other than the mesh's
    // namespace, were kept by the import; the model's id is derived from that text.
    let id = spelled(own(keys.id), &p.id.to_string(), None, |_| true).unwrap_or_default();
    let tenant = spelled(own(keys.tenant), &ctx.mesh.info.namespace, None, |_| true);
    let product_type = if new {
        p.archetype.map(|a| match type_text {
            Some(t) if words::archetype(t) == Some(a) => t,
            _ => archetype_type(a),
        })
    } else {
        // v1.0.0 has no `type`; a v1.0.0 document that gave one anyway (the import
        // kept it) gets it back while it names the archetype.
        type_text.filter(|t| p.archetype.is_some() && words::archetype(t) == p.archetype)
    };
    let links = p
        .links
        .iter()
        .map(|l| {
            Entry::Doc(bitol_doc::Link {
                kind: Field::Given(l.kind.clone().unwrap_or_else(|| "link".into())),
                url: Field::Given(l.url.clone()),
                description: l.title.clone().into(),
                ..Default::default()
            })
        })
        .collect();
    let d = &p.description;
    let description =
        (d.purpose.is_some() || d.limitations.is_some() || d.usage.is_some()).then(|| {
            doc::Description {
                purpose: d.purpose.clone().into(),
                limitations: d.limitations.clone().into(),
                usage: d.usage.clone().into(),
                ..Default::default()
            }
        });

    let (mut inputs, mut without_contract) = input_ports(ctx, p);
    // Inputs that named no provider at all, kept whole by an import.
    if let Some(Value::Array(unresolved)) = own(keys.input_ports) {
        if new {
            inputs.extend(unresolved.iter().cloned());
        } else {
            without_contract.extend(unresolved.iter().cloned());
        }
    }
    let mut props = Props::new();
    props.add(property::SLUG, p.name.as_str());
    if !new {
        props.opt(property::ARCHETYPE, p.archetype.map(Archetype::as_str));
    }
    props.opt(
        property::ACCOUNTABLE_PERSON,
        p.accountable_person_id
            .and_then(|id| ctx.people.get(&id))
            .map(|person| person.username.as_str()),
    );
    if !without_contract.is_empty() {
        props.add(
            property::INPUTS_WITHOUT_CONTRACT,
            Value::Array(without_contract),
        );
    }
    props
        .custom(&p.custom_properties)
        .foreign_extensions(&p.extensions, FORMAT);
    let outputs: Vec<Value> = words::in_kept_order(
        ctx.ports(p.id),
        &p.extensions,
        FORMAT,
        keys.output_ports,
        |o| o.id,
    )
    .into_iter()
    .map(|port| output_port(ctx, port))
    .collect();
    let product = doc::Product {
        api_version: Field::Given(Value::from(if new { "v1.1.0" } else { "v1.0.0" })),
        kind: Field::Given(Value::from("DataProduct")),
        id: Field::Given(id),
        name: Field::Given(p.display_name.clone()),
        version: version.into(),
        status: status.into(),
        deprecated: (new && p.status == Status::Deprecated)
            .then_some(true)
            .into(),
        domain: ctx.domains.get(&p.domain_id).map(|d| d.name.clone()).into(),
        product_type: product_type.map(str::to_owned).into(),
        tenant: tenant.into(),
        links: Field::non_empty(links),
        description: description.into(),
        custom_properties: entries(props.shaped(&p.extensions, FORMAT)),
        tags: Field::non_empty(p.tags.iter().cloned().map(Item::Given).collect()),
        input_ports: entries(inputs),
        output_ports: entries(outputs),
        support: list(support(owner)),
        team: owner.map(|t| team(ctx, t, FORMAT)).into(),
        ..Default::default()
    };
    let mut handled = vec![
        keys.version,
        keys.status,
        keys.input_ports,
        keys.id,
        keys.tenant,
        keys.custom_properties,
        words::ORDER,
    ];
    if type_text.is_some() {
        handled.push(keys.product_type);
    }
    let mut out = Obj::of(object(&product));
    out.own_extensions_but(&p.extensions, FORMAT, &handled);
    out.done()
}

fn output_port(ctx: &ExportContext<'_>, port: &OutputPort) -> Value {
    let new = v1_1(ctx);
    let keys = doc::OutputPort::KEYS;
    let own = |key| kept(&port.extensions, FORMAT, key);
    // v1.0.0 requires a port's version; v1.1.0 writes none where the document had none.
    let default_version = if new { Some(PORT_VERSION) } else { None };
    let version = spelled(own(keys.version), &port.version, default_version, |t| {
        t == port.version
    });
    let port_type = spelled(own(keys.port_type), port.port_type.as_str(), None, |t| {
        words::port_type(Some(t)) == port.port_type
    });
    let id = spelled(own(keys.id), &port.id.to_string(), None, |_| true);
    let name = spelled(own(keys.name), &port.name, None, |t| {
        words::named_from(t, &port.name)
    });
    let mut props = Props::new();
    if !new {
        props.add(property::ID, port.id.to_string());
    }
    props
        .add(property::STATUS, port.status.as_str())
        .add(property::VISIBILITY, port.visibility.as_str())
        .add(property::CONTAINS_PII, port.contains_pii)
        .opt(property::CLASSIFICATION, port.classification.as_deref());
    if let Some(c) = &port.contract {
        props
            .opt(property::CONTRACT_VERSION, c.version.as_deref())
            .opt(property::CONTRACT_STATUS, c.status.map(Status::as_str));
    } else if !port.service_levels.is_empty() {
        // With a contract, service levels are the contract's `slaProperties`.
        props.add(
            property::SERVICE_LEVELS,
            Value::Array(service_levels(&port.service_levels)),
        );
    }
    props
        .opt(
            property::DEPRECATION_DATE,
            port.deprecation_date.map(|d| d.to_string()),
        )
        .opt(
            property::SUCCESSOR_PORT_ID,
            port.successor_port_id.map(|id| id.to_string()),
        )
        .custom(&port.custom_properties);
    if port.contract.is_some() && port.extensions.contains_key("odcs") {
        // The port's contract document carries its `odcs` fragment; repeating it here
        // would copy the whole contract into the product file.
        let mut foreign = port.extensions.clone();
        foreign.remove("odcs");
        props.foreign_extensions(&foreign, FORMAT);
    } else {
        props.foreign_extensions(&port.extensions, FORMAT);
    }
    let written = doc::OutputPort {
        id: id.filter(|_| new).into(),
        name: name.into(),
        version: version.into(),
        description: port.description.clone().into(),
        port_type: port_type.into(),
        contract_id: port.contract.as_ref().map(|c| c.contract_id.clone()).into(),
        deprecated: (new && port.status == Status::Deprecated)
            .then_some(true)
            .into(),
        custom_properties: entries(props.shaped(&port.extensions, FORMAT)),
        ..Default::default()
    };
    let mut o = Obj::of(object(&written));
    o.own_extensions_but(
        &port.extensions,
        FORMAT,
        &[
            keys.version,
            keys.port_type,
            keys.id,
            keys.name,
            keys.custom_properties,
            words::ORDER,
        ],
    );
    o.done()
}

/// The `inputPorts` list, and (v1.0.0 only) the inputs it cannot hold because they
/// have no contract, as objects for the `inputPortsWithoutContract` property.
fn input_ports(ctx: &ExportContext<'_>, p: &DataProduct) -> (Vec<Value>, Vec<Value>) {
    let new = v1_1(ctx);
    let keys = doc::InputPort::KEYS;
    let mut ports = Vec::new();
    let mut without = Vec::new();
    let list = doc::Product::KEYS.input_ports;
    for input in words::in_kept_order(ctx.inputs(p.id), &p.extensions, FORMAT, list, |i| i.id) {
        let upstream = match &input.source {
            DependencySource::OutputPort { port_id } => ctx.output_ports.get(port_id).copied(),
            DependencySource::SourceSystem { .. } | DependencySource::Unresolved { .. } => None,
        };
        let contract = upstream.and_then(|u| u.contract.as_ref());
        let version = match (upstream, contract) {
            (_, Some(c)) => c
                .version
                .clone()
                .or_else(|| upstream.map(|u| u.version.clone())),
            (Some(u), None) => Some(u.version.clone()),
            (None, None) => None,
        };
        let mut props = Props::new();
        if !new {
            props.add(property::ID, input.id.to_string());
        }
        source_props(ctx, input, upstream, &mut props);
        props
            .custom(&input.custom_properties)
            .foreign_extensions(&input.extensions, FORMAT);
        let own = |key| kept(&input.extensions, FORMAT, key);
        let id = spelled(own(keys.id), &input.id.to_string(), None, |_| true);
        let name = spelled(own(keys.name), &input.name, None, |t| {
            words::named_from(t, &input.name)
        });
        let written = doc::InputPort {
            id: id.filter(|_| new).into(),
            name: name.into(),
            version: version.into(),
            contract_id: contract.map(|c| c.contract_id.clone()).into(),
            custom_properties: entries(props.shaped(&input.extensions, FORMAT)),
            ..Default::default()
        };
        let mut o = Obj::of(object(&written));
        o.own_extensions_but(
            &input.extensions,
            FORMAT,
            &[keys.id, keys.name, keys.custom_properties, words::ORDER],
        );
        // An unresolved input keeps the `contractId` its file gave in its bag.
        let kept_contract = input
            .extensions
            .get(FORMAT)
            .is_some_and(|bag| bag.get(keys.contract_id).is_some());
        if new || contract.is_some() || kept_contract {
            ports.push(o.done());
        } else {
            without.push(o.done());
        }
    }
    (ports, without)
}

/// Where an input reads from, by names people know (and the port's id when the port
/// is not in the mesh).
fn source_props(
    ctx: &ExportContext<'_>,
    input: &InputPort,
    upstream: Option<&OutputPort>,
    props: &mut Props,
) {
    props.opt(property::DESCRIPTION, input.description.as_deref());
    match (&input.source, upstream) {
        (DependencySource::OutputPort { .. }, Some(u)) => {
            props
                .opt(
                    property::SOURCE_PRODUCT,
                    ctx.products.get(&u.product_id).map(|p| p.name.as_str()),
                )
                .add(property::SOURCE_PORT, u.name.as_str())
                .add(property::SOURCE_PORT_VERSION, u.version.as_str());
        }
        (DependencySource::OutputPort { port_id }, None) => {
            props.add(property::SOURCE_PORT_ID, port_id.to_string());
        }
        // The reference as the manifest wrote it; an ODPS file's own `contractId` comes
        // back from the input's `odps` bag.
        (DependencySource::Unresolved { reference }, _) => {
            props.add(property::UNRESOLVED_REFERENCE, reference.as_str());
        }
        (DependencySource::SourceSystem { source_system_id }, _) => {
            let name = ctx
                .source_systems
                .get(source_system_id)
                .map_or_else(|| source_system_id.to_string(), |s| s.name.clone());
            props.add(property::SOURCE_SYSTEM, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;

    #[test]
    fn one_document_per_product_in_v1_1_0_by_default() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let docs = documents(&ctx);
        assert_eq!(docs.len(), mesh.products.len());
        assert!(
            docs[0]
                .text
                .starts_with("apiVersion: v1.1.0\nkind: DataProduct\n")
        );
        assert_eq!(
            docs[0].file_name,
            format!("{}.odps.yaml", mesh.products[0].name)
        );
    }

    #[test]
    fn v1_0_0_keeps_inputs_without_contract_as_a_custom_property() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(
            &mesh,
            ExportOptions {
                odps: OdpsVersion::V1_0_0,
                ..Default::default()
            },
        );
        let docs = documents(&ctx);
        assert!(
            docs.iter()
                .all(|d| d.text.starts_with("apiVersion: v1.0.0\n"))
        );
        // Source-aligned products read source systems, which have no contract.
        assert!(
            docs.iter()
                .any(|d| d.text.contains("inputPortsWithoutContract")),
        );
        assert!(!docs.iter().any(|d| d.text.contains("\ntype: ")));
    }
}
