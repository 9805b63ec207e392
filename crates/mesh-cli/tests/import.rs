//! `meshwright import` on the real binary: the demo's ODPS and ODCS documents imported
//! into a new file and again (nothing changes), a dry run that writes nothing, bad
//! files reported one per line with exit code 2 and the mesh left as it was, and the
//! tree of every format exported, imported and exported again to the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use assert_cmd::Command;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format};
use mesh_core::{Access, Store};

fn meshwright() -> Command {
    Command::cargo_bin("meshwright").expect("binary built")
}

/// The demo's ODPS and ODCS documents under `dir`, one folder per product.
fn write_demo(dir: &Path) {
    let mesh = mesh_core::demo::demo_mesh();
    let ctx = ExportContext::new(&mesh, ExportOptions::default());
    for doc in manifests::documents(&ctx, &[Format::Odps, Format::Odcs]) {
        let manifests::Scope::Product(id) = doc.scope else {
            unreachable!("Bitol documents belong to products")
        };
        let folder = dir.join(&ctx.products[&id].name);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(&doc.file_name), doc.text).unwrap();
    }
}

/// `meshwright import REPOS --into MESH [extra...]`.
fn import(repos: &Path, mesh: &Path, extra: &[&str]) -> Command {
    let mut cmd = meshwright();
    cmd.arg("import")
        .arg(repos)
        .arg("--into")
        .arg(mesh)
        .args(extra);
    cmd
}

/// Runs a failing import and returns its stderr.
fn refused(repos: &Path, mesh: &Path) -> String {
    let out = import(repos, mesh, &[])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    String::from_utf8(out.stderr).unwrap()
}

/// `meshwright new PATH --demo`.
fn new_demo(path: &Path) {
    meshwright()
        .arg("new")
        .arg(path)
        .arg("--demo")
        .assert()
        .success();
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn row<'a>(out: &'a str, kind: &str) -> Vec<&'a str> {
    out.lines()
        .find(|l| l.starts_with(kind))
        .unwrap_or_else(|| panic!("no {kind} row in {out}"))
        .trim_start_matches(kind)
        .split_whitespace()
        .collect()
}

#[test]
fn imports_into_a_new_file_then_changes_nothing_the_second_time() {
    let tmp = tempfile::tempdir().unwrap();
    let repos = tmp.path().join("repos");
    write_demo(&repos);
    let mesh = tmp.path().join("copy.mesh");

    let out = stdout(
        meshwright()
            .arg("import")
            .arg(&repos)
            .arg("--into")
            .arg(&mesh),
    );
    assert_eq!(row(&out, "data product"), ["28", "0", "0"], "{out}");
    let demo = mesh_core::demo::demo_mesh();
    let copy = Store::open(&mesh, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(copy.products.len(), demo.products.len());
    assert_eq!(copy.input_ports.len(), demo.input_ports.len());
    assert_eq!(
        copy.info.namespace, demo.info.namespace,
        "tenant becomes the namespace"
    );

    let again = stdout(&mut import(&repos, &mesh, &["--dry-run"]));
    assert!(again.contains("dry run: nothing written"), "{again}");
    assert_eq!(row(&again, "data product"), ["0", "0", "28"], "{again}");
    assert_eq!(row(&again, "output port")[..2], ["0", "0"], "{again}");
}

#[test]
fn a_dry_run_into_a_missing_file_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let repos = tmp.path().join("repos");
    write_demo(&repos);
    let mesh = tmp.path().join("new.mesh");
    let out = stdout(&mut import(&repos, &mesh, &["--dry-run"]));
    assert_eq!(row(&out, "data product"), ["28", "0", "0"], "{out}");
    assert!(!mesh.exists());
}

#[test]
fn bad_files_are_listed_one_per_line_and_nothing_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let repos = tmp.path().join("repos");
    write_demo(&repos);
    let mesh = tmp.path().join("demo.mesh");
    new_demo(&mesh);
    let before = Store::open(&mesh, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();

    std::fs::write(
        repos.join("broken.odps.yaml"),
        "apiVersion: v1.1.0\nkind: [\n",
    )
    .unwrap();
    std::fs::write(
        repos.join("typed.odps.yaml"),
        "apiVersion: v1.1.0\nkind: DataProduct\nid: x\nstatus: 5\noutputPorts: x\n",
    )
    .unwrap();
    let stderr = refused(&repos, &mesh);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    let broken = repos.join("broken.odps.yaml");
    assert!(
        lines[0].starts_with(&format!("{}:2:", broken.display())),
        "{stderr}"
    );
    assert!(lines[0].contains("malformed YAML"), "{stderr}");
    assert!(lines[1].contains("nothing was changed"), "{stderr}");

    // Once the file parses, its wrong types are named by field, at the field's line
    // and column.
    std::fs::remove_file(&broken).unwrap();
    let stderr = refused(&repos, &mesh);
    assert!(
        stderr.contains("typed.odps.yaml:4:1: field `status`: must be a string, not the number 5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("typed.odps.yaml:5:1: field `outputPorts`: must be a list"),
        "{stderr}"
    );
    let after = Store::open(&mesh, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(before, after);

    // A new file is not left behind by a failed import.
    let fresh = tmp.path().join("fresh.mesh");
    refused(&repos, &fresh);
    assert!(!fresh.exists());
}

/// Every file under `root` with its bytes, by relative path.
fn tree(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `meshwright export demo.mesh --format all [--by-domain] --out repos`, `meshwright
/// import repos --into copy.mesh`, export again: every file has the same bytes.
fn export_all_import_and_export_again(by_domain: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo.mesh");
    new_demo(&demo);
    let export = |mesh: &Path, out: &Path| {
        let mut cmd = meshwright();
        cmd.args(["export"]).arg(mesh).args(["--format", "all"]);
        if by_domain {
            cmd.arg("--by-domain");
        }
        cmd.arg("--out").arg(out).assert().success();
    };
    let repos = tmp.path().join("repos");
    export(&demo, &repos);

    let copy = tmp.path().join("copy.mesh");
    let out = stdout(&mut import(&repos, &copy, &[]));
    // Every format is read, DataHub files too: nothing is skipped.
    assert!(!out.lines().any(|l| l.starts_with("skipped")), "{out}");
    assert!(!out.contains("disagreement"), "{out}");
    assert_eq!(row(&out, "data product"), ["28", "0", "0"], "{out}");
    assert_eq!(row(&out, "domain"), ["6", "0", "0"], "{out}");
    assert_eq!(row(&out, "source system")[0], "7", "{out}");

    let again = tmp.path().join("again");
    export(&copy, &again);
    let (first, second) = (tree(&repos), tree(&again));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    assert!(first.keys().any(|p| p.ends_with("catalog-info.yaml")));
    assert!(first.keys().any(|p| p.ends_with(".dpds.json")));
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{path} differs after the round trip"
        );
    }

    // The tree imported again into the copy changes nothing.
    let unchanged = stdout(&mut import(&repos, &copy, &["--dry-run"]));
    for kind in [
        "domain",
        "team",
        "data product",
        "output port",
        "input port",
    ] {
        assert_eq!(row(&unchanged, kind)[..2], ["0", "0"], "{unchanged}");
    }
}

#[test]
fn export_all_by_domain_import_and_export_again_gives_the_same_bytes() {
    export_all_import_and_export_again(true);
}

#[test]
fn export_all_in_one_tree_import_and_export_again_gives_the_same_bytes() {
    export_all_import_and_export_again(false);
}

#[test]
fn a_dry_run_reports_formats_that_disagree() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo.mesh");
    new_demo(&demo);
    let repos = tmp.path().join("repos");
    meshwright()
        .arg("export")
        .arg(&demo)
        .args(["--format", "odps,dpds", "--out"])
        .arg(&repos)
        .assert()
        .success();
    let dpds = walkdir::WalkDir::new(&repos)
        .into_iter()
        .map(Result::unwrap)
        .find(|e| e.file_name().to_string_lossy().ends_with(".dpds.json"))
        .unwrap()
        .into_path();
    let text = std::fs::read_to_string(&dpds).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["info"]["displayName"] = serde_json::json!("Renamed in DPDS");
    std::fs::write(&dpds, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = stdout(&mut import(&repos, &demo, &["--dry-run"]));
    let line = out
        .lines()
        .find(|l| l.starts_with("disagreement:"))
        .unwrap_or_else(|| panic!("no disagreement in {out}"));
    assert!(
        line.contains("field `displayName`") && line.contains("keeping ODPS"),
        "{line}"
    );
    assert_eq!(row(&out, "data product")[..2], ["0", "0"], "{out}");
}

/// Half of the demo's product folders: the products of one team's repositories, whose
/// inputs read products of the other half.
fn half_of_the_demo(dir: &Path, first: bool) -> std::path::PathBuf {
    let all = dir.join("all");
    write_demo(&all);
    let mut folders: Vec<_> = std::fs::read_dir(&all)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    let half = folders.len() / 2;
    let out = dir.join(if first { "first" } else { "second" });
    std::fs::create_dir_all(&out).unwrap();
    let chosen = if first {
        &folders[..half]
    } else {
        &folders[half..]
    };
    for folder in chosen {
        std::fs::rename(folder, out.join(folder.file_name().unwrap())).unwrap();
    }
    out
}

#[test]
fn a_partial_landscape_imports_with_warnings_per_file_and_strict_refuses_it() {
    let tmp = tempfile::tempdir().unwrap();
    let first = half_of_the_demo(tmp.path(), true);
    let mesh = tmp.path().join("partial.mesh");

    // --strict keeps today's refusals and leaves no file behind.
    let err = String::from_utf8(
        import(&first, &mesh, &["--strict"])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone(),
    )
    .unwrap();
    assert!(
        err.contains("neither the imported files nor the mesh hold")
            && err.contains("import refused"),
        "{err}"
    );
    assert!(!mesh.exists());

    let out = stdout(&mut import(&first, &mesh, &[]));
    assert!(out.contains("kept unresolved"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("warning: ") && l.contains(".odps.yaml:")),
        "warnings name the file and place:\n{out}"
    );
    assert!(
        out.lines().filter(|l| l.starts_with("file ")).count() > 1,
        "{out}"
    );
}

#[test]
fn json_reports_files_and_totals_and_the_second_half_resolves_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let first = half_of_the_demo(tmp.path(), true);
    let second = tmp.path().join("all");
    let mesh = tmp.path().join("halves.mesh");
    let json = |paths: &Path| -> serde_json::Value {
        serde_json::from_str(&stdout(&mut import(paths, &mesh, &["--json"]))).unwrap()
    };
    let one = json(&first);
    let unresolved = one["totals"]["unresolved"].as_u64().unwrap();
    assert!(unresolved > 0, "{one:#}");
    let files = one["files"].as_array().unwrap();
    assert_eq!(
        files
            .iter()
            .map(|f| f["unresolved"].as_u64().unwrap())
            .sum::<u64>(),
        unresolved
    );
    assert_eq!(one["warnings"].as_array().unwrap().len() as u64, unresolved);

    // The other half (the rest of the demo) brings every provider.
    let two = json(&second);
    assert_eq!(two["totals"]["unresolved"], 0, "{two:#}");
    let store = Store::open(&mesh, Access::ReadOnly).unwrap();
    let loaded = store.load().unwrap();
    assert!(
        loaded
            .input_ports
            .iter()
            .all(|i| i.source.unresolved().is_none())
    );
    assert_eq!(
        loaded.input_ports.len(),
        mesh_core::demo::demo_mesh().input_ports.len()
    );
}
