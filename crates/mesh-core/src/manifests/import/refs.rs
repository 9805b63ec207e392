//! References DPDS descriptors, Backstage catalogs and DataHub files make by name (an
//! input port's provider, an output port's successor), kept until every document is
//! decoded and combined, then resolved the same way for all: by the names the documents
//! gave their ports first, then by the names the exporter would give every port of the
//! import and of the mesh. A provider or successor found nowhere is kept as written
//! (an unresolved dependency, a `successorPortId` custom property) with a warning, and
//! `resolve_kept` resolves what the mesh kept so once a later import brings it.
//!
//! It must not read any format's fields beyond the provider of an input port.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use uuid::Uuid;

use super::combine::Part;
use super::decode::Decoder;
use super::detect::Detected;
use super::fields::{Sink, derived, id_or_derived, typed};
use crate::manifests::documents::key_at;
use crate::model::{
    CustomProperty, DataProduct, DependencySource, Extensions, InputPort, OutputPort, SourceSystem,
};

/// What reading one format's documents leaves for after every document is combined.
#[derive(Default)]
pub(super) struct Pending {
    /// Input ports and what they read.
    pub inputs: Vec<PendingInput>,
    /// Output ports' successors by name: (port, file, field, name).
    pub successors: Vec<(Uuid, PathBuf, String, String)>,
    /// The names the documents give their output ports.
    pub names: Vec<(String, Uuid)>,
}

impl Pending {
    /// Whether nothing waits for resolving.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty() && self.successors.is_empty()
    }
}

/// An input port whose provider is known once every port is.
pub(super) struct PendingInput {
    path: PathBuf,
    /// The field naming the provider, for errors.
    field: String,
    input: InputPort,
    provider: Provider,
}

/// What an input port reads, as a document says it.
pub(super) enum Provider {
    /// An output port by the name the format gives it (a DPDS fully qualified name, a
    /// Backstage API name, a DataHub dataset urn).
    Name(String),
    /// An output port's id, written when the exporter's mesh lacked the port.
    PortId(String),
    /// A source system, resolved already.
    System(Uuid),
}

impl Provider {
    /// [`Provider::source_system`] for the input port at `at` (a typed document), which
    /// gives the source system whole under the key `whole` or by id under `by_id`; the
    /// field named is the one it gave. The provider and that field.
    pub fn source_system_at(
        d: &mut Decoder<'_>,
        (path, format): (&Path, Detected),
        at: &str,
        (whole, by_id): (&str, &str),
        (system, system_id): (Option<Value>, Option<String>),
        sink: &mut Sink<'_>,
    ) -> Option<(Provider, String)> {
        let field = key_at(at, if system.is_some() { whole } else { by_id });
        let provider =
            Provider::source_system(d, path, format, (system.as_ref(), system_id), &field, sink)?;
        Some((provider, field))
    }

    /// The provider of an input port that names a source system: the whole entity (which
    /// is staged as `format` declared it), else the id of one of the mesh's. `None` when
    /// neither is usable, with the reason reported under `field`.
    pub fn source_system(
        d: &mut Decoder<'_>,
        path: &Path,
        format: Detected,
        (system, system_id): (Option<&Value>, Option<String>),
        field: &str,
        sink: &mut Sink<'_>,
    ) -> Option<Provider> {
        if let Some(system) = system {
            let system: SourceSystem = typed(system, field, sink)?;
            let id = system.id;
            d.register_source_system(&system.name, id);
            d.staged.source_systems.push(Part {
                path: path.to_path_buf(),
                format,
                entity: system,
                defaulted: Vec::new(),
            });
            return Some(Provider::System(id));
        }
        let text = system_id.unwrap_or_default();
        match Uuid::parse_str(&text) {
            Ok(id) if d.mesh.source_systems.iter().any(|s| s.id == id) => {
                Some(Provider::System(id))
            }
            _ => {
                sink.error(
                    field,
                    format!(
                        "names no provider: no output port, and no source system the imported files or the mesh hold (`{text}`)"
                    ),
                );
                None
            }
        }
    }
}

/// An input port of `product` as a document declares it, before its provider is found.
pub(super) struct Declared {
    pub id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub custom_properties: Vec<CustomProperty>,
    pub extensions: Extensions,
}

impl PendingInput {
    /// The input port, named uniquely within its product (`used` holds the names taken;
    /// a repeated name gets `-2`, `-3`...) and with its id (`Declared::id`, else derived
    /// from the product and name as ODPS derives it).
    pub fn new(
        d: &Decoder<'_>,
        (path, field): (&Path, String),
        product_id: Uuid,
        declared: Declared,
        provider: Provider,
        used: &mut HashSet<String>,
    ) -> PendingInput {
        let name = unique(&declared.name, used);
        let id = match &declared.id {
            Some(t) => id_or_derived(&d.ns, "input-port", t),
            None => derived(&d.ns, "input-port", &format!("{product_id}/{name}")),
        };
        PendingInput {
            path: path.to_path_buf(),
            field,
            input: InputPort {
                id,
                product_id,
                name,
                description: declared.description,
                source: DependencySource::OutputPort {
                    port_id: Uuid::nil(),
                },
                custom_properties: declared.custom_properties,
                extensions: declared.extensions,
            },
            provider,
        }
    }

    /// The name of the provider this input reads, when it reads one by name.
    pub fn provider_name(&self) -> Option<&str> {
        match &self.provider {
            Provider::Name(name) => Some(name),
            _ => None,
        }
    }
}

/// `base`, or `base-2`, `base-3`... the first not in `used` (now taken).
pub(super) fn unique(base: &str, used: &mut HashSet<String>) -> String {
    let name = crate::slug::unique(base, |n| used.contains(n));
    used.insert(name.clone());
    name
}

/// Resolves `pending` (of `format`, whose names for ports are `what`: "output port",
/// "API") against the names the documents gave their ports and, after them, the name
/// `name_of` gives every port of the import and of the mesh (with whether its product
/// serves several versions of it); an input reading nothing known is an error naming
/// its file and field, and resolved inputs are staged for combining.
pub(super) fn resolve(
    d: &mut Decoder<'_>,
    format: Detected,
    what: &str,
    pending: Pending,
    name_of: impl Fn(&DataProduct, &OutputPort, bool) -> String,
) {
    if pending.is_empty() {
        return; // no names to build for an import without such references
    }
    let mut by_name = exported_names(d, name_of);
    by_name.extend(pending.names);
    let missing = |name: &str| {
        format!("names {what} {name}, which neither the imported files nor the mesh hold")
    };
    for (port, path, field, name) in pending.successors {
        match by_name.get(&name) {
            Some(&successor) => {
                let ports = d.incoming.output_ports.iter_mut();
                for (_, p) in ports.filter(|(_, p)| p.id == port) {
                    p.successor_port_id.get_or_insert(successor);
                }
            }
            // The successor is only a hint for consumers; without it the port stands.
            None => {
                d.keep_unplaced(&path, field, missing(&name));
            }
        }
    }
    let known = known_ports(d);
    for p in pending.inputs {
        let source = match &p.provider {
            Provider::Name(name) => by_name
                .get(name)
                .copied()
                .ok_or_else(|| (name.clone(), missing(name))),
            Provider::PortId(text) => Uuid::parse_str(text)
                .ok()
                .filter(|id| known.contains(id))
                .ok_or_else(|| (text.clone(), missing(text))),
            Provider::System(id) => {
                let source = DependencySource::SourceSystem {
                    source_system_id: *id,
                };
                stage(d, format, p.path, InputPort { source, ..p.input });
                continue;
            }
        };
        match source {
            Ok(port_id) => {
                let source = DependencySource::OutputPort { port_id };
                stage(d, format, p.path, InputPort { source, ..p.input });
            }
            Err((reference, reason)) => {
                let reason = format!("input port `{}` {reason}", p.input.name);
                if d.keep_unplaced(&p.path, p.field, reason) {
                    let source = DependencySource::Unresolved { reference };
                    stage(d, format, p.path, InputPort { source, ..p.input });
                }
            }
        }
    }
}

fn stage(d: &mut Decoder<'_>, format: Detected, path: PathBuf, entity: InputPort) {
    d.staged.input_ports.push(Part {
        path,
        format,
        entity,
        defaulted: Vec::new(),
    });
}

/// The name `name_of` gives every output port of the import and of the mesh.
fn exported_names(
    d: &Decoder<'_>,
    name_of: impl Fn(&DataProduct, &OutputPort, bool) -> String,
) -> HashMap<String, Uuid> {
    let mut products: HashMap<Uuid, &DataProduct> =
        d.mesh.products.iter().map(|p| (p.id, p)).collect();
    products.extend(d.incoming.products.iter().map(|(_, p)| (p.id, p)));
    let mut ports: HashMap<Uuid, &OutputPort> =
        d.mesh.output_ports.iter().map(|p| (p.id, p)).collect();
    ports.extend(d.incoming.output_ports.iter().map(|(_, p)| (p.id, p)));
    let mut versions: HashMap<(Uuid, &str), usize> = HashMap::new();
    for p in ports.values() {
        *versions.entry((p.product_id, p.name.as_str())).or_default() += 1;
    }
    ports
        .values()
        .filter_map(|port| {
            let product = products.get(&port.product_id)?;
            let several = versions[&(port.product_id, port.name.as_str())] > 1;
            Some((name_of(product, port, several), port.id))
        })
        .collect()
}

/// Resolves the mesh's unresolved inputs against the output ports this import brings:
/// by contract id, by `product/port` (`@version`), and by the names the DPDS and
/// Backstage exports give ports. A landscape imported consumers first ends, once its
/// providers come, with the same model as one imported in one go: the fields an input
/// kept only to name its provider leave its bags again.
pub(super) fn resolve_kept(d: &mut Decoder<'_>) {
    resolve_kept_successors(d);
    let waiting: Vec<&InputPort> = d
        .mesh
        .input_ports
        .iter()
        .filter(|i| i.source.unresolved().is_some())
        .collect();
    if waiting.is_empty() || d.incoming.output_ports.is_empty() {
        return;
    }
    let reimported: HashSet<Uuid> = d.incoming.input_ports.iter().map(|(_, i)| i.id).collect();
    let names = provider_names(d);
    let mut resolved = Vec::new();
    for input in waiting {
        let Some(reference) = input.source.unresolved() else {
            continue;
        };
        if reimported.contains(&input.id) {
            continue; // its own document decided again
        }
        let Some((path, port)) = names
            .get(reference)
            .and_then(|found| match found.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            })
        else {
            continue;
        };
        let mut input = input.clone();
        input.source = DependencySource::OutputPort { port_id: port };
        for (format, keys) in [
            ("odps", &["contractId", "version"][..]),
            ("dpds", &["x-unresolved"][..]),
            ("backstage", &["unresolved"][..]),
        ] {
            if let Some(Value::Object(bag)) = input.extensions.get_mut(format) {
                for key in keys {
                    bag.remove(*key);
                }
                if bag.is_empty() {
                    input.extensions.remove(format);
                }
            }
        }
        resolved.push((path, input));
    }
    d.incoming.input_ports.extend(resolved);
}

/// The custom property an output port keeps the id of a successor no file of the import
/// nor the mesh holds in: the ODPS exporter writes it where the successor would go, and
/// the next import that brings the successor turns it back into the reference.
const KEPT_SUCCESSOR: &str = "successorPortId";

/// The ids of every output port of the import and of the mesh.
fn known_ports(d: &Decoder<'_>) -> HashSet<Uuid> {
    d.incoming
        .output_ports
        .iter()
        .map(|(_, p)| p.id)
        .chain(d.mesh.output_ports.iter().map(|p| p.id))
        .collect()
}

/// Keeps the successor of every incoming output port whose successor is nowhere (in
/// another repository) as a custom property, with a warning; under `--strict` it is
/// an error. The store would refuse a reference to a port it does not hold.
pub(super) fn keep_successors(d: &mut Decoder<'_>) {
    let known = known_ports(d);
    let mut missing = Vec::new();
    for (i, (path, port)) in d.incoming.output_ports.iter().enumerate() {
        if let Some(successor) = port.successor_port_id
            && !known.contains(&successor)
        {
            missing.push((i, path.clone(), port.name.clone(), successor));
        }
    }
    for (i, path, name, successor) in missing {
        let reason = format!(
            "output port `{name}` names successor port {successor}, which neither the imported files nor the mesh hold"
        );
        if !d.keep_unplaced(&path, "successorPortId", reason) {
            continue;
        }
        let port = &mut d.incoming.output_ports[i].1;
        port.successor_port_id = None;
        port.custom_properties.push(CustomProperty {
            key: KEPT_SUCCESSOR.into(),
            value: Value::String(successor.to_string()),
            description: None,
        });
    }
}

/// The mesh's output ports that kept a successor this import brings get it back.
fn resolve_kept_successors(d: &mut Decoder<'_>) {
    let arriving: HashMap<Uuid, PathBuf> = d
        .incoming
        .output_ports
        .iter()
        .map(|(path, p)| (p.id, path.clone()))
        .collect();
    let reimported: HashSet<Uuid> = arriving.keys().copied().collect();
    let mut resolved = Vec::new();
    for port in &d.mesh.output_ports {
        if reimported.contains(&port.id) {
            continue;
        }
        let kept = port
            .custom_properties
            .iter()
            .position(|p| p.key == KEPT_SUCCESSOR);
        let Some(at) = kept else {
            continue;
        };
        let Some(successor) = port.custom_properties[at]
            .value
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
        else {
            continue;
        };
        if let Some(path) = arriving.get(&successor) {
            let mut port = port.clone();
            port.custom_properties.remove(at);
            port.successor_port_id = Some(successor);
            resolved.push((path.clone(), port));
        }
    }
    d.incoming.output_ports.extend(resolved);
}

/// Every name an input may have used for an output port of this import, with the file
/// that declared the port.
fn provider_names(d: &Decoder<'_>) -> HashMap<String, Vec<(PathBuf, Uuid)>> {
    let mut products: HashMap<Uuid, &DataProduct> =
        d.mesh.products.iter().map(|p| (p.id, p)).collect();
    products.extend(d.incoming.products.iter().map(|(_, p)| (p.id, p)));
    let namespace = &d.mesh.info.namespace;
    let mut names: HashMap<String, Vec<(PathBuf, Uuid)>> = HashMap::new();
    for (path, port) in &d.incoming.output_ports {
        let Some(product) = products.get(&port.product_id) else {
            continue;
        };
        let product_urn =
            crate::manifests::dpds::product_urn(namespace, &product.name, &product.version);
        let mut keys = vec![
            format!("{}/{}", product.name, port.name),
            format!("{}/{}@{}", product.name, port.name, port.version),
            crate::manifests::dpds::port_urn(&product_urn, port, false),
            crate::manifests::dpds::port_urn(&product_urn, port, true),
            crate::manifests::backstage::api_name(product, port),
        ];
        keys.extend(port.contract.as_ref().map(|c| c.contract_id.clone()));
        keys.sort();
        keys.dedup();
        for key in keys {
            let found = names.entry(key).or_default();
            // A port an ODCS contract brought in is listed twice: once is enough.
            if !found.iter().any(|(_, id)| *id == port.id) {
                found.push((path.clone(), port.id));
            }
        }
    }
    names
}
