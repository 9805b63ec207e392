//! `cargo xtask bench`: how the core's hot paths grow with the size of the mesh.
//!
//! A plain harness (no statistics framework) because the figures that matter are whole
//! operations on files of 1,000 to 100,000 products, each repeated a few times, with the
//! median reported as a markdown table ready for README. It measures; it asserts nothing.
//!
//! A second table times governance: every built-in rule over the same meshes, and 20
//! custom CEL rules over them (the target is 10,000 products in 100 ms for the
//! built-ins and 200 ms for the CEL rules, release build), and the desktop's live
//! re-check after an edit: patch the kept model with the edit, read the policy, check
//! (target 30 ms at 2,000 products).
//!
//! A third table times the export of every format the manifests dispatcher has: the
//! documents rendered and placed, the plan against an empty folder and the writes, then
//! a re-export of the unchanged mesh (plan only, nothing written), with files per
//! second (the target: every format for 10,000 products in at most 3 s).
//!
//! Arguments: `--sizes 1000,10000,100000` (default) and `--edits N` (default 200).

mod harness;

use harness::{median, time};

use std::hint::black_box;
use std::time::{Duration, Instant};

use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::governance::{self, Policy};
use mesh_core::graph::MeshGraph;
use mesh_core::manifests::{self, ExportContext, ExportOptions, ExportSettings, Format};
use mesh_core::store::EditOp;
use mesh_core::{Access, Store};

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes: Vec<usize> = arg("--sizes")
        .unwrap_or_else(|| "1000,10000,100000".to_owned())
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .expect("--sizes takes numbers separated by commas")
        })
        .collect();
    let edits: usize = arg("--edits").map_or(200, |s| s.parse().expect("--edits takes a number"));
    let dir = tempfile::tempdir().expect("temporary folder");

    let mut governance_rows = Vec::new();
    let mut export_rows = Vec::new();
    println!(
        "| products | dependencies | generate + write file | open + load model | graph + SCCs + longest chain | one edit (median) | file size |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        let path = dir.path().join(format!("bench-{n}.mesh"));
        let started = Instant::now();
        let mesh = generate(&GenerateOptions {
            products: n,
            domains: None,
            seed: 42,
        });
        drop(Store::create_from(&path, &mesh, &mut |_, _| {}).expect("write generated mesh"));
        let generate_write = started.elapsed();
        drop(mesh);

        let runs = if n >= 100_000 { 3 } else { 7 };
        let load = time(runs, || {
            Store::open(&path, Access::ReadOnly)
                .and_then(|s| s.load())
                .expect("load")
        });
        let mesh = Store::open(&path, Access::ReadOnly)
            .and_then(|s| s.load())
            .expect("load");
        let graph_time = time(runs, || {
            let g = MeshGraph::build(&mesh);
            (g.cycles().len(), g.longest_chain().len())
        });
        let dependencies = MeshGraph::build(&mesh).dependency_count();

        let mut store = Store::open(&path, Access::ReadWrite).expect("open for editing");
        let mut product = mesh.products[mesh.products.len() / 2].clone();
        let original = product.display_name.clone();
        let mut samples = Vec::with_capacity(edits);
        for i in 0..edits {
            product.display_name = format!("{original} {i}");
            let p = product.clone();
            let start = Instant::now();
            store.edit(|e| e.save_product(p)).expect("edit");
            samples.push(start.elapsed());
        }
        drop(store);
        governance_rows.push(governance_row(&mesh, &path, dependencies, runs));
        export_rows.push(export_row(&mesh, dir.path(), runs.min(3)));
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "| {n} | {dependencies} | {} | {} | {} | {} | {:.1} MB |",
            ms(generate_write),
            ms(load),
            ms(graph_time),
            ms(median(samples)),
            size as f64 / 1e6
        );
    }
    println!();
    println!(
        "| products | dependencies | all built-in rules | findings | 20 custom CEL rules | custom findings | app re-check after an edit |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for row in governance_rows {
        println!("{row}");
    }
    println!();
    println!(
        "| products | files | render all formats | export to an empty folder | files/s | re-export, unchanged |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for row in export_rows {
        println!("{row}");
    }
}

/// Every format the dispatcher has: rendering alone, a whole export into an empty
/// folder (render, place, plan, atomic writes, index), and a re-export that finds
/// every file unchanged.
fn export_row(mesh: &mesh_core::model::Mesh, tmp: &std::path::Path, runs: usize) -> String {
    let settings = ExportSettings {
        formats: Format::ALL.to_vec(),
        options: ExportOptions::default(),
        by_domain: true,
        prune: false,
    };
    let render = time(runs, || {
        let ctx = ExportContext::new(mesh, settings.options);
        manifests::documents(&ctx, &settings.formats).len()
    });
    // Each format alone, so a slow one shows: ODCS documents are shared by ODCS,
    // Backstage and DPDS.
    let each: Vec<String> = Format::ALL
        .iter()
        .map(|&format| {
            let t = time(runs, || {
                let ctx = ExportContext::new(mesh, settings.options);
                manifests::documents(&ctx, &[format]).len()
            });
            format!("{format:?} {}", ms(t))
        })
        .collect();
    eprintln!(
        "render per format, {} products: {}",
        mesh.products.len(),
        each.join(", ")
    );
    let mut files = 0;
    let mut round = 0;
    let full = time(runs, || {
        round += 1;
        let root = tmp.join(format!("export-{}-{round}", mesh.products.len()));
        let plan =
            manifests::plan_export(mesh, &root, &settings, &mut |_, _| {}, &Default::default())
                .expect("plan");
        let never = std::sync::atomic::AtomicBool::new(false);
        let written = manifests::write::write(&plan, &mut |_, _| {}, &never).expect("write");
        files = written.written;
        root
    });
    let root = tmp.join(format!("export-{}-1", mesh.products.len()));
    let again = time(runs, || {
        let plan =
            manifests::plan_export(mesh, &root, &settings, &mut |_, _| {}, &Default::default())
                .expect("plan");
        let never = std::sync::atomic::AtomicBool::new(false);
        manifests::write::write(&plan, &mut |_, _| {}, &never).expect("write")
    });
    format!(
        "| {} | {files} | {} | {} | {:.0} | {} |",
        mesh.products.len(),
        ms(render),
        ms(full),
        files as f64 / full.as_secs_f64(),
        ms(again)
    )
}

/// Twenty custom rules over every target, as an architect might write them.
fn custom_policy() -> Policy {
    let rules = [
        ("product", "product.fanIn <= 40"),
        ("product", "product.fanOut <= 12"),
        ("product", "product.ownerTeam != null"),
        (
            "product",
            "product.purpose != null && size(product.purpose) > 10",
        ),
        (
            "product",
            "product.status != 'active' || product.archetype != null",
        ),
        ("product", "product.depth <= 8"),
        ("product", "!product.inCycle"),
        (
            "product",
            "product.instability <= 0.95 || product.fanIn == 0",
        ),
        ("product", "product.tags.all(t, t.matches('^[a-z0-9-]+$'))"),
        ("product", "product.outputPortCount >= 1"),
        (
            "outputPort",
            "port.visibility != 'public' || port.contract != null",
        ),
        (
            "outputPort",
            "!port.containsPii || port.classification != null",
        ),
        (
            "outputPort",
            "port.status != 'deprecated' || port.hasSuccessor",
        ),
        (
            "outputPort",
            "port.consumerCount < 30 || has(port.serviceLevels.freshness)",
        ),
        ("outputPort", "port.description != null"),
        (
            "dependency",
            "!dependency.crossDomain || port.visibility == 'public'",
        ),
        ("dependency", "provider.status != 'retired'"),
        (
            "dependency",
            "consumer.status != 'active' || provider.status == 'active'",
        ),
        (
            "domain",
            "domain.ownerTeam != null && domain.providerDomainCount <= 10",
        ),
        ("team", "team.productDomainCount <= 3"),
    ];
    let mut yaml = String::from("customRules:\n");
    for (i, (target, assertion)) in rules.iter().enumerate() {
        yaml.push_str(&format!(
            "  - id: BENCH-{i:03}\n    target: {target}\n    assert: \"{assertion}\"\n    message: \"broken\"\n"
        ));
    }
    // Only the custom rules: built-ins are timed in their own column.
    yaml.push_str("rules:\n");
    for r in governance::catalog(&Policy::default()).expect("catalog") {
        yaml.push_str(&format!("  {}: {{enabled: false}}\n", r.id));
    }
    Policy::from_yaml(&yaml).expect("bench policy")
}

fn governance_row(
    mesh: &mesh_core::model::Mesh,
    path: &std::path::Path,
    dependencies: usize,
    runs: usize,
) -> String {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let builtin = Policy::default();
    let report = governance::check(mesh, &builtin, today).expect("check");
    let builtin_time = time(runs, || {
        governance::check(mesh, &builtin, today).expect("check")
    });
    let custom = custom_policy();
    let custom_report = governance::check(mesh, &custom, today).expect("check");
    assert!(
        !custom_report
            .findings
            .iter()
            .any(|f| f.rule_id == "DM-POLICY-002"),
        "a bench rule is broken"
    );
    let custom_time = time(runs, || {
        governance::check(mesh, &custom, today).expect("check")
    });
    // What the desktop does after each edit: patch its model with the edit's changes,
    // read the policy and check (`check_mesh`); the edit itself is not counted.
    let mut store = Store::open(path, Access::ReadWrite).expect("open for editing");
    let mut model = store.load().expect("load");
    let mut product = model.products[model.products.len() / 3].clone();
    let mut samples = Vec::with_capacity(runs);
    for i in 0..runs {
        product.display_name = format!("Re-checked {i}");
        let applied = store
            .apply(vec![EditOp::SaveProduct(product.clone())], None)
            .expect("edit");
        let start = Instant::now();
        applied.patch(&mut model);
        let policy = store.policy().expect("policy");
        black_box(governance::check(&model, &policy, today).expect("check"));
        samples.push(start.elapsed());
    }
    let recheck_time = median(samples);
    format!(
        "| {} | {dependencies} | {} | {} | {} | {} | {} |",
        mesh.products.len(),
        ms(builtin_time),
        report.findings.len(),
        ms(custom_time),
        custom_report.findings.len(),
        ms(recheck_time)
    )
}
