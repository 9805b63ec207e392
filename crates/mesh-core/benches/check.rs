//! `cargo bench -p mesh-core --bench check`: `meshwright check DIR` of the ODPS and
//! ODCS files of a generated mesh (default 10,000 products), by stage: the files read
//! and parsed, the model made in memory, the rules run, each finding placed at its
//! field's line, and the SARIF written. The target is at most 5 s in all on the
//! 2-core CI machine.
//!
//! A plain harness like `import.rs`: the medians of a few runs as a markdown table. It
//! measures; it asserts nothing but that the check ran.
//!
//! Arguments: `--products N` (default 10000), `--runs N` (default 3).

mod harness;

use harness::manifests::{Folder, cpu, generated_folder, ms, read_folder};
use harness::{median, number};

use std::hint::black_box;
use std::time::Instant;

use mesh_core::governance::report::{self, Placed};
use mesh_core::governance::{self, Policy};
use mesh_core::manifests::import::ManifestModel;

fn main() {
    let products = number("--products", 10_000);
    let runs = number("--runs", 3);
    let dir = tempfile::tempdir().expect("temporary folder");
    let Folder {
        repos, files, info, ..
    } = generated_folder(dir.path(), products);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let policy = Policy::default();

    let (mut read, mut model, mut rules, mut place, mut sarif, mut total, mut cpu_total) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut findings = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let cpu_started = cpu();
        let sources = read_folder(&repos);
        read.push(started.elapsed());
        let t = Instant::now();
        let manifests = ManifestModel::read(&info, sources).expect("a model");
        model.push(t.elapsed());
        let t = Instant::now();
        let checked = governance::check(&manifests.mesh, &policy, today).expect("a report");
        rules.push(t.elapsed());
        let t = Instant::now();
        let places = manifests.places(&checked);
        place.push(t.elapsed());
        let t = Instant::now();
        let placed = Placed {
            report: &checked,
            places,
            base: dir.path().to_path_buf(),
        };
        black_box(serde_json::to_string(&report::sarif(&placed)).expect("JSON"));
        sarif.push(t.elapsed());
        total.push(started.elapsed());
        cpu_total.push(cpu() - cpu_started);
        findings = checked.findings.len();
    }
    println!(
        "| products | files | findings | read + parse | model in memory | rules | places | SARIF | check in all | CPU time (all threads) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {products} | {files} | {findings} | {} | {} | {} | {} | {} | {} | {} |",
        ms(median(read)),
        ms(median(model)),
        ms(median(rules)),
        ms(median(place)),
        ms(median(sarif)),
        ms(median(total)),
        ms(median(cpu_total)),
    );
}
