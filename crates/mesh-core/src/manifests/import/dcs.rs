//! Reading the contracts kept whole: Data Contract Specification files
//! (`dataContractSpecification: 0.9.x` to `1.2.x`, what datacontract-cli wrote before
//! ODCS) and Bitol ODCS contracts before v3 (`standardVersion: 2.x`, the Bitol
//! repository's own v2.2.2 examples), whose structure predates what the model maps.
//! Each is kept as a contract, attached to the output port whose contract id it is when
//! the import or the mesh has one, else unattached, and exported again as it came.
//!
//! It reads only what identifies the contract (DCS `id`, `info.title`, `info.version`;
//! ODCS v2 `uuid`, `datasetName`, `version`); the rest of the document is kept as
//! written. It must not write to the mesh or read files.

use serde_json::Value;

use super::SourceDocument;
use super::decode::Decoder;
use super::detect::Detected;
use super::fields::{Fields, Sink, derived};
use crate::manifests::words;
use crate::model::{Contract, ContractFormat};

/// Keeps every Data Contract Specification document of `documents` in `d`.
pub(super) fn keep_all(d: &mut Decoder<'_>, documents: &[SourceDocument]) {
    for doc in documents {
        let (format @ (Detected::Dcs | Detected::OdcsV2), Some(map)) =
            (doc.format, doc.value.as_object())
        else {
            continue;
        };
        let mut errors = Vec::new();
        let mut sink = Sink {
            path: &doc.path,
            errors: &mut errors,
        };
        let mut f = Fields::new(map, "");
        if format == Detected::OdcsV2 {
            let id = f.required("uuid", &mut sink);
            let name = f.string("datasetName", &mut sink);
            let version = map.get("version").and_then(words::text_of);
            d.errors.append(&mut errors);
            if let Some(id) = id {
                keep(d, &doc.path, (id, name, version), ContractFormat::Odcs, map);
            }
            continue;
        }
        let id = f.required("id", &mut sink);
        let (name, version) = match f.object("info", &mut sink) {
            // Versions are often written as YAML numbers (`version: 1.0`).
            Some(mut info) => (
                info.string("title", &mut sink),
                info.raw("version").and_then(words::text_of),
            ),
            None => (None, None),
        };
        d.errors.append(&mut errors);
        if let Some(id) = id {
            keep(d, &doc.path, (id, name, version), ContractFormat::Dcs, map);
        }
    }
}

/// Keeps `map` whole as the contract (id, name, version) in `format`.
fn keep(
    d: &mut Decoder<'_>,
    path: &std::path::Path,
    (id, name, version): (String, Option<String>, Option<String>),
    format: ContractFormat,
    map: &serde_json::Map<String, Value>,
) {
    let key = format!(
        "{}:{id}@{}",
        format.as_str(),
        version.as_deref().unwrap_or("")
    );
    let contract = Contract {
        id: derived(&d.ns, "contract", &key),
        output_port_id: port_with_contract(d, &id),
        contract_id: id,
        name,
        version,
        format,
        document: Value::Object(map.clone()),
    };
    d.keep_contract(path, contract);
}

/// The one output port (of the import, else of the mesh) whose contract id is `id`.
fn port_with_contract(d: &Decoder<'_>, id: &str) -> Option<uuid::Uuid> {
    let names =
        |p: &&crate::model::OutputPort| p.contract.as_ref().is_some_and(|c| c.contract_id == id);
    let mut found: Vec<uuid::Uuid> = d
        .incoming
        .output_ports
        .iter()
        .map(|(_, p)| p)
        .chain(d.mesh.output_ports.iter())
        .filter(names)
        .map(|p| p.id)
        .collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
