//! Mesh files: opening one with a cancel token (the core's `load_cancellable` stops
//! between tables), creating an empty one, and the header a new mesh gets. The hosts
//! pass paths the user chose; nothing here picks a file on its own, keeps a recent
//! list or titles a window.

use std::path::Path;

use mesh_core::model::{Mesh, MeshInfo};
use mesh_core::{Access, Store};

use crate::CommandError;
use crate::task::CancelToken;

/// The namespace of a new mesh until the user sets one.
pub const DEFAULT_NAMESPACE: &str = "com.example";

/// The header of a new, empty mesh called `name`.
pub fn new_mesh_info(name: String) -> MeshInfo {
    MeshInfo {
        name,
        namespace: DEFAULT_NAMESPACE.into(),
        description: None,
        custom_properties: Vec::new(),
        extensions: Default::default(),
    }
}

/// Opens and loads `path`, giving up with the `cancelled` error when `token` is
/// cancelled before the model is complete.
pub fn open(
    path: &Path,
    access: Access,
    token: &CancelToken,
) -> Result<(Store, Mesh), CommandError> {
    let store = Store::open(path, access)?;
    let mesh = store.load_cancellable(&|| token.is_cancelled())?;
    // A cancel that came while the last table was read still wins: the user asked for
    // the previous mesh to stay.
    if token.is_cancelled() {
        return Err(mesh_core::Error::Cancelled.into());
    }
    Ok((store, mesh))
}

/// Creates a new, empty mesh file called `name` at `path` (which must not exist).
pub fn create(path: &Path, name: String) -> Result<(Store, Mesh), CommandError> {
    let store = Store::create(path, &new_mesh_info(name))?;
    let mesh = store.load()?;
    Ok((store, mesh))
}
