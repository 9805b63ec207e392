//! `meshwright check`, `rules` and `policy` through the real binary: exit codes, every
//! output format, `--output`, policy import/export round trips and one-line errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;

use assert_cmd::Command;
use common::{demo, meshwright, shared};
use serde_json::Value;

fn stdout(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

#[test]
fn check_demo_exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let text = stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--fail-on", "error"]),
        1,
    );
    assert!(
        text.contains("DM-DEP-001") && text.contains("customer-segments"),
        "{text}"
    );
    assert!(text.contains("error(s)"));
    stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--fail-on", "never"]),
        0,
    );
    // Waive every error of the demo: then only warnings remain.
    let report: Value = serde_json::from_str(&stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--format", "json", "--fail-on", "never"]),
        0,
    ))
    .unwrap();
    let mut yaml = String::from("waivers:\n");
    for f in report["findings"].as_array().unwrap() {
        if f["severity"] == "error" {
            yaml.push_str(&format!(
                "  - rule: {}\n    entity: '{}'\n    reason: accepted for the test\n",
                f["ruleId"].as_str().unwrap(),
                f["entity"]["name"].as_str().unwrap()
            ));
        }
    }
    let policy = dir.path().join("policy.yaml");
    fs::write(&policy, yaml).unwrap();
    let args = |fail_on: &str| {
        let mut c = meshwright();
        c.arg("check")
            .arg(&mesh)
            .arg("--policy")
            .arg(&policy)
            .args(["--fail-on", fail_on]);
        c
    };
    let text = stdout(&mut args("error"), 0);
    assert!(text.contains("waived"));
    stdout(&mut args("warning"), 1);
}

#[test]
fn check_formats_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let json: Value = serde_json::from_str(&stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--format", "json"]),
        1,
    ))
    .unwrap();
    assert!(json["summary"]["errors"].as_u64().unwrap() > 0);
    assert!(json["rules"].as_array().unwrap().len() >= 30);

    let sarif: Value = serde_json::from_str(&stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--format", "sarif"]),
        1,
    ))
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert!(
        run["artifacts"][0]["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("demo.mesh")
    );
    if let Some(schema) = shared("sarif-schema-2.1.0.json") {
        let schema: Value = serde_json::from_str(&fs::read_to_string(schema).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    let junit = stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--format", "junit"]),
        1,
    );
    let mut reader = quick_xml::Reader::from_str(&junit);
    let mut suites = 0;
    loop {
        match reader.read_event().expect("well-formed JUnit XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "testsuite" => suites += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(suites >= 5);

    let out = dir.path().join("report.sarif");
    let printed = stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--format", "sarif", "--output"])
            .arg(&out),
        1,
    );
    assert!(printed.is_empty());
    let written: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
}

#[test]
fn rules_lists_every_rule() {
    let text = stdout(meshwright().arg("rules"), 0);
    assert!(text.contains("DM-DEP-001  product-cycle"));
    let json: Value =
        serde_json::from_str(&stdout(meshwright().args(["rules", "--json"]), 0)).unwrap();
    let rules = json.as_array().unwrap();
    assert!(rules.len() >= 30);
    let dep5 = rules.iter().find(|r| r["id"] == "DM-DEP-005").unwrap();
    assert_eq!(dep5["params"][0]["name"], "max_upstream");
    assert_eq!(dep5["params"][0]["default"], 7);
}

#[test]
fn policy_import_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let empty = stdout(meshwright().args(["policy", "export"]).arg(&mesh), 0);
    assert!(empty.trim().is_empty() || empty.trim() == "{}", "{empty:?}");
    let policy = dir.path().join("in.yaml");
    fs::write(
        &policy,
        "rules:\n  DM-OWN-001:\n    severity: warning\nwaivers:\n  - rule: DM-DEP-001\n    entity: campaign-performance\n    reason: being untangled\n    expires: 2099-01-01\n",
    )
    .unwrap();
    meshwright()
        .args(["policy", "import"])
        .arg(&mesh)
        .arg(&policy)
        .assert()
        .success();
    let out = dir.path().join("out.yaml");
    meshwright()
        .args(["policy", "export"])
        .arg(&mesh)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let exported = fs::read_to_string(&out).unwrap();
    assert!(exported.contains("DM-OWN-001") && exported.contains("being untangled"));
    // Re-importing the export changes nothing, and the stored policy drives `check`.
    meshwright()
        .args(["policy", "import"])
        .arg(&mesh)
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        stdout(meshwright().args(["policy", "export"]).arg(&mesh), 0)
    );
    let json: Value = serde_json::from_str(&stdout(
        meshwright()
            .arg("check")
            .arg(&mesh)
            .args(["--format", "json", "--fail-on", "never"]),
        0,
    ))
    .unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["ruleId"] == "DM-DEP-001" && f["waived"] == "being untangled")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["ruleId"] == "DM-OWN-001" && f["severity"] == "warning")
    );
}

#[test]
fn bad_policy_file_is_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    let cases = [
        (
            "typo.yaml",
            "rules:\n  DM-DEP-005:\n    params:\n      max_upstream: lots\n",
            "max_upstream",
        ),
        ("syntax.yaml", "rules: [unclosed\n", "syntax.yaml"),
        ("unknown.yaml", "rules:\n  DM-NOPE-001: {}\n", "DM-NOPE-001"),
    ];
    for (name, body, needle) in cases {
        let path = dir.path().join(name);
        fs::write(&path, body).unwrap();
        for cmd in [
            meshwright()
                .arg("check")
                .arg(&mesh)
                .arg("--policy")
                .arg(&path)
                .assert(),
            meshwright()
                .args(["policy", "import"])
                .arg(&mesh)
                .arg(&path)
                .assert(),
        ] {
            let out = cmd.code(2).get_output().clone();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr:?}");
            assert!(stderr.contains(name) && stderr.contains(needle), "{stderr}");
        }
    }
    let missing = dir.path().join("missing.yaml");
    let out = meshwright()
        .arg("check")
        .arg(&mesh)
        .arg("--policy")
        .arg(&missing)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("missing.yaml"), "{stderr}");
    meshwright()
        .args(["check", "--format", "pdf"])
        .arg(&mesh)
        .assert()
        .code(2);
}
