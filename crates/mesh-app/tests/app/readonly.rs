//! A mesh file read without a session, as `meshwright check` and `stats` read it.

use chrono::NaiveDate;
use mesh_app::readonly::ReadOnlyMesh;
use mesh_core::Store;
use mesh_core::governance::{Policy, Waiver};

#[test]
fn a_file_is_checked_against_its_policy_or_a_given_one_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.mesh");
    drop(Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
    let before = std::fs::read(&path).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();

    let file = ReadOnlyMesh::open(&path).unwrap();
    let stored = file.policy().unwrap();
    let report = file.check(&stored, today).unwrap();
    let cycle = |r: &mesh_core::governance::Report| {
        r.findings
            .iter()
            .find(|f| f.rule_id == "DM-DEP-001" && f.entity.name == "campaign-performance")
            .map(|f| f.waived.clone())
    };
    assert_eq!(cycle(&report), Some(None), "the demo's cycle, unwaived");

    // A pipeline's own policy replaces the stored one.
    let given = Policy {
        waivers: vec![Waiver {
            rule: "DM-DEP-001".into(),
            entity: "campaign-performance".into(),
            reason: "split planned".into(),
            expires: None,
        }],
        ..Policy::default()
    };
    let report = file.check(&given, today).unwrap();
    assert_eq!(cycle(&report), Some(Some("split planned".into())));

    let stats = file.stats();
    assert_eq!((stats.domains, stats.teams), (6, 8));
    assert_eq!(stats.products, file.mesh().products.len());
    assert!(stats.cycles >= 1);

    drop(file);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading never writes"
    );
}
