//! `meshwright ownership` on the demo mesh: the JSON, CSV and text matrices agree with
//! the model (every product counted once, under its owner team and domain), and a policy
//! limit marks the team past it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use common::meshwright;
use mesh_core::governance::RuleConfig;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};
use serde_json::Value;

fn run(file: &std::path::Path, flag: Option<&str>) -> String {
    let mut cmd = meshwright();
    cmd.arg("ownership").arg(file);
    if let Some(flag) = flag {
        cmd.arg(flag);
    }
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// The demo mesh in a fresh folder (kept alive by the returned guard).
fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.mesh");
    meshwright()
        .args(["new", "--demo"])
        .arg(&file)
        .assert()
        .success();
    (dir, file)
}

#[test]
fn the_demo_matrix_matches_the_model_in_every_form() {
    let (_dir, file) = demo();
    let mesh = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    let domains: HashMap<_, _> = mesh
        .domains
        .iter()
        .map(|d| (d.id, d.name.clone()))
        .collect();
    let mut want: HashMap<(String, String), u64> = HashMap::new();
    for p in &mesh.products {
        let team = p
            .owner_team_id
            .and_then(|t| mesh.teams.iter().find(|x| x.id == t))
            .map_or("(unowned)".to_owned(), |t| t.name.clone());
        *want
            .entry((team, domains[&p.domain_id].clone()))
            .or_default() += 1;
    }

    let json: Value = serde_json::from_str(&run(&file, Some("--json"))).unwrap();
    let mut got: HashMap<(String, String), u64> = HashMap::new();
    for team in json["teams"].as_array().unwrap() {
        assert!(
            team["teamType"].is_string(),
            "the demo's teams have types: {team}"
        );
        for (domain, n) in team["counts"].as_object().unwrap() {
            got.insert(
                (team["name"].as_str().unwrap().into(), domain.clone()),
                n.as_u64().unwrap(),
            );
        }
    }
    for (domain, n) in json["unowned"]["counts"].as_object().unwrap() {
        got.insert(("(unowned)".into(), domain.clone()), n.as_u64().unwrap());
    }
    assert_eq!(got, want);
    assert_eq!(json["products"], mesh.products.len());

    // CSV: the same counts, one column per domain.
    let csv = run(&file, Some("--csv"));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..3], ["team", "title", "type"]);
    for line in lines.filter(|l| !l.starts_with("(total)")) {
        let cells: Vec<&str> = line.split(',').collect();
        for (i, domain) in header.iter().enumerate().skip(3).take(domains.len()) {
            let n: u64 = cells[i].parse().unwrap();
            let key = (cells[0].to_owned(), (*domain).to_owned());
            assert_eq!(n, want.get(&key).copied().unwrap_or(0), "{line}");
        }
    }

    let text = run(&file, None);
    assert!(
        text.contains("(unowned)") && text.contains("checkout-data"),
        "{text}"
    );
}

#[test]
fn a_team_past_the_policy_limit_is_marked() {
    let (_dir, file) = demo();
    let mut store = Store::open(&file, Access::ReadWrite).unwrap();
    let mut policy = store.policy().unwrap();
    policy.rules.insert(
        "DM-OWN-005".into(),
        RuleConfig {
            params: [("max_products".to_owned(), serde_json::json!(4))].into(),
            ..RuleConfig::default()
        },
    );
    store.apply(vec![EditOp::SetPolicy(policy)], None).unwrap();
    drop(store);
    let json: Value = serde_json::from_str(&run(&file, Some("--json"))).unwrap();
    let over: Vec<&str> = json["teams"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["over"].as_array().is_some_and(|o| !o.is_empty()))
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(over, ["checkout-data", "growth-analytics"]);
    assert!(run(&file, None).contains("over the limit: products"));
}
