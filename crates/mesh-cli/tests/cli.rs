//! Runs the real `meshwright` binary: each command's output, exit codes and one-line
//! errors that name the file and the cause.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use common::{bump_schema_version, fails_with, meshwright};
use predicates::prelude::*;
use serde_json::Value;

fn stats_json(path: &Path) -> Value {
    let out = meshwright()
        .args(["stats", "--json"])
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stats --json prints JSON")
}

#[test]
fn help_for_every_command() {
    meshwright()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("generate"));
    for cmd in ["new", "generate", "stats", "show", "export"] {
        meshwright()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: meshwright"));
    }
}

#[test]
fn usage_errors_exit_2() {
    meshwright().assert().code(2);
    meshwright().args(["stats"]).assert().code(2);
    meshwright().args(["generate", "x.mesh"]).assert().code(2);
    meshwright()
        .args(["generate", "x.mesh", "--products", "0"])
        .assert()
        .code(2);
    meshwright().args(["frobnicate"]).assert().code(2);
}

#[test]
fn new_demo_stats_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.mesh");
    meshwright()
        .arg("new")
        .arg(&demo)
        .arg("--demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("created"));

    let stats = stats_json(&demo);
    assert_eq!(stats["domains"], 6);
    assert_eq!(stats["teams"], 8);
    let products = stats["products"].as_u64().unwrap();
    assert!((20..=30).contains(&products), "{stats}");
    assert!(stats["dependencies"].as_u64().unwrap() >= 35, "{stats}");
    assert_eq!(
        stats["cycles"], 1,
        "the demo holds one deliberate cycle: {stats}"
    );

    meshwright()
        .arg("stats")
        .arg(&demo)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("data products")
                .and(predicate::str::contains("longest chain")),
        );

    // Show the first product on the longest chain: it has consumers downstream.
    let name = stats["longestChainProducts"][0]
        .as_str()
        .unwrap()
        .to_owned();
    let out = meshwright()
        .args(["show", "--json"])
        .arg(&demo)
        .arg(&name)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let detail: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(detail["product"]["name"], name.as_str());
    assert!(!detail["downstream"].as_array().unwrap().is_empty());
    assert!(!detail["outputPorts"].as_array().unwrap().is_empty());
    meshwright()
        .arg("show")
        .arg(&demo)
        .arg(&name)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("output ports")
                .and(predicate::str::contains("downstream (impact)")),
        );

    fails_with(
        meshwright().arg("show").arg(&demo).arg("no-such-product"),
        &["demo.mesh", "no data product named"],
    );
    // The demo file exists now: `new` refuses to overwrite it.
    fails_with(
        meshwright().arg("new").arg(&demo),
        &["demo.mesh", "already exists"],
    );
}

#[test]
fn new_empty_mesh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.mesh");
    meshwright()
        .arg("new")
        .arg(&path)
        .args(["--name", "Blank", "--namespace", "org.acme"])
        .assert()
        .success();
    let stats = stats_json(&path);
    assert_eq!(stats["name"], "Blank");
    assert_eq!(stats["products"], 0);
    assert_eq!(stats["longestChain"], 0);
    fails_with(
        meshwright()
            .arg("new")
            .arg(dir.path().join("bad.mesh"))
            .args(["--namespace", "Not OK"]),
        &["namespace", "reverse-DNS"],
    );
    assert!(!dir.path().join("bad.mesh").exists());
}

#[test]
fn generate_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.mesh");
    let b = dir.path().join("b.mesh");
    let c = dir.path().join("c.mesh");
    for (path, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        meshwright()
            .arg("generate")
            .arg(path)
            .args(["--products", "300", "--seed", seed])
            .assert()
            .success()
            .stdout(predicate::str::contains("300 products"))
            // No progress bar when stderr is not a terminal.
            .stderr(predicate::str::is_empty());
    }
    let (sa, sb, sc) = (stats_json(&a), stats_json(&b), stats_json(&c));
    assert_eq!(sa["products"], 300);
    let deps = sa["dependencies"].as_u64().unwrap();
    assert!(
        (1000..=1400).contains(&deps),
        "about 4 dependencies per product: {deps}"
    );
    assert!(sa["cycles"].as_u64().unwrap() >= 1, "a deliberate cycle");
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("name");
        v
    };
    assert_eq!(strip(sa.clone()), strip(sb), "same seed, same mesh");
    assert_ne!(
        sa["longestChainProducts"], sc["longestChainProducts"],
        "another seed, another mesh"
    );
}

#[test]
fn bad_input_files_exit_2_and_stay_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.mesh");
    fails_with(
        meshwright().arg("stats").arg(&missing),
        &["missing.mesh", "does not exist"],
    );
    assert!(!missing.exists(), "reading must not create the file");

    fails_with(
        meshwright().arg("stats").arg(dir.path()),
        &["is a directory"],
    );

    let text = dir.path().join("notes.mesh");
    let content = "just text, not a database at all; ".repeat(100);
    fs::write(&text, &content).unwrap();
    fails_with(
        meshwright().arg("stats").arg(&text),
        &["notes.mesh", "not a SQLite database"],
    );
    fails_with(
        meshwright().arg("show").arg(&text).arg("x"),
        &["notes.mesh", "not a SQLite database"],
    );
    assert_eq!(fs::read_to_string(&text).unwrap(), content);

    let newer = dir.path().join("newer.mesh");
    meshwright().arg("new").arg(&newer).assert().success();
    bump_schema_version(&newer);
    let before = fs::read(&newer).unwrap();
    fails_with(
        meshwright().arg("stats").arg(&newer),
        &["newer.mesh", "newer Meshwright"],
    );
    assert_eq!(fs::read(&newer).unwrap(), before);
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;

    let dir = tempfile::tempdir().unwrap();
    let mesh = dir.path().join("big.mesh");
    meshwright()
        .args(["generate", "--products", "1000"])
        .arg(&mesh)
        .assert()
        .success();
    // Far more than a pipe holds, so the command is still writing when the reader goes,
    // as under `| head`.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("meshwright"))
        .args(["diagram", "--format", "mermaid"])
        .arg(&mesh)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}
