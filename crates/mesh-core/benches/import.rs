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

use harness::{median, number};

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use mesh_core::Store;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::import;
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, Scope};
use mesh_core::model::{Mesh, MeshInfo};

/// CPU time this process used so far (all threads; Linux `/proc/self/stat`, in the
/// usual 100 ticks per second), or zero elsewhere. On a shared machine wall-clock time
/// includes waiting for a core; CPU time does not.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<u64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    Duration::from_millis(fields.iter().sum::<u64>() * 10)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let products = number("--products", 10_000);
    let contracts = number("--contracts", 1_000);
    let runs = number("--runs", 3);
    let dir = tempfile::tempdir().expect("temporary folder");

    let mesh = generate(&GenerateOptions {
        products,
        domains: None,
        seed: 42,
    });
    let mesh = Store::create_from(&dir.path().join("source.mesh"), &mesh, &mut |_, _| {})
        .and_then(|s| s.load())
        .expect("generated mesh");
    let repos = dir.path().join("repos");
    let files = write_documents(&mesh, &repos);
    let info = MeshInfo {
        name: "bench".into(),
        namespace: mesh.info.namespace.clone(),
        description: None,
        custom_properties: Vec::new(),
        extensions: Default::default(),
    };

    let (mut read, mut prepare, mut apply, mut total) = (vec![], vec![], vec![], vec![]);
    let mut cpu_total = vec![];
    for run in 0..runs {
        let path = dir.path().join(format!("import-{run}.mesh"));
        let started = Instant::now();
        let cpu_started = cpu();
        let sources = import::read(
            std::slice::from_ref(&repos),
            &mut |_, _| {},
            &Default::default(),
        )
        .expect("readable files");
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
        let sources = import::read(
            std::slice::from_ref(&folder),
            &mut |_, _| {},
            &Default::default(),
        )
        .expect("readable files");
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

/// The mesh's ODPS and ODCS documents, one folder per product; returns the file count.
fn write_documents(mesh: &Mesh, repos: &std::path::Path) -> usize {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, &[Format::Odps, Format::Odcs]);
    for doc in &docs {
        let Scope::Product(id) = doc.scope else {
            continue;
        };
        let folder: PathBuf = repos.join(&ctx.products[&id].name);
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join(&doc.file_name), &doc.text).expect("file");
    }
    docs.len()
}
