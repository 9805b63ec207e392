//! The core's one error type: every failure names what it concerns and why, so the CLI
//! can print one line and the desktop app can put the message next to the right field.

use std::path::PathBuf;

use uuid::Uuid;

use crate::model::EntityKind;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of failure an error is: one word the CLI's JSON and the desktop app's typed
/// errors carry, so no host compares error texts. The last three are the hosts' own
/// (no mesh open, a stale preview, a failure of the shell itself), listed here so that
/// one enum crosses to every caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// [`Error::Invalid`].
    Invalid,
    /// [`Error::Conflict`].
    Conflict,
    /// [`Error::NotFound`], or a host's missing item.
    NotFound,
    /// [`Error::NothingTo`].
    NothingToDo,
    /// [`Error::BadFile`].
    BadFile,
    /// [`Error::Corrupt`].
    Corrupt,
    /// [`Error::NewerSchema`].
    NewerSchema,
    /// [`Error::Io`].
    Io,
    /// [`Error::Export`].
    Export,
    /// [`Error::Cancelled`].
    Cancelled,
    /// [`Error::Sqlite`].
    Database,
    /// [`Error::Decode`].
    Decode,
    /// A host was asked to work on the open mesh with none open.
    NoMeshOpen,
    /// What a command acted on changed since the user looked at it.
    Stale,
    /// A failure of the host itself (a lost thread, a poisoned lock).
    Internal,
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field's value breaks a rule (empty, too long, not a slug, not a semver, ...).
    #[error("{entity} {name}: field `{field}` {reason}")]
    Invalid {
        /// The entity being edited.
        entity: EntityKind,
        /// Its name as the user knows it (may be empty for a new entity).
        name: String,
        /// The offending field, in the model's camelCase.
        field: &'static str,
        /// Why the value is refused.
        reason: String,
    },
    /// The edit clashes with other entities (a duplicate name, an entity still in use).
    #[error("{entity} {name}: field `{field}` {reason}")]
    Conflict {
        /// The entity being edited.
        entity: EntityKind,
        /// Its name.
        name: String,
        /// The field that clashes.
        field: &'static str,
        /// What it clashes with.
        reason: String,
    },
    /// A referenced entity does not exist.
    #[error("{entity} {id} does not exist")]
    NotFound {
        /// The kind looked for.
        entity: EntityKind,
        /// The id looked for.
        id: Uuid,
    },
    /// Undo or redo with nothing to do.
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    /// The path cannot be used as a mesh file at all.
    #[error("{}: {reason}", path.display())]
    BadFile {
        /// The file.
        path: PathBuf,
        /// Why: missing, a directory, not a SQLite file, not a mesh, read-only, exists.
        reason: String,
    },
    /// The file's SQLite pages are damaged.
    #[error("{}: the file is corrupted ({detail})", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// SQLite's own words.
        detail: String,
    },
    /// The file was written by a newer Meshwright; it is left untouched.
    #[error(
        "{}: written by a newer Meshwright (schema version {found}, this build reads up to {supported}); upgrade Meshwright to open it",
        path.display()
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// A file-system error on a path.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// An export cannot go where it was asked to: an unsafe path, two documents on
    /// one path, a file Meshwright did not write in the way, an unreadable export index.
    #[error("{path}: {reason}")]
    Export {
        /// The path concerned, relative to the export root where there is one.
        path: String,
        /// Why.
        reason: String,
    },
    /// The caller cancelled a long operation; what was finished is left consistent.
    #[error("cancelled")]
    Cancelled,
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON column could not be read back.
    #[error("stored data could not be decoded: {0}")]
    Decode(#[from] serde_json::Error),
}

impl Error {
    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(
        entity: EntityKind,
        name: &str,
        field: &'static str,
        reason: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            entity,
            name: name.to_owned(),
            field,
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Conflict`].
    pub fn conflict(
        entity: EntityKind,
        name: &str,
        field: &'static str,
        reason: impl Into<String>,
    ) -> Self {
        Error::Conflict {
            entity,
            name: name.to_owned(),
            field,
            reason: reason.into(),
        }
    }

    /// What kind of failure this is, for the CLI's JSON and the desktop's typed errors.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::NothingTo(_) => ErrorKind::NothingToDo,
            Error::BadFile { .. } => ErrorKind::BadFile,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::Io { .. } => ErrorKind::Io,
            Error::Export { .. } => ErrorKind::Export,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Sqlite(_) => ErrorKind::Database,
            Error::Decode(_) => ErrorKind::Decode,
        }
    }

    /// The field concerned, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}
