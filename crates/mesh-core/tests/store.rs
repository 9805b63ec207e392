//! Integration tests of the mesh file on real temporary files: create, edit, reopen,
//! undo and redo across a reopen, and every kind of bad file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use mesh_core::model::*;
use mesh_core::store::{APPLICATION_ID, EditOp, SCHEMA_VERSION};
use mesh_core::{Access, Error, ErrorKind, Store};

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.mesh");
    (dir, path)
}

/// A store holding domain `sales`, team `crew`, products `orders` and `invoices`, each
/// with one port, and `invoices` reading `orders`.
struct Fixture {
    store: Store,
    path: PathBuf,
    _dir: tempfile::TempDir,
    domain: Domain,
    team: Team,
    orders: DataProduct,
    orders_port: OutputPort,
    invoices: DataProduct,
    invoices_port: OutputPort,
    dep: InputPort,
}

fn fixture() -> Fixture {
    let (dir, path) = temp();
    let mut store = Store::create(&path, &info("Test mesh")).unwrap();
    let domain = domain("sales");
    let team = team("crew");
    let mut orders = product("orders", &domain);
    orders.owner_team_id = Some(team.id);
    let orders_port = port("orders-table", &orders);
    let invoices = product("invoices", &domain);
    let invoices_port = port("invoices-table", &invoices);
    let dep = dependency(&invoices, &orders_port);
    store.edit(|e| e.save_team(team.clone())).unwrap();
    store.edit(|e| e.save_domain(domain.clone())).unwrap();
    store
        .edit(|e| {
            e.save_product(orders.clone())?;
            e.save_output_port(orders_port.clone())
        })
        .unwrap();
    store
        .edit(|e| {
            e.save_product(invoices.clone())?;
            e.save_output_port(invoices_port.clone())?;
            e.save_input_port(dep.clone())
        })
        .unwrap();
    Fixture {
        store,
        path,
        _dir: dir,
        domain,
        team,
        orders,
        orders_port,
        invoices,
        invoices_port,
        dep,
    }
}

#[test]
fn create_edit_reopen() {
    let f = fixture();
    let before = f.store.load().unwrap();
    assert_eq!(before.products.len(), 2);
    assert_eq!(before.output_ports.len(), 2);
    assert_eq!(before.input_ports, vec![f.dep.clone()]);
    drop(f.store);
    let reopened = Store::open(&f.path, Access::ReadWrite).unwrap();
    assert_eq!(reopened.load().unwrap(), before);
    let read_only = Store::open(&f.path, Access::ReadOnly).unwrap();
    assert_eq!(read_only.load().unwrap(), before);
}

#[test]
fn every_field_round_trips() {
    let mut f = fixture();
    let mut p = f.orders.clone();
    p.description = ProductDescription {
        purpose: Some("Why".into()),
        usage: Some("How\nover lines".into()),
        limitations: Some("Not for billing".into()),
    };
    p.tags = vec!["core".into(), "gold".into()];
    p.links = vec![Link {
        url: "https://wiki.example.com/orders".into(),
        title: Some("Wiki".into()),
        kind: None,
    }];
    p.custom_properties = vec![CustomProperty {
        key: "costCenter".into(),
        value: serde_json::json!({"id": 42, "name": "retail"}),
        description: Some("who pays".into()),
    }];
    p.extensions
        .insert("odps".into(), serde_json::json!({"x-unknown": [1, 2, 3]}));
    p.archetype = Some(Archetype::Aggregate);
    p.status = Status::Deprecated;
    let mut op = f.orders_port.clone();
    op.contract = Some(ContractRef {
        contract_id: "orders-v1".into(),
        version: Some("1.0.0".into()),
        status: Some(Status::Draft),
    });
    op.contains_pii = true;
    op.classification = Some("restricted".into());
    op.service_levels = vec![ServiceLevel {
        property: "freshness".into(),
        value: 1.5,
        unit: Some("h".into()),
        description: None,
    }];
    op.deprecation_date = chrono::NaiveDate::from_ymd_opt(2027, 3, 31);
    op.successor_port_id = Some(f.invoices_port.id);
    op.visibility = Visibility::Domain;
    op.port_type = PortType::Stream;
    f.store
        .edit(|e| {
            e.save_product(p.clone())?;
            e.save_output_port(op.clone())
        })
        .unwrap();
    drop(f.store);
    let mesh = Store::open(&f.path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(mesh.product_by_name("orders"), Some(&p));
    assert!(mesh.output_ports.contains(&op));
}

#[test]
fn undo_and_redo_survive_reopen() {
    let mut f = fixture();
    let mut renamed = f.orders.clone();
    renamed.display_name = "Orders (renamed)".into();
    f.store.edit(|e| e.save_product(renamed.clone())).unwrap();
    let state = f.store.undo_state().unwrap();
    assert_eq!(state.undo.as_deref(), Some("Update data product orders"));
    assert_eq!(state.redo, None);
    drop(f.store);

    let mut store = Store::open(&f.path, Access::ReadWrite).unwrap();
    assert_eq!(store.undo().unwrap(), "Update data product orders");
    assert_eq!(
        store
            .load()
            .unwrap()
            .product_by_name("orders")
            .unwrap()
            .display_name,
        "ORDERS"
    );
    drop(store);

    let mut store = Store::open(&f.path, Access::ReadWrite).unwrap();
    assert_eq!(
        store.undo_state().unwrap().redo.as_deref(),
        Some("Update data product orders")
    );
    store.redo().unwrap();
    drop(store);
    let store = Store::open(&f.path, Access::ReadWrite).unwrap();
    assert_eq!(
        store
            .load()
            .unwrap()
            .product_by_name("orders")
            .unwrap()
            .display_name,
        "Orders (renamed)"
    );
}

#[test]
fn undo_everything_back_to_empty_and_redo_it_all() {
    let mut f = fixture();
    let full = f.store.load().unwrap();
    let mut undone = 0;
    while f.store.undo().is_ok() {
        undone += 1;
    }
    assert_eq!(undone, 4);
    let empty = f.store.load().unwrap();
    assert!(empty.products.is_empty() && empty.domains.is_empty() && empty.teams.is_empty());
    assert!(matches!(f.store.undo(), Err(Error::NothingTo("undo"))));
    while f.store.redo().is_ok() {}
    assert_eq!(f.store.load().unwrap(), full);
}

#[test]
fn a_new_edit_drops_the_redo_branch() {
    let mut f = fixture();
    f.store.undo().unwrap();
    assert!(f.store.undo_state().unwrap().redo.is_some());
    f.store
        .edit(|e| e.save_domain(domain("marketing")))
        .unwrap();
    assert_eq!(f.store.undo_state().unwrap().redo, None);
    assert!(matches!(f.store.redo(), Err(Error::NothingTo("redo"))));
}

#[test]
fn deleting_a_product_removes_its_ports_and_dependencies_and_undo_restores_them() {
    let mut f = fixture();
    let full = f.store.load().unwrap();
    f.store
        .edit(|e| {
            e.set_position(Position {
                entity_id: f.orders.id,
                view: "mesh".into(),
                x: 10.0,
                y: 20.0,
            })
        })
        .unwrap();
    let with_position = f.store.load().unwrap();
    f.store.edit(|e| e.delete_product(f.orders.id)).unwrap();
    let after = f.store.load().unwrap();
    assert_eq!(after.products.len(), 1);
    assert!(
        after
            .output_ports
            .iter()
            .all(|p| p.product_id != f.orders.id)
    );
    assert!(
        after.input_ports.is_empty(),
        "the dependency on the deleted port goes too"
    );
    assert!(after.positions.is_empty());
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Delete data product orders")
    );
    f.store.undo().unwrap();
    assert_eq!(f.store.load().unwrap(), with_position);
    f.store.undo().unwrap();
    assert_eq!(f.store.load().unwrap(), full);
}

#[test]
fn deleting_a_team_leaves_products_ownerless_and_undo_restores_ownership() {
    let mut f = fixture();
    f.store.edit(|e| e.delete_team(f.team.id)).unwrap();
    let mesh = f.store.load().unwrap();
    assert!(mesh.teams.is_empty());
    assert_eq!(mesh.product_by_name("orders").unwrap().owner_team_id, None);
    f.store.undo().unwrap();
    let mesh = f.store.load().unwrap();
    assert_eq!(
        mesh.product_by_name("orders").unwrap().owner_team_id,
        Some(f.team.id)
    );
}

#[test]
fn team_members_round_trip_and_person_delete_removes_membership() {
    let mut f = fixture();
    let alice = person("alice@example.com");
    let mut t = f.team.clone();
    t.members = vec![Membership {
        person_id: alice.id,
        role: "product-owner".into(),
    }];
    f.store
        .edit(|e| {
            e.save_person(alice.clone())?;
            e.save_team(t.clone())
        })
        .unwrap();
    assert_eq!(f.store.load().unwrap().teams[0].members, t.members);
    f.store.edit(|e| e.delete_person(alice.id)).unwrap();
    assert!(f.store.load().unwrap().teams[0].members.is_empty());
    f.store.undo().unwrap();
    assert_eq!(f.store.load().unwrap().teams[0].members, t.members);
}

/// Asserts that an edit failed with `kind` on `field` and changed nothing.
fn refused(
    f: &mut Fixture,
    kind: ErrorKind,
    field: &str,
    edit: impl FnOnce(&mut mesh_core::store::Edit<'_>) -> mesh_core::Result<()>,
) {
    let before = f.store.load().unwrap();
    let history = f.store.undo_state().unwrap();
    let err = f.store.edit(edit).unwrap_err();
    assert_eq!(err.kind(), kind, "{err}");
    assert_eq!(err.field(), Some(field), "{err}");
    assert_eq!(
        f.store.load().unwrap(),
        before,
        "a refused edit must change nothing"
    );
    assert_eq!(f.store.undo_state().unwrap(), history);
}

#[test]
fn invalid_and_conflicting_edits_are_refused_whole() {
    let mut f = fixture();
    let mut bad = f.orders.clone();
    bad.name = "Orders!".into();
    refused(&mut f, ErrorKind::Invalid, "name", |e| e.save_product(bad));

    let mut bad = f.orders.clone();
    bad.version = "one".into();
    refused(&mut f, ErrorKind::Invalid, "version", |e| {
        e.save_product(bad)
    });

    let dup = product("orders", &f.domain.clone());
    refused(&mut f, ErrorKind::Conflict, "name", |e| e.save_product(dup));

    let mut orphan = product("lost", &f.domain.clone());
    orphan.domain_id = uuid::Uuid::new_v4();
    refused(&mut f, ErrorKind::Invalid, "domainId", |e| {
        e.save_product(orphan)
    });

    // The first write of a multi-step edit is rolled back when a later step fails.
    let fresh = product("fresh", &f.domain.clone());
    let mut second = product("second", &f.domain.clone());
    second.owner_team_id = Some(uuid::Uuid::new_v4());
    refused(&mut f, ErrorKind::Invalid, "ownerTeamId", |e| {
        e.save_product(fresh)?;
        e.save_product(second)
    });

    let own = dependency(&f.orders.clone(), &f.orders_port.clone());
    refused(&mut f, ErrorKind::Invalid, "source", |e| {
        e.save_input_port(own)
    });

    let mut twice = dependency(&f.invoices.clone(), &f.orders_port.clone());
    twice.name = "again".into();
    refused(&mut f, ErrorKind::Conflict, "source", |e| {
        e.save_input_port(twice)
    });

    let domain_id = f.domain.id;
    refused(&mut f, ErrorKind::Conflict, "id", |e| {
        e.delete_domain(domain_id)
    });

    let mut child = domain("child");
    child.parent_id = Some(f.domain.id);
    f.store.edit(|e| e.save_domain(child.clone())).unwrap();
    let mut looped = f.domain.clone();
    looped.parent_id = Some(child.id);
    refused(&mut f, ErrorKind::Invalid, "parentId", |e| {
        e.save_domain(looped)
    });

    let same = port("orders-table", &f.orders.clone());
    refused(&mut f, ErrorKind::Conflict, "name", |e| {
        e.save_output_port(same)
    });
}

#[test]
fn a_domain_keeps_its_repo_folder_and_refuses_one_outside_the_export_root() {
    let mut f = fixture();
    let mut d = f.domain.clone();
    d.repo_folder = Some("repos/sales-data".into());
    f.store.edit(|e| e.save_domain(d.clone())).unwrap();
    drop(f.store);
    let mesh = Store::open(&f.path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(
        mesh.domains[0].repo_folder.as_deref(),
        Some("repos/sales-data")
    );
    f.store = Store::open(&f.path, Access::ReadWrite).unwrap();
    for bad in [
        "../elsewhere",
        "/abs",
        "C:/repos",
        "repos/NUL",
        "a\\b",
        "x/./y",
    ] {
        let mut d = f.domain.clone();
        d.repo_folder = Some(bad.into());
        refused(&mut f, ErrorKind::Invalid, "repoFolder", |e| {
            e.save_domain(d)
        });
    }
}

#[test]
fn an_unchanged_save_leaves_no_history() {
    let mut f = fixture();
    let state = f.store.undo_state().unwrap();
    f.store.edit(|e| e.save_product(f.orders.clone())).unwrap();
    assert_eq!(f.store.undo_state().unwrap(), state);
}

fn assert_bad(path: &Path, access: Access, needle: &str) {
    let before = fs::read(path).ok();
    let err = Store::open(path, access).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()),
        "error must name the file: {msg}"
    );
    assert!(msg.contains(needle), "expected {needle:?} in {msg:?}");
    assert_eq!(
        fs::read(path).ok(),
        before,
        "the file must be left unchanged"
    );
}

#[test]
fn bad_files_are_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_bad(&d.join("missing.mesh"), Access::ReadWrite, "does not exist");
    assert_bad(d, Access::ReadWrite, "is a directory");

    let text = d.join("notes.mesh");
    fs::write(
        &text,
        "this is not a database, just some text that is long enough to look like a header.\n"
            .repeat(20),
    )
    .unwrap();
    assert_bad(&text, Access::ReadWrite, "not a SQLite database");
    assert_bad(&text, Access::ReadOnly, "not a SQLite database");

    let empty = d.join("empty.mesh");
    fs::write(&empty, "").unwrap();
    assert_bad(&empty, Access::ReadWrite, "is empty");

    let other = d.join("other.mesh");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    drop(conn);
    assert_bad(&other, Access::ReadWrite, "not a Meshwright mesh");
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let (_dir, path) = temp();
    drop(Store::create(&path, &info("Future")).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    drop(conn);
    assert_bad(&path, Access::ReadWrite, "newer Meshwright");
    assert_bad(&path, Access::ReadOnly, "newer Meshwright");
    let err = Store::open(&path, Access::ReadWrite).unwrap_err();
    assert!(
        matches!(err, Error::NewerSchema { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
    );
}

#[test]
fn a_read_only_file_opens_for_reading_but_not_for_editing() {
    let f = fixture();
    drop(f.store);
    let mut perms = fs::metadata(&f.path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&f.path, perms).unwrap();
    assert_bad(&f.path, Access::ReadWrite, "read-only");
    let mesh = Store::open(&f.path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(mesh.products.len(), 2);
}

#[test]
fn a_corrupted_file_is_reported_as_such() {
    let f = fixture();
    drop(f.store);
    let mut bytes = fs::read(&f.path).unwrap();
    assert!(bytes.len() > 8192, "fixture should span several pages");
    // Overwrite everything after the first page: the header stays valid, the tables do not.
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    fs::write(&f.path, &bytes).unwrap();
    let result = Store::open(&f.path, Access::ReadOnly).and_then(|s| s.load());
    let err = result.unwrap_err();
    assert!(
        matches!(err, Error::Corrupt { .. } | Error::BadFile { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&f.path.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(&f.path).unwrap(), bytes);
}

#[test]
fn create_refuses_an_existing_path_and_leaves_no_partial_file() {
    let f = fixture();
    let before = fs::read(&f.path).unwrap();
    let err = Store::create(&f.path, &info("Again")).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(fs::read(&f.path).unwrap(), before);

    let (dir, path) = temp();
    let mut bad = info("Bad");
    bad.namespace = "Not A Namespace".into();
    assert_eq!(
        Store::create(&path, &bad).unwrap_err().field(),
        Some("namespace")
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file left behind"
    );
}

#[test]
fn the_demo_and_a_generated_mesh_round_trip_through_a_file() {
    let (dir, path) = temp();
    let demo = mesh_core::demo::demo_mesh();
    drop(Store::create_from(&path, &demo, &mut |_, _| {}).unwrap());
    assert_eq!(
        Store::open(&path, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap(),
        demo
    );

    let generated = mesh_core::generate::generate(&mesh_core::generate::GenerateOptions {
        products: 200,
        domains: None,
        seed: 3,
    });
    let path = dir.path().join("generated.mesh");
    let mut seen = Vec::new();
    drop(
        Store::create_from(&path, &generated, &mut |done, total| {
            seen.push((done, total))
        })
        .unwrap(),
    );
    assert_eq!(
        Store::open(&path, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap(),
        generated
    );
    let (done, total) = *seen.last().unwrap();
    assert_eq!(done, total, "progress reaches the end");
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress only grows"
    );
}

#[test]
fn the_shape_read_from_a_file_is_the_shape_of_its_whole_load() {
    use mesh_core::impact::Shape;
    let (_dir, path) = temp();
    for (name, mesh) in [
        ("demo", mesh_core::demo::demo_mesh()),
        (
            "generated",
            mesh_core::generate::generate(&mesh_core::generate::GenerateOptions {
                products: 300,
                domains: None,
                seed: 7,
            }),
        ),
    ] {
        let _ = fs::remove_file(&path);
        drop(Store::create_from(&path, &mesh, &mut |_, _| {}).unwrap());
        let store = Store::open(&path, Access::ReadOnly).unwrap();
        let mut read = store.load_shape().unwrap();
        let whole = store.load().unwrap();
        let mut expected = Shape::of(&whole);
        assert!(!expected.reads.is_empty() && !expected.teams.is_empty());
        if name == "demo" {
            // Inputs from source systems are no dependency, and the shape leaves them out.
            assert!(expected.reads.len() < whole.input_ports.len());
        }
        read.sort();
        expected.sort();
        assert_eq!(read, expected, "{name}");
    }
}

#[test]
fn apply_runs_a_batch_as_one_edit_and_reports_every_change() {
    use mesh_core::store::{EditOp, Entity};
    let mut f = fixture();
    let full = f.store.load().unwrap();
    // Deleting a product and (redundantly) its port in one batch: the port goes with the
    // product, and the second deletion is skipped instead of failing.
    let applied = f
        .store
        .apply(
            vec![
                EditOp::DeleteProduct(f.orders.id),
                EditOp::DeleteOutputPort(f.orders_port.id),
            ],
            None,
        )
        .unwrap();
    assert_eq!(applied.label, "Delete data product orders");
    assert_eq!(
        applied.undo.undo.as_deref(),
        Some("Delete data product orders")
    );
    assert!(applied.changes.iter().all(|c| c.after.is_none()));
    assert!(
        applied
            .changes
            .iter()
            .any(|c| matches!(&c.before, Some(Entity::InputPort(ip)) if ip.id == f.dep.id))
    );

    let undone = f.store.undo_applied().unwrap();
    assert_eq!(f.store.load().unwrap(), full);
    assert!(
        undone.changes.iter().all(|c| c.after.is_some()),
        "undo reports the restored rows"
    );
    assert!(
        matches!(
            undone.changes.last().unwrap().after,
            Some(Entity::InputPort(_))
        ),
        "children restored after parents"
    );
    let redone = f.store.redo_applied().unwrap();
    assert_eq!(redone.changes, applied.changes);

    let labelled = f
        .store
        .apply(
            vec![
                EditOp::SetPosition(Position {
                    entity_id: f.invoices.id,
                    view: "mesh".into(),
                    x: 1.0,
                    y: 2.0,
                }),
                EditOp::SetPosition(Position {
                    entity_id: f.domain.id,
                    view: "mesh".into(),
                    x: 0.0,
                    y: 0.0,
                }),
            ],
            Some("Auto layout".into()),
        )
        .unwrap();
    assert_eq!(labelled.label, "Auto layout");
    assert_eq!(labelled.changes.len(), 2);

    let err = f
        .store
        .apply(vec![EditOp::DeleteProduct(uuid::Uuid::new_v4())], None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn save_copy_writes_a_complete_copy_and_keeps_editing_the_original() {
    let mut f = fixture();
    let copy = f.path.with_file_name("copy.mesh");
    fs::write(&copy, "an older file the user chose to replace").unwrap();
    f.store.save_copy(&copy).unwrap();
    let copied = Store::open(&copy, Access::ReadWrite).unwrap();
    assert_eq!(copied.load().unwrap(), f.store.load().unwrap());
    assert!(
        copied.undo_state().unwrap().undo.is_some(),
        "history travels with the copy"
    );
    f.store.edit(|e| e.delete_input_port(f.dep.id)).unwrap();
    assert_eq!(
        copied.load().unwrap().input_ports.len(),
        1,
        "the copy is independent"
    );
    assert!(f.store.save_copy(&f.path.clone()).is_err());
}

#[test]
fn an_older_file_is_read_without_being_changed_and_upgraded_when_edited() {
    let f = fixture();
    drop(f.store);
    // Turn the file back into a version-1 mesh: no policy or contract table, no domain
    // repository folder, no team type, no view filters, no scenarios, no contract bodies, no history origins
    // (0004's extra input_port column may stay: its rebuild copies the version-1 columns by
    // name).
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute_batch(
        "DROP TABLE IF EXISTS policy; DROP TABLE IF EXISTS contract; DROP TABLE view_filter;
         DROP TABLE scenario; ALTER TABLE change_log DROP COLUMN origin;
         ALTER TABLE domain DROP COLUMN repo_folder; ALTER TABLE team DROP COLUMN team_type;
         ALTER TABLE output_port DROP COLUMN contract_body;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let before = fs::read(&f.path).unwrap();

    let read = Store::open(&f.path, Access::ReadOnly).unwrap();
    let whole = read.load().unwrap();
    assert_eq!(whole.products.len(), 2);
    // The shape of the copy brought up to date in memory, which a second connection to
    // the file would not see.
    let mut shape = read.load_shape().unwrap();
    let mut expected = mesh_core::impact::Shape::of(&whole);
    shape.sort();
    expected.sort();
    assert_eq!(shape.products.len(), 2);
    assert_eq!(shape, expected);
    drop(read);
    assert_eq!(
        fs::read(&f.path).unwrap(),
        before,
        "reading an older file leaves it as it was"
    );

    drop(Store::open(&f.path, Access::ReadWrite).unwrap());
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION, "opening for editing migrates");
}

#[test]
fn a_model_patched_with_each_applied_equals_the_file_reloaded() {
    let (_dir, path) = temp();
    let demo = mesh_core::demo::demo_mesh();
    let mut store = Store::create_from(&path, &demo, &mut |_, _| {}).unwrap();
    let mut model = store.load().unwrap();
    let mut check = |applied: mesh_core::store::Applied, store: &Store| {
        applied.patch(&mut model);
        assert_eq!(model, store.load().unwrap(), "after {}", applied.label);
    };
    use mesh_core::store::EditOp;
    let product = demo.products[3].clone();
    let mut renamed = demo.products[5].clone();
    renamed.name = "aaa-first-now".into();
    let mut team = demo.teams[0].clone();
    team.title = "Renamed team".into();
    // A cascade (ports, dependencies, positions), a rename that reorders, a team.
    let applied = store
        .apply(vec![EditOp::DeleteProduct(product.id)], None)
        .unwrap();
    check(applied, &store);
    let applied = store
        .apply(
            vec![EditOp::SaveProduct(renamed), EditOp::SaveTeam(team)],
            None,
        )
        .unwrap();
    check(applied, &store);
    let applied = store
        .apply(vec![EditOp::SetPolicy(Default::default())], None)
        .unwrap();
    check(applied, &store);
    for _ in 0..3 {
        let applied = store.undo_applied().unwrap();
        check(applied, &store);
    }
    for _ in 0..2 {
        let applied = store.redo_applied().unwrap();
        check(applied, &store);
    }
}

#[test]
fn a_cancelled_load_stops_between_tables_and_a_later_load_still_works() {
    let f = fixture();
    // Cancelled from the start: nothing is read.
    assert!(matches!(
        f.store.load_cancellable(&|| true),
        Err(Error::Cancelled)
    ));
    // Cancelled part-way, after a few checks have passed.
    let asked = std::cell::Cell::new(0);
    let result = f.store.load_cancellable(&|| {
        asked.set(asked.get() + 1);
        asked.get() > 2
    });
    assert!(matches!(result, Err(Error::Cancelled)));
    assert_eq!(asked.get(), 3, "it stopped at the first check that said so");
    // Never cancelled: the same mesh as a plain load.
    assert_eq!(
        f.store.load_cancellable(&|| false).unwrap(),
        f.store.load().unwrap()
    );
    assert_eq!(f.store.load().unwrap().products.len(), 2);
}

#[test]
fn a_view_filter_is_saved_with_the_file_and_undo_leaves_it() {
    use mesh_core::filter::ViewFilter;
    let mut f = fixture();
    assert!(f.store.view_filter("mesh").unwrap().is_empty());
    let filter = ViewFilter {
        domains: vec![f.domain.id],
        statuses: vec![Status::Active],
        ..ViewFilter::default()
    };
    f.store.save_view_filter("mesh", &filter).unwrap();
    // Undo takes back the fixture's last edit, not the filter.
    f.store.undo().unwrap();
    drop(f.store);
    let store = Store::open(&f.path, Access::ReadWrite).unwrap();
    assert_eq!(store.view_filter("mesh").unwrap(), filter);
    assert!(store.view_filter("teams").unwrap().is_empty());
    // Saving the empty filter removes it.
    store
        .save_view_filter("mesh", &ViewFilter::default())
        .unwrap();
    assert!(store.view_filter("mesh").unwrap().is_empty());
}

/// A contract body using every part of the model: nested and array properties, quality
/// rules on an object and a property, a server with a field of its own, terms.
fn described_body() -> ContractBody {
    let mut id = SchemaProperty::new("order_id", LogicalType::String);
    id.primary_key = Some(true);
    id.primary_key_position = Some(1);
    id.required = Some(true);
    id.quality.push(QualityRule {
        rule_type: Some(QualityType::Library),
        metric: Some("duplicateValues".into()),
        must_be: Some(serde_json::json!(0)),
        dimension: Some("uniqueness".into()),
        ..QualityRule::default()
    });
    let mut email = SchemaProperty::new("email", LogicalType::String);
    email.personal_data = true;
    email.classification = Some("restricted".into());
    let mut address = SchemaProperty::new("address", LogicalType::Object);
    address
        .properties
        .push(SchemaProperty::new("city", LogicalType::String));
    let mut lines = SchemaProperty::new("lines", LogicalType::Array);
    lines.items = Some(Box::new(SchemaProperty::new("", LogicalType::Number)));
    let mut object = SchemaObject {
        name: "orders".into(),
        physical_type: Some("table".into()),
        properties: vec![id, email, address, lines],
        ..SchemaObject::default()
    };
    object.quality.push(QualityRule {
        rule_type: Some(QualityType::Sql),
        query: Some("SELECT count(*) FROM orders".into()),
        must_be_greater_than: Some(1000.into()),
        ..QualityRule::default()
    });
    object
        .extra
        .insert("tags".into(), serde_json::json!(["finance"]));
    let mut server = Server {
        server: "prod".into(),
        server_type: "postgres".into(),
        host: Some("db.example.com".into()),
        port: Some(5432),
        database: Some("shop".into()),
        schema: Some("public".into()),
        ..Server::default()
    };
    server
        .extra
        .insert("roles".into(), serde_json::json!([{"role": "reader"}]));
    ContractBody {
        schema: vec![object],
        servers: vec![server],
        terms: UsageTerms {
            usage: Some("Order analytics".into()),
            limitations: Some("Not for billing".into()),
            ..UsageTerms::default()
        },
    }
}

#[test]
fn a_contract_body_round_trips_through_the_file_and_undo() {
    let mut f = fixture();
    let mut port = f.orders_port.clone();
    port.contract = Some(ContractRef {
        contract_id: "orders-contract".into(),
        version: None,
        status: None,
    });
    port.contract_body = described_body();
    f.store.edit(|e| e.save_output_port(port.clone())).unwrap();
    drop(f.store);

    let mut store = Store::open(&f.path, Access::ReadWrite).unwrap();
    let loaded = store.load().unwrap();
    assert!(
        loaded.output_ports.contains(&port),
        "the body is stored whole"
    );

    store.undo().unwrap();
    let undone = store.load().unwrap();
    let before = undone
        .output_ports
        .iter()
        .find(|p| p.id == port.id)
        .unwrap();
    assert!(
        before.contract_body.is_empty(),
        "undo restores the empty body"
    );
    store.redo().unwrap();
    assert!(store.load().unwrap().output_ports.contains(&port));

    // An edit of another field keeps the body.
    let mut renamed = port.clone();
    renamed.description = Some("Orders, described".into());
    store.edit(|e| e.save_output_port(renamed.clone())).unwrap();
    assert!(store.load().unwrap().output_ports.contains(&renamed));
}

#[test]
fn an_invalid_contract_body_is_refused_and_nothing_written() {
    let mut f = fixture();
    let before = f.store.load().unwrap();
    let mut port = f.orders_port.clone();
    port.contract_body = described_body();
    port.contract_body.schema[0].properties[1].logical_type = Some("varchar".into());
    let err = f
        .store
        .edit(|e| e.save_output_port(port.clone()))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(err.field(), Some("contractBody"));
    assert!(
        err.to_string()
            .contains("schema.orders.properties.email.logicalType"),
        "{err}"
    );
    assert_eq!(f.store.load().unwrap(), before);
}

#[test]
fn a_file_at_migration_6_opens_with_empty_contract_bodies() {
    let f = fixture();
    drop(f.store);
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute_batch(
        "ALTER TABLE output_port DROP COLUMN contract_body; DROP TABLE scenario;
         ALTER TABLE change_log DROP COLUMN origin; PRAGMA user_version = 6;",
    )
    .unwrap();
    drop(conn);
    let bytes = fs::read(&f.path).unwrap();

    let read = Store::open(&f.path, Access::ReadOnly).unwrap();
    let mesh = read.load().unwrap();
    assert_eq!(mesh.output_ports.len(), 2);
    assert!(mesh.output_ports.iter().all(|p| p.contract_body.is_empty()));
    drop(read);
    assert_eq!(
        fs::read(&f.path).unwrap(),
        bytes,
        "reading leaves it as it was"
    );

    let mut store = Store::open(&f.path, Access::ReadWrite).unwrap();
    assert_eq!(store.load().unwrap(), mesh, "migrating changes no entity");
    let mut port = f.orders_port.clone();
    port.contract_body = described_body();
    store.edit(|e| e.save_output_port(port.clone())).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    drop(conn);
    let store = Store::open(&f.path, Access::ReadOnly).unwrap();
    assert!(store.load().unwrap().output_ports.contains(&port));
}

/// Two windows on one file: each undoes its own edits, and refuses when the other changed
/// the same entity since; an edit recorded as anyone's (the merge) is anyone's to undo.
#[test]
fn undo_takes_back_only_this_windows_edits_and_refuses_over_anothers() {
    let f = fixture();
    drop(f.store);
    let mut a = Store::open(&f.path, Access::ReadWrite).unwrap();
    a.set_origin("desktop:a");
    let mut b = Store::open(&f.path, Access::ReadWrite).unwrap();
    b.set_origin("desktop:b");
    let title = |s: &Store, id| {
        s.load()
            .unwrap()
            .products
            .into_iter()
            .find(|p| p.id == id)
            .unwrap()
            .display_name
    };
    let mut orders = f.orders.clone();
    orders.display_name = "Orders by A".into();
    a.apply(vec![EditOp::SaveProduct(orders.clone())], None)
        .unwrap();
    let mut invoices = f.invoices.clone();
    invoices.display_name = "Invoices by B".into();
    b.apply(vec![EditOp::SaveProduct(invoices)], None).unwrap();
    // A's undo takes back A's edit, not B's newer one.
    assert!(a.undo_state().unwrap().undo.is_some());
    a.undo().unwrap();
    assert_eq!(title(&a, f.orders.id), f.orders.display_name);
    assert_eq!(title(&a, f.invoices.id), "Invoices by B");
    // A edits again, then B edits the same product: A's undo would overwrite B's change.
    a.redo().unwrap();
    let mut by_b = orders.clone();
    by_b.display_name = "Orders by B".into();
    b.apply(vec![EditOp::SaveProduct(by_b)], None).unwrap();
    let e = a.undo().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert!(e.to_string().contains("another window or program"), "{e}");
    assert_eq!(title(&a, f.orders.id), "Orders by B");
    // B may still undo its own.
    b.undo().unwrap();
    assert_eq!(title(&b, f.orders.id), "Orders by A");
    // An edit recorded as anyone's is A's to undo too.
    let mut c = Store::open(&f.path, Access::ReadWrite).unwrap();
    c.record_as_anyones();
    let mut merged = orders;
    merged.display_name = "Merged".into();
    c.apply(vec![EditOp::SaveProduct(merged)], Some("Merge".into()))
        .unwrap();
    assert_eq!(a.undo_state().unwrap().undo.as_deref(), Some("Merge"));
    a.undo().unwrap();
    assert_eq!(title(&a, f.orders.id), "Orders by A");
}
