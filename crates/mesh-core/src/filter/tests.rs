use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::demo::demo_mesh;
use crate::governance::{self, Policy};

fn domain(mesh: &Mesh, name: &str) -> Uuid {
    mesh.domains.iter().find(|d| d.name == name).unwrap().id
}

fn team(mesh: &Mesh, name: &str) -> Uuid {
    mesh.teams.iter().find(|t| t.name == name).unwrap().id
}

fn product(mesh: &Mesh, name: &str) -> Uuid {
    mesh.products.iter().find(|p| p.name == name).unwrap().id
}

fn names(mesh: &Mesh, ids: &[Uuid]) -> BTreeSet<String> {
    ids.iter()
        .map(|id| {
            let p = mesh.products.iter().find(|p| p.id == *id);
            let d = mesh.domains.iter().find(|d| d.id == *id);
            p.map(|p| p.name.clone())
                .or_else(|| d.map(|d| d.name.clone()))
                .unwrap()
        })
        .collect()
}

/// The products the model itself says match, computed the plain way.
fn expected(mesh: &Mesh, keep: impl Fn(&crate::model::DataProduct) -> bool) -> BTreeSet<String> {
    mesh.products
        .iter()
        .filter(|p| keep(p))
        .map(|p| p.name.clone())
        .collect()
}

#[test]
fn an_empty_filter_shows_everything() {
    let mesh = demo_mesh();
    let shown = apply(&mesh, &[], &ViewFilter::default());
    assert!(shown.all);
    assert_eq!(shown.hidden, 0);
    assert!(shown.stubs.is_empty());
}

#[test]
fn a_domain_brings_its_subdomains_and_draws_its_parents() {
    let mesh = demo_mesh();
    let orders = domain(&mesh, "orders");
    let fulfilment = domain(&mesh, "fulfilment");
    let filter = ViewFilter {
        domains: vec![orders],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    let want = expected(&mesh, |p| {
        p.domain_id == orders || p.domain_id == fulfilment
    });
    assert!(names(&mesh, &shown.products).contains("shipments"));
    assert_eq!(names(&mesh, &shown.products), want);
    assert_eq!(
        shown.hidden as usize,
        mesh.products.len() - shown.products.len()
    );
    assert_eq!(
        names(&mesh, &shown.domains),
        BTreeSet::from(["orders".to_owned(), "fulfilment".to_owned()])
    );

    // Only the subdomain: its parent is drawn around it, the parent's products are not.
    let filter = ViewFilter {
        domains: vec![fulfilment],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    assert_eq!(
        names(&mesh, &shown.products),
        expected(&mesh, |p| p.domain_id == fulfilment)
    );
    assert!(!names(&mesh, &shown.products).contains("orders"));
    assert_eq!(
        names(&mesh, &shown.domains),
        BTreeSet::from(["orders".to_owned(), "fulfilment".to_owned()])
    );
}

#[test]
fn criteria_combine_with_and_and_values_with_or() {
    let mesh = demo_mesh();
    let customer = team(&mesh, "customer-data");
    let finance = team(&mesh, "finance-data");
    let filter = ViewFilter {
        teams: vec![customer, finance],
        statuses: vec![Status::Active],
        tags: vec!["PII".into()],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    let want = expected(&mesh, |p| {
        matches!(p.owner_team_id, Some(t) if t == customer || t == finance)
            && p.status == Status::Active
            && p.tags.iter().any(|t| t == "pii")
    });
    assert!(!want.is_empty());
    assert_eq!(names(&mesh, &shown.products), want);
    // The proposed churn-risk is the customer team's but not active.
    assert!(!names(&mesh, &shown.products).contains("churn-risk"));

    let filter = ViewFilter {
        archetypes: vec![Archetype::ConsumerAligned],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    assert_eq!(
        names(&mesh, &shown.products),
        expected(&mesh, |p| p.archetype == Some(Archetype::ConsumerAligned))
    );
}

#[test]
fn hidden_neighbours_become_stubs_with_counts() {
    let mesh = demo_mesh();
    let filter = ViewFilter {
        domains: vec![domain(&mesh, "customer")],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    let visible: HashSet<Uuid> = shown.products.iter().copied().collect();
    // Count the same thing from the inputs directly.
    let provider_of = |port: Uuid| {
        mesh.output_ports
            .iter()
            .find(|o| o.id == port)
            .map(|o| o.product_id)
    };
    let mut want: HashMap<Uuid, (BTreeSet<Uuid>, BTreeSet<Uuid>)> = HashMap::new();
    for i in &mesh.input_ports {
        let DependencySource::OutputPort { port_id } = &i.source else {
            continue;
        };
        let Some(provider) = provider_of(*port_id) else {
            continue;
        };
        if visible.contains(&i.product_id) && !visible.contains(&provider) {
            want.entry(i.product_id).or_default().0.insert(provider);
        }
        if !visible.contains(&i.product_id) && visible.contains(&provider) {
            want.entry(provider).or_default().1.insert(i.product_id);
        }
    }
    assert!(
        !want.is_empty(),
        "the customer domain has neighbours elsewhere"
    );
    assert_eq!(shown.stubs.len(), want.len());
    for stub in &shown.stubs {
        let (up, down) = &want[&stub.product_id];
        assert_eq!(stub.upstream as usize, up.len());
        assert_eq!(stub.downstream as usize, down.len());
    }
    // customer-profiles serves other domains: its stub counts them downstream.
    let profiles = product(&mesh, "customer-profiles");
    assert!(
        shown
            .stubs
            .iter()
            .any(|s| s.product_id == profiles && s.downstream > 0)
    );
}

#[test]
fn severity_keeps_products_with_unwaived_findings_that_severe() {
    let mesh = demo_mesh();
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let report = governance::check(&mesh, &Policy::default(), today).unwrap();
    let on_products = |min: Severity| {
        let filter = ViewFilter {
            min_severity: Some(min),
            ..ViewFilter::default()
        };
        names(&mesh, &apply(&mesh, &report.findings, &filter).products)
    };
    let warnings = on_products(Severity::Warning);
    let infos = on_products(Severity::Info);
    assert!(!infos.is_empty());
    assert!(warnings.is_subset(&infos));
    // Every product kept has a finding that severe on itself or a port.
    let flagged = flagged_products(&mesh, &report.findings, Severity::Warning);
    assert_eq!(
        warnings,
        names(&mesh, &flagged.into_iter().collect::<Vec<_>>())
    );

    // A waived finding no longer counts.
    let mut waived = report.findings.clone();
    for f in &mut waived {
        f.waived = Some("accepted".into());
    }
    let filter = ViewFilter {
        min_severity: Some(Severity::Info),
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &waived, &filter);
    assert!(shown.products.is_empty());
    assert_eq!(shown.hidden as usize, mesh.products.len());
}

#[test]
fn deleted_domains_and_teams_drop_out_of_the_filter() {
    let mesh = demo_mesh();
    let gone = Uuid::from_u128(7);
    let filter = ViewFilter {
        domains: vec![gone],
        teams: vec![gone],
        tags: vec!["  ".into()],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    assert!(shown.all, "nothing the mesh has is left to filter by");
    assert!(shown.filter.is_empty());
}

#[test]
fn restrict_keeps_the_shown_products_with_their_ports() {
    let mesh = demo_mesh();
    let filter = ViewFilter {
        domains: vec![domain(&mesh, "finance")],
        ..ViewFilter::default()
    };
    let shown = apply(&mesh, &[], &filter);
    let small = restrict(&mesh, &shown);
    assert_eq!(small.products.len(), shown.products.len());
    assert!(
        small
            .output_ports
            .iter()
            .all(|o| shown.products.contains(&o.product_id))
    );
    let owners: BTreeSet<Uuid> = small
        .products
        .iter()
        .filter_map(|p| p.owner_team_id)
        .collect();
    assert!(!owners.is_empty());
    assert_eq!(
        small.teams.iter().map(|t| t.id).collect::<BTreeSet<_>>(),
        owners
    );
    assert_eq!(small.people.len(), mesh.people.len());
    assert_eq!(
        names(
            &mesh,
            &small.domains.iter().map(|d| d.id).collect::<Vec<_>>()
        ),
        BTreeSet::from(["finance".to_owned()])
    );
    assert_eq!(
        restrict(&mesh, &apply(&mesh, &[], &ViewFilter::default())),
        mesh
    );
}

#[test]
fn a_filter_reads_back_from_json_with_missing_keys() {
    let filter: ViewFilter = serde_json::from_str(r#"{"statuses":["active"]}"#).unwrap();
    assert_eq!(filter.statuses, vec![Status::Active]);
    assert_eq!(
        serde_json::to_string(&filter).unwrap(),
        r#"{"statuses":["active"]}"#
    );
}
