//! `cargo bench -p mesh-core --bench diagram`: what `meshwright diagram` costs on a
//! generated mesh (default 2,000 products; target: `--format svg` in at most 2 s end to
//! end). Each row is the median of a few runs: loading the file with its graph, building
//! the view, and writing each format (the SVG and PNG include the layout), plus the
//! whole command's core path for the products view as SVG; and the domains and teams
//! views the app draws (`overview`, with their layered layout; target: a switch to the
//! domain view in at most 300 ms in the window).
//!
//! A plain harness like `scale.rs`: a markdown table, no assertions. Arguments:
//! `--products N` (default 2000), `--runs N` (5), `--scale N` PNG scale in tenths (2).

mod harness;

use harness::{number, time};

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use mesh_core::diagram::{self, Format, View};
use mesh_core::filter::{self, ViewFilter};
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::graph::MeshGraph;
use mesh_core::layered::Memo;
use mesh_core::overview;
use mesh_core::{Access, Store};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let products = number("--products", 2000);
    let runs = number("--runs", 5);
    #[allow(clippy::cast_precision_loss)]
    let scale = number("--scale", 2) as f32 / 10.0;
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("bench.mesh");
    let mesh = generate(&GenerateOptions {
        products,
        domains: None,
        seed: 42,
    });
    drop(Store::create_from(&path, &mesh, &mut |_, _| {}).expect("write generated mesh"));
    let load = || {
        let mesh = Store::open(&path, Access::ReadOnly)
            .and_then(|s| s.load())
            .expect("load");
        let graph = MeshGraph::build(&mesh);
        (mesh, graph)
    };
    let (mesh, graph) = load();
    let never = AtomicBool::new(false);
    println!(
        "diagram, {products} products, {} domains, median of {runs}\n",
        mesh.domains.len()
    );
    println!("| step | products view | domains view | teams view |");
    println!("|---|---|---|---|");
    let row = |name: &str, f: &dyn Fn(View) -> Duration| {
        let cells: Vec<String> = View::ALL.iter().map(|&v| ms(f(v))).collect();
        println!("| {name} | {} |", cells.join(" | "));
    };
    row("load file + graph", &|_| time(runs, load));
    row("build view", &|v| {
        time(runs, || {
            diagram::build(&mesh, &graph, v, None).expect("view")
        })
    });
    for (name, format) in [
        ("svg (with layout)", Format::Svg),
        ("mermaid", Format::Mermaid),
        ("dot", Format::Dot),
        ("png (with layout)", Format::Png),
    ] {
        row(name, &|v| {
            let d = diagram::build(&mesh, &graph, v, None).expect("view");
            time(runs, || {
                diagram::render(&mesh, &d, format, scale, &mut |_, _| {}, &never).expect("rendered")
            })
        });
    }
    row("whole `diagram --format svg -o`", &|v| {
        let out = dir.path().join("d.svg");
        time(runs, || {
            let (mesh, graph) = load();
            let d = diagram::build(&mesh, &graph, v, None).expect("view");
            let svg =
                diagram::render(&mesh, &d, Format::Svg, 1.0, &mut |_, _| {}, &never).expect("svg");
            diagram::write_atomically(&out, &svg).expect("written");
        })
    });
    // What the app's domains and teams views ask the core for: the aggregate, placed
    // (a layered layout of every node, as in a file never arranged in that view).
    let everything = filter::apply(&mesh, &[], &ViewFilter::default());
    let cells: Vec<String> = View::ALL
        .iter()
        .map(|&v| match v {
            View::Products => "–".to_owned(),
            _ => ms(time(runs, || {
                overview::overview(&mesh, &graph, v, &everything, None, &mut Memo::default())
            })),
        })
        .collect();
    println!("| the app's view, laid out | {} |", cells.join(" | "));
    println!("\nPNG at scale {scale}.");
}
