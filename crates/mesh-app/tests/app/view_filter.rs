//! Each view's filter through the session: saved in the file, applied to the kept
//! model, and the Ownership matrix following the products view's filter.

use chrono::NaiveDate;
use mesh_app::{CancelToken, HistoryStep, Session, file};
use mesh_core::Access;
use mesh_core::diagram::View;
use mesh_core::filter::ViewFilter;
use mesh_core::governance::Severity;
use mesh_core::store::EditOp;

use super::demo_session;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

#[test]
fn a_filter_is_saved_per_view_and_survives_reopening_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = demo_session(dir.path());
    let (mesh, _) = session.snapshot().unwrap();
    let finance = mesh.domains.iter().find(|d| d.name == "finance").unwrap();
    let filter = ViewFilter {
        domains: vec![finance.id],
        ..ViewFilter::default()
    };
    let shown = session
        .filter_view(View::Products, Some(&filter), today())
        .unwrap();
    let want: Vec<_> = mesh
        .products
        .iter()
        .filter(|p| p.domain_id == finance.id)
        .map(|p| p.id)
        .collect();
    assert_eq!(shown.products, want);
    assert!(!shown.all);
    // Another view has its own filter.
    assert!(session.filter_view(View::Teams, None, today()).unwrap().all);

    // An edit and its undo leave the filter alone; the kept model is what it applies to.
    let mut product = mesh.products[0].clone();
    product.domain_id = finance.id;
    session
        .apply(vec![EditOp::SaveProduct(product.clone())], None)
        .unwrap();
    let moved = session.filter_view(View::Products, None, today()).unwrap();
    assert!(moved.products.contains(&product.id));
    session.history(HistoryStep::Undo).unwrap();
    let back = session.filter_view(View::Products, None, today()).unwrap();
    assert_eq!(back.products, want);

    drop(session);
    let reopened = Session::new();
    let (store, model) = file::open(&path, Access::ReadWrite, &CancelToken::silent()).unwrap();
    reopened.install(store, model).unwrap();
    let again = reopened.filter_view(View::Products, None, today()).unwrap();
    assert_eq!(again.filter, filter);
    assert_eq!(again.products, want);
}

#[test]
fn the_ownership_matrix_counts_what_the_products_filter_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let all = session.ownership(today()).unwrap();
    let filter = ViewFilter {
        min_severity: Some(Severity::Error),
        ..ViewFilter::default()
    };
    let shown = session
        .filter_view(View::Products, Some(&filter), today())
        .unwrap();
    let matrix = session.ownership(today()).unwrap();
    assert_eq!(matrix.products as usize, shown.products.len());
    assert!(matrix.products < all.products);
    let counted: u32 =
        matrix.teams.iter().map(|t| t.products).sum::<u32>() + matrix.unowned.products;
    assert_eq!(counted, matrix.products);
}

#[test]
fn the_domains_and_teams_views_follow_their_own_saved_filter() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let (mesh, _) = session.snapshot().unwrap();
    let team = &mesh.teams[0];
    let filter = ViewFilter {
        teams: vec![team.id],
        ..ViewFilter::default()
    };
    session
        .filter_view(View::Teams, Some(&filter), today())
        .unwrap();
    let teams = session.overview(View::Teams, None, today()).unwrap();
    assert_eq!(
        teams.nodes.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![team.id]
    );
    // The domains view has no filter of its own: every domain.
    let domains = session.overview(View::Domains, None, today()).unwrap();
    assert_eq!(domains.nodes.len(), mesh.domains.len());
}
