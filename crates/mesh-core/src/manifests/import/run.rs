//! One import from start to end: read the files, decode every document (ODPS first, then
//! Backstage, DPDS and DataHub, combined by the formats' precedence before input ports
//! and contracts are resolved, so they can refer to products of any file), check the entities,
//! plan against the open mesh and apply the plan as one transaction, or only report it
//! in a dry run. What cannot be placed is kept with a warning (refused under `--strict`,
//! `ImportOptions::strict`). Every problem of every file is collected and returned
//! together; when there is any, nothing is written.
//!
//! It must not print or draw progress: callers (CLI, app) get counts through the
//! callback and decide how to show them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::decode::Decoder;
use super::detect::Detected;
use super::source::{SourceDocument, Sources, read_sources};
use super::{
    ImportError, ImportPlan, backstage, datahub, dcs, dpds, locate, odcs, odps, plan, refs,
};
use crate::Store;
use crate::model::{Mesh, MeshInfo};
use crate::store::{Applied, EditOp};

/// How an import treats what it reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Report what would change and write nothing.
    pub dry_run: bool,
    /// Refuse what cannot be placed (an input whose provider is not known, a contract
    /// no output port references) instead of keeping it: for pipelines that want every
    /// reference resolved.
    pub strict: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The entities with their action, and the operations.
    pub plan: ImportPlan,
    /// Files found in folders that hold no manifest, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// How many documents were read.
    pub documents: usize,
    /// Every file the documents came from, in path order.
    pub files: Vec<PathBuf>,
    /// Whether the plan was written to the mesh.
    pub applied: bool,
    /// The edit as the store recorded it (every changed row, the undo state), when the
    /// plan was written to an open store: a host patches its model with it as after any
    /// edit, and undoes the whole import in one step.
    pub edit: Option<Applied>,
}

/// The plan for `documents` against `mesh`, or every problem found.
///
/// The order matters for ids, not for precedence (`combine` decides that): the ids
/// only DPDS, Backstage and DataHub carry are registered first; ODPS decodes next, so
/// the other formats find its products by name; DPDS, Backstage and DataHub are
/// combined into what ODPS gave before any input port is resolved, since an input may
/// read a port only one of them declares.
pub fn prepare(
    mesh: &Mesh,
    documents: &[SourceDocument],
    strict: bool,
) -> Result<ImportPlan, Vec<ImportError>> {
    let mut d = Decoder::new(mesh);
    d.strict = strict;
    backstage::register(&mut d, documents);
    dpds::register(&mut d, documents);
    datahub::register(&mut d, documents);
    let mut pending = Vec::new();
    for doc in documents {
        let Some(map) = doc.value.as_object() else {
            continue; // `detect` only accepts mappings
        };
        if doc.format == Detected::Odps {
            odps::decode(&mut d, &doc.path, map, &mut pending);
        }
    }
    d.note_primary();
    let catalogs = backstage::decode_all(&mut d, documents);
    let descriptors = dpds::decode_all(&mut d, documents);
    let products = datahub::decode_all(&mut d, documents);
    d.combine_entities();
    odps::resolve(&mut d, pending);
    odcs::attach_all(&mut d, documents);
    dcs::keep_all(&mut d, documents);
    odcs::attach_kept(&mut d);
    d.stand_in();
    dpds::resolve(&mut d, descriptors);
    let mesh_level = backstage::resolve(&mut d, catalogs);
    datahub::resolve(&mut d, products);
    d.combine_inputs();
    refs::keep_successors(&mut d);
    refs::resolve_kept(&mut d);
    // Until here errors name fields of the documents; validation names the model's.
    locate::locate(&mut d.errors);
    locate::locate(&mut d.warnings);
    d.validate();
    if !d.errors.is_empty() {
        return Err(d.errors);
    }
    let mut plan = plan(mesh, &d.incoming)?;
    plan.disagreements = d.disagreements;
    plan.warnings = d.warnings;
    // Catalog entities that belong to no product or domain live in the mesh header.
    if let Some(info) = backstage::mesh_header(&mesh.info, mesh_level) {
        plan.ops.push(EditOp::SetMeshInfo(info));
    }
    Ok(plan)
}

/// Reads `paths` (see [`read_sources`]); any unreadable or malformed file is an error.
/// `progress` gets (files read, files in all); `cancel` stops the reading before the
/// next file.
pub fn read(
    paths: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Sources, Vec<ImportError>> {
    let sources = read_sources(paths, progress, cancel);
    if sources.errors.is_empty() {
        Ok(sources)
    } else {
        Err(sources.errors)
    }
}

/// The `tenant` of the first Bitol document that has one, else the namespace in the
/// first DPDS descriptor's fully qualified name: the namespace a new mesh created for
/// an import takes, so its re-export writes the same tenant and names.
pub fn tenant(sources: &Sources) -> Option<String> {
    let docs = &sources.documents;
    docs.iter()
        .filter(|d| matches!(d.format, Detected::Odps | Detected::Odcs))
        .find_map(|d| d.value.get("tenant")?.as_str().map(str::to_owned))
        .or_else(|| {
            docs.iter()
                .filter(|d| d.format == Detected::Dpds)
                .find_map(|d| {
                    let fqn = d.value.pointer("/info/fullyQualifiedName")?.as_str()?;
                    dpds::parse_fqn(fqn).map(|(namespace, _)| namespace.to_owned())
                })
        })
}

/// Imports what was read into `store`: everything or, at the first problem of any
/// document, nothing. `cancel` set before the plan is written stops the import with
/// nothing changed.
pub fn apply(
    store: &mut Store,
    sources: &Sources,
    options: ImportOptions,
    cancel: &AtomicBool,
) -> Result<ImportReport, Vec<ImportError>> {
    let dry_run = options.dry_run;
    let cancelled = || vec![ImportError::file(store.path(), super::source::CANCELLED)];
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    let mesh = store
        .load()
        .map_err(|e| vec![ImportError::file(store.path(), e.to_string())])?;
    let plan = prepare(&mesh, &sources.documents, options.strict)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    let applied = !dry_run && !plan.ops.is_empty();
    let mut edit = None;
    if applied {
        let label = format!("Import {} manifest documents", sources.documents.len());
        edit = Some(store.apply(plan.ops.clone(), Some(label)).map_err(|e| {
            let mut err =
                ImportError::file(store.path(), format!("the mesh refused the import: {e}"));
            err.field = e.field().map(str::to_owned);
            vec![err]
        })?);
    }
    Ok(ImportReport {
        plan,
        skipped: sources.skipped.clone(),
        documents: sources.documents.len(),
        files: sources.files(),
        applied,
        edit,
    })
}

/// Imports what was read into a new mesh file at `path` (which must not exist yet),
/// with the header `info`. A new file needs no undo history, so the plan is written in
/// one go like a generated mesh; should the file refuse it (two products with one
/// name), the import is replayed through the store's edits, whose errors name the
/// entity and field, and no file is left behind.
pub fn create(
    path: &Path,
    info: &MeshInfo,
    sources: &Sources,
    strict: bool,
    cancel: &AtomicBool,
) -> Result<ImportReport, Vec<ImportError>> {
    let plan = prepare(&Mesh::empty(info.clone()), &sources.documents, strict)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(vec![ImportError::file(
            path,
            "import cancelled; nothing was changed",
        )]);
    }
    let mesh = mesh_of(info, &plan);
    let report = ImportReport {
        plan,
        skipped: sources.skipped.clone(),
        documents: sources.documents.len(),
        files: sources.files(),
        applied: true,
        // A new file has no history to undo into.
        edit: None,
    };
    if Store::create_from(path, &mesh, &mut |_, _| {}).is_ok() {
        return Ok(report);
    }
    let mut store =
        Store::create(path, info).map_err(|e| vec![ImportError::file(path, e.to_string())])?;
    let options = ImportOptions {
        dry_run: false,
        strict,
    };
    let result = apply(&mut store, sources, options, cancel);
    drop(store);
    if result.is_err() {
        let _ = std::fs::remove_file(path);
    }
    result
}

/// The mesh with header `info` that `plan`, prepared against an empty mesh, makes: what
/// a new mesh file gets, and what a check of manifests where they are checks.
pub fn mesh_of(info: &MeshInfo, plan: &ImportPlan) -> Mesh {
    let mut mesh = Mesh::empty(info.clone());
    for op in &plan.ops {
        match op.clone() {
            EditOp::SavePerson(e) => mesh.people.push(e),
            EditOp::SaveTeam(e) => mesh.teams.push(e),
            EditOp::SaveDomain(e) => mesh.domains.push(e),
            EditOp::SaveSourceSystem(e) => mesh.source_systems.push(e),
            EditOp::SaveProduct(e) => mesh.products.push(e),
            EditOp::SaveOutputPort(e) => mesh.output_ports.push(e),
            EditOp::SaveInputPort(e) => mesh.input_ports.push(e),
            EditOp::SaveContract(e) => mesh.contracts.push(e),
            EditOp::SetMeshInfo(e) => mesh.info = e,
            _ => {}
        }
    }
    mesh.sort();
    mesh
}

/// Reads `paths` and imports them into `store` ([`read`], then [`apply`]).
pub fn run(
    store: &mut Store,
    paths: &[PathBuf],
    options: ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ImportReport, Vec<ImportError>> {
    let sources = read(paths, progress, cancel)?;
    apply(store, &sources, options, cancel)
}
