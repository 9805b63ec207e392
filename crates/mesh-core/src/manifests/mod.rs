//! Manifests: the model written out in the registry formats (Bitol ODPS and ODCS, DPDS,
//! Backstage, DataHub), one module per format.
//!
//! A format module turns a loaded [`Mesh`] into [`Document`]s: a scope (the product or
//! domain the document belongs to), a file name and the finished text. Where a document
//! lands on disk is decided by the layout, and writing is done by the writer; format
//! modules never touch the file system and never read the clock, so the same mesh
//! always gives the same bytes. Whatever a format cannot hold goes into its extension
//! mechanism, never dropped silently.

mod bitol;
pub mod context;
pub mod import;
pub mod odcs;
pub mod odps;
pub mod text;

use uuid::Uuid;

pub use context::ExportContext;

/// Which entity a document belongs to; the layout turns it into a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// A data product's own folder (`dataproducts/<product>/`).
    Product(Uuid),
    /// The root of a domain's folder (for example its `catalog-info.yaml`).
    Domain(Uuid),
}

/// One exported file before it is placed and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The product or domain it belongs to.
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
    /// Data Product Descriptor Specification 1.0.0: one `*.dpds.yaml` per product.
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
    let mut seen = Vec::new();
    let mut docs = Vec::new();
    for &format in formats {
        if seen.contains(&format) {
            continue;
        }
        seen.push(format);
        docs.extend(match format {
            Format::Odps => odps::documents(ctx),
            Format::Odcs => odcs::documents(ctx),
            // merged with the other formats' branch: these three arms call
            // `dpds::documents`, `backstage::documents` and `datahub::documents`, which
            // are written on another branch; until the merge they export nothing.
            Format::Dpds => Vec::new(),
            Format::Backstage => Vec::new(),
            Format::Datahub => Vec::new(),
        });
    }
    docs
}
