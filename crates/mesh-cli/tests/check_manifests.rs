//! `meshwright check PATH...` on manifests where they are, through the real binary: the
//! demo mesh exported by the library's export and a real-world folder checked in
//! memory; every finding at the file, line and column of the field it concerns; the
//! SARIF valid by the OASIS schema with `%SRCROOT%`-relative URIs and regions, JUnit
//! parsed, GitLab Code Quality's shape; a policy at the folder's root; a mesh file by
//! absolute path as a `file://` URI; nothing written anywhere.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{demo, meshwright, shared};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, layout};
use serde_json::Value;

fn stdout(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

/// The demo mesh's ODPS and ODCS files, as the export lays them out, under `root`.
fn demo_repo(root: &Path) {
    let mesh = mesh_core::demo::demo_mesh();
    let ctx = ExportContext::new(&mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, &[Format::Odps, Format::Odcs]);
    for doc in layout::place(&ctx, docs, false).unwrap() {
        let path = root.join(&doc.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, doc.text).unwrap();
    }
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

/// The key a dotted field ends with, as its line shows it: `contractId` for
/// `outputPorts[0].contractId`, `value` for a custom property (`customProperties[x]`
/// points at its value), `None` for a list item (`inputPorts[2]`).
fn last_key(field: &str) -> Option<&str> {
    let last = field.rsplit('.').next()?;
    match last.split_once('[') {
        None => Some(last),
        Some(("customProperties", _)) => Some("value"),
        Some(_) => None,
    }
}

/// The JSON report of `meshwright check` run in `cwd` on `args`.
fn json_report(cwd: &Path, args: &[&str]) -> Value {
    let out = meshwright()
        .current_dir(cwd)
        .arg("check")
        .args(args)
        .args(["--format", "json", "--fail-on", "never"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// Asserts every located finding's line exists and, where the file holds the field's
/// key on that line, counts it; returns (located, on their key's line).
fn located(cwd: &Path, report: &Value) -> (usize, usize) {
    let (mut located, mut on_key) = (0, 0);
    for f in report["findings"].as_array().unwrap() {
        let Some(at) = f.get("location") else {
            continue;
        };
        let path = cwd.join(at["path"].as_str().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        let line = at["line"].as_u64().expect("a manifest finding has a line") as usize;
        let column = at["column"].as_u64().expect("and a column") as usize;
        let shown = text.lines().nth(line - 1).expect("the line is in the file");
        assert!(column >= 1 && column <= shown.len() + 1, "{f:#}");
        located += 1;
        if let Some(key) = at["field"].as_str().and_then(last_key)
            && shown[column - 1..].starts_with(key)
        {
            on_key += 1;
        }
    }
    (located, on_key)
}

fn finding<'r>(report: &'r Value, rule: &str, entity: &str) -> &'r Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["ruleId"] == rule && f["entity"]["name"] == entity)
        .unwrap_or_else(|| panic!("no {rule} on {entity}: {report:#}"))
}

/// The line and the text at the column of a finding's location.
fn at<'t>(cwd: &Path, f: &Value, text: &'t mut String) -> &'t str {
    let at = &f["location"];
    *text = fs::read_to_string(cwd.join(at["path"].as_str().unwrap())).unwrap();
    let line = text
        .lines()
        .nth(at["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    &line[at["column"].as_u64().unwrap() as usize - 1..]
}

#[test]
fn demo_manifests_are_checked_where_they_are_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    demo_repo(&dir.path().join("repo"));
    let before = snapshot(dir.path());

    let report = json_report(dir.path(), &["repo"]);
    let (located, on_key) = located(dir.path(), &report);
    let findings = report["findings"].as_array().unwrap().len();
    // Only the mesh-wide metric (documentation coverage) has no file.
    assert!(located + 1 >= findings, "{located} of {findings} located");
    assert!(on_key * 2 >= located, "{on_key} of {located} on their key");

    let mut text = String::new();
    // A product reading a deprecated port: the input's contract id.
    let f = finding(&report, "DM-LIFE-002", "order-lines-enriched/items");
    assert_eq!(
        f["location"]["path"],
        "repo/dataproducts/order-lines-enriched/order-lines-enriched.odps.yaml"
    );
    assert!(
        at(dir.path(), f, &mut text).starts_with("contractId: "),
        "{f:#}"
    );
    // An active port with a draft contract: the port's contract id.
    let f = finding(&report, "DM-CON-003", "shipments/tracking-events@1.0.0");
    assert!(
        at(dir.path(), f, &mut text).starts_with("contractId: "),
        "{f:#}"
    );
    // A domain without a description: the `domain` key of a product that names it.
    let f = finding(&report, "DM-DOC-001", "catalog");
    assert!(
        at(dir.path(), f, &mut text).starts_with("domain: catalog"),
        "{f:#}"
    );

    // Text: `path:line:col: severity rule message`.
    let out = stdout(
        meshwright().current_dir(dir.path()).args(["check", "repo"]),
        1,
    );
    let line = out
        .lines()
        .find(|l| l.contains("DM-LIFE-002") && l.contains("order-lines-enriched "))
        .unwrap();
    let loc = &f_location(finding(
        &report,
        "DM-LIFE-002",
        "order-lines-enriched/items",
    ));
    assert!(
        line.starts_with(&format!("{loc}: error DM-LIFE-002 ")),
        "{line}"
    );

    // Every format, and a report written to a file outside the folder.
    for format in ["text", "json", "sarif", "junit", "gitlab"] {
        meshwright()
            .current_dir(dir.path())
            .args(["check", "repo", "--format", format, "-o"])
            .arg(dir.path().join(format!("report.{format}")))
            .assert()
            .code(1);
    }
    let after: BTreeMap<_, _> = snapshot(dir.path())
        .into_iter()
        .filter(|(p, _)| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("report.")
        })
        .collect();
    assert!(before == after, "the folder changed");
}

fn f_location(f: &Value) -> String {
    let at = &f["location"];
    format!(
        "{}:{}:{}",
        at["path"].as_str().unwrap(),
        at["line"],
        at["column"]
    )
}

#[test]
fn sarif_junit_and_gitlab_of_manifests() {
    let dir = tempfile::tempdir().unwrap();
    demo_repo(&dir.path().join("repo"));
    let run = |format: &str| {
        stdout(
            meshwright()
                .current_dir(dir.path())
                .args(["check", "repo", "--format", format]),
            1,
        )
    };

    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    if let Some(schema) = shared("sarif-schema-2.1.0.json") {
        let schema: Value = serde_json::from_str(&fs::read_to_string(schema).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let run0 = &sarif["runs"][0];
    let root = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "DM-LIFE-002")
        .unwrap();
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("repo/dataproducts/") && uri.ends_with(".odps.yaml"),
        "{uri}"
    );
    let line = physical["region"]["startLine"].as_u64().unwrap() as usize;
    let column = physical["region"]["startColumn"].as_u64().unwrap() as usize;
    let text = fs::read_to_string(dir.path().join(uri)).unwrap();
    assert!(text.lines().nth(line - 1).unwrap()[column - 1..].starts_with("contractId"));
    validate_with_multitool(dir.path(), &run("sarif"));

    let junit = run("junit");
    let mut reader = quick_xml::Reader::from_str(&junit);
    let mut failures = Vec::new();
    loop {
        match reader.read_event().expect("well-formed JUnit XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "failure" => {
                let message = e.try_get_attribute("message").unwrap().unwrap();
                failures.push(message.value.to_string());
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        failures
            .iter()
            .any(|m| m.starts_with("repo/dataproducts/") && m.contains(".odps.yaml:")),
        "{failures:#?}"
    );

    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    let issues = gitlab.as_array().unwrap();
    assert!(!issues.is_empty());
    let mut fingerprints = std::collections::BTreeSet::new();
    for issue in issues {
        assert!(issue["description"].as_str().unwrap().len() > 10);
        assert!(issue["check_name"].as_str().unwrap().starts_with("DM-"));
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
        let severity = issue["severity"].as_str().unwrap();
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity));
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(
            !path.starts_with('/'),
            "GitLab wants paths relative to the repository"
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let life = issues
        .iter()
        .find(|i| i["check_name"] == "DM-LIFE-002")
        .unwrap();
    assert_eq!(life["severity"], "critical");
    assert!(
        life["location"]["path"]
            .as_str()
            .unwrap()
            .ends_with(".odps.yaml")
    );
}

/// Microsoft's SARIF validator, when `SARIF_MULTITOOL` names its executable (`npm
/// install @microsoft/sarif-multitool` puts it in `node_modules/.bin`): no error.
fn validate_with_multitool(dir: &Path, sarif: &str) {
    let Some(tool) = std::env::var_os("SARIF_MULTITOOL") else {
        return;
    };
    let input = dir.join("check.sarif");
    fs::write(&input, sarif).unwrap();
    let out = std::process::Command::new(tool)
        .arg("validate")
        .arg(&input)
        .arg("--output")
        .arg(dir.join("validation.sarif"))
        .args(["--log", "ForceOverwrite"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(!text.contains(": error "), "{text}");
    fs::remove_file(input).unwrap();
    fs::remove_file(dir.join("validation.sarif")).unwrap();
}

#[test]
fn realworld_odps_findings_point_at_their_fields() {
    let Some(schemas) = shared("sarif-schema-2.1.0.json") else {
        return;
    };
    let realworld = schemas
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("realworld");
    let before = snapshot(&realworld.join("odps"));
    let report = json_report(&realworld, &["odps"]);
    let (located, on_key) = located(&realworld, &report);
    assert!(located > 0 && on_key > 0, "{report:#}");
    // An input naming a contract no file holds is kept unresolved and reported where
    // its contract id is written.
    let f = finding(&report, "DM-DEP-014", "orders/raw-orders");
    let mut text = String::new();
    assert!(
        at(&realworld, f, &mut text).starts_with("contractId: missing-contract"),
        "{f:#}"
    );
    assert!(before == snapshot(&realworld.join("odps")));
}

#[test]
fn a_policy_at_the_folder_root_is_used_and_bad_manifests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    demo_repo(&repo);
    let rules = |report: &Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["ruleId"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(rules(&json_report(dir.path(), &["repo"])).contains(&"DM-LIFE-002".to_owned()));
    fs::write(
        repo.join("meshwright-policy.yaml"),
        "rules:\n  DM-LIFE-002: {enabled: false}\n",
    )
    .unwrap();
    assert!(!rules(&json_report(dir.path(), &["repo"])).contains(&"DM-LIFE-002".to_owned()));
    // `--policy` wins over the folder's.
    fs::write(dir.path().join("strict.yaml"), "rules: {}\n").unwrap();
    let given = json_report(dir.path(), &["repo", "--policy", "strict.yaml"]);
    assert!(rules(&given).contains(&"DM-LIFE-002".to_owned()));

    // A manifest the import would refuse: every problem at its place, exit 2.
    let file = repo.join("dataproducts/returns/returns.odps.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let broken: Vec<String> = text
        .lines()
        .map(|l| match l.strip_prefix("status: ") {
            Some(status) => format!("status: [{status}]"),
            None => l.to_owned(),
        })
        .collect();
    fs::write(&file, broken.join("\n") + "\n").unwrap();
    let out = meshwright()
        .current_dir(dir.path())
        .args(["check", "repo"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("returns.odps.yaml:"), "{stderr}");
    assert!(stderr.contains("cannot check the manifests"), "{stderr}");
}

#[test]
fn a_mesh_file_by_absolute_path_is_a_file_uri() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let sarif: Value = serde_json::from_str(&stdout(
        meshwright()
            .current_dir(elsewhere.path())
            .arg("check")
            .arg(&mesh)
            .args(["--format", "sarif"]),
        1,
    ))
    .unwrap();
    let artifact = &sarif["runs"][0]["artifacts"][0]["location"];
    let uri = artifact["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/demo.mesh"),
        "{uri}"
    );
    assert!(artifact.get("uriBaseId").is_none());
    if let Some(schema) = shared("sarif-schema-2.1.0.json") {
        let schema: Value = serde_json::from_str(&fs::read_to_string(schema).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&sarif));
    }
    validate_with_multitool(elsewhere.path(), &serde_json::to_string(&sarif).unwrap());

    // The same file from its own folder: relative to %SRCROOT%.
    let sarif: Value = serde_json::from_str(&stdout(
        meshwright()
            .current_dir(dir.path())
            .arg("check")
            .arg(&mesh)
            .args(["--format", "sarif"]),
        1,
    ))
    .unwrap();
    let artifact = &sarif["runs"][0]["artifacts"][0]["location"];
    assert_eq!(artifact["uri"], "demo.mesh");
    assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
}
