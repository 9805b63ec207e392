//! `meshwright diff`, `merge` and `git setup` on real files: exit codes, the text, JSON
//! and Markdown forms, textconv, and the merge driver through a real `git merge` in a
//! temporary repository (a clean merge of a rename and a new dependency; conflicting
//! renames leaving ours, a report and a stopped merge).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{bump_schema_version, demo, meshwright};
use mesh_core::model::{DependencySource, InputPort};
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};

/// Renames the data product `from` to `to` in the file, as one edit.
fn rename(path: &Path, from: &str, to: &str) {
    let mut store = Store::open(path, Access::ReadWrite).unwrap();
    let mut product = store
        .load()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.name == from)
        .unwrap();
    product.name = to.into();
    store
        .apply(vec![EditOp::SaveProduct(product)], None)
        .unwrap();
}

/// Adds an input `name` to `consumer` reading the first port of `provider`.
fn add_dependency(path: &Path, consumer: &str, provider: &str, name: &str) {
    let mut store = Store::open(path, Access::ReadWrite).unwrap();
    let mesh = store.load().unwrap();
    let id = |n: &str| mesh.products.iter().find(|p| p.name == n).unwrap().id;
    let port = mesh
        .output_ports
        .iter()
        .find(|o| o.product_id == id(provider))
        .unwrap()
        .id;
    let input = InputPort {
        id: uuid::Uuid::new_v4(),
        product_id: id(consumer),
        name: name.into(),
        description: None,
        source: DependencySource::OutputPort { port_id: port },
        custom_properties: Vec::new(),
        extensions: Default::default(),
    };
    store
        .apply(vec![EditOp::SaveInputPort(input)], None)
        .unwrap();
}

fn copy(dir: &Path, from: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    fs::copy(from, &to).unwrap();
    to
}

#[test]
fn diff_exits_by_whether_the_meshes_differ_in_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo(dir.path());
    let b = copy(dir.path(), &a, "b.mesh");
    meshwright()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(0)
        .stdout("no differences\n");
    rename(&b, "orders", "orders-v2");
    let out = meshwright()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("~ data product orders-v2\n    name: orders → orders-v2"),
        "{text}"
    );
    let out = meshwright()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .arg("--json")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["entities"][0]["fields"][0]["after"], "orders-v2");
    let out = meshwright()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .arg("--markdown")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("### Mesh changes: 0 added, 0 removed, 1 changed")
    );

    let other = dir.path().join("other.mesh");
    meshwright()
        .args(["new"])
        .arg(&other)
        .args(["--name", "Other", "--namespace", "com.other"])
        .assert()
        .success();
    meshwright()
        .arg("diff")
        .arg(&a)
        .arg(&other)
        .assert()
        .code(2);
    meshwright()
        .arg("diff")
        .arg(&a)
        .arg(&other)
        .arg("--force")
        .assert()
        .code(1);
    fs::write(dir.path().join("junk.mesh"), "not a mesh").unwrap();
    meshwright()
        .arg("diff")
        .arg(&a)
        .arg(dir.path().join("junk.mesh"))
        .assert()
        .code(2);

    let out = meshwright()
        .arg("diff")
        .arg("--textconv")
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("(orders-v2)\n  "), "a header per entity");
    assert!(text.contains("  name: \"orders-v2\"\n"));
}

/// Runs `git` in `repo` with the built `meshwright` first on the PATH, as a user who
/// installed it would; answers whether it succeeded.
fn git(repo: &Path, args: &[&str]) -> bool {
    let bin = assert_cmd::cargo::cargo_bin("meshwright");
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Process::new("git")
        .args([
            "-c",
            "user.name=Ada",
            "-c",
            "user.email=ada@example.com",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .env("PATH", path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap()
        .success()
}

/// A repository holding the demo as `landscape.mesh` on main, set up for mesh files.
fn repo(dir: &Path) -> PathBuf {
    let repo = dir.join("repo");
    fs::create_dir_all(&repo).unwrap();
    assert!(git(&repo, &["init", "-q"]));
    let mesh = demo(dir);
    fs::copy(mesh, repo.join("landscape.mesh")).unwrap();
    meshwright()
        .current_dir(&repo)
        .args(["git", "setup"])
        .assert()
        .success();
    let attributes = fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.mesh diff=meshwright merge=meshwright"));
    assert!(git(&repo, &["add", "."]));
    assert!(git(&repo, &["commit", "-q", "-m", "as-is"]));
    repo
}

#[test]
fn git_merge_merges_mesh_files_by_entity() {
    let dir = tempfile::tempdir().unwrap();
    let repo = repo(dir.path());
    let file = repo.join("landscape.mesh");
    assert!(git(&repo, &["checkout", "-q", "-b", "rename"]));
    rename(&file, "orders", "orders-v2");
    assert!(git(&repo, &["commit", "-q", "-am", "rename orders"]));
    assert!(git(&repo, &["checkout", "-q", "main"]));
    add_dependency(&file, "general-ledger", "payments", "more-payments");
    assert!(git(&repo, &["commit", "-q", "-am", "a new dependency"]));
    assert!(
        git(&repo, &["merge", "-q", "--no-edit", "rename"]),
        "a clean merge"
    );
    let store = Store::open(&file, Access::ReadOnly).unwrap();
    let merged = store.load().unwrap();
    assert!(merged.products.iter().any(|p| p.name == "orders-v2"));
    // One edit in the history, from our side to the merge.
    assert_eq!(store.undo_state().unwrap().undo.as_deref(), Some("Merge"));
    drop(store);
    assert!(merged.input_ports.iter().any(|i| i.name == "more-payments"));
    assert!(!repo.join("landscape.mesh.conflicts.yaml").exists());

    // Both sides rename one product: git stops, ours is in the file, the report lists it.
    assert!(git(&repo, &["checkout", "-q", "-b", "theirs"]));
    rename(&file, "payments", "payments-theirs");
    assert!(git(&repo, &["commit", "-q", "-am", "theirs"]));
    assert!(git(&repo, &["checkout", "-q", "main"]));
    rename(&file, "payments", "payments-ours");
    assert!(git(&repo, &["commit", "-q", "-am", "ours"]));
    assert!(
        !git(&repo, &["merge", "-q", "--no-edit", "theirs"]),
        "a conflict stops the merge"
    );
    let merged = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert!(merged.products.iter().any(|p| p.name == "payments-ours"));
    let report = fs::read_to_string(repo.join("landscape.mesh.conflicts.yaml")).unwrap();
    assert!(
        report.contains("payments-theirs") && report.contains("payments-ours"),
        "{report}"
    );
    let conflicts =
        mesh_core::diff::conflicts::from_yaml(&repo.join("landscape.mesh.conflicts.yaml"), &report)
            .unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field.as_deref(), Some("name"));

    // An edit against a delete: ours edits a product theirs deleted; git stops, ours
    // stands, the report lists the product itself.
    assert!(git(&repo, &["reset", "-q", "--hard"]));
    let _ = fs::remove_file(repo.join("landscape.mesh.conflicts.yaml"));
    assert!(git(&repo, &["checkout", "-q", "-b", "deleting"]));
    {
        let mut store = Store::open(&file, Access::ReadWrite).unwrap();
        let id = store
            .load()
            .unwrap()
            .products
            .iter()
            .find(|p| p.name == "general-ledger")
            .unwrap()
            .id;
        store.apply(vec![EditOp::DeleteProduct(id)], None).unwrap();
    }
    assert!(git(
        &repo,
        &["commit", "-q", "-am", "delete general-ledger"]
    ));
    assert!(git(&repo, &["checkout", "-q", "main"]));
    rename(&file, "general-ledger", "general-ledger-v2");
    assert!(git(
        &repo,
        &["commit", "-q", "-am", "rename general-ledger"]
    ));
    assert!(
        !git(&repo, &["merge", "-q", "--no-edit", "deleting"]),
        "an edit against a delete stops the merge"
    );
    let merged = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert!(
        merged
            .products
            .iter()
            .any(|p| p.name == "general-ledger-v2")
    );
    let report = fs::read_to_string(repo.join("landscape.mesh.conflicts.yaml")).unwrap();
    assert!(report.contains("general-ledger"), "{report}");
}

#[test]
fn a_merge_with_a_file_from_a_newer_meshwright_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo(dir.path());
    let ours = copy(dir.path(), &base, "ours.mesh");
    let theirs = copy(dir.path(), &base, "theirs.mesh");
    bump_schema_version(&theirs);
    let before = fs::read(&ours).unwrap();
    meshwright()
        .arg("merge")
        .arg(&base)
        .arg(&ours)
        .arg(&theirs)
        .assert()
        .code(2);
    assert_eq!(fs::read(&ours).unwrap(), before);
    // SQLite's own -wal and -shm files aside, nothing else is there.
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(left.len(), 3, "nothing else written: {left:?}");
}
