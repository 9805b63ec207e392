//! Import: manifest files (ODPS, ODCS, DPDS, Backstage, DataHub data products, Data
//! Contract Specification and ODCS v2 contracts) read back into the model.
//!
//! Files are untrusted: `source` reads them with limits on size, nesting and aliases and
//! reports every problem with its path, line and column; `detect` tells the format from
//! the content, never from the file name. One module per format decodes its documents
//! (`odps`, `odcs`, `dpds`, `backstage`, `datahub`); `combine` makes one entity of what
//! several formats say about it (ODPS and ODCS first, then DPDS, then Backstage, then
//! DataHub) and reports where they disagree; `refs` resolves the ports DPDS, Backstage
//! and DataHub name, and keeps what no file of the import nor the mesh holds as an
//! unresolved reference (resolved by a later import, `refs::resolve_kept`); `dcs` keeps
//! contracts whole; `summary` counts what happened per file; `places` reads manifests
//! into a model in memory for a check where they are, and points each finding at the
//! field it concerns in the file that declares its entity. Nothing here writes to a
//! mesh: the result of an import is a list
//! of edit operations that the store applies in one transaction, or that a dry run
//! reports.

mod backstage;
mod combine;
mod datahub;
mod dcs;
mod decode;
pub mod detect;
mod dpds;
mod fields;
mod locate;
pub mod merge;
mod odcs;
mod odps;
mod places;
mod refs;
pub mod run;
pub mod source;
mod summary;

use std::fmt;
use std::path::PathBuf;

pub use combine::Disagreement;
pub use detect::Detected;
pub(crate) use fields::{slugify, title_of};
pub use merge::{Action, ImportPlan, Incoming, Kept, Planned, plan};
pub use places::ManifestModel;
pub use run::{ImportOptions, ImportReport, apply, create, mesh_of, prepare, read, run, tenant};
pub use source::{SourceDocument, Sources, read_sources};
pub use summary::{FileSummary, KindSummary, Totals};

/// One problem with one input file. Displayed as `path:line:column: field: reason`,
/// the form editors and CI logs link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when the problem has a place in the text.
    pub line: Option<u64>,
    /// 1-based column, with `line`.
    pub column: Option<u64>,
    /// The field at fault (a dotted path such as `outputPorts[0].version`), if one is.
    pub field: Option<String>,
    /// What is wrong, in one line.
    pub reason: String,
}

impl ImportError {
    /// A problem with the file as a whole.
    pub fn file(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        ImportError {
            path: path.into(),
            line: None,
            column: None,
            field: None,
            reason: reason.into(),
        }
    }

    /// A problem with one field of a document.
    pub fn field(
        path: impl Into<PathBuf>,
        field: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        ImportError {
            path: path.into(),
            line: None,
            column: None,
            field: Some(field.into()),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for ImportError {}
