//! The CI templates in `docs/ci/` are copied into domain repositories, so they must
//! parse and keep their promises: GitHub Actions runs `meshwright check . --format
//! sarif -o results.sarif` and uploads it with `github/codeql-action/upload-sarif`
//! (with the `security-events: write` permission), GitLab publishes a Code Quality
//! report, and pre-commit runs `meshwright check` as a system hook.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;

fn template(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/ci")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn github_uploads_the_sarif_of_the_check_to_code_scanning() {
    let workflow = template("github-code-scanning.yml");
    assert!(
        workflow["on"].get("pull_request").is_some(),
        "runs on pull requests"
    );
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    let run = steps
        .iter()
        .position(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("meshwright check . --format sarif -o results.sarif"))
        })
        .expect("a step runs the check");
    let upload = steps
        .iter()
        .position(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("a step uploads the SARIF");
    assert!(run < upload);
    assert_eq!(steps[upload]["with"]["sarif_file"], "results.sarif");
    // The upload must run when the check fails on findings.
    assert!(steps[upload]["if"].as_str().unwrap().contains("failure()"));
    assert!(
        steps[0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/checkout@")
    );
}

#[test]
fn gitlab_publishes_a_code_quality_report() {
    let ci = template("gitlab-code-quality.yml");
    let job = &ci["meshwright"];
    let script: Vec<&str> = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let report = job["artifacts"]["reports"]["codequality"].as_str().unwrap();
    assert!(
        script
            .iter()
            .any(|s| s.starts_with("meshwright check . --format gitlab") && s.contains(report)),
        "{script:?}"
    );
    assert_eq!(job["artifacts"]["when"], "always");
}

#[test]
fn pre_commit_runs_the_check_as_a_system_hook() {
    let hooks = template(".pre-commit-hooks.yaml");
    let hook = hooks
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "meshwright-check")
        .expect("the meshwright-check hook");
    assert_eq!(hook["entry"], "meshwright check");
    assert_eq!(hook["language"], "system");
    assert_eq!(hook["pass_filenames"], false);
    assert!(hook["name"].is_string());
    // Manifests are YAML or JSON; the hook runs when one of them changes.
    let files = hook["files"].as_str().unwrap();
    assert!(files.contains("ya?ml") && files.contains("json"), "{files}");
}
