//! `cargo bench -p mesh-core --bench workshop`: the core's share of the workshop views'
//! targets, on generated meshes. A paste of 500 rows into a 10,000-product mesh (planned
//! from the pasted cells, then applied as one edit with its history entry: target at
//! most 500 ms end to end, of which the window adds its IPC and repaint), and the
//! ownership matrix of a 2,000-product mesh with 80 domains (target: rendered within
//! 300 ms; the window's share is the e2e timing in `artifacts/e2e/perf.txt`).
//!
//! A plain harness like `scale.rs`: medians of a few runs as a markdown table; it
//! measures, it asserts nothing. Arguments: `--rows N` (default 500), `--runs N` (5).

mod harness;

use harness::{median, number, time};

use std::time::{Duration, Instant};

use mesh_core::Store;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::governance::Policy;
use mesh_core::ownership;
use mesh_core::sheet::{self, SheetKind, SheetPaste};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let rows = number("--rows", 500);
    let runs = number("--runs", 5);
    let dir = tempfile::tempdir().expect("temporary folder");

    let big = generate(&GenerateOptions {
        products: 10_000,
        domains: None,
        seed: 42,
    });
    let mut store =
        Store::create_from(&dir.path().join("big.mesh"), &big, &mut |_, _| {}).expect("store");
    let mut mesh = store.load().expect("load");
    let (mut plan_t, mut apply_t, mut total_t) = (vec![], vec![], vec![]);
    for run in 0..runs {
        // Half the rows update existing products (by name), half create new ones, each
        // naming a domain and an owner team the mesh holds.
        let mut grid = vec![vec![
            "Display name".to_owned(),
            "Name".to_owned(),
            "Domain".to_owned(),
            "Owner team".to_owned(),
            "Status".to_owned(),
            "Version".to_owned(),
            "Tags".to_owned(),
        ]];
        for i in 0..rows {
            let (display, name) = if i % 2 == 0 {
                let p = &mesh.products[(i * 17) % mesh.products.len()];
                (format!("{} (run {run})", p.display_name), p.name.clone())
            } else {
                (
                    format!("Pasted product {run} {i}"),
                    format!("pasted-{run}-{i}"),
                )
            };
            grid.push(vec![
                display,
                name,
                mesh.domains[i % mesh.domains.len()].name.clone(),
                mesh.teams[i % mesh.teams.len()].title.clone(),
                "development".into(),
                "1.2.0".into(),
                "workshop, pasted".into(),
            ]);
        }
        let paste = SheetPaste {
            kind: SheetKind::Products,
            grid,
            start_column: "displayName".into(),
            target_rows: Vec::new(),
            create_missing: false,
            default_domain: None,
        };
        let started = Instant::now();
        let planned = sheet::plan_paste(&mesh, &paste);
        plan_t.push(started.elapsed());
        let t = Instant::now();
        let result = sheet::apply(&mut store, planned).expect("the paste applies");
        apply_t.push(t.elapsed());
        total_t.push(started.elapsed());
        assert!(result.problems.is_empty(), "{:?}", &result.problems[..1]);
        // As the app keeps its model: patched from the edit, not reloaded.
        result.applied.expect("applied").patch(&mut mesh);
    }

    let matrix_mesh = generate(&GenerateOptions {
        products: 2_000,
        domains: None,
        seed: 7,
    });
    let policy = Policy::default();
    let matrix_t = time(runs, || {
        ownership::matrix(&matrix_mesh, &policy).expect("matrix")
    });
    let big_matrix_t = time(runs, || ownership::matrix(&mesh, &policy).expect("matrix"));

    println!("| workshop operation (median of {runs}) | time |");
    println!("|---|---|");
    println!(
        "| paste {rows} rows into 10,000 products: plan | {} |",
        ms(median(plan_t))
    );
    println!(
        "| paste {rows} rows: apply (one edit, history) | {} |",
        ms(median(apply_t))
    );
    println!("| paste {rows} rows: total | {} |", ms(median(total_t)));
    println!(
        "| ownership matrix, 2,000 products, {} domains | {} |",
        matrix_mesh.domains.len(),
        ms(matrix_t)
    );
    println!(
        "| ownership matrix, {} products, {} domains | {} |",
        mesh.products.len(),
        mesh.domains.len(),
        ms(big_matrix_t)
    );
}
