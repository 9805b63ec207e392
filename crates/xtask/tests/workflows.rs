//! The release and CI workflows cannot run here, so this reads them as YAML and checks
//! the promises they make: release bundles for Linux, universal macOS and Windows through
//! the official Tauri action into a draft release, the Linux packages through the
//! checked `cargo xtask package`, the CLI binaries attached; CI running `cargo xtask
//! test` on Linux and the Rust tests on macOS and Windows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;

fn workflow(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../.github/workflows")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `run` script and `uses` action of a job, in order.
fn steps(job: &Value) -> Vec<(String, String)> {
    job["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap_or_default().to_owned();
            (text("uses"), text("run"))
        })
        .collect()
}

#[test]
fn the_release_builds_every_platform_into_a_draft_release() {
    let release = workflow("release.yml");
    assert!(
        release["on"]["push"]["tags"][0]
            .as_str()
            .unwrap()
            .starts_with('v')
    );
    let job = &release["jobs"]["bundles"];
    let matrix = job["strategy"]["matrix"]["include"].as_array().unwrap();
    let os: Vec<&str> = matrix.iter().map(|m| m["os"].as_str().unwrap()).collect();
    assert!(os.iter().any(|o| o.starts_with("ubuntu")), "{os:?}");
    assert!(os.iter().any(|o| o.starts_with("macos")), "{os:?}");
    assert!(os.iter().any(|o| o.starts_with("windows")), "{os:?}");
    assert!(
        matrix.iter().any(|m| m["tauri-args"]
            .as_str()
            .unwrap()
            .contains("universal-apple-darwin")),
        "macOS is one universal build"
    );

    let steps = steps(job);
    let tauri = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("tauri-apps/tauri-action@"))
        })
        .expect("the official Tauri action builds the bundles");
    assert_eq!(tauri["with"]["releaseDraft"], Value::Bool(true));
    assert!(
        tauri["with"]["tagName"]
            .as_str()
            .unwrap()
            .contains("__VERSION__")
    );
    assert!(
        steps
            .iter()
            .any(|(_, run)| run.trim() == "cargo xtask package"),
        "the Linux packages come from the checked xtask"
    );
    assert!(
        steps.iter().any(|(_, run)| run.contains("-p mesh-cli")),
        "the CLI binaries are built"
    );
    assert!(
        steps
            .iter()
            .any(|(_, run)| run.contains("gh release upload")),
        "and attached to the release"
    );
}

#[test]
fn ci_runs_the_whole_suite_on_linux_and_the_rust_tests_elsewhere() {
    let ci = workflow("ci.yml");
    assert_eq!(ci["env"]["CI"], Value::Bool(true));
    let linux = &ci["jobs"]["linux"];
    assert!(linux["runs-on"].as_str().unwrap().starts_with("ubuntu"));
    assert!(
        steps(linux)
            .iter()
            .any(|(_, run)| run.trim() == "cargo xtask test")
    );
    let rust = &ci["jobs"]["rust"];
    let os: Vec<&str> = rust["strategy"]["matrix"]["os"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert!(os.iter().any(|o| o.starts_with("macos")), "{os:?}");
    assert!(os.iter().any(|o| o.starts_with("windows")), "{os:?}");
    assert!(
        steps(rust)
            .iter()
            .any(|(_, run)| run.contains("cargo test --workspace"))
    );
    // The CLI's diagram tests render DOT with Graphviz and fail without it under CI.
    assert!(
        steps(rust)
            .iter()
            .any(|(_, run)| run.contains("brew install graphviz")
                && run.contains("choco install graphviz"))
    );
}
