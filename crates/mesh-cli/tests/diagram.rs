//! `meshwright diagram` on the demo mesh and on one whose every title is hostile
//! (quotes, markup, brackets, backslashes, arrows): Graphviz's own `dot` renders
//! every DOT output of every view, the SVG names every product and domain as text, the
//! PNG has the chosen scale, an unknown `--domain` exits 2 with the closest names, and
//! an output folder that is missing or not a folder is a one-line error leaving
//! nothing behind. The Mermaid outputs are checked by Mermaid's parser in the UI's
//! tests (`ui/src/test/diagrams.test.ts`) over the samples the core writes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{fails_with, meshwright};
use mesh_core::model::Mesh;
use mesh_core::{Access, Store};

const VIEWS: [&str; 3] = ["products", "domains", "teams"];

/// A mesh with a title no format may pass through unescaped on every entity.
fn hostile(dir: &Path) -> PathBuf {
    // The store keeps titles to one line; the core's tests cover line breaks.
    let nasty = "He said \"<b>hi</b>\" & [left] {right} (x) #1; %% `x` a\\b -> end|";
    let mut mesh = mesh_core::demo::demo_mesh();
    mesh.info.name = nasty.into();
    mesh.products
        .iter_mut()
        .for_each(|p| p.display_name = format!("{nasty} {}", p.name));
    mesh.domains
        .iter_mut()
        .for_each(|d| d.title = format!("{nasty} {}", d.name));
    mesh.teams
        .iter_mut()
        .for_each(|t| t.title = format!("{nasty} {}", t.name));
    let path = dir.join("hostile.mesh");
    Store::create_from(&path, &mesh, &mut |_, _| {}).unwrap();
    path
}

fn saved(file: &Path) -> Mesh {
    Store::open(file, Access::ReadOnly).unwrap().load().unwrap()
}

fn diagram(file: &Path, args: &[&str]) -> Vec<u8> {
    meshwright()
        .arg("diagram")
        .arg(file)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// Whether Graphviz's `dot` runs here; missing, the test is skipped with a message,
/// unless `CI` is set (CI installs the `graphviz` package).
fn graphviz() -> bool {
    if Process::new("dot").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Graphviz's `dot` is missing and CI is set (Debian package `graphviz`)"
    );
    eprintln!("skipped: Graphviz's `dot` not found (install the `graphviz` package)");
    false
}

#[test]
fn graphviz_renders_every_dot_output() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let demo = common::demo(dir.path());
    let nasty = hostile(dir.path());
    for file in [&demo, &nasty] {
        for view in VIEWS {
            for domain in [None, Some("orders")] {
                let mut args = vec!["--format", "dot", "--view", view];
                args.extend(domain.iter().flat_map(|d| ["--domain", *d]));
                let dot = dir.path().join(format!("{view}.dot"));
                let mut full = args.clone();
                full.extend(["-o", dot.to_str().unwrap()]);
                diagram(file, &full);
                let out = Process::new("dot").arg("-Tsvg").arg(&dot).output().unwrap();
                assert!(
                    out.status.success() && out.stderr.is_empty(),
                    "dot refused {} {args:?}: {}",
                    file.display(),
                    String::from_utf8_lossy(&out.stderr)
                );
                // Graphviz drew every label: each product's name is in its SVG.
                if view == "products" && domain.is_none() {
                    // Graphviz writes hyphens as `&#45;`.
                    let svg = String::from_utf8(out.stdout).unwrap().replace("&#45;", "-");
                    for p in &saved(file).products {
                        assert!(svg.contains(&p.name), "{} not drawn by dot", p.name);
                    }
                }
            }
        }
    }
}

/// Text as an XML text node holds it.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
        .replace('\n', " ")
}

#[test]
fn the_svg_names_every_product_and_domain_as_text() {
    let dir = tempfile::tempdir().unwrap();
    for file in [common::demo(dir.path()), hostile(dir.path())] {
        let svg = String::from_utf8(diagram(&file, &["--format", "svg"])).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        let mesh = saved(&file);
        for p in &mesh.products {
            let text = format!(">{}</text>", xml(&p.display_name));
            assert!(svg.contains(&text), "{text} missing");
        }
        for d in &mesh.domains {
            let text = format!(">{}</text>", xml(&d.title));
            assert!(svg.contains(&text), "{text} missing");
        }
        // The same file gives the same bytes.
        assert_eq!(svg.as_bytes(), diagram(&file, &["--format", "svg"]));
    }
}

/// Width and height from a PNG's header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn a_png_is_drawn_at_the_chosen_scale() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo(dir.path());
    let svg = String::from_utf8(diagram(&file, &["--format", "svg", "--view", "teams"])).unwrap();
    let attr = |name: &str| -> f64 {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    let (w, h) = (attr("width"), attr("height"));
    for scale in ["1", "2"] {
        let path = dir.path().join(format!("teams-{scale}.png"));
        let args = ["--format", "png", "--view", "teams", "--scale", scale, "-o"];
        diagram(&file, &[&args[..], &[path.to_str().unwrap()]].concat());
        let factor: f64 = scale.parse().unwrap();
        let (pw, ph) = png_size(&std::fs::read(&path).unwrap());
        assert_eq!(
            (f64::from(pw), f64::from(ph)),
            ((w * factor).ceil(), (h * factor).ceil())
        );
    }
}

#[test]
fn text_formats_go_to_stdout_without_an_output_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo(dir.path());
    let mermaid = String::from_utf8(diagram(&file, &["--format", "mermaid"])).unwrap();
    assert!(mermaid.contains("\nflowchart LR\n"));
    let dot = String::from_utf8(diagram(&file, &["--format", "dot", "--view", "domains"])).unwrap();
    assert!(dot.starts_with("digraph "));
    // Coupling labels every domain node.
    assert_eq!(dot.matches("Ca ").count(), saved(&file).domains.len());
}

#[test]
fn an_unknown_domain_exits_2_with_the_closest_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo(dir.path());
    fails_with(
        meshwright()
            .arg("diagram")
            .arg(&file)
            .args(["--format", "svg", "--domain", "order"]),
        &["no domain named \"order\"", "did you mean orders"],
    );
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error_leaving_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo(dir.path());
    // A folder that does not exist, and a "folder" that is a file (even root cannot
    // write there, unlike a read-only folder).
    // The folder is named; the OS's words for a file in the way differ by system.
    let file_name = file.display().to_string();
    for (target, words) in [
        (dir.path().join("missing").join("d.svg"), "no such folder"),
        (file.join("d.svg"), file_name.as_str()),
    ] {
        fails_with(
            meshwright()
                .arg("diagram")
                .arg(&file)
                .args(["--format", "svg", "-o"])
                .arg(&target),
            &["cannot write the diagram", words],
        );
    }
    // Nothing half written: only the mesh file and SQLite's companions remain.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(name.starts_with("demo.mesh"), "{name} left behind");
    }
}

#[test]
fn two_domains_draw_both_with_their_products() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo(dir.path());
    let svg = String::from_utf8(diagram(
        &file,
        &[
            "--format",
            "svg",
            "--domain",
            "finance",
            "--domain",
            "marketing",
        ],
    ))
    .unwrap();
    assert!(svg.contains("finance, marketing"), "the title names both");
    let mesh = saved(&file);
    let chosen: Vec<_> = mesh
        .domains
        .iter()
        .filter(|d| d.name == "finance" || d.name == "marketing")
        .map(|d| d.id)
        .collect();
    let mut drawn = 0;
    for p in mesh
        .products
        .iter()
        .filter(|p| chosen.contains(&p.domain_id))
    {
        assert!(
            svg.contains(&format!(">{}</text>", xml(&p.display_name))),
            "{}",
            p.name
        );
        drawn += 1;
    }
    assert!(drawn >= 10);
    // One of the two unknown: exit 2 with the closest names.
    let mut cmd = meshwright();
    cmd.arg("diagram").arg(&file).args([
        "--format", "svg", "--domain", "finance", "--domain", "marketin",
    ]);
    cmd.assert()
        .code(2)
        .stderr(predicates::str::contains("marketing"));
}
