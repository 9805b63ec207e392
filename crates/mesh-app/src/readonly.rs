//! A mesh file read without a session, as a pipeline reads it (`meshwright check` and
//! `stats`): opened read-only (a file from an older schema is migrated in memory and
//! left as it was), loaded once, then checked against its stored policy or one the
//! pipeline gives, as of the day the host passes, or summed up.
//!
//! It must not write the file or read the clock. Its errors are the core's, whole: a
//! pipeline's log wants the entity and field in front of the reason, which
//! [`CommandError`](crate::CommandError) leaves to the desktop's forms.

use std::path::Path;

use chrono::NaiveDate;
use mesh_core::governance::{self, Policy, Report};
use mesh_core::graph::MeshGraph;
use mesh_core::model::Mesh;
use mesh_core::stats::Stats;
use mesh_core::{Access, Store};

/// A mesh file opened read-only, with its model.
pub struct ReadOnlyMesh {
    store: Store,
    mesh: Mesh,
}

impl ReadOnlyMesh {
    /// Opens and loads `path` without writing to it.
    pub fn open(path: &Path) -> mesh_core::Result<ReadOnlyMesh> {
        let store = Store::open(path, Access::ReadOnly)?;
        let mesh = store.load()?;
        Ok(ReadOnlyMesh { store, mesh })
    }

    /// The model.
    pub fn mesh(&self) -> &Mesh {
        &self.mesh
    }

    /// The policy stored in the file (the default one when none was ever set).
    pub fn policy(&self) -> mesh_core::Result<Policy> {
        self.store.policy()
    }

    /// The mesh checked against `policy` as of `today` (which decides whether a waiver
    /// has expired); an invalid policy is the error.
    pub fn check(&self, policy: &Policy, today: NaiveDate) -> mesh_core::Result<Report> {
        governance::check(&self.mesh, policy, today)
    }

    /// The size and shape of the mesh.
    pub fn stats(&self) -> Stats {
        Stats::of(&self.mesh, &MeshGraph::build(&self.mesh))
    }
}
