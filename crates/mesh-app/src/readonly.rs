//! A mesh read without a session, as a pipeline reads it (`meshwright check` and
//! `stats`): a mesh file opened read-only (a file from an older schema is migrated in
//! memory and left as it was), or manifest files and folders read into a model in
//! memory where they are ([`ReadOnlyManifests`]); loaded once, then checked against a
//! policy (the file's stored one, the folder's `meshwright-policy.yaml`, or one the
//! pipeline gives) as of the day the host passes, optionally against a baseline (an
//! older version of the mesh, read the same ways, whose contracts the check compares
//! with), or summed up.
//!
//! It must not write any file or read the clock. Its errors are the core's, whole: a
//! pipeline's log wants the entity and field in front of the reason, which
//! [`CommandError`](crate::CommandError) leaves to the desktop's forms.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use mesh_core::governance::report::Place;
use mesh_core::governance::{self, Policy, Report};
use mesh_core::graph::MeshGraph;
use mesh_core::manifests::import::{self as manifest_import, ImportError, ManifestModel};
use mesh_core::model::Mesh;
use mesh_core::stats::Stats;
use mesh_core::{Access, Store};

use crate::{CancelToken, TaskPhase};

/// The policy file a folder of manifests may hold at its root.
pub const POLICY_FILE: &str = "meshwright-policy.yaml";

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
        self.check_against(None, policy, today)
    }

    /// [`ReadOnlyMesh::check`], comparing contracts with `baseline` when given.
    pub fn check_against(
        &self,
        baseline: Option<&Mesh>,
        policy: &Policy,
        today: NaiveDate,
    ) -> mesh_core::Result<Report> {
        governance::check_against(&self.mesh, baseline, policy, today)
    }

    /// The model, taken out of the file.
    pub fn into_mesh(self) -> Mesh {
        self.mesh
    }

    /// The size and shape of the mesh.
    pub fn stats(&self) -> Stats {
        Stats::of(&self.mesh, &MeshGraph::build(&self.mesh))
    }
}

/// Manifest files and folders (a domain repository, or several) read into a model in
/// memory, as an import into a new mesh reads them, for a check where they are.
pub struct ReadOnlyManifests {
    model: ManifestModel,
    paths: Vec<PathBuf>,
}

impl ReadOnlyManifests {
    /// Reads `paths` (files, or folders walked recursively), counting files read on
    /// `token`'s `Reading` phase; every problem of every file is the error, together.
    pub fn read(
        paths: &[PathBuf],
        token: &mut CancelToken,
    ) -> Result<ReadOnlyManifests, Vec<ImportError>> {
        let sources = token.run(TaskPhase::Reading, |progress, cancel| {
            manifest_import::read(paths, progress, cancel)
        })?;
        let name = paths
            .first()
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_else(|| PathBuf::from("manifests"));
        let info = crate::import::new_mesh_info(&name, manifest_import::tenant(&sources));
        token.phase(TaskPhase::Applying);
        let model = ManifestModel::read(&info, sources)?;
        Ok(ReadOnlyManifests {
            model,
            paths: paths.to_vec(),
        })
    }

    /// The model read.
    pub fn mesh(&self) -> &Mesh {
        &self.model.mesh
    }

    /// The model read, taken out.
    pub fn into_mesh(self) -> Mesh {
        self.model.mesh
    }

    /// The files the documents came from.
    pub fn files(&self) -> &[PathBuf] {
        &self.model.files
    }

    /// What was kept without a place (unresolved references), as warnings.
    pub fn warnings(&self) -> &[ImportError] {
        &self.model.warnings
    }

    /// The `meshwright-policy.yaml` at the root of the first folder given that has one.
    pub fn policy_file(&self) -> Option<PathBuf> {
        self.paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| p.join(POLICY_FILE))
            .find(|p| p.is_file())
    }

    /// The model checked against `policy` as of `today`, with each finding's place:
    /// the manifest that declares its entity, at the line and column of the field the
    /// finding concerns.
    pub fn check(
        &self,
        policy: &Policy,
        today: NaiveDate,
    ) -> mesh_core::Result<(Report, Vec<Option<Place>>)> {
        self.check_against(None, policy, today)
    }

    /// [`ReadOnlyManifests::check`], comparing contracts with `baseline` when given.
    pub fn check_against(
        &self,
        baseline: Option<&Mesh>,
        policy: &Policy,
        today: NaiveDate,
    ) -> mesh_core::Result<(Report, Vec<Option<Place>>)> {
        let report = governance::check_against(&self.model.mesh, baseline, policy, today)?;
        let places = self.model.places(&report);
        Ok((report, places))
    }
}
