//! Manifest folders for the benchmarks that read them (`import`, `check`): a mesh's
//! ODPS and ODCS files written one folder per product, and the CPU time a stage used.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mesh_core::Store;
use mesh_core::generate::{GenerateOptions, generate};
use mesh_core::manifests::import::{self, Sources};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, Scope};
use mesh_core::model::{Mesh, MeshInfo};

/// The manifests of `folder`, read and parsed as an import or a check reads them.
pub fn read_folder(folder: &Path) -> Sources {
    import::read(
        std::slice::from_ref(&folder.to_path_buf()),
        &mut |_, _| {},
        &Default::default(),
    )
    .expect("readable files")
}

/// A generated mesh with its manifests written to a folder.
pub struct Folder {
    /// The mesh, as its file loads it (what the export reads).
    pub mesh: Mesh,
    /// The folder of ODPS and ODCS files, one folder per product.
    pub repos: PathBuf,
    /// How many files it holds.
    pub files: usize,
    /// A header for the mesh made of them, in the generated mesh's namespace.
    pub info: MeshInfo,
}

/// A generated mesh of `products` (seed 42) stored in `dir` and its ODPS and ODCS files
/// written under `dir/repos`.
pub fn generated_folder(dir: &Path, products: usize) -> Folder {
    let mesh = generate(&GenerateOptions {
        products,
        domains: None,
        seed: 42,
    });
    let mesh = Store::create_from(&dir.join("source.mesh"), &mesh, &mut |_, _| {})
        .and_then(|s| s.load())
        .expect("generated mesh");
    let repos = dir.join("repos");
    let files = write_documents(&mesh, &repos);
    let info = MeshInfo {
        name: "bench".into(),
        namespace: mesh.info.namespace.clone(),
        description: None,
        custom_properties: Vec::new(),
        extensions: Default::default(),
    };
    Folder {
        mesh,
        repos,
        files,
        info,
    }
}

/// CPU time this process used so far (all threads; Linux `/proc/self/stat`, in the
/// usual 100 ticks per second), or zero elsewhere. On a shared machine wall-clock time
/// includes waiting for a core; CPU time does not.
pub fn cpu() -> Duration {
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

pub fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// The mesh's ODPS and ODCS documents, one folder per product; returns the file count.
pub fn write_documents(mesh: &Mesh, repos: &Path) -> usize {
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
