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

use super::bitol::{Obj, Props, service_levels, support, team};
use super::words::{self, PORT_VERSION, PRODUCT_VERSION, kept, spelled};
use super::{Document, ExportContext, OdpsVersion, Scope, text};
use crate::governance::parallel::map_ordered;
use crate::model::{Archetype, DataProduct, DependencySource, InputPort, OutputPort, Status};

/// The extension bag this format reads and writes (`extensions.odps`).
const FORMAT: &str = "odps";

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
    let owner = p.owner_team_id.and_then(|id| ctx.teams.get(&id).copied());
    // Texts an import kept where the model holds a normalised value (`manifests::words`).
    let own = |key| kept(&p.extensions, FORMAT, key);
    let version = spelled(own("version"), &p.version, Some(PRODUCT_VERSION), |t| {
        words::semantic(Some(t)) == p.version
    });
    let status = spelled(own("status"), p.status.as_str(), None, |t| {
        words::status_or(t, Status::Active) == p.status
    });
    // A custom type (no archetype) is kept in the bag and written back with it; a
    // spelling of an archetype is written here while the archetype is the same.
    let type_text = own("type")
        .and_then(|v| v.as_str())
        .filter(|t| words::archetype(t).is_some());
    // An id the document gave that is no UUID, and a tenant other than the mesh's
    // namespace, were kept by the import; the model's id is derived from that text.
    let id = spelled(own("id"), &p.id.to_string(), None, |_| true).unwrap_or_default();
    let tenant = spelled(own("tenant"), &ctx.mesh.info.namespace, None, |_| true);
    let mut doc = Obj::new();
    doc.put("apiVersion", if new { "v1.1.0" } else { "v1.0.0" })
        .put("kind", "DataProduct")
        .put("id", id)
        .put("name", p.display_name.as_str())
        .opt("version", version)
        .opt("status", status);
    if new && p.status == Status::Deprecated {
        doc.put("deprecated", true);
    }
    doc.opt(
        "domain",
        ctx.domains.get(&p.domain_id).map(|d| d.name.as_str()),
    );
    if !new {
        // v1.0.0 has no `type`; a v1.0.0 document that gave one anyway (the import
        // kept it) gets it back while it names the archetype.
        doc.opt(
            "type",
            type_text.filter(|t| p.archetype.is_some() && words::archetype(t) == p.archetype),
        );
    }
    if new {
        doc.opt(
            "type",
            p.archetype.map(|a| match type_text {
                Some(t) if words::archetype(t) == Some(a) => t,
                _ => archetype_type(a),
            }),
        );
    }
    doc.opt("tenant", tenant);
    let links: Vec<Value> = p
        .links
        .iter()
        .map(|l| {
            let mut o = Obj::new();
            o.put("type", l.kind.as_deref().unwrap_or("link"))
                .put("url", l.url.as_str())
                .opt("description", l.title.as_deref());
            o.done()
        })
        .collect();
    doc.list("authoritativeDefinitions", links);
    let mut description = Obj::new();
    description
        .opt("purpose", p.description.purpose.as_deref())
        .opt("limitations", p.description.limitations.as_deref())
        .opt("usage", p.description.usage.as_deref());
    if !description.is_empty() {
        doc.put("description", description.done());
    }

    let (mut inputs, mut without_contract) = input_ports(ctx, p);
    // Inputs that named no provider at all, kept whole by an import.
    if let Some(Value::Array(unresolved)) = own("inputPorts") {
        if new {
            inputs.extend(unresolved.iter().cloned());
        } else {
            without_contract.extend(unresolved.iter().cloned());
        }
    }
    let mut props = Props::new();
    props.add("slug", p.name.as_str());
    if !new {
        props.opt("archetype", p.archetype.map(Archetype::as_str));
    }
    props.opt(
        "accountablePerson",
        p.accountable_person_id
            .and_then(|id| ctx.people.get(&id))
            .map(|person| person.username.as_str()),
    );
    if !without_contract.is_empty() {
        props.add("inputPortsWithoutContract", Value::Array(without_contract));
    }
    props
        .custom(&p.custom_properties)
        .foreign_extensions(&p.extensions, FORMAT);
    doc.list("customProperties", props.shaped(&p.extensions, FORMAT));
    let tags: Vec<Value> = p.tags.iter().map(|t| Value::from(t.as_str())).collect();
    doc.list("tags", tags);
    doc.list("inputPorts", inputs);
    let outputs: Vec<Value> =
        words::in_kept_order(ctx.ports(p.id), &p.extensions, FORMAT, "outputPorts", |o| {
            o.id
        })
        .into_iter()
        .map(|port| output_port(ctx, port))
        .collect();
    doc.list("outputPorts", outputs);
    doc.list("support", support(owner));
    if let Some(t) = owner {
        doc.put("team", team(ctx, t, FORMAT));
    }
    let handled: &[&str] = if type_text.is_some() {
        &[
            "version",
            "status",
            "inputPorts",
            "type",
            "id",
            "tenant",
            "customProperties",
            words::ORDER,
        ]
    } else {
        &[
            "version",
            "status",
            "inputPorts",
            "id",
            "tenant",
            "customProperties",
            words::ORDER,
        ]
    };
    doc.own_extensions_but(&p.extensions, FORMAT, handled);
    doc.done()
}

fn output_port(ctx: &ExportContext<'_>, port: &OutputPort) -> Value {
    let new = v1_1(ctx);
    let own = |key| kept(&port.extensions, FORMAT, key);
    // v1.0.0 requires a port's version; v1.1.0 writes none where the document had none.
    let default_version = if new { Some(PORT_VERSION) } else { None };
    let version = spelled(own("version"), &port.version, default_version, |t| {
        t == port.version
    });
    let port_type = spelled(own("type"), port.port_type.as_str(), None, |t| {
        words::port_type(Some(t)) == port.port_type
    });
    let mut o = Obj::new();
    if new {
        o.opt(
            "id",
            spelled(own("id"), &port.id.to_string(), None, |_| true),
        );
    }
    let name = spelled(own("name"), &port.name, None, |t| {
        words::named_from(t, &port.name)
    });
    o.opt("name", name)
        .opt("version", version)
        .opt("description", port.description.as_deref())
        .opt("type", port_type)
        .opt(
            "contractId",
            port.contract.as_ref().map(|c| c.contract_id.as_str()),
        );
    if new && port.status == Status::Deprecated {
        o.put("deprecated", true);
    }
    let mut props = Props::new();
    if !new {
        props.add("id", port.id.to_string());
    }
    props
        .add("status", port.status.as_str())
        .add("visibility", port.visibility.as_str())
        .add("containsPii", port.contains_pii)
        .opt("classification", port.classification.as_deref());
    if let Some(c) = &port.contract {
        props
            .opt("contractVersion", c.version.as_deref())
            .opt("contractStatus", c.status.map(Status::as_str));
    } else if !port.service_levels.is_empty() {
        // With a contract, service levels are the contract's `slaProperties`.
        props.add(
            "serviceLevels",
            Value::Array(service_levels(&port.service_levels)),
        );
    }
    props
        .opt(
            "deprecationDate",
            port.deprecation_date.map(|d| d.to_string()),
        )
        .opt(
            "successorPortId",
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
    o.list("customProperties", props.shaped(&port.extensions, FORMAT));
    o.own_extensions_but(
        &port.extensions,
        FORMAT,
        &[
            "version",
            "type",
            "id",
            "name",
            "customProperties",
            words::ORDER,
        ],
    );
    o.done()
}

/// The `inputPorts` list, and (v1.0.0 only) the inputs it cannot hold because they
/// have no contract, as objects for the `inputPortsWithoutContract` property.
fn input_ports(ctx: &ExportContext<'_>, p: &DataProduct) -> (Vec<Value>, Vec<Value>) {
    let new = v1_1(ctx);
    let mut ports = Vec::new();
    let mut without = Vec::new();
    for input in words::in_kept_order(ctx.inputs(p.id), &p.extensions, FORMAT, "inputPorts", |i| {
        i.id
    }) {
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
            props.add("id", input.id.to_string());
        }
        source_props(ctx, input, upstream, &mut props);
        props
            .custom(&input.custom_properties)
            .foreign_extensions(&input.extensions, FORMAT);
        let own = |key| kept(&input.extensions, FORMAT, key);
        let mut o = Obj::new();
        if new {
            o.opt(
                "id",
                spelled(own("id"), &input.id.to_string(), None, |_| true),
            );
        }
        let name = spelled(own("name"), &input.name, None, |t| {
            words::named_from(t, &input.name)
        });
        o.opt("name", name)
            .opt("version", version)
            .opt("contractId", contract.map(|c| c.contract_id.as_str()));
        o.list("customProperties", props.shaped(&input.extensions, FORMAT));
        o.own_extensions_but(
            &input.extensions,
            FORMAT,
            &["id", "name", "customProperties", words::ORDER],
        );
        // An unresolved input keeps the `contractId` its file gave in its bag.
        let kept_contract = input
            .extensions
            .get(FORMAT)
            .is_some_and(|bag| bag.get("contractId").is_some());
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
    props.opt("description", input.description.as_deref());
    match (&input.source, upstream) {
        (DependencySource::OutputPort { .. }, Some(u)) => {
            props
                .opt(
                    "sourceProduct",
                    ctx.products.get(&u.product_id).map(|p| p.name.as_str()),
                )
                .add("sourcePort", u.name.as_str())
                .add("sourcePortVersion", u.version.as_str());
        }
        (DependencySource::OutputPort { port_id }, None) => {
            props.add("sourcePortId", port_id.to_string());
        }
        // The reference as the manifest wrote it; an ODPS file's own `contractId` comes
        // back from the input's `odps` bag.
        (DependencySource::Unresolved { reference }, _) => {
            props.add("unresolvedReference", reference.as_str());
        }
        (DependencySource::SourceSystem { source_system_id }, _) => {
            let name = ctx
                .source_systems
                .get(source_system_id)
                .map_or_else(|| source_system_id.to_string(), |s| s.name.clone());
            props.add("sourceSystem", name);
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
