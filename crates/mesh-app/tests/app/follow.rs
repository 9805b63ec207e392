//! Following changes made elsewhere: another connection's commit is taken in with a
//! summary, the session's own edits are not news, and a file put in place of the open
//! one is opened again.

use mesh_app::HistoryStep;
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};

use super::demo_session;

#[test]
fn another_process_commits_are_taken_in_and_own_edits_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = demo_session(dir.path());
    assert!(session.follow().unwrap().is_none(), "nothing changed yet");
    let generation = session.generation().unwrap();

    // Another connection (as the CLI would) renames a product.
    let mut other = Store::open(&path, Access::ReadWrite).unwrap();
    let mut product = other.load().unwrap().products[0].clone();
    product.display_name = "Renamed elsewhere".into();
    other
        .apply(vec![EditOp::SaveProduct(product.clone())], None)
        .unwrap();
    let followed = session.follow().unwrap().expect("the change is seen");
    assert_eq!(followed.summary, "data products: 1 changed");
    assert!(
        followed
            .snapshot
            .mesh
            .products
            .iter()
            .any(|p| p.display_name == "Renamed elsewhere")
    );
    let (kept, _) = session.snapshot().unwrap();
    assert!(
        kept.products
            .iter()
            .any(|p| p.display_name == "Renamed elsewhere"),
        "the kept model follows"
    );
    assert!(session.generation().unwrap() > generation);
    assert!(session.follow().unwrap().is_none(), "taken in once");

    // The session's own edit and undo are not changes made elsewhere.
    product.display_name = "Mine".into();
    session
        .apply(vec![EditOp::SaveProduct(product)], None)
        .unwrap();
    session.history(HistoryStep::Undo).unwrap();
    assert!(session.follow().unwrap().is_none());
}

#[test]
fn a_file_put_in_place_of_the_open_one_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = demo_session(dir.path());
    let mut changed = mesh_core::demo::demo_mesh();
    changed.products.retain(|p| p.name != "churn-risk");
    changed
        .input_ports
        .retain(|i| changed.products.iter().any(|p| p.id == i.product_id));
    changed
        .output_ports
        .retain(|o| changed.products.iter().any(|p| p.id == o.product_id));
    let next = dir.path().join("next.mesh");
    drop(Store::create_from(&next, &changed, &mut |_, _| {}).unwrap());
    // As `git checkout` does: a new file renamed over the old one.
    std::fs::rename(&next, &path).unwrap();
    let followed = session.follow().unwrap().expect("the new file is seen");
    assert!(
        followed.summary.starts_with("data products: 1 removed"),
        "{}",
        followed.summary
    );
    assert_eq!(
        session.snapshot().unwrap().0.products.len(),
        changed.products.len()
    );
}
