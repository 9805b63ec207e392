//! `cargo bench -p mesh-app --bench repos`: what `--git` adds to an export by domain
//! (target: at most 2 s more than the plain export into 50 domain repositories). On a
//! generated mesh (default 10,000 products in 50 domains): the plain export into fresh
//! folders, the export committed into 50 fresh repositories, and again with nothing new
//! (no commit). Each figure is the median of `--runs` (3) runs, each on new folders.
//!
//! A plain harness like mesh-core's: a markdown table, no assertions. Arguments:
//! `--products N` (10000), `--domains N` (50), `--runs N` (3).

#[path = "../../mesh-core/benches/harness/mod.rs"]
mod harness;

use std::path::Path;
use std::time::{Duration, Instant};

use harness::{median, number};
use mesh_app::CancelToken;
use mesh_app::repos::{self, GitOptions};
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::layout::domain_folder;
use mesh_core::manifests::{ExportOptions, ExportSettings, Format, plan_export, write};
use mesh_core::model::Mesh;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn settings() -> ExportSettings {
    ExportSettings {
        formats: vec![Format::Odps, Format::Odcs],
        options: ExportOptions::default(),
        by_domain: true,
        prune: false,
    }
}

/// A repository with a committing author in each domain folder under `root`.
fn repositories(mesh: &Mesh, root: &Path) {
    for d in &mesh.domains {
        let dir = root.join(domain_folder(d).expect("folder"));
        std::fs::create_dir_all(&dir).expect("folder");
        let repo = git2::Repository::init(&dir).expect("git init");
        let mut config = repo.config().expect("config");
        config.set_str("user.name", "Bench").expect("name");
        config
            .set_str("user.email", "bench@example.com")
            .expect("email");
    }
}

fn main() {
    let products = number("--products", 10_000);
    let domains = number("--domains", 50);
    let runs = number("--runs", 3);
    let mesh = generate(&GenerateOptions {
        products,
        domains: Some(domains),
        seed: 42,
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
    let git = GitOptions::default();
    let (mut plain, mut first, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let dir = tempfile::tempdir().expect("temporary folder");
        let start = Instant::now();
        let plan = plan_export(
            &mesh,
            &dir.path().join("plain"),
            &settings(),
            &mut |_, _| {},
            &Default::default(),
        )
        .expect("plan");
        write::write(&plan, &mut |_, _| {}, &Default::default()).expect("write");
        plain.push(start.elapsed());

        let root = dir.path().join("repos");
        repositories(&mesh, &root);
        let mut token = CancelToken::silent();
        let start = Instant::now();
        let done =
            repos::export(&mesh, &root, &settings(), &git, today, &mut token).expect("git export");
        first.push(start.elapsed());
        assert!(done.repos.iter().all(|r| r.commit.is_some()));
        let start = Instant::now();
        repos::export(&mesh, &root, &settings(), &git, today, &mut token).expect("again");
        again.push(start.elapsed());
    }
    println!(
        "export by domain, ODPS + ODCS, {products} products in {} domains, median of {runs}\n",
        mesh.domains.len()
    );
    println!("| export | time |");
    println!("|---|---|");
    println!("| plain, into folders | {} |", ms(median(plain.clone())));
    println!(
        "| --git, one commit per repository | {} |",
        ms(median(first.clone()))
    );
    println!(
        "| --git again, nothing new (no commit) | {} |",
        ms(median(again))
    );
    let extra = median(first).saturating_sub(median(plain));
    println!("\n--git adds {} (target: at most 2 s).", ms(extra));
}
