//! The real-world corpus (`../shared/realworld`): manifests other projects published, not
//! shaped by our exporter. Each file is imported alone into a new mesh and exported again
//! in its own format, and every key of the original must come back ([`keys_kept`]); all
//! files import together into one mesh; a product naming contracts that are not there
//! still imports.
//!
//! One test per format folder, each collecting every failing file of its folder into one
//! message (`file: reason`), so progress shows file by file.
//!
//! Another corpus: `MESHWRIGHT_CORPUS=/path/to/folder` points these tests at another
//! folder of the same layout (one folder per format: `odps`, `odcs`, `dpds`, `backstage`,
//! `datahub`, `datacontract-spec`; a folder it lacks is passed over), to measure how the
//! importer does on real files it has never seen:
//!
//! ```sh
//! MESHWRIGHT_CORPUS=/tmp/unseen cargo test -p mesh-core --test realworld -- --nocapture
//! ```
//!
//! Each format's test prints `<format>: imports N of M, re-exports intact K of M`. The
//! tests about particular files of `../shared/realworld` are passed over then. Under CI
//! (`CI` set to anything but `false` or `0`) the variable is ignored: CI always checks
//! `../shared/realworld`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::realworld::keys_kept;
use mesh_core::manifests::import::{self, ImportReport};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, OdcsVersion, OdpsVersion};
use mesh_core::model::{Mesh, MeshInfo};
use mesh_core::{Access, Store};
use serde_json::Value;

/// The Bitol versions the exporters write.
const WRITTEN_VERSIONS: [&str; 4] = ["v1.0.0", "v1.1.0", "v3.1.0", "v3.2.0"];

/// Data Contract Specification files are kept whole as contracts, which the `odcs`
/// format writes (each in the standard it came in).
const DATACONTRACT: &str = "odcs";

/// Files of the corpus that may be skipped by the importer, with the reason it gives,
/// instead of imported: they hold nothing of a mesh.
const MAY_BE_SKIPPED: &[&str] = &["backstage/demo-template.yaml"];

/// What became of one file imported alone and exported again.
enum Outcome {
    /// Every key of every document came back.
    Intact,
    /// The importer skipped it, with this reason, as it may.
    Skipped(String),
    /// It imported, but the re-export lacks or changed keys (or whole documents).
    Lost(String),
    /// The import was refused, or its result could not be exported.
    Failed(String),
}

/// The environment variable naming another corpus folder (see the module's comment).
const CORPUS_VAR: &str = "MESHWRIGHT_CORPUS";

/// The folder `MESHWRIGHT_CORPUS` names, if set (not empty) outside CI.
fn other_corpus() -> Option<PathBuf> {
    let ci = std::env::var("CI").unwrap_or_default();
    if !(ci.is_empty() || ci == "false" || ci == "0") {
        return None;
    }
    let dir = PathBuf::from(std::env::var_os(CORPUS_VAR).filter(|v| !v.is_empty())?);
    assert!(
        dir.is_dir(),
        "{CORPUS_VAR}={}: no such folder",
        dir.display()
    );
    Some(dir)
}

/// The corpus root: the folder `MESHWRIGHT_CORPUS` names, else `../shared/realworld`
/// (`None` when that is missing, outside CI).
fn corpus_root() -> Option<PathBuf> {
    other_corpus().or_else(common::realworld)
}

/// `../shared/realworld`, for the tests about its particular files; `None` (the test
/// passed over) when `MESHWRIGHT_CORPUS` names another corpus.
fn shared_corpus() -> Option<PathBuf> {
    if let Some(other) = other_corpus() {
        eprintln!(
            "skipped: about ../shared/realworld, not {}",
            other.display()
        );
        return None;
    }
    common::realworld()
}

/// The manifest files of one folder of the corpus, in name order, or `None` when the
/// corpus is missing (outside CI), or another corpus (`MESHWRIGHT_CORPUS`) lacks the
/// folder.
fn corpus(folder: &str) -> Option<(PathBuf, Vec<PathBuf>)> {
    let root = corpus_root()?;
    if other_corpus().is_some() && !root.join(folder).is_dir() {
        eprintln!("skipped: {} has no {folder} folder", root.display());
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
        .unwrap_or_else(|e| panic!("{}/{folder}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| is_manifest(p))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{folder} holds no manifest");
    Some((root, files))
}

fn is_manifest(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

/// `path` relative to the corpus root, as the messages name it.
fn short(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every document of a YAML (several, split by `---`) or JSON text, empty ones left out.
fn parse(text: &str, json: bool) -> Result<Vec<Value>, String> {
    if json {
        return serde_json::from_str(text)
            .map(|v| vec![v])
            .map_err(|e| e.to_string());
    }
    // YAML 1.2 booleans, as the importer reads manifests: `unit: y` (years) is "y".
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_multiple_with_options::<Value>(text, options)
        .map(|docs| docs.into_iter().filter(|d| !d.is_null()).collect())
        .map_err(|e| e.to_string())
}

/// The import errors, one per line, paths relative to the corpus root.
fn errors(root: &Path, errors: &[import::ImportError]) -> String {
    let prefix = format!("{}/", root.display());
    errors
        .iter()
        .map(|e| e.to_string().replace(&prefix, ""))
        .collect::<Vec<_>>()
        .join("\n    ")
}

/// Imports `paths` into a new mesh file under `tmp`, named and namespaced as the CLI's
/// `import --into` does, and loads it back.
fn import_new(root: &Path, tmp: &Path, paths: &[PathBuf]) -> Result<(ImportReport, Mesh), String> {
    let cancel = AtomicBool::new(false);
    let sources = import::read(paths, &mut |_, _| {}, &cancel)
        .map_err(|e| format!("read: {}", errors(root, &e)))?;
    let mut info = MeshInfo {
        name: "realworld".into(),
        namespace: "com.example".into(),
        description: None,
        custom_properties: vec![],
        extensions: Default::default(),
    };
    if let Some(tenant) = import::tenant(&sources) {
        let candidate = MeshInfo {
            namespace: tenant,
            ..info.clone()
        };
        if mesh_core::validate::mesh_info(&candidate).is_ok() {
            info = candidate;
        }
    }
    let path = tmp.join("realworld.mesh");
    let report = import::create(&path, &info, &sources, false, &cancel)
        .map_err(|e| format!("import: {}", errors(root, &e)))?;
    let mesh = Store::open(&path, Access::ReadOnly)
        .and_then(|s| s.load())
        .map_err(|e| format!("load: {e}"))?;
    Ok((report, mesh))
}

/// The export options closest to the versions `originals` declare, so a file written
/// in a version we export is compared with that version.
fn options(originals: &[Value]) -> ExportOptions {
    let api = |v: &Value| {
        v.get("apiVersion")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let mut options = ExportOptions::default();
    for doc in originals {
        match (doc.get("kind").and_then(Value::as_str), api(doc).as_deref()) {
            (Some("DataProduct"), Some("v1.0.0")) => options.odps = OdpsVersion::V1_0_0,
            (Some("DataContract"), Some("v3.2.0")) => options.odcs = OdcsVersion::V3_2_0,
            _ => {}
        }
    }
    options
}

/// What identifies a document across the round trip: a Backstage entity by kind,
/// namespace and name; any other document by the first of its id or names that a
/// re-exported document shares, else the only re-exported document if there is one.
fn counterpart<'a>(original: &Value, exported: &'a [Value]) -> Result<&'a Value, String> {
    let text = |v: &Value, pointer: &str| {
        v.pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if let (Some(kind), Some(name)) = (text(original, "/kind"), text(original, "/metadata/name"))
        && original
            .get("apiVersion")
            .and_then(Value::as_str)
            .is_some_and(|a| a.contains("backstage.io/"))
    {
        let key = |v: &Value| {
            (
                text(v, "/kind"),
                text(v, "/metadata/namespace").unwrap_or_else(|| "default".into()),
                text(v, "/metadata/name"),
            )
        };
        let wanted = key(original);
        return exported
            .iter()
            .find(|v| key(v) == wanted)
            .ok_or_else(|| format!("{kind} {name}: not re-exported"));
    }
    const IDS: [&str; 5] = [
        "/id",
        "/info/fullyQualifiedName",
        "/name",
        "/info/name",
        "/info/title",
    ];
    let mut tried = Vec::new();
    for pointer in IDS {
        if let Some(wanted) = text(original, pointer) {
            if let Some(found) = exported
                .iter()
                .find(|v| text(v, pointer).as_deref() == Some(wanted.as_str()))
            {
                return Ok(found);
            }
            tried.push(format!("{pointer}={wanted}"));
        }
    }
    // Imported alone, a non-Backstage file gives one product (or contract): its one
    // re-exported document is the counterpart even when the id or name changed.
    if let [only] = exported {
        return Ok(only);
    }
    Err(format!(
        "no re-exported document has {} ({} documents exported)",
        if tried.is_empty() {
            "an id or name to match".into()
        } else {
            tried.join(" or ")
        },
        exported.len()
    ))
}

/// Imports `file` alone into a new mesh, exports it as `format` and compares.
fn round_trip(root: &Path, file: &Path, format: &str) -> Outcome {
    let tmp = tempfile::tempdir().unwrap();
    let (report, mesh) = match import_new(root, tmp.path(), &[file.to_path_buf()]) {
        Ok(done) => done,
        Err(why) => return Outcome::Failed(why),
    };
    if let Some((_, why)) = report.skipped.iter().find(|(p, _)| p == file) {
        return if MAY_BE_SKIPPED.contains(&short(root, file).as_str()) {
            Outcome::Skipped(why.clone())
        } else {
            Outcome::Failed(format!("skipped: {why}"))
        };
    }
    let json = file.extension().is_some_and(|e| e == "json");
    let originals = parse(&std::fs::read_to_string(file).unwrap(), json)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let Some(format) = Format::parse(format) else {
        return Outcome::Failed(format!("imported, but there is no `{format}` exporter"));
    };
    let ctx = ExportContext::new(&mesh, options(&originals));
    let mut exported = Vec::new();
    for doc in manifests::documents(&ctx, &[format]) {
        let docs = parse(&doc.text, doc.file_name.ends_with(".json"))
            .unwrap_or_else(|e| panic!("exported {}: {e}", doc.file_name));
        exported.extend(docs);
    }
    let mut lost = Vec::new();
    for original in &originals {
        match counterpart(original, &exported) {
            Ok(again) => {
                let mut keys = keys_kept(original, again);
                // A Bitol version Meshwright does not write (ODPS v0.9.0) is written as
                // the version it does; every other field must come back.
                if original
                    .get("apiVersion")
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.starts_with('v') && !WRITTEN_VERSIONS.contains(&v))
                {
                    keys.retain(|k| k != "/apiVersion");
                }
                if !keys.is_empty() {
                    let what = original
                        .pointer("/metadata/name")
                        .or_else(|| original.get("id"))
                        .and_then(Value::as_str)
                        .map(|n| format!("{n}: "))
                        .unwrap_or_default();
                    let keys: Vec<String> =
                        keys.iter().map(|k| change(k, original, again)).collect();
                    lost.push(format!(
                        "{what}{} keys lost or changed:\n      {}",
                        keys.len(),
                        keys.join("\n      ")
                    ));
                }
            }
            Err(why) => lost.push(why),
        }
    }
    if lost.is_empty() {
        Outcome::Intact
    } else {
        Outcome::Lost(lost.join("\n    "))
    }
}

/// `pointer` with what the original held there and what the re-export holds instead
/// (each cut to a line), so a message shows a renamed value, not only its place.
fn change(pointer: &str, original: &Value, again: &Value) -> String {
    let show = |v: Option<&Value>| match v {
        None => "(missing)".to_owned(),
        Some(v) => {
            let text = v.to_string();
            match text.char_indices().nth(60) {
                Some((at, _)) => format!("{}…", &text[..at]),
                None => text,
            }
        }
    };
    format!(
        "{pointer}: {} -> {}",
        show(original.pointer(pointer)),
        show(again.pointer(pointer))
    )
}

/// Runs [`round_trip`] on every file of `folder` and fails once, listing every file
/// that did not come back intact.
fn check_folder(folder: &str, format: &str) {
    let Some((root, files)) = corpus(folder) else {
        return;
    };
    let (mut imported, mut intact, mut failures) = (0, 0, Vec::new());
    for file in &files {
        let name = short(&root, file);
        match round_trip(&root, file, format) {
            Outcome::Intact => {
                imported += 1;
                intact += 1;
            }
            Outcome::Skipped(why) => {
                imported += 1;
                intact += 1;
                eprintln!("{name}: skipped as allowed: {why}");
            }
            Outcome::Lost(why) => {
                imported += 1;
                failures.push(format!("{name}: re-export incomplete:\n    {why}"));
            }
            Outcome::Failed(why) => failures.push(format!("{name}: {why}")),
        }
    }
    let total = files.len();
    let summary =
        format!("{folder}: imports {imported} of {total}, re-exports intact {intact} of {total}");
    eprintln!("{summary}");
    assert!(failures.is_empty(), "{summary}\n{}", failures.join("\n"));
}

#[test]
fn odps_files_import_alone_and_re_export_intact() {
    check_folder("odps", "odps");
}

#[test]
fn odcs_files_import_alone_and_re_export_intact() {
    check_folder("odcs", "odcs");
}

#[test]
fn dpds_files_import_alone_and_re_export_intact() {
    check_folder("dpds", "dpds");
}

#[test]
fn backstage_files_import_alone_and_re_export_intact() {
    check_folder("backstage", "backstage");
}

#[test]
fn datahub_files_import_alone_and_re_export_intact() {
    check_folder("datahub", "datahub");
}

#[test]
fn datacontract_spec_files_import_alone_and_re_export_intact() {
    check_folder("datacontract-spec", DATACONTRACT);
}

#[test]
fn the_whole_corpus_imports_together_into_one_mesh() {
    let Some(root) = corpus_root() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (report, _) = import_new(&root, tmp.path(), std::slice::from_ref(&root))
        .unwrap_or_else(|why| panic!("the corpus does not import together:\n    {why}"));
    // Every manifest must have been read, except those that may be skipped.
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        let name = short(&root, &path);
        if !is_manifest(&path) || MAY_BE_SKIPPED.contains(&name.as_str()) {
            continue;
        }
        if let Some((_, why)) = report.skipped.iter().find(|(p, _)| *p == path) {
            missing.push(format!("{name}: skipped: {why}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The DPDS descriptors import together: `tripExecution` of the specification's port
/// example (`urn:dpds:com.company-xyz:…`) and of the platform's full example
/// (`urn:dpds:it.quantyca:…`) declare different fully qualified names, so they are two
/// products, the second under the next free slug, both re-exported with their name.
#[test]
fn dpds_descriptors_of_one_name_in_other_namespaces_import_together() {
    let Some(root) = shared_corpus() else {
        return;
    };
    let Some((_, files)) = corpus("dpds") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (_, mesh) = import_new(&root, tmp.path(), &files).unwrap_or_else(|why| panic!("{why}"));
    let ctx = ExportContext::new(&mesh, options(&[]));
    let mut trips = Vec::new();
    for doc in manifests::documents(&ctx, &[Format::Dpds]) {
        let doc: Value = serde_json::from_str(&doc.text).unwrap();
        if doc["info"]["name"] == "tripExecution" {
            trips.push(
                doc["info"]["fullyQualifiedName"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    trips.sort();
    assert_eq!(
        trips,
        [
            "urn:dpds:com.company-xyz:dataproducts:tripExecution:1",
            "urn:dpds:it.quantyca:dataproducts:sampleDomain:tripExecution"
        ]
    );
}

#[test]
fn a_product_naming_contracts_outside_the_corpus_imports() {
    let Some(root) = shared_corpus() else {
        return;
    };
    let file = root.join("odps/dataproduct-cli-references-dataproduct.odps.yaml");
    let tmp = tempfile::tempdir().unwrap();
    let (_, mesh) = import_new(&root, tmp.path(), &[file]).unwrap_or_else(|why| panic!("{why}"));
    assert_eq!(mesh.products.len(), 1, "{:?}", mesh.products);
    let product = &mesh.products[0];
    // The input reading `missing-contract` is kept, as an unresolved dependency.
    assert!(
        mesh.input_ports
            .iter()
            .any(|i| i.product_id == product.id && i.name == "raw-orders"),
        "the input `raw-orders` was dropped: {:?}",
        mesh.input_ports
    );
}

/// The comparison itself.
mod keys_kept {
    use super::keys_kept;
    use serde_json::json;

    #[test]
    fn equal_documents_lose_nothing_whatever_the_key_order_and_extra_keys() {
        let original = json!({"a": 1, "b": {"c": [1, "x"], "d": null}});
        let again = json!({"z": true, "b": {"d": null, "c": [1, "x"], "e": 3}, "a": 1});
        assert!(keys_kept(&original, &again).is_empty());
    }

    #[test]
    fn a_missing_nested_key_is_named_by_its_path() {
        let original = json!({"info": {"owner": {"id": "jdoe", "name": "J"}}});
        let again = json!({"info": {"owner": {"id": "jdoe"}}});
        assert_eq!(keys_kept(&original, &again), ["/info/owner/name"]);
    }

    #[test]
    fn a_missing_map_is_named_once_not_key_by_key() {
        let original = json!({"a": {"b": 1, "c": 2}});
        assert_eq!(keys_kept(&original, &json!({})), ["/a"]);
    }

    #[test]
    fn a_changed_scalar_is_named() {
        let original = json!({"status": "active", "version": "1.0.0", "n": 3, "ok": true});
        let again = json!({"status": "draft", "version": "1.0.0", "n": 4, "ok": false});
        assert_eq!(keys_kept(&original, &again), ["/status", "/n", "/ok"]);
    }

    #[test]
    fn a_value_of_another_kind_is_named() {
        let original = json!({"description": {"purpose": "x"}, "n": 1, "s": "1"});
        let again = json!({"description": "x", "n": "1", "s": 1});
        assert_eq!(keys_kept(&original, &again), ["/description", "/n", "/s"]);
    }

    #[test]
    fn numbers_compare_as_numbers() {
        let original = json!({"a": 2.0, "b": 2, "c": 0.5, "d": u64::MAX});
        let again = json!({"a": 2.0, "b": 2.0, "c": 0.5, "d": u64::MAX});
        assert!(keys_kept(&original, &again).is_empty());
        assert_eq!(keys_kept(&json!({"c": 0.5}), &json!({"c": 0.25})), ["/c"]);
    }

    #[test]
    fn strings_compare_exactly() {
        assert_eq!(keys_kept(&json!({"a": "X"}), &json!({"a": "x"})), ["/a"]);
        assert_eq!(keys_kept(&json!({"a": "x"}), &json!({"a": "x "})), ["/a"]);
    }

    #[test]
    fn a_shorter_list_loses_its_last_items() {
        let original = json!({"tags": ["a", "b", "c"]});
        let again = json!({"tags": ["a"]});
        assert_eq!(keys_kept(&original, &again), ["/tags/1", "/tags/2"]);
    }

    #[test]
    fn lists_compare_item_by_item_in_order() {
        let original = json!({"ports": [{"name": "a"}, {"name": "b"}]});
        let again = json!({"ports": [{"name": "b"}, {"name": "a"}, {"name": "c"}]});
        assert_eq!(
            keys_kept(&original, &again),
            ["/ports/0/name", "/ports/1/name"]
        );
    }

    #[test]
    fn keys_with_slash_and_tilde_are_escaped() {
        let original = json!({"servers": {"my/pg": 1, "a~b": 2}});
        let mut lost = keys_kept(&original, &json!({"servers": {}}));
        lost.sort();
        assert_eq!(lost, ["/servers/a~0b", "/servers/my~1pg"]);
    }

    #[test]
    fn a_different_root_is_the_empty_path() {
        assert_eq!(keys_kept(&json!([1]), &json!({})), [""]);
        assert_eq!(keys_kept(&json!("a"), &json!("a")), Vec::<String>::new());
    }
}
