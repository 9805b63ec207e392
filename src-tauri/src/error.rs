//! The one error type that crosses to the UI: a typed value (kind, field, message),
//! never a bare string, so the UI can put a message next to the right form field.

use serde::Serialize;
use specta::Type;

/// Why a command failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct CommandError {
    /// Machine-readable kind: `invalid`, `conflict`, `notFound`, `nothingToDo`, `badFile`,
    /// `corrupt`, `newerSchema`, `io`, `database`, `decode`, `noMeshOpen`, `internal`.
    pub kind: String,
    /// The entity kind concerned, when there is one (`data product`).
    pub entity: Option<String>,
    /// The model field concerned, in camelCase (`displayName`), when there is one.
    pub field: Option<String>,
    /// A sentence for people.
    pub message: String,
}

impl CommandError {
    /// No mesh is open in this window.
    pub fn no_mesh() -> Self {
        CommandError {
            kind: "noMeshOpen".into(),
            entity: None,
            field: None,
            message: "no mesh is open".into(),
        }
    }

    /// A failure of the shell itself (a lost thread, a window that went away).
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            kind: "internal".into(),
            entity: None,
            field: None,
            message: message.into(),
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
        CommandError {
            kind: e.kind().to_owned(),
            entity,
            field: e.field().map(str::to_owned),
            message,
        }
    }
}
