//! Reading Bitol ODCS contracts back: a contract attaches to the output port whose
//! contract id it is (of the imported files, else of the mesh), the inverse of
//! `manifests::odcs`.
//!
//! `schema`, `servers` and `description` (purpose, usage, limitations) become the
//! port's contract body (`odcs_body`), so the schema is edited in the app and written
//! back from the model; a part that does not fit the model, or breaks its rules (an
//! unknown logical type, a name used twice), stays in the bag as written, with a
//! warning for the latter (an error under `--strict`).
//! `version` and `status` go into the port's contract reference when they differ from
//! what the port implies (`status` is free text in ODCS: a known word in any spelling,
//! `Development`, `in development`, `current`, maps to its status, and the text is kept
//! in the bag for the exporter to write back, see `manifests::words`), `slaProperties`
//! become the port's service levels when every item fits the model (property, numeric
//! value, unit, description; a contract without them clears them); everything else
//! the exporter does not derive from the port and its product is kept in the port's
//! `extensions.odcs` bag, which the exporter puts back, so re-export loses nothing the
//! model can place. A contract no output port references is kept whole as a
//! `Contract` (`keep_whole`): attached to the port its `dataProduct` and schema name when
//! the import or the mesh has that port (whose body it then fills), else unattached, and
//! written back as it came;
//! creating a port for it would invent a product. `attach_kept` attaches the mesh's
//! unattached contracts to the ports a later import brings. Under `--strict` a
//! contract no port references is refused (`contract <id> is referenced by no output
//! port`).
//!
//! The contract's own `customProperties` are kept in the bag and written after the
//! port's identity, which the exporter puts first. Known losses, by design:
//! a `description` that is no mapping, `team` and `support` when the port and its
//! product provide their own,
//! `tenant` (the mesh's namespace) and `domain` (the product's).
//!
//! A contract a port carries inside another format (a Backstage API's `definition`,
//! DPDS's `promises.api`; `carried`) is read the same way, unless the import holds that
//! contract's own file, which wins.
//!
//! It must not write to the mesh and must not read files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

use super::decode::Decoder;
use uuid::Uuid;

use super::SourceDocument;
use super::detect::Detected;
use super::fields::{Sink, derived, slugify};
use crate::manifests::documents::bitol::{Property, SlaProperty};
use crate::manifests::documents::{Field, odcs as doc};
use crate::manifests::odcs::{DERIVED_PROPERTIES, OUTPUT_PORT};
use crate::manifests::odcs_body;
use crate::manifests::words;
use crate::model::{Contract, ContractFormat, ContractRef, OutputPort, ServiceLevel};

/// The extension bag this format fills (`extensions.odcs`).
const FORMAT: &str = "odcs";

/// The fields of its port a contract carries, which the port's ODPS entry leaves to it
/// (`odps::CONTRACT_FIELDS`): a contract without `slaProperties` clears the port's
/// service levels (without `schema` its body's schema), an ODPS file without the
/// contract does not.
const CARRIED: [&str; 3] = ["serviceLevels", "contractBody", "extensions.odcs"];

/// Lookups built once for all contracts of an import.
struct Index<'m> {
    /// Incoming output ports by contract id.
    by_contract: HashMap<String, Vec<usize>>,
    /// Ids of the incoming output ports.
    imported: HashSet<Uuid>,
    /// The mesh's output ports by contract id.
    mesh_by_contract: HashMap<&'m str, Vec<&'m OutputPort>>,
    /// Each product's owning team: incoming products, then the mesh's.
    owners: HashMap<Uuid, Option<Uuid>>,
}

/// Attaches every ODCS document of `documents` to its output port in `d`.
pub(super) fn attach_all(d: &mut Decoder<'_>, documents: &[SourceDocument]) {
    let mesh = d.mesh;
    let mut index = Index {
        by_contract: HashMap::new(),
        imported: HashSet::new(),
        mesh_by_contract: HashMap::new(),
        owners: mesh
            .products
            .iter()
            .map(|p| (p.id, p.owner_team_id))
            .collect(),
    };
    for (i, (_, p)) in d.incoming.output_ports.iter().enumerate() {
        index.imported.insert(p.id);
        if let Some(c) = &p.contract {
            index
                .by_contract
                .entry(c.contract_id.clone())
                .or_default()
                .push(i);
        }
    }
    for p in &mesh.output_ports {
        if let Some(c) = &p.contract {
            index
                .mesh_by_contract
                .entry(c.contract_id.as_str())
                .or_default()
                .push(p);
        }
    }
    for (_, p) in &d.incoming.products {
        index.owners.insert(p.id, p.owner_team_id);
    }
    // A contract carried inside a port of another format gives way to its own file,
    // and is read once when both DPDS and Backstage carry it.
    let mut seen: HashSet<&str> = documents
        .iter()
        .filter(|doc| doc.format == Detected::Odcs)
        .filter_map(|doc| doc.value.get(doc::Contract::KEYS.id)?.as_str())
        .collect();
    let carried = std::mem::take(&mut d.carried_contracts);
    let carried = carried.iter().filter(|doc| {
        doc.value
            .get(doc::Contract::KEYS.id)
            .and_then(Value::as_str)
            .is_some_and(|id| seen.insert(id))
    });
    for doc in documents.iter().chain(carried) {
        if let (Detected::Odcs, Some(map)) = (doc.format, doc.value.as_object())
            // An object always reads as a contract: every field keeps what it holds.
            && let Ok(typed) = doc::Contract::deserialize(&doc.value)
        {
            let mut errors = Vec::new();
            let mut sink = Sink {
                path: &doc.path,
                errors: &mut errors,
            };
            contract(d, &mut index, &doc.path, (map, typed), &mut sink);
            d.errors.append(&mut errors);
        }
    }
}

fn contract(
    d: &mut Decoder<'_>,
    index: &mut Index<'_>,
    path: &Path,
    (doc, mut contract): (&Map<String, Value>, doc::Contract),
    sink: &mut Sink<'_>,
) {
    let keys = doc::Contract::KEYS;
    contract.id.check(keys.id, true, sink);
    let Some(id) = contract.id.take() else {
        return;
    };
    contract.version.check(keys.version, false, sink);
    let version = contract.version.take();
    // ODCS leaves `status` free (`Development`, `in development`, `current`): a known
    // word maps to its status, the text is kept for the exporter (`manifests::words`).
    contract.status.check(keys.status, false, sink);
    let status_text = contract.status.take();
    let status = status_text.as_deref().and_then(words::status);
    let at = match port_of(d, index, &id, version.as_deref(), path, sink) {
        Found::Port(at) => at,
        Found::Refused => return,
        Found::Nowhere => {
            keep_whole(d, path, doc, &id, version, sink);
            return;
        }
    };
    let (_, port) = &d.incoming.output_ports[at];
    let owner = index
        .owners
        .get(&port.product_id)
        .copied()
        .flatten()
        .and_then(|t| d.decoded_team(t));
    let has_owner = owner.is_some();
    let has_email = owner.is_some_and(|t| t.email.is_some());
    let has_description = port.description.is_some();
    let body = odcs_body::read(doc, port.description.as_deref());

    // Fields the exporter writes from the port, its product and the mesh.
    let mut taken = vec![
        keys.id,
        keys.version,
        keys.status,
        keys.api_version,
        keys.kind,
        keys.name,
        keys.tenant,
        keys.domain,
        keys.custom_properties,
    ];
    // The exporter writes the port's identity as custom properties; the contract's
    // own ones are kept for it to add after them.
    let own_props: Vec<Value> = doc
        .get(keys.custom_properties)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| {
            p.get(Property::KEYS.property)
                .and_then(Value::as_str)
                .is_none_or(|name| !DERIVED_PROPERTIES.contains(&name))
        })
        .cloned()
        .collect();
    let levels = doc.get(keys.sla_properties).and_then(service_levels);
    taken.extend(body.taken.iter().copied());
    for (key, written) in [
        (keys.description, has_description),
        (keys.support, has_email),
        (keys.team, has_owner),
        (keys.sla_properties, levels.is_some()),
    ] {
        if written {
            taken.push(key);
        }
    }
    // The rest in the document's order: which of the exporter's keys go back depends
    // on the port, so the bag is not the typed document's `rest`.
    let mut bag: Map<String, Value> = doc
        .iter()
        .filter(|(k, _)| !taken.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !own_props.is_empty() {
        bag.insert(keys.custom_properties.into(), Value::Array(own_props));
    }

    // Under `--strict` the same problem refuses the file, so it says nothing of keeping.
    let kept = if d.strict {
        ""
    } else {
        "; kept as written, not editable until it is corrected"
    };
    for (field, reason) in body.refused {
        d.keep_unplaced(path, field, format!("{reason}{kept}"));
    }
    let id = d.incoming.output_ports[at].1.id;
    d.carried(id, &CARRIED);
    let port = &mut d.incoming.output_ports[at].1;
    port.contract_body = body.body;
    // The contract decides the service levels: none when it has no `slaProperties`,
    // none either when its list is kept whole in the bag (the exporter writes the
    // model's list before the bag's).
    port.service_levels = levels.unwrap_or_default();
    if let Some(reference) = port.contract.as_mut() {
        if let Some(v) = version
            && reference.version.as_deref().unwrap_or(&port.version) != v
        {
            reference.version = Some(v);
        }
        if let Some(s) = status
            && reference.status.unwrap_or(port.status) != s
        {
            reference.status = Some(s);
        }
    }
    let effective = port
        .contract
        .as_ref()
        .and_then(|c| c.status)
        .unwrap_or(port.status);
    if let Some(t) = status_text.filter(|t| t != effective.as_str()) {
        bag.insert(keys.status.into(), Value::from(t));
    }
    if bag.is_empty() {
        port.extensions.remove(FORMAT);
    } else {
        port.extensions.insert(FORMAT.into(), Value::Object(bag));
    }
}

/// A contract a port carries inside another format's document, at `path`: `value`
/// when it is an ODCS document with an `id`, as a document of the import, with the
/// contract reference it gives the port.
pub(super) fn carried(
    path: &Path,
    index: usize,
    value: Value,
) -> Option<(SourceDocument, ContractRef)> {
    if super::detect::detect(&value) != Ok(Detected::Odcs) {
        return None;
    }
    let id = value.get(doc::Contract::KEYS.id)?.as_str()?.to_owned();
    let document = SourceDocument {
        path: path.to_path_buf(),
        index,
        format: Detected::Odcs,
        value,
    };
    // Version and status are the contract's own; reading it sets them on the reference.
    let reference = ContractRef {
        contract_id: id,
        version: None,
        status: None,
    };
    Some((document, reference))
}

/// Where a contract belongs.
enum Found {
    /// The incoming output port at this index.
    Port(usize),
    /// No output port references it.
    Nowhere,
    /// Several do; the error is reported.
    Refused,
}

/// The index in the incoming output ports of the port whose contract this is; a port
/// only in the mesh is brought in (and so updated).
fn port_of(
    d: &mut Decoder<'_>,
    index: &mut Index<'_>,
    id: &str,
    version: Option<&str>,
    path: &Path,
    sink: &mut Sink<'_>,
) -> Found {
    let mut candidates = index.by_contract.get(id).cloned().unwrap_or_default();
    if candidates.is_empty() {
        for p in index.mesh_by_contract.get(id).into_iter().flatten() {
            if index.imported.insert(p.id) {
                candidates.push(d.incoming.output_ports.len());
                d.incoming
                    .output_ports
                    .push((path.to_path_buf(), (*p).clone()));
            }
        }
        index.by_contract.insert(id.to_owned(), candidates.clone());
    }
    if candidates.len() > 1
        && let Some(v) = version
    {
        candidates.retain(|&i| {
            let p = &d.incoming.output_ports[i].1;
            p.contract
                .as_ref()
                .and_then(|c| c.version.as_deref())
                .unwrap_or(&p.version)
                == v
        });
    }
    match candidates.as_slice() {
        [one] => Found::Port(*one),
        [] => Found::Nowhere,
        _ => {
            sink.error(
                doc::Contract::KEYS.version,
                format!(
                    "contract {id} is referenced by several output ports; its version tells none of them apart"
                ),
            );
            Found::Refused
        }
    }
}

/// Attaches the mesh's unattached contracts to the port this import brings for them:
/// the one port that names the contract's id, else (ODCS) the port the contract itself
/// names. A contract published before its product's repository was imported ends
/// attached, as if both had come in one import.
pub(super) fn attach_kept(d: &mut Decoder<'_>) {
    let reimported: HashSet<Uuid> = d.incoming.contracts.iter().map(|(_, c)| c.id).collect();
    let waiting: Vec<&Contract> = d
        .mesh
        .contracts
        .iter()
        .filter(|c| c.output_port_id.is_none() && !reimported.contains(&c.id))
        .collect();
    for c in waiting {
        let mut by_id: Vec<(PathBuf, Uuid)> = d
            .incoming
            .output_ports
            .iter()
            .filter(|(_, p)| {
                p.contract
                    .as_ref()
                    .is_some_and(|r| r.contract_id == c.contract_id)
            })
            .map(|(path, p)| (path.clone(), p.id))
            .collect();
        by_id.dedup_by_key(|(_, id)| *id);
        let found = match by_id.as_slice() {
            [one] => Some(one.clone()),
            _ => match (&c.format, c.document.as_object()) {
                (ContractFormat::Odcs, Some(doc)) => named_port(d, doc).and_then(|port| {
                    let (path, _) = d.incoming.output_ports.iter().find(|(_, p)| p.id == port)?;
                    Some((path.clone(), port))
                }),
                _ => None,
            },
        };
        if let Some((path, port)) = found {
            let mut attached = c.clone();
            attached.output_port_id = Some(port);
            let document = (c.format == ContractFormat::Odcs)
                .then(|| c.document.as_object())
                .flatten();
            d.keep_contract(&path, attached);
            if let Some(doc) = document {
                land_body(d, port, doc);
            }
        }
    }
}

/// Keeps a contract no output port references as the document it is: attached to the
/// port it names (its `dataProduct` and the port in its custom properties or schema)
/// when the import or the mesh has that port, else unattached, listed in the app and
/// exported again as it came. Under `--strict` it is refused as before.
fn keep_whole(
    d: &mut Decoder<'_>,
    path: &Path,
    doc: &Map<String, Value>,
    id: &str,
    version: Option<String>,
    sink: &mut Sink<'_>,
) {
    let keys = doc::Contract::KEYS;
    if d.strict {
        sink.error(
            keys.id,
            format!("contract {id} is referenced by no output port"),
        );
        return;
    }
    let name = doc
        .get(keys.name)
        .and_then(Value::as_str)
        .map(str::to_owned);
    let key = format!("{id}@{}", version.as_deref().unwrap_or(""));
    let port = named_port(d, doc);
    let contract = Contract {
        id: derived(&d.ns, "contract", &key),
        contract_id: id.to_owned(),
        name,
        version,
        format: ContractFormat::Odcs,
        output_port_id: port,
        document: Value::Object(doc.clone()),
    };
    d.keep_contract(path, contract);
    if let Some(port) = port {
        land_body(d, port, doc);
    }
}

/// Fills the body of the port a kept ODCS document is attached to (brought into the
/// import by `keep_contract`) from the document, so its schema is edited like that of
/// any other contract; the document stays kept whole, and is written as it came until
/// the body is edited (`odcs_body::over_kept`). What does not fit the body is in the
/// kept document anyway, so nothing is reported.
fn land_body(d: &mut Decoder<'_>, port: Uuid, doc: &Map<String, Value>) {
    let Some((_, p)) = d
        .incoming
        .output_ports
        .iter_mut()
        .find(|(_, p)| p.id == port)
    else {
        return;
    };
    p.contract_body = odcs_body::read(doc, p.description.as_deref()).body;
    d.carried(port, &["contractBody"]);
}

/// The output port a standalone contract names: its product by `dataProduct`, the port
/// by the `outputPort` custom property, else the first schema object's name, else the
/// product's only port. `None` when any of it is not known.
fn named_port(d: &Decoder<'_>, doc: &Map<String, Value>) -> Option<Uuid> {
    let product = doc.get("dataProduct").and_then(Value::as_str)?;
    let product = d.product_id(&slugify(product))?;
    let property = doc
        .get(doc::Contract::KEYS.custom_properties)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|p| p.get(Property::KEYS.property).and_then(Value::as_str) == Some(OUTPUT_PORT))
        .and_then(|p| p.get(Property::KEYS.value))
        .and_then(Value::as_str);
    let schema = doc
        .get("schema")
        .and_then(Value::as_array)
        .and_then(|s| s.first())
        .and_then(|o| o.get("name"))
        .and_then(Value::as_str);
    let ports: Vec<&OutputPort> = d
        .incoming
        .output_ports
        .iter()
        .map(|(_, p)| p)
        .chain(d.mesh.output_ports.iter())
        .filter(|p| p.product_id == product)
        .collect();
    let wanted = property.or(schema).map(slugify);
    let mut matching: Vec<Uuid> = ports
        .iter()
        .filter(|p| wanted.as_deref().is_none_or(|w| p.name == w))
        .map(|p| p.id)
        .collect();
    matching.dedup();
    match matching.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// `slaProperties` as service levels, or `None` when an item holds more than the
/// model can (a text value, an `element`), so the list is kept whole in the bag.
fn service_levels(v: &Value) -> Option<Vec<ServiceLevel>> {
    let mut seen = std::collections::HashSet::new();
    v.as_array()?
        .iter()
        .map(|item| {
            // A null is no value of the model either: the list stays as written.
            if item.as_object()?.values().any(Value::is_null) {
                return None;
            }
            let mut o = SlaProperty::deserialize(item).ok()?;
            if !o.rest.is_empty() {
                return None;
            }
            let text = |f: &mut Field<String>| match f {
                Field::Wrong { .. } => None,
                f => Some(f.take()),
            };
            let property = text(&mut o.property)??;
            let value = o
                .value
                .given()?
                .as_f64()
                .filter(|v| v.is_finite() && *v >= 0.0)?;
            seen.insert(property.clone()).then_some(())?;
            Some(ServiceLevel {
                property,
                value,
                unit: text(&mut o.unit)?,
                description: text(&mut o.description)?,
            })
        })
        .collect()
}
