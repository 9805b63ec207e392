//! Contracts kept as the documents they came as (`Mesh::contracts`), written back as
//! they came: an unattached one under `contracts/` (ODCS as `<id>.odcs.yaml`, Data
//! Contract Specification as `<id>.datacontract.yaml`), a Data Contract Specification
//! one attached to a port beside its product's other files. An attached ODCS contract
//! takes the place of the contract `odcs.rs` would derive for its port, so it is
//! written there.
//!
//! It must not change a kept document: what came in goes out.

use std::collections::HashMap;

use super::{Document, ExportContext, Scope, text};
use crate::manifests::import::slugify as slug;
use crate::model::{Contract, ContractFormat};

/// The documents of every kept contract `odcs.rs` does not write.
pub fn documents(ctx: &ExportContext<'_>) -> Vec<Document> {
    let mut taken: HashMap<(Scope, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for c in &ctx.mesh.contracts {
        let port = c.output_port_id.and_then(|id| ctx.output_ports.get(&id));
        let scope = match (port, c.format) {
            (Some(_), ContractFormat::Odcs) => continue,
            (Some(port), ContractFormat::Dcs) => Scope::Product(port.product_id),
            (None, _) => Scope::Mesh,
        };
        let base = file_stem(c);
        let n = taken.entry((scope, base.clone())).or_default();
        *n += 1;
        // Two versions of one contract id stay two files.
        let stem = match (*n, &c.version) {
            (1, _) => base,
            (_, Some(v)) => format!("{base}-{}", slug(v)),
            (n, None) => format!("{base}-{n}"),
        };
        let extension = match c.format {
            ContractFormat::Odcs => "odcs.yaml",
            ContractFormat::Dcs => "datacontract.yaml",
        };
        out.push(Document {
            scope,
            file_name: format!("{stem}.{extension}"),
            text: text::yaml(&c.document),
        });
    }
    out
}

/// A safe file name stem for the contract: its id as a slug, else its name's.
fn file_stem(c: &Contract) -> String {
    let from_id = slug(&c.contract_id);
    if from_id.is_empty() {
        c.name
            .as_deref()
            .map(slug)
            .unwrap_or_else(|| "contract".into())
    } else {
        from_id
    }
}
