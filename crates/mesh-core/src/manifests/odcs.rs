//! Bitol ODCS (Open Data Contract Standard) v3.1.0, or v3.2.0 on request: one
//! `<product>.<port>[-v<major>].odcs.yaml` per output port that has a contract, in the
//! product's folder beside its ODPS file.
//!
//! The contract's `id` and `version` are the port's contract reference, the same
//! values the product's ODPS `outputPorts[].contractId` (and its consumers'
//! `inputPorts[].contractId`) carry, so every link resolves to a file of the export.
//! A contract says who owns it, its status and service levels (`slaProperties`), and
//! what the port's contract body holds: `description` (purpose, usage, limitations),
//! `servers` and `schema` with its quality rules (`odcs_body`); which port it
//! describes and the port's privacy go into `customProperties` (the schema is closed).
//! A contract kept as its document is written as it came, with the port's body written
//! over its own parts once the body was edited. A `-v<major>` suffix tells apart
//! files of a port that exists in several versions (the full version when two of them
//! share a major).
//!
//! It must not touch the file system and must not read the clock.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::bitol::{Obj, Props, list, service_levels, support, team};
use super::documents::{Field, object, odcs as doc};
use super::words::{self, kept, spelled};
use super::{Document, ExportContext, OdcsVersion, Scope, odcs_body, text};
use crate::governance::parallel::map_ordered;
use crate::model::{ContractFormat, DataProduct, OutputPort};

/// The extension bag this format reads and writes (`extensions.odcs`).
const FORMAT: &str = "odcs";

/// The custom properties the exporter writes from the port and its product, in their
/// order; `import::odcs` leaves them out of what it keeps.
pub(crate) const DERIVED_PROPERTIES: [&str; 9] = [
    "product",
    "productId",
    OUTPUT_PORT,
    "outputPortId",
    "outputPortVersion",
    "outputPortType",
    "visibility",
    "containsPii",
    "classification",
];

/// The custom property naming the port, which a standalone contract is placed by.
pub(crate) const OUTPUT_PORT: &str = "outputPort";

/// One contract document per output port with a contract, products in mesh order.
pub fn documents(ctx: &ExportContext<'_>) -> Vec<Document> {
    ctx.mesh
        .products
        .iter()
        .flat_map(|product| {
            ctx.ports(product.id)
                .iter()
                .map(move |port| (product, port))
        })
        .filter_map(|(product, port)| {
            Some(Document {
                scope: Scope::Product(product.id),
                file_name: file_name(ctx, product, port),
                text: text(ctx, port)?.to_owned(),
            })
        })
        .collect()
}

/// The port's ODCS contract as the contract file holds it, `None` when the port has no
/// contract reference. Every contract of the mesh is rendered on the first call, side by
/// side, and kept in `ctx` for the formats that carry it too (Backstage).
pub fn text<'c>(ctx: &'c ExportContext<'_>, port: &OutputPort) -> Option<&'c str> {
    let texts = ctx.odcs_texts.get_or_init(|| {
        // Products are independent; the order of the result does not matter.
        map_ordered(&ctx.mesh.products, true, |product| {
            ctx.ports(product.id)
                .iter()
                .filter_map(|port| {
                    let contract = document(ctx, product, port)?;
                    Some((port.id, text::yaml(contract.as_ref())))
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    });
    texts.get(&port.id).map(String::as_str)
}

/// The port's ODCS contract, `None` when it has no contract reference: the document the
/// contract file holds, which Backstage's API `definition` and DPDS's `promises.api`
/// carry too. A contract kept as its document is written as it came, the port's body
/// over its own parts.
pub fn document<'c>(
    ctx: &'c ExportContext<'_>,
    product: &DataProduct,
    port: &'c OutputPort,
) -> Option<Cow<'c, Value>> {
    port.contract.as_ref()?;
    Some(match ctx.contract_of.get(&port.id) {
        Some(kept) if kept.format == ContractFormat::Odcs => odcs_body::over_kept(
            &kept.document,
            &port.contract_body,
            port.description.as_deref(),
        ),
        _ => Cow::Owned(contract(ctx, product, port)),
    })
}

/// `<product>.<port>[-v<major>].odcs.yaml`.
pub fn file_name(ctx: &ExportContext<'_>, product: &DataProduct, port: &OutputPort) -> String {
    let siblings: Vec<&OutputPort> = ctx
        .ports(product.id)
        .iter()
        .copied()
        .filter(|p| p.name == port.name)
        .collect();
    let suffix = if siblings.len() < 2 {
        String::new()
    } else if siblings
        .iter()
        .filter(|p| major(&p.version) == major(&port.version))
        .count()
        < 2
    {
        format!("-v{}", major(&port.version))
    } else {
        format!("-v{}", port.version.trim_start_matches(['v', 'V']))
    };
    format!("{}.{}{suffix}.odcs.yaml", product.name, port.name)
}

/// `2` of `2.1.0` or `v2`.
fn major(version: &str) -> &str {
    let v = version.trim_start_matches(['v', 'V']);
    v.split(['.', '-', '+']).next().unwrap_or(v)
}

fn contract(
    ctx: &ExportContext<'_>,
    product: &DataProduct,
    port: &OutputPort,
) -> serde_json::Value {
    let Some(reference) = &port.contract else {
        return serde_json::Value::Null;
    };
    let owner = product
        .owner_team_id
        .and_then(|id| ctx.teams.get(&id).copied());
    let domain = ctx.domains.get(&product.domain_id);
    // The contract's own status word (`in development`, `current`), kept by an import,
    // while it still means the status the contract has; a word of no known meaning
    // stands for the port's status, as it did when it was read.
    let status = reference.status.unwrap_or(port.status);
    let status_text = spelled(
        kept(&port.extensions, FORMAT, "status"),
        status.as_str(),
        None,
        |t| words::status_or(t, port.status) == status,
    );
    let mut props = Props::new();
    let [
        product_name,
        product_id,
        port_name,
        port_id,
        port_version,
        port_type,
        visibility,
        pii,
        classification,
    ] = DERIVED_PROPERTIES;
    props
        .add(product_name, product.name.as_str())
        .add(product_id, product.id.to_string())
        .add(port_name, port.name.as_str())
        .add(port_id, port.id.to_string())
        .add(port_version, port.version.as_str())
        .add(port_type, port.port_type.as_str())
        .add(visibility, port.visibility.as_str())
        .add(pii, port.contains_pii)
        .opt(classification, port.classification.as_deref())
        .kept(&port.extensions, FORMAT);
    let contract = doc::Contract {
        api_version: Field::Given(json!(match ctx.options.odcs {
            OdcsVersion::V3_1_0 => "v3.1.0",
            OdcsVersion::V3_2_0 => "v3.2.0",
        })),
        kind: Field::Given(json!("DataContract")),
        id: Field::Given(reference.contract_id.clone()),
        name: Field::Given(json!(port.name)),
        version: Field::Given(
            reference
                .version
                .clone()
                .unwrap_or_else(|| port.version.clone()),
        ),
        status: status_text.into(),
        tenant: Field::Given(json!(ctx.mesh.info.namespace)),
        domain: domain.map(|d| json!(d.name)).into(),
        description: odcs_body::description(&port.contract_body.terms, port.description.as_deref())
            .into(),
        servers: list(odcs_body::servers(&port.contract_body.servers)),
        schema: list(odcs_body::schema(&port.contract_body.schema)),
        support: list(support(owner)),
        team: owner.map(|t| team(ctx, t, FORMAT)).into(),
        sla_properties: list(service_levels(&port.service_levels)),
        custom_properties: list(props.done()),
        ..Default::default()
    };
    let mut doc = Obj::of(object(&contract));
    doc.own_extensions(&port.extensions, FORMAT);
    doc.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;

    #[test]
    fn one_contract_per_port_with_a_contract() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let docs = documents(&ctx);
        let with_contract = mesh
            .output_ports
            .iter()
            .filter(|p| p.contract.is_some())
            .count();
        assert_eq!(docs.len(), with_contract);
        assert!(docs.iter().all(|d| d.file_name.ends_with(".odcs.yaml")));
        assert!(
            docs[0]
                .text
                .starts_with("apiVersion: v3.1.0\nkind: DataContract\n")
        );
    }

    #[test]
    fn versions_of_one_port_get_distinct_file_names() {
        let mut mesh = demo_mesh();
        let base = mesh
            .output_ports
            .iter()
            .find(|p| p.contract.is_some())
            .unwrap()
            .clone();
        for version in ["7.0.0", "7.1.0"] {
            let mut p = base.clone();
            p.id = uuid::Uuid::new_v4();
            p.version = version.into();
            mesh.output_ports.push(p);
        }
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let product = ctx.products[&base.product_id];
        let names: Vec<String> = ctx
            .ports(product.id)
            .iter()
            .filter(|p| p.name == base.name)
            .map(|p| file_name(&ctx, product, p))
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 3, "{names:?}");
        assert!(
            names.iter().any(|n| n.ends_with("-v7.1.0.odcs.yaml")),
            "{names:?}"
        );
    }
}
