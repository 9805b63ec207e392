//! Manifests: the model written out in the registry formats (Bitol ODPS and ODCS, DPDS,
//! Backstage, DataHub), one module per format.
//!
//! A format module turns a loaded [`Mesh`] into [`Document`]s: a scope (the product or
//! domain the document belongs to), a file name and the finished text. Where a document
//! lands on disk is decided by the layout, and writing is done by the writer; format
//! modules never touch the file system and never read the clock, so the same mesh
//! always gives the same bytes. Whatever a format cannot hold goes into its extension
//! mechanism, never dropped silently.

pub mod backstage;
mod bitol;
pub mod context;
pub mod contracts;
pub mod datahub;
pub mod documents;
pub mod dpds;
pub mod import;
pub mod layout;
pub mod odcs;
pub(crate) mod odcs_body;
pub mod odps;
pub mod paths;
pub mod plan;
pub mod text;
pub mod unmapped;
mod words;
pub mod write;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use uuid::Uuid;

use crate::error::Result;
use crate::model::Mesh;

pub use context::ExportContext;

/// Which entity a document belongs to; the layout turns it into a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// A data product's own folder (`dataproducts/<product>/`).
    Product(Uuid),
    /// The root of a domain's folder (for example its `catalog-info.yaml`).
    Domain(Uuid),
    /// The mesh as a whole: contracts kept unattached (`contracts/`).
    Mesh,
    /// The export root itself, in both layouts (the mesh's own `catalog-info.yaml`).
    Root,
}

/// One exported file before it is placed and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The product or domain it belongs to, or the root.
    pub scope: Scope,
    /// File name inside the scope's folder: a single safe path segment such as
    /// `orders.odps.yaml`.
    pub file_name: String,
    /// The complete text: LF line ends and a final newline.
    pub text: String,
}

/// The formats Meshwright exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Bitol Open Data Product Standard: one `*.odps.yaml` per product.
    Odps,
    /// Bitol Open Data Contract Standard: one `*.odcs.yaml` per output port with a contract.
    Odcs,
    /// Data Product Descriptor Specification 1.0.0: one `*.dpds.json` per product.
    Dpds,
    /// Backstage catalog: one `catalog-info.yaml` per domain.
    Backstage,
    /// DataHub data product YAML: one `*.datahub.yaml` per product.
    Datahub,
}

impl Format {
    /// Every format, in export order.
    pub const ALL: [Format; 5] = [
        Format::Odps,
        Format::Odcs,
        Format::Dpds,
        Format::Backstage,
        Format::Datahub,
    ];

    /// The format with this lower-case name.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The lower-case name used on the command line and in the app.
    pub fn name(self) -> &'static str {
        match self {
            Format::Odps => "odps",
            Format::Odcs => "odcs",
            Format::Dpds => "dpds",
            Format::Backstage => "backstage",
            Format::Datahub => "datahub",
        }
    }
}

/// Bitol ODPS version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OdpsVersion {
    /// v1.0.0, on request.
    V1_0_0,
    /// v1.1.0, the default.
    #[default]
    V1_1_0,
}

/// Bitol ODCS version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OdcsVersion {
    /// v3.1.0, the default.
    #[default]
    V3_1_0,
    /// v3.2.0.
    V3_2_0,
}

/// Choices that change what the format modules write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// ODPS version.
    pub odps: OdpsVersion,
    /// ODCS version.
    pub odcs: OdcsVersion,
}

/// Every document of the chosen formats, format by format in the order given (each
/// format only once), each format's documents in its own deterministic order.
pub fn documents(ctx: &ExportContext<'_>, formats: &[Format]) -> Vec<Document> {
    let mut unique = Vec::new();
    for &format in formats {
        if !unique.contains(&format) {
            unique.push(format);
        }
    }
    // Formats are independent: render them on the machine's threads, results kept in
    // the order asked for, so the output is the same as one after another.
    crate::governance::parallel::map_ordered(&unique, true, |&format| match format {
        Format::Odps => odps::documents(ctx),
        Format::Odcs => {
            let mut docs = odcs::documents(ctx);
            docs.extend(contracts::documents(ctx));
            docs
        }
        Format::Dpds => dpds::documents(ctx),
        Format::Backstage => backstage::documents(ctx),
        Format::Datahub => datahub::documents(ctx),
    })
    .into_iter()
    .flatten()
    .collect()
}

/// What to export and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSettings {
    /// The formats, in order.
    pub formats: Vec<Format>,
    /// Format versions.
    pub options: ExportOptions,
    /// One tree per domain (its repository folder) instead of one for the mesh.
    pub by_domain: bool,
    /// Delete files an earlier export wrote that the mesh no longer produces.
    pub prune: bool,
}

/// Renders, places and compares with the disk: what exporting `mesh` under `root`
/// would change. Nothing is written; pass the plan to [`write::write`]. `progress` gets
/// (files compared, files in all) once the documents are rendered; `cancel`, once set,
/// stops before the comparing or its next file with [`crate::Error::Cancelled`].
pub fn plan_export(
    mesh: &Mesh,
    root: &Path,
    settings: &ExportSettings,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<plan::Plan> {
    let placed = place_export(mesh, settings)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(crate::Error::Cancelled);
    }
    plan::plan(root, placed, settings.prune, progress, cancel)
}

/// Renders and places every file of an export of `mesh`, sorted by path, without
/// reading or writing the disk (a host committing them to repositories needs no more).
pub fn place_export(mesh: &Mesh, settings: &ExportSettings) -> Result<Vec<layout::Placed>> {
    let ctx = ExportContext::new(mesh, settings.options);
    let docs = documents(&ctx, &settings.formats);
    layout::place(&ctx, docs, settings.by_domain)
}
