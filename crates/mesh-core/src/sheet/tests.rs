//! Sheet edits and pastes against the demo mesh: what a cell means, what a row creates,
//! and that every bad cell is named while nothing is planned.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use super::*;
use crate::demo::demo_mesh;
use crate::model::{Mesh, Status};

fn row(id: Option<Uuid>, cells: &[(&str, &str)]) -> SheetRow {
    SheetRow {
        id,
        cells: cells
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn edit(kind: SheetKind, rows: Vec<SheetRow>) -> SheetEdit {
    SheetEdit {
        kind,
        rows,
        create_missing: false,
        default_domain: None,
    }
}

fn grid(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn saved_products(plan: &SheetPlan) -> Vec<&crate::model::DataProduct> {
    plan.ops
        .iter()
        .filter_map(|op| match op {
            EditOp::SaveProduct(p) => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn a_new_row_derives_its_name_and_takes_the_default_domain() {
    let mesh = demo_mesh();
    let domain = mesh.domains[2].id;
    let mut e = edit(
        SheetKind::Products,
        vec![row(None, &[("displayName", "Loyalty Points")])],
    );
    e.default_domain = Some(domain);
    let plan = plan(&mesh, &e).unwrap();
    let p = saved_products(&plan)[0];
    assert_eq!((p.name.as_str(), p.domain_id), ("loyalty-points", domain));
    assert_eq!(p.status, Status::Proposed);
    assert_eq!(plan.label, "New data product loyalty-points");
}

#[test]
fn the_name_follows_the_display_name_until_it_is_edited() {
    let mut mesh = demo_mesh();
    let p = mesh.products[0].clone();
    // The demo's names are not always their display name's slug: make this one so.
    let i = 0;
    mesh.products[i].name = crate::manifests::import::slugify(&p.display_name);
    let follows = plan(
        &mesh,
        &edit(
            SheetKind::Products,
            vec![row(Some(p.id), &[("displayName", "Brand New Title")])],
        ),
    )
    .unwrap();
    assert_eq!(saved_products(&follows)[0].name, "brand-new-title");
    // A counter the name got for being taken still follows.
    mesh.products[i].name = format!("{}-2", mesh.products[i].name);
    let counted = plan(
        &mesh,
        &edit(
            SheetKind::Products,
            vec![row(Some(p.id), &[("displayName", "Brand New Title")])],
        ),
    )
    .unwrap();
    assert_eq!(saved_products(&counted)[0].name, "brand-new-title");
    mesh.products[i].name = "hand-picked".into();
    let kept = plan(
        &mesh,
        &edit(
            SheetKind::Products,
            vec![row(Some(p.id), &[("displayName", "Brand New Title")])],
        ),
    )
    .unwrap();
    assert_eq!(saved_products(&kept)[0].name, "hand-picked");
}

#[test]
fn a_team_the_mesh_lacks_is_asked_for_then_created_in_the_same_edit() {
    let mesh = demo_mesh();
    let rows = vec![row(
        Some(mesh.products[0].id),
        &[("ownerTeam", "Data Platform")],
    )];
    let problems = plan(&mesh, &edit(SheetKind::Products, rows.clone())).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, CellProblemKind::MissingReference);
    assert_eq!(problems[0].column.as_deref(), Some("ownerTeam"));
    assert!(
        problems[0].message.contains("data-platform"),
        "{}",
        problems[0].message
    );
    let mut e = edit(SheetKind::Products, rows);
    e.create_missing = true;
    let plan = plan(&mesh, &e).unwrap();
    let EditOp::SaveTeam(team) = &plan.ops[0] else {
        panic!("the team comes first: {:?}", plan.ops[0]);
    };
    assert_eq!(
        (team.name.as_str(), team.title.as_str()),
        ("data-platform", "Data Platform")
    );
    assert_eq!(saved_products(&plan)[0].owner_team_id, Some(team.id));
}

#[test]
fn references_read_names_titles_and_ids_forgivingly() {
    let mesh = demo_mesh();
    let team = &mesh.teams[1];
    for spelled in [
        team.name.clone(),
        team.title.to_uppercase(),
        team.id.to_string(),
    ] {
        let plan = plan(
            &mesh,
            &edit(
                SheetKind::Products,
                vec![row(Some(mesh.products[0].id), &[("ownerTeam", &spelled)])],
            ),
        )
        .unwrap();
        assert_eq!(
            saved_products(&plan)[0].owner_team_id,
            Some(team.id),
            "{spelled}"
        );
    }
}

#[test]
fn every_bad_cell_is_named_and_nothing_is_planned() {
    let mesh = demo_mesh();
    let taken = mesh.products[0].name.clone();
    let rows = vec![
        row(
            None,
            &[
                ("displayName", "Fine One"),
                ("domain", &mesh.domains[0].name),
            ],
        ),
        row(
            None,
            &[
                ("displayName", "X"),
                ("name", "Not A Slug"),
                ("domain", &mesh.domains[0].name),
            ],
        ),
        row(
            None,
            &[
                ("displayName", "Y"),
                ("name", &taken),
                ("domain", &mesh.domains[0].name),
            ],
        ),
        row(
            None,
            &[
                ("displayName", "Z"),
                ("version", "one"),
                ("status", "shipping"),
                ("domain", &mesh.domains[0].name),
            ],
        ),
        row(
            None,
            &[
                ("displayName", "Fine One"),
                ("domain", &mesh.domains[0].name),
            ],
        ),
    ];
    let problems = plan(&mesh, &edit(SheetKind::Products, rows)).unwrap_err();
    let at: Vec<(u32, Option<&str>, CellProblemKind)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.kind))
        .collect();
    assert!(
        at.contains(&(1, Some("name"), CellProblemKind::Invalid)),
        "{problems:#?}"
    );
    assert!(
        at.contains(&(2, Some("name"), CellProblemKind::Duplicate)),
        "{problems:#?}"
    );
    assert!(
        at.contains(&(3, Some("status"), CellProblemKind::Invalid)),
        "{problems:#?}"
    );
    assert!(
        at.contains(&(4, Some("displayName"), CellProblemKind::Duplicate)),
        "{problems:#?}"
    );
    assert!(!at.iter().any(|(r, ..)| *r == 0), "{problems:#?}");
    // The bad version is reported once the status is fixed (one field rule a row).
    let fixed = plan(
        &mesh,
        &edit(
            SheetKind::Products,
            vec![row(
                None,
                &[
                    ("displayName", "Z"),
                    ("version", "one"),
                    ("domain", &mesh.domains[0].name),
                ],
            )],
        ),
    )
    .unwrap_err();
    assert_eq!(fixed[0].column.as_deref(), Some("version"), "{fixed:#?}");
}

#[test]
fn a_new_product_with_no_domain_needs_one_when_the_mesh_has_several() {
    let mesh = demo_mesh();
    let problems = plan(
        &mesh,
        &edit(
            SheetKind::Products,
            vec![row(None, &[("displayName", "Loose")])],
        ),
    )
    .unwrap_err();
    assert_eq!(problems[0].column.as_deref(), Some("domain"));
    let mut one = Mesh::empty(mesh.info.clone());
    one.domains.push(mesh.domains[0].clone());
    let plan = plan(
        &one,
        &edit(
            SheetKind::Products,
            vec![row(None, &[("displayName", "Loose")])],
        ),
    )
    .unwrap();
    assert_eq!(saved_products(&plan)[0].domain_id, mesh.domains[0].id);
}

#[test]
fn a_headed_paste_updates_by_name_and_creates_the_rest() {
    let mesh = demo_mesh();
    let existing = &mesh.products[0];
    let domain = &mesh.domains[0].name;
    let text = format!(
        "Display name\tName\tDomain\tTags\n{}\t{}\t{domain}\ta, b, a\nBrand New\t\t{domain}\t\n",
        existing.display_name, existing.name
    );
    let paste = SheetPaste {
        kind: SheetKind::Products,
        grid: grid(&text),
        start_column: "displayName".into(),
        target_rows: vec![],
        create_missing: false,
        default_domain: None,
    };
    let plan = plan_paste(&mesh, &paste).unwrap();
    let saved = saved_products(&plan);
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0].id, existing.id);
    assert_eq!(saved[0].tags, ["a", "b"]);
    assert_eq!(saved[1].name, "brand-new");
    assert_eq!(plan.label, "Paste 2 data products");
}

#[test]
fn a_paste_without_header_lies_over_the_rows_from_the_active_cell() {
    let mesh = demo_mesh();
    let (a, b) = (&mesh.products[0], &mesh.products[1]);
    let paste = SheetPaste {
        kind: SheetKind::Products,
        grid: grid("active\t1.2.3\nretired\t2.0.0\t\t"),
        start_column: "status".into(),
        target_rows: vec![a.id, b.id],
        create_missing: false,
        default_domain: None,
    };
    let plan = plan_paste(&mesh, &paste).unwrap_err();
    // status, archetype: the second cell is an archetype, not a version.
    assert_eq!(plan[0].column.as_deref(), Some("archetype"), "{plan:#?}");
    let paste = SheetPaste {
        grid: grid("active\t\t1.2.3\nretired\t\t2.0.0\t\t"),
        ..paste
    };
    let plan = plan_paste(&mesh, &paste).unwrap();
    let saved = saved_products(&plan);
    assert_eq!((saved[0].id, saved[0].version.as_str()), (a.id, "1.2.3"));
    assert_eq!((saved[1].id, saved[1].status), (b.id, Status::Retired));
}

#[test]
fn bad_pastes_are_refused_at_their_row() {
    let mesh = demo_mesh();
    let base = SheetPaste {
        kind: SheetKind::Teams,
        grid: vec![],
        start_column: "email".into(),
        target_rows: vec![],
        create_missing: false,
        default_domain: None,
    };
    let refused = |grid: Vec<Vec<String>>| {
        plan_paste(
            &mesh,
            &SheetPaste {
                grid,
                ..base.clone()
            },
        )
        .unwrap_err()
    };
    assert_eq!(
        refused(vec![]).first().unwrap().kind,
        CellProblemKind::NotTabular
    );
    assert_eq!(
        refused(grid("\t\n\t")).first().unwrap().kind,
        CellProblemKind::NotTabular
    );
    let wide = refused(grid("a@b.c\tdesc\textra"));
    assert_eq!(
        (wide[0].row, wide[0].kind),
        (0, CellProblemKind::TooManyCells)
    );
    let big = vec![vec!["x".repeat(MAX_PASTE_BYTES + 1)]];
    assert_eq!(refused(big)[0].kind, CellProblemKind::TooLarge);
    let header = refused(grid("Title\tName\tColour\nA\ta\tred"));
    assert_eq!(header[0].kind, CellProblemKind::UnknownColumn);
    let dupes = refused(grid("Title\nSame\nSame"));
    assert_eq!(
        (dupes[0].row, dupes[0].kind),
        (2, CellProblemKind::Duplicate)
    );
}

#[test]
fn teams_get_a_type_and_domains_a_parent_from_an_earlier_row() {
    let mesh = demo_mesh();
    let teams = plan(
        &mesh,
        &edit(
            SheetKind::Teams,
            vec![row(
                None,
                &[
                    ("title", "Payments Platform"),
                    ("teamType", "Complicated subsystem"),
                ],
            )],
        ),
    )
    .unwrap();
    let EditOp::SaveTeam(t) = &teams.ops[0] else {
        panic!()
    };
    assert_eq!(
        t.team_type,
        Some(crate::model::TeamType::ComplicatedSubsystem)
    );
    let domains = plan(
        &mesh,
        &edit(
            SheetKind::Domains,
            vec![
                row(None, &[("title", "Payments")]),
                row(None, &[("title", "Card Payments"), ("parent", "Payments")]),
            ],
        ),
    )
    .unwrap();
    let saved: Vec<_> = domains
        .ops
        .iter()
        .filter_map(|op| match op {
            EditOp::SaveDomain(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(saved[1].parent_id, Some(saved[0].id));
}

#[test]
fn the_ui_copy_of_the_columns_is_current() {
    let want = serde_json::to_string_pretty(COLUMNS).unwrap() + "\n";
    let stale = crate::ui_files::keep_current("views/table/columns.json", want.as_bytes());
    assert!(
        !stale,
        "ui/src/views/table/columns.json was stale and is rewritten: commit it"
    );
}

#[test]
fn a_port_row_names_its_product_and_an_unknown_product_is_not_created() {
    let mesh = demo_mesh();
    let product = &mesh.products[0];
    let plan = plan(
        &mesh,
        &edit(
            SheetKind::Ports,
            vec![row(
                None,
                &[
                    ("product", &product.display_name),
                    ("name", "extra-feed"),
                    ("portType", "stream"),
                ],
            )],
        ),
    )
    .unwrap();
    let EditOp::SaveOutputPort(port) = &plan.ops[0] else {
        panic!("{:?}", plan.ops)
    };
    assert_eq!(
        (port.product_id, port.port_type),
        (product.id, crate::model::PortType::Stream)
    );
    let refused = super::plan(
        &mesh,
        &edit(
            SheetKind::Ports,
            vec![row(None, &[("product", "no-such-product"), ("name", "x")])],
        ),
    )
    .unwrap_err();
    assert_eq!(refused[0].kind, CellProblemKind::UnknownReference);
}
