//! The application layer's one error type, which the desktop shell sends to the UI as
//! is: a typed value (the core's [`ErrorKind`], entity, field, path, message), never a
//! bare string, so the UI can put a message next to the right form field and no host
//! compares error texts. It must not hold presentation (no HTML, no colours).

use mesh_core::ErrorKind;
use serde::Serialize;

/// Why an application-layer call (a command of the app) failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct CommandError {
    /// What kind of failure: the core's [`ErrorKind`], one enum for app and CLI.
    pub kind: ErrorKind,
    /// The entity kind concerned, when there is one (`data product`).
    pub entity: Option<String>,
    /// The model field concerned, in camelCase (`displayName`), when there is one.
    pub field: Option<String>,
    /// The file concerned, when there is one: a mesh file, or an exported file relative
    /// to the export folder (`dataproducts/orders/orders.odps.yaml`).
    pub path: Option<String>,
    /// A sentence for people.
    pub message: String,
}

impl CommandError {
    /// An error of `kind` about nothing in particular (no entity, field or file).
    fn plain(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            entity: None,
            field: None,
            path: None,
            message: message.into(),
        }
    }

    /// No mesh is open in this window.
    pub fn no_mesh() -> Self {
        CommandError::plain(ErrorKind::NoMeshOpen, "no mesh is open")
    }

    /// A failure of the shell itself (a lost thread, a window that went away).
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError::plain(ErrorKind::Internal, message)
    }

    /// A command argument the user gave is unusable (an empty folder, no format chosen);
    /// `field` names the dialog field, so the message can sit under it.
    pub fn invalid_argument(field: &str, message: impl Into<String>) -> Self {
        CommandError {
            field: Some(field.into()),
            ..CommandError::plain(ErrorKind::Invalid, message)
        }
    }

    /// The user cancelled the task; `message` says what was left done.
    pub fn cancelled(message: impl Into<String>) -> Self {
        CommandError::plain(ErrorKind::Cancelled, message)
    }

    /// What the command acted on changed since the user looked at it (an export preview
    /// of a mesh edited since); the user should look again.
    pub fn stale(message: impl Into<String>) -> Self {
        CommandError::plain(ErrorKind::Stale, message)
    }

    /// An export could not be carried out at `path` (a domain repository git refuses).
    pub fn export_problem(path: &str, message: impl Into<String>) -> Self {
        CommandError {
            path: Some(path.into()),
            ..CommandError::plain(ErrorKind::Export, message)
        }
    }

    /// What is at `path` is in a state the command must not overwrite (uncommitted
    /// changes in files an export would commit).
    pub fn conflict(path: &str, message: impl Into<String>) -> Self {
        CommandError {
            path: Some(path.into()),
            ..CommandError::plain(ErrorKind::Conflict, message)
        }
    }

    /// Something the command was asked about is not there (a file not in the preview).
    pub fn not_found(path: &str, message: impl Into<String>) -> Self {
        CommandError {
            path: Some(path.into()),
            ..CommandError::plain(ErrorKind::NotFound, message)
        }
    }
}

impl From<mesh_core::Error> for CommandError {
    fn from(e: mesh_core::Error) -> Self {
        let entity = match &e {
            mesh_core::Error::Invalid { entity, .. }
            | mesh_core::Error::Conflict { entity, .. }
            | mesh_core::Error::NotFound { entity, .. } => Some(entity.label().to_owned()),
            _ => None,
        };
        let message = match &e {
            // The inspector shows the reason next to the field; the entity and field
            // names in front of it would only repeat what the form already shows.
            mesh_core::Error::Invalid { reason, .. }
            | mesh_core::Error::Conflict { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        let path = match &e {
            mesh_core::Error::BadFile { path, .. }
            | mesh_core::Error::Corrupt { path, .. }
            | mesh_core::Error::NewerSchema { path, .. }
            | mesh_core::Error::Io { path, .. } => Some(path.display().to_string()),
            mesh_core::Error::Export { path, .. } => Some(path.clone()),
            _ => None,
        };
        CommandError {
            kind: e.kind(),
            entity,
            field: e.field().map(str::to_owned),
            path,
            message,
        }
    }
}
