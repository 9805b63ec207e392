//! `cargo bench -p mesh-core --bench import`: importing the ODPS and ODCS documents of a
//! generated mesh (default 10,000 products) into a new mesh file, as `meshwright import
//! DIR --into NEW.mesh` does; the target is at most 5 s on the 2-core CI machine.
//!
//! A plain harness like `scale.rs`: each stage is timed over a few runs and the medians
//! are printed as a markdown table. It measures; it asserts nothing.
//!
//! A second table times a folder of standalone contracts (default 1,000: the generated
//! mesh's ODCS files without their products, so no port references them), imported
//! into a new mesh as unattached contracts; the target is at most 1 s.
//!
//! Arguments: `--products N` (default 10000), `--contracts N` (default 1000),
//! `--runs N` (default 3).

mod harness;

use harness::manifests::{Folder, cpu, generated_folder, ms, read_folder};
use harness::{median, number};

use std::hint::black_box;

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use mesh_core::manifests::import;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format};
use mesh_core::model::Mesh;

fn main() {
    let products = number("--products", 10_000);
    let contracts = number("--contracts", 1_000);
    let runs = number("--runs", 3);
    let dir = tempfile::tempdir().expect("temporary folder");

    let Folder {
        mesh,
        repos,
        files,
        info,
    } = generated_folder(dir.path(), products);

    let (mut read, mut prepare, mut apply, mut total) = (vec![], vec![], vec![], vec![]);
    let mut cpu_total = vec![];
    for run in 0..runs {
        let path = dir.path().join(format!("import-{run}.mesh"));
        let started = Instant::now();
        let cpu_started = cpu();
        let sources = read_folder(&repos);
        read.push(started.elapsed());
        let cpu_read = cpu() - cpu_started;
        let t = Instant::now();
        let empty = Mesh::empty(info.clone());
        black_box(import::prepare(&empty, &sources.documents, false).expect("a clean plan"));
        prepare.push(t.elapsed());
        // What `meshwright import DIR --into NEW.mesh` does: read, plan, write.
        let t = Instant::now();
        let cpu_write = cpu();
        let report = import::create(&path, &info, &sources, false, &AtomicBool::new(false))
            .expect("the import applies");
        assert!(report.applied);
        apply.push(t.elapsed());
        total.push(started.elapsed() - prepare.last().copied().unwrap_or_default());
        cpu_total.push(cpu_read + (cpu() - cpu_write));
    }
    let total = median(total);
    println!(
        "| products | files | read + parse | decode + plan | plan + write new file | import in all | files/s | CPU time (all threads) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {products} | {files} | {} | {} | {} | {} | {:.0} | {} |",
        ms(median(read)),
        ms(median(prepare)),
        ms(median(apply)),
        ms(total),
        files as f64 / total.as_secs_f64(),
        ms(median(cpu_total))
    );

    let folder = dir.path().join("contracts");
    let written = write_contracts(&mesh, &folder, contracts);
    let mut times = Vec::new();
    for run in 0..runs {
        let path = dir.path().join(format!("contracts-{run}.mesh"));
        let started = Instant::now();
        let sources = read_folder(&folder);
        let report = import::create(&path, &info, &sources, false, &AtomicBool::new(false))
            .expect("the import applies");
        times.push(started.elapsed());
        assert_eq!(report.plan.kept(import::Kept::Unattached), written);
    }
    println!();
    println!("| standalone contracts | import in all (read, keep, write new file) |");
    println!("|---:|---:|");
    println!("| {written} | {} |", ms(median(times)));
}

/// Up to `n` of the mesh's ODCS documents in one folder, without the products that
/// reference them; returns how many.
fn write_contracts(mesh: &Mesh, folder: &std::path::Path, n: usize) -> usize {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, &[Format::Odcs]);
    std::fs::create_dir_all(folder).expect("folder");
    for doc in docs.iter().take(n) {
        std::fs::write(folder.join(&doc.file_name), &doc.text).expect("file");
    }
    docs.len().min(n)
}
