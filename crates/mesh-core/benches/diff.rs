//! `cargo bench -p mesh-core --bench diff`: the semantic diff, the textconv text and
//! the three-way merge on a generated mesh (default 10,000 products; targets: diff at
//! most 500 ms, textconv at most 1 s, a merge with 100 changes on each side at most 3 s).
//! The second mesh renames 100 products; for the merge, ours renames 100 and theirs
//! retitles 100 others. The checks' findings are not part of the diff's time.
//!
//! A plain harness like `scale.rs`: a markdown table, no assertions. Arguments:
//! `--products N` (10000), `--runs N` (5).

mod harness;

use harness::{number, time};

use mesh_core::diff::{diff, merge::merge, report::textconv};
use mesh_core::generate::{GenerateOptions, generate};

fn main() {
    let products = number("--products", 10_000);
    let runs = number("--runs", 5);
    let base = generate(&GenerateOptions {
        products,
        domains: None,
        seed: 42,
    });
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for p in ours.products.iter_mut().take(100) {
        p.name.push_str("-v2");
    }
    for p in theirs.products.iter_mut().skip(100).take(100) {
        p.display_name.push_str(" (new)");
    }
    let ms = |d: std::time::Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!("diff and merge, {products} products, median of {runs}\n");
    println!("| step | time | target |");
    println!("|---|---|---|");
    let d = time(runs, || diff(&base, &ours, &[], &[]));
    println!("| diff (100 renames) | {} | 500 ms |", ms(d));
    let t = time(runs, || textconv(&base));
    println!("| textconv | {} | 1 s |", ms(t));
    let m = time(runs, || merge(&base, &ours, &theirs).expect("merge"));
    println!("| merge, 100 changes on each side | {} | 3 s |", ms(m));
}
