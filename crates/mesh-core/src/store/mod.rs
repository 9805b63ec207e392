//! The mesh file: one SQLite database per mesh (extension `.mesh`).
//!
//! Opening never changes a file it cannot use: the path, the SQLite header, the
//! application id and the schema version are all checked before the first write
//! (journal mode, migrations). Every edit is one immediate transaction that carries its
//! change-log entry, so an edit is either fully on disk with its undo record or absent.
//!
//! This module owns the connection; it does not hold the model in memory (see
//! [`Store::load`]) and knows nothing of how the model is shown.

mod edits;
mod history;
mod migrations;
mod ops;
mod tables;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use edits::Edit;
pub use history::{Change, Entity, HISTORY_LIMIT, Key, UndoState};
pub use migrations::{APPLICATION_ID, LATEST as SCHEMA_VERSION};
pub use ops::{Applied, EditOp};

use crate::error::{Error, Result};
use crate::filter::ViewFilter;
use crate::governance::Policy;
use crate::impact::Shape;
use crate::impact::shape::Read;
use crate::model::{EntityKind, Mesh, MeshInfo, Team};
use crate::scenario::Scenario;
use crate::validate;
use tables::Table;

/// The file extension of mesh files.
pub const EXTENSION: &str = "mesh";

/// An open mesh file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who this store's edits are recorded as made by (see `history`): `process:<pid>`
    /// unless the host names itself (a window of the app).
    origin: String,
}

/// Whether a store may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Edits allowed; the schema is migrated on open.
    ReadWrite,
    /// Reading only; the file is never written, not even its journal mode.
    ReadOnly,
}

impl Store {
    /// Creates a new, empty mesh file. Refuses a path that already exists.
    pub fn create(path: &Path, info: &MeshInfo) -> Result<Store> {
        Store::create_from(path, &Mesh::empty(info.clone()), &mut |_, _| {})
    }

    /// Creates a new mesh file holding `mesh` (with an empty history), for the demo, the
    /// generator and imports. The file is built under a temporary name and renamed into
    /// place, so a failure leaves nothing behind. Refuses a path that already exists.
    /// `progress` is told (rows written, rows in all) as the rows go in.
    pub fn create_from(path: &Path, mesh: &Mesh, progress: Progress<'_>) -> Result<Store> {
        validate::mesh_info(&mesh.info)?;
        if path.exists() {
            return Err(bad(
                path,
                "already exists; choose another name or delete it first",
            ));
        }
        let name = path
            .file_name()
            .ok_or_else(|| bad(path, "is not a file path"))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.partial", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let result = (|| {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
            let mut conn =
                Connection::open_with_flags(&tmp, flags).map_err(|e| map_open(&tmp, e))?;
            configure(&conn)?;
            migrations::migrate(&mut conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Subdomains may come before their parents; check references at commit.
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            write_all(&tx, mesh, progress)?;
            tx.commit()?;
            // Closing checkpoints the WAL into the main file, so the rename moves everything.
            conn.close().map_err(|(_, e)| e)?;
            fs::rename(&tmp, path).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })
        })();
        if let Err(e) = result {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = tmp.clone().into_os_string();
                p.push(suffix);
                let _ = fs::remove_file(p);
            }
            return Err(e);
        }
        Store::open(path, Access::ReadWrite)
    }

    /// Opens an existing mesh file. Checks everything before writing anything.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => bad(path, "does not exist"),
            _ => Error::Io {
                path: path.to_owned(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            return Err(bad(path, "is a directory, not a mesh file"));
        }
        if meta.len() == 0 {
            return Err(bad(path, "is empty, not a Meshwright mesh"));
        }
        if access == Access::ReadWrite && meta.permissions().readonly() {
            return Err(bad(path, "is read-only; make it writable to edit it"));
        }
        let flags = match access {
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| map_open(path, e))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| map_open(path, e))?;

        let (app_id, version) = (|| -> rusqlite::Result<(i32, i64)> {
            let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            Ok((app, migrations::version(&conn)?))
        })()
        .map_err(|e| map_open(path, e))?;
        if app_id != APPLICATION_ID {
            return Err(bad(path, "is a SQLite database but not a Meshwright mesh"));
        }
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: path.to_owned(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        match access {
            Access::ReadWrite => {
                configure(&conn).map_err(|e| map_open(path, e))?;
                migrations::migrate(&mut conn).map_err(|e| map_err(path, e))?;
            }
            Access::ReadOnly if version < SCHEMA_VERSION => {
                // An older file read by a CI job must stay as it is: copy it into memory
                // and bring the copy up to date there.
                let mut copy = Connection::open_in_memory()?;
                rusqlite::backup::Backup::new(&conn, &mut copy)
                    .and_then(|b| b.run_to_completion(256, Duration::ZERO, None))
                    .map_err(|e| map_open(path, e))?;
                migrations::migrate(&mut copy).map_err(|e| map_err(path, e))?;
                conn = copy;
            }
            Access::ReadOnly => {}
        }
        Ok(Store {
            conn,
            path: path.to_owned(),
            origin: process_origin(),
        })
    }

    /// Records this store's edits as made by `origin` (`desktop:<window>` for a window of
    /// the app), whose undo and redo then take back only its own edits.
    pub fn set_origin(&mut self, origin: impl Into<String>) {
        self.origin = origin.into();
    }

    /// Records this store's edits as anyone's, which every window may undo (the merge
    /// driver's one "Merge" edit).
    pub fn record_as_anyones(&mut self) {
        self.origin.clear();
    }

    /// Who this store's edits are recorded as made by (empty: anyone).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the whole mesh into memory, every list in canonical order.
    pub fn load(&self) -> Result<Mesh> {
        self.load_cancellable(&|| false)
    }

    /// [`Store::load`], asking `cancelled` between tables and giving up with
    /// [`Error::Cancelled`] once it says so: a 100,000-product mesh takes most of a second
    /// to read, and the user who opened the wrong file should not have to wait for it.
    pub fn load_cancellable(&self, cancelled: &dyn Fn() -> bool) -> Result<Mesh> {
        let conn = &self.conn;
        let check = || {
            if cancelled() {
                Err(Error::Cancelled)
            } else {
                Ok(())
            }
        };
        let result = self.in_snapshot(|| {
            check()?;
            let info = tables::load_mesh_info(conn)?
                .ok_or_else(|| bad(&self.path, "has no mesh header"))?;
            let mut teams: Vec<Team> = tables::load_all(conn)?;
            let mut members = tables::load_team_members(conn)?;
            for t in &mut teams {
                t.members = members.remove(&t.id).unwrap_or_default();
            }
            let people = tables::load_all(conn)?;
            let domains = tables::load_all(conn)?;
            let source_systems = tables::load_all(conn)?;
            check()?;
            let products = tables::load_all(conn)?;
            check()?;
            let output_ports = tables::load_all(conn)?;
            check()?;
            let input_ports = tables::load_all(conn)?;
            check()?;
            let contracts = tables::load_all(conn)?;
            let positions = tables::load_positions(conn)?;
            check()?;
            let mut mesh = Mesh {
                info,
                people,
                teams,
                domains,
                source_systems,
                products,
                output_ports,
                input_ports,
                contracts,
                positions,
            };
            mesh.sort();
            Ok(mesh)
        });
        result.map_err(|e| map_err(&self.path, e))
    }

    /// What an impact question reads of the mesh (`meshwright impact`): products' and
    /// ports' names, owners and links, and no other column. On 10,000 products that is
    /// a third of the time [`Store::load`] takes, and decoding the rows is most of it.
    ///
    /// A file on disk reads its links, the largest table, on a second read-only
    /// connection while this one reads the rest. Both read between two readings of this
    /// one's `data_version`, which changes when another connection commits: if one did,
    /// the two may have seen different states of the file, and the shape is read again
    /// on this connection alone.
    pub fn load_shape(&self) -> Result<Shape> {
        // An in-memory store (an older file brought up to date in memory) and one in the
        // middle of a transaction have no second view of the same state.
        let on_disk = self.conn.path().is_some_and(|p| !p.is_empty());
        if on_disk && self.conn.is_autocommit() {
            let before = self.data_version()?;
            let shape = self.read_shape(true)?;
            if self.data_version()? == before {
                return Ok(shape);
            }
        }
        self.read_shape(false)
    }

    /// One read of the shape, its links on a second connection when `beside`.
    fn read_shape(&self, beside: bool) -> Result<Shape> {
        let conn = &self.conn;
        let path = self.path.as_path();
        let result = self.in_snapshot(|| {
            std::thread::scope(|s| {
                let reads = beside.then(|| {
                    s.spawn(move || -> Result<Vec<Read>> {
                        let mut other = Connection::open_with_flags(
                            path,
                            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                        )?;
                        let tx = other.transaction()?;
                        tables::load_reads(&tx)
                    })
                });
                let domains = tables::load_named(conn, tables::NamedTable::Domain)?;
                let teams = tables::load_named(conn, tables::NamedTable::Team)?;
                let products = tables::load_product_shapes(conn)?;
                let output_ports = tables::load_port_shapes(conn)?;
                let reads = match reads {
                    Some(thread) => thread
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
                    None => tables::load_reads(conn)?,
                };
                Ok(Shape {
                    domains,
                    teams,
                    products,
                    output_ports,
                    reads,
                })
            })
        });
        result.map_err(|e| map_err(&self.path, e))
    }

    /// Runs `read` inside one read transaction, so that every table it reads shows the
    /// same state of the file: the caller's transaction when one is open, else its own.
    fn in_snapshot<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let _snapshot = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        read()
    }

    /// The mesh's governance policy; the default policy when none was ever set.
    pub fn policy(&self) -> Result<Policy> {
        tables::load_policy(&self.conn)
            .map(Option::unwrap_or_default)
            .map_err(|e| map_err(&self.path, e))
    }

    /// SQLite's `data_version` on this connection: it changes when another connection
    /// (another process, another window) commits to the file, and never for this one's
    /// own commits, so a host can tell an edit made elsewhere from its own.
    pub fn data_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(|e| map_err(&self.path, e.into()))
    }

    /// The filter saved for the view named `view`; the empty filter when none was.
    pub fn view_filter(&self, view: &str) -> Result<ViewFilter> {
        tables::load_view_filter(&self.conn, view)
            .map(Option::unwrap_or_default)
            .map_err(|e| map_err(&self.path, e))
    }

    /// Saves `filter` as the view's filter, committed at once. A filter is how the mesh
    /// is looked at, not a change to it: it is not an edit, and undo leaves it alone.
    pub fn save_view_filter(&self, view: &str, filter: &ViewFilter) -> Result<()> {
        tables::write_view_filter(&self.conn, view, filter).map_err(|e| map_err(&self.path, e))
    }

    /// Every scenario kept in the file, oldest first.
    pub fn scenarios(&self) -> Result<Vec<Scenario>> {
        tables::load_scenarios(&self.conn).map_err(|e| map_err(&self.path, e))
    }

    /// The scenario named `name`, if the file keeps one.
    pub fn scenario(&self, name: &str) -> Result<Option<Scenario>> {
        tables::load_scenario(&self.conn, name).map_err(|e| map_err(&self.path, e))
    }

    /// Keeps `scenario` (new, or with its to-be changed), committed at once. A scenario
    /// is beside the as-is, not part of it: this is not an edit and undo leaves it alone.
    /// Refuses a name another scenario has.
    pub fn save_scenario(&self, scenario: &Scenario) -> Result<()> {
        if let Some(other) = self.scenario(&scenario.name)?
            && other.id != scenario.id
        {
            return Err(Error::conflict(
                EntityKind::Mesh,
                &scenario.name,
                "scenario",
                "is the name of another scenario; choose another",
            ));
        }
        tables::write_scenario(&self.conn, scenario).map_err(|e| map_err(&self.path, e))
    }

    /// Keeps `to_be` as the to-be of the scenario of id `id` (after each edit in it,
    /// so only the to-be is written, not the as-is it began from); false when the file
    /// has no such scenario.
    pub fn save_scenario_to_be(&self, id: uuid::Uuid, to_be: &Mesh) -> Result<bool> {
        tables::write_to_be(&self.conn, id, to_be).map_err(|e| map_err(&self.path, e))
    }

    /// Drops the scenario of id `id`; false when the file had none.
    pub fn delete_scenario(&self, id: uuid::Uuid) -> Result<bool> {
        tables::delete_scenario(&self.conn, id).map_err(|e| map_err(&self.path, e))
    }

    /// A store in memory holding `mesh` with an empty history and `policy`, for editing
    /// a mesh under every rule of a file's edits without writing a file (a scenario's
    /// to-be); `path` names it in errors.
    pub fn in_memory(path: &Path, mesh: &Mesh, policy: &Policy) -> Result<Store> {
        let mut conn = Connection::open_in_memory().map_err(|e| map_open(path, e))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| map_open(path, e))?;
        migrations::migrate(&mut conn).map_err(|e| map_err(path, e))?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        write_all(&tx, mesh, &mut |_, _| {})?;
        tables::write_policy(&tx, policy)?;
        tx.commit()?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            origin: process_origin(),
        })
    }

    /// Runs one edit: `f` validates and records its changes through [`Edit`]; then the
    /// change-log entry is written and everything commits together. Any error rolls
    /// the whole edit back. An edit that changes nothing leaves no history entry.
    pub fn edit<T>(&mut self, f: impl FnOnce(&mut Edit<'_>) -> Result<T>) -> Result<T> {
        let mut value = None;
        self.edit_recorded(|e| {
            value = Some(f(e)?);
            Ok(())
        })?;
        value.ok_or(Error::NothingTo("edit"))
    }

    /// [`Store::edit`], returning the history label and the changes it recorded.
    fn edit_recorded(
        &mut self,
        f: impl FnOnce(&mut Edit<'_>) -> Result<()>,
    ) -> Result<(String, Vec<Change>)> {
        let origin = self.origin.clone();
        self.in_tx(|tx| {
            let mut edit = Edit::new(tx);
            f(&mut edit)?;
            let (changes, label) = edit.finish();
            if !changes.is_empty() {
                history::record(tx, &label, &changes, &origin)?;
            }
            Ok((label, changes))
        })
    }

    /// Copies the mesh, with its history, to `path` (Save As). The copy is written under a
    /// temporary name and renamed over `path`, so an existing file is replaced whole or
    /// not at all. The open file stays the one being edited.
    pub fn save_copy(&self, path: &Path) -> Result<()> {
        if path == self.path {
            return Err(bad(path, "is the open mesh itself; choose another file"));
        }
        if path.is_dir() {
            return Err(bad(path, "is a directory"));
        }
        let tmp = partial_path(path)?;
        let result = self
            .conn
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
            .map_err(|e| map_open(path, e))
            .and_then(|_| {
                fs::rename(&tmp, path).map_err(|source| Error::Io {
                    path: path.to_owned(),
                    source,
                })
            });
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Reverts the newest edit; returns its label.
    pub fn undo(&mut self) -> Result<String> {
        Ok(self.undo_recorded()?.0)
    }

    /// Re-applies the newest undone edit; returns its label.
    pub fn redo(&mut self) -> Result<String> {
        Ok(self.redo_recorded()?.0)
    }

    fn undo_recorded(&mut self) -> Result<(String, Vec<Change>)> {
        let origin = self.origin.clone();
        self.in_tx(|tx| history::undo(tx, &origin))
    }

    fn redo_recorded(&mut self) -> Result<(String, Vec<Change>)> {
        let origin = self.origin.clone();
        self.in_tx(|tx| history::redo(tx, &origin))
    }

    /// What undo and redo would do.
    pub fn undo_state(&self) -> Result<UndoState> {
        history::state(&self.conn, &self.origin)
    }

    fn in_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        result.map_err(|e| map_err(&path, e))
    }
}

/// The origin of a store whose host did not name one: this program.
fn process_origin() -> String {
    format!("process:{}", std::process::id())
}

/// Connection settings for writing: WAL so readers never block the writer, foreign keys
/// enforced, and full sync so an edit the UI shows as done survives a power cut.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 64 MiB of page cache (the default is 2 MiB): random UUID keys touch index pages all
    // over the file, and large meshes otherwise thrash the cache on bulk writes.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.busy_timeout(Duration::from_secs(5))
}

/// Reports progress of long work as (done, total).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Writes a whole mesh into an empty schema, without history. Every entity is validated
/// first, so a generated or imported mesh meets the same rules as an edit.
fn write_all(tx: &Transaction<'_>, mesh: &Mesh, progress: Progress<'_>) -> Result<()> {
    validate::mesh(mesh)?;

    let total = mesh.people.len()
        + mesh.teams.len()
        + mesh.domains.len()
        + mesh.source_systems.len()
        + mesh.products.len()
        + mesh.output_ports.len()
        + mesh.input_ports.len()
        + mesh.contracts.len()
        + mesh.positions.len();
    let mut done = 0;
    let mut step = |n: usize| {
        done += n;
        progress(done, total);
    };
    tables::write_mesh_info(tx, &mesh.info)?;
    write_rows(tx, &mesh.people, &mut step)?;
    write_rows(tx, &mesh.teams, &mut step)?;
    write_rows(tx, &mesh.domains, &mut step)?;
    write_rows(tx, &mesh.source_systems, &mut step)?;
    write_rows(tx, &mesh.products, &mut step)?;
    write_rows(tx, &mesh.output_ports, &mut step)?;
    write_rows(tx, &mesh.input_ports, &mut step)?;
    write_rows(tx, &mesh.contracts, &mut step)?;
    for chunk in mesh.positions.chunks(1000) {
        chunk
            .iter()
            .try_for_each(|p| tables::write_position(tx, p))?;
        step(chunk.len());
    }
    Ok(())
}

fn write_rows<T: Table>(
    tx: &Transaction<'_>,
    rows: &[T],
    step: &mut impl FnMut(usize),
) -> Result<()> {
    for chunk in rows.chunks(1000) {
        chunk.iter().try_for_each(|row| row.upsert(tx))?;
        step(chunk.len());
    }
    Ok(())
}

/// A hidden sibling of `path` to build a file under before renaming it into place.
fn partial_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| bad(path, "is not a file path"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.partial", std::process::id()));
    Ok(path.with_file_name(tmp_name))
}

fn bad(path: &Path, reason: &str) -> Error {
    Error::BadFile {
        path: path.to_owned(),
        reason: reason.to_owned(),
    }
}

fn map_open(path: &Path, e: rusqlite::Error) -> Error {
    map_err(path, Error::Sqlite(e))
}

/// Turns SQLite's file-level failures into errors that name the file and the cause.
fn map_err(path: &Path, e: Error) -> Error {
    let Error::Sqlite(inner) = &e else { return e };
    match inner.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            bad(path, "is not a SQLite database (not a Meshwright mesh)")
        }
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_owned(),
            detail: inner.to_string(),
        },
        Some(ErrorCode::ReadOnly) => bad(path, "is read-only; make it writable to edit it"),
        Some(ErrorCode::CannotOpen) => {
            bad(path, "cannot be opened (missing folder or no permission)")
        }
        Some(ErrorCode::PermissionDenied) => bad(path, "cannot be read: permission denied"),
        _ => e,
    }
}
