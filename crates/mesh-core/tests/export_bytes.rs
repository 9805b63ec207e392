//! The exported bytes stay as they are: every document of every format for the demo mesh
//! and for a generated 1,000-product mesh, digested (SHA-256 over each file name and
//! text, in the order the exporter writes them) and compared with the digests committed
//! beside this test. A refactor of the exporters (typed documents, a new layer) must
//! leave them equal; a change meant to alter the output updates the digest in the same
//! commit, and says so.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use mesh_core::demo::demo_mesh;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format};
use mesh_core::model::Mesh;
use sha2::{Digest, Sha256};

/// `export_digests.txt`: one `name digest` line per mesh.
const DIGESTS: &str = include_str!("export_digests.txt");

fn digest(mesh: &Mesh) -> (usize, String) {
    let ctx = ExportContext::new(mesh, ExportOptions::default());
    let docs = manifests::documents(&ctx, &Format::ALL);
    let mut hash = Sha256::new();
    for doc in &docs {
        hash.update(doc.file_name.as_bytes());
        hash.update([0]);
        hash.update(doc.text.as_bytes());
        hash.update([0]);
    }
    let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    (docs.len(), hex)
}

fn committed(name: &str) -> &'static str {
    DIGESTS
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no digest for {name} in export_digests.txt"))
}

fn check(name: &str, mesh: &Mesh) {
    let (files, got) = digest(mesh);
    assert!(files > 0);
    assert_eq!(
        got,
        committed(name),
        "the export of {name} ({files} documents) changed; if that is meant, put `{name} {got}` in crates/mesh-core/tests/export_digests.txt"
    );
}

#[test]
fn the_demo_exports_the_same_bytes() {
    check("demo", &demo_mesh());
}

#[test]
fn a_generated_mesh_exports_the_same_bytes() {
    let mesh = generate(&GenerateOptions {
        products: 1_000,
        domains: None,
        seed: 42,
    });
    check("generated-1000-seed-42", &mesh);
}
