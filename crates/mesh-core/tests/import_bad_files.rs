//! Every kind of bad input is refused with an error naming the file (and the field or
//! place), and the mesh is exactly as it was: malformed YAML, wrong types, unknown
//! values, an unknown format, a dangling reference, duplicate ids, an alias bomb, a
//! 50 MB file, a contract no port references, an entity that fails validation, and bad
//! DPDS descriptors and Backstage catalogs (wrong types, references to nothing, one
//! entity declared twice).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use mesh_core::Store;
use mesh_core::demo::demo_mesh;
use mesh_core::manifests::import::{ImportOptions, run};

const STRICT: ImportOptions = ImportOptions {
    dry_run: false,
    strict: true,
};
use mesh_core::manifests::{self, ExportContext, ExportOptions, Format, Scope};

struct Fixture {
    _tmp: tempfile::TempDir,
    repos: PathBuf,
    store: Store,
}

/// The demo mesh in a file, and its ODPS and ODCS documents in `repos/`.
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let store =
        Store::create_from(&tmp.path().join("demo.mesh"), &demo_mesh(), &mut |_, _| {}).unwrap();
    let mesh = store.load().unwrap();
    let ctx = ExportContext::new(&mesh, ExportOptions::default());
    let repos = tmp.path().join("repos");
    for doc in manifests::documents(&ctx, &[Format::Odps, Format::Odcs]) {
        let Scope::Product(id) = doc.scope else {
            unreachable!()
        };
        let folder = repos.join(&ctx.products[&id].name);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(&doc.file_name), doc.text).unwrap();
    }
    Fixture {
        _tmp: tmp,
        repos,
        store,
    }
}

impl Fixture {
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.repos.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Imports `paths` (default: the whole folder), expects a refusal and returns the
    /// errors as lines; checks that the mesh did not change.
    fn refused(&mut self, paths: &[PathBuf]) -> Vec<String> {
        let before = self.store.load().unwrap();
        let paths = if paths.is_empty() {
            vec![self.repos.clone()]
        } else {
            paths.to_vec()
        };
        // Strict: these are the refusals pipelines asking for `--strict` still get.
        let errors = run(
            &mut self.store,
            &paths,
            STRICT,
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
        .expect_err("the import must be refused");
        assert_eq!(self.store.load().unwrap(), before, "the mesh changed");
        errors.iter().map(ToString::to_string).collect()
    }
}

fn one_error_naming(errors: &[String], path: &Path, needles: &[&str]) {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(&path.display().to_string()),
        "{errors:#?}"
    );
    for n in needles {
        assert!(errors[0].contains(n), "expected {n:?} in {errors:#?}");
    }
}

/// Exactly `count` errors, all about `path`, holding every one of `needles`.
fn errors_naming(errors: &[String], path: &Path, count: usize, needles: &[&str]) {
    assert_eq!(errors.len(), count, "{errors:#?}");
    let all = errors.join("\n");
    let file = path.display().to_string();
    assert!(errors.iter().all(|e| e.starts_with(&file)), "{all}");
    for needle in needles {
        assert!(all.contains(needle), "expected {needle:?} in {all}");
    }
}

/// Some error places `field` at `line:column` of `path`, as editors and CI logs link.
fn placed(errors: &[String], path: &Path, line: u32, column: u32, field: &str) {
    let want = format!("{}:{line}:{column}: field `{field}`", path.display());
    assert!(
        errors.iter().any(|e| e.starts_with(&want)),
        "expected {want:?} in {errors:#?}"
    );
}

/// A product document of its own, with the given extra lines.
fn product(id: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1.1.0\nkind: DataProduct\nid: {id}\nname: Extra\nversion: 1.0.0\nstatus: active\ndomain: sales\n{extra}"
    )
}

#[test]
fn the_fixture_imports_cleanly() {
    let mut f = fixture();
    let report = common::import(&mut f.store, &[f.repos.clone()], false);
    assert!(
        report.plan.ops.is_empty(),
        "the demo's own documents change nothing"
    );
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let mut f = fixture();
    let path = f.write(
        "broken.odps.yaml",
        "apiVersion: v1.1.0\nkind: DataProduct\nid: [a,\n",
    );
    let errors = f.refused(&[]);
    one_error_naming(&errors, &path, &["malformed YAML"]);
    assert!(
        errors[0].starts_with(&format!("{}:3:5:", path.display())),
        "{errors:?}"
    );
}

#[test]
fn wrong_types_and_unknown_values_name_every_field() {
    let mut f = fixture();
    let path = f.write(
        "typed.odps.yaml",
        &product(
            "typed",
            "tags: [1]\noutputPorts:\n  - name: out\n    customProperties:\n      - property: visibility\n        value: everyone\n      - property: containsPii\n        value: \"yes\"\n",
        )
        .replace("status: active", "status: 5"),
    );
    let errors = f.refused(&[]);
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors
            .iter()
            .all(|e| e.starts_with(&path.display().to_string()))
    );
    let all = errors.join("\n");
    for needle in [
        "field `status`: must be a string, not the number 5",
        "field `tags[0]`: must be a string",
        "field `outputPorts[0].customProperties[visibility]`: unknown value `everyone`; expected one of private, domain, public",
        "field `outputPorts[0].customProperties[containsPii]`: must be true or false",
    ] {
        assert!(all.contains(needle), "expected {needle:?} in {all}");
    }
    placed(&errors, &path, 6, 1, "status");
    placed(&errors, &path, 8, 8, "tags[0]");
    placed(
        &errors,
        &path,
        13,
        9,
        "outputPorts[0].customProperties[visibility]",
    );
    placed(
        &errors,
        &path,
        15,
        9,
        "outputPorts[0].customProperties[containsPii]",
    );

    let path = f.write("typed.odps.yaml", &product("typed", "outputPorts: x\n"));
    let errors = f.refused(&[]);
    one_error_naming(
        &errors,
        &path,
        &["field `outputPorts`: must be a list, not the string \"x\""],
    );
    placed(&errors, &path, 8, 1, "outputPorts");
}

#[test]
fn an_unknown_format_named_explicitly_is_refused() {
    let mut f = fixture();
    let path = f.write("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n");
    let errors = f.refused(&[f.repos.clone(), path.clone()]);
    one_error_naming(
        &errors,
        &path,
        &["apps/v1", "not ODPS, ODCS, DPDS or Backstage"],
    );
}

#[test]
fn a_dangling_input_names_its_contract() {
    let mut f = fixture();
    let path = f.write(
        "dangling.odps.yaml",
        &product(
            "dangling",
            "inputPorts:\n  - name: nowhere\n    version: 1.0.0\n    contractId: no-such-contract\n",
        ),
    );
    let errors = f.refused(&[]);
    one_error_naming(
        &errors,
        &path,
        &[
            "field `inputPorts[0].contractId`",
            "no-such-contract",
            "no output port",
        ],
    );
}

#[test]
fn one_id_with_different_values_in_two_files_is_refused() {
    let mut f = fixture();
    let mesh = f.store.load().unwrap();
    let orders = &mesh.products[0];
    let original = f
        .repos
        .join(&orders.name)
        .join(format!("{}.odps.yaml", orders.name));
    let text = std::fs::read_to_string(&original).unwrap();
    let twin = text.replace(
        &format!("name: {}\n", orders.display_name),
        "name: Someone Else\n",
    );
    assert_ne!(text, twin);
    let path = f.write("twin.odps.yaml", &twin);
    let errors = f.refused(&[]);
    // Files are read in path order: the product's folder comes first or second.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("field `id`"), "{errors:#?}");
    // Exported ODPS files start `apiVersion`, `kind`, `id`.
    assert!(errors[0].contains(":3:1: field `id`"), "{errors:#?}");
    assert!(
        errors[0].contains("already declares with other values"),
        "{errors:#?}"
    );
    let both = errors[0].contains(&path.display().to_string())
        && errors[0].contains(&original.display().to_string());
    assert!(both, "{errors:#?}");
}

#[test]
fn an_alias_bomb_is_refused_by_the_yaml_budget() {
    let mut f = fixture();
    let mut bomb = String::from(
        "apiVersion: v1.1.0\nkind: DataProduct\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let path = f.write("bomb.odps.yaml", &bomb);
    let errors = f.refused(&[]);
    one_error_naming(&errors, &path, &["limits for untrusted YAML"]);
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let mut f = fixture();
    let path = f.repos.join("huge.odps.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let errors = f.refused(&[]);
    one_error_naming(&errors, &path, &["50.0 MiB", "limit"]);
}

#[test]
fn a_contract_no_port_references_is_reported() {
    let mut f = fixture();
    let path = f.write(
        "orphan.odcs.yaml",
        "apiVersion: v3.1.0\nkind: DataContract\nid: orphan-contract\nversion: 1.0.0\nstatus: active\n",
    );
    let errors = f.refused(&[]);
    one_error_naming(
        &errors,
        &path,
        &["contract orphan-contract is referenced by no output port"],
    );
}

#[test]
fn an_entity_that_fails_validation_names_file_and_field() {
    let mut f = fixture();
    let path = f.write(
        "invalid.odps.yaml",
        &product(
            "invalid",
            "customProperties:\n  - property: slug\n    value: Not_A_Slug\n",
        ),
    );
    let errors = f.refused(&[]);
    one_error_naming(&errors, &path, &["field `name`", "Not_A_Slug"]);
}

/// A Backstage catalog: a Domain of the demo, then `extra` (more documents).
fn catalog(extra: &str) -> String {
    format!(
        "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: orders\nspec:\n  owner: group:checkout-data\n{extra}"
    )
}

/// A DPDS descriptor of its own, with `info` extra fields and output ports.
fn descriptor(info: &str, ports: &str) -> String {
    format!(
        r#"{{"dataProductDescriptor": "1.0.0",
 "info": {{"fullyQualifiedName": "urn:dpds:com.northwind:dataproducts:extra:1", "name": "extra",
          "version": "1.0.0", "domain": "orders", "owner": {{"id": "someone@example.com"}}{info}}},
 "interfaceComponents": {{"outputPorts": [{ports}]}}}}"#
    )
}

#[test]
fn backstage_fields_of_the_wrong_type_name_entity_and_field() {
    let mut f = fixture();
    let path = f.write(
        "catalog-info.yaml",
        &catalog(
            "---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: extra\n  title: 5\n  annotations:\n    meshwright.dev/status: everywhere\nspec:\n  owner: group:checkout-data\n  domain: orders\n",
        ),
    );
    let errors = f.refused(&[]);
    errors_naming(
        &errors,
        &path,
        2,
        &[
            "field `System[extra].metadata.title`: must be a string, not the number 5",
            "field `System[extra].metadata.annotations.meshwright.dev/status`: unknown value `everywhere`",
        ],
    );
    // The second document of the file: its lines, not the Domain's.
    placed(&errors, &path, 12, 3, "System[extra].metadata.title");
    placed(
        &errors,
        &path,
        14,
        5,
        "System[extra].metadata.annotations.meshwright.dev/status",
    );
}

#[test]
fn a_backstage_entity_declared_twice_is_refused() {
    let mut f = fixture();
    f.write("a/catalog-info.yaml", &catalog(""));
    let path = f.write("b/catalog-info.yaml", &catalog(""));
    let errors = f.refused(&[]);
    one_error_naming(
        &errors,
        &path,
        &[
            "field `Domain[orders].metadata.name`",
            "Domain `orders` is declared twice",
        ],
    );
    placed(&errors, &path, 4, 3, "Domain[orders].metadata.name");
}

#[test]
fn a_dpds_input_reading_a_port_that_exists_nowhere_is_refused() {
    let mut f = fixture();
    let text = descriptor("", "").replace(
        r#""outputPorts": []"#,
        r#""outputPorts": [], "inputPorts": [{"name": "in", "version": "1.0.0",
             "x-dependsOn": "urn:dpds:com.northwind:dataproducts:ghost:1:outputports:out"}]"#,
    );
    let path = f.write("extra.dpds.json", &text);
    let errors = f.refused(&[]);
    one_error_naming(
        &errors,
        &path,
        &[
            "field `interfaceComponents.inputPorts[0].x-dependsOn`",
            "names output port urn:dpds:com.northwind:dataproducts:ghost:1:outputports:out",
        ],
    );
    placed(
        &errors,
        &path,
        5,
        14,
        "interfaceComponents.inputPorts[0].x-dependsOn",
    );
}

#[test]
fn dpds_fields_of_the_wrong_type_and_one_id_declared_twice_are_refused() {
    let mut f = fixture();
    let path = f.write(
        "typed.dpds.json",
        &descriptor(
            r#", "x-status": 3"#,
            r#"{"name": "out", "version": "1.0.0", "x-containsPii": "yes"}"#,
        ),
    );
    let errors = f.refused(&[]);
    errors_naming(
        &errors,
        &path,
        2,
        &[
            "field `info.x-status`: must be a string, not the number 3",
            "field `interfaceComponents.outputPorts[0].x-containsPii`: must be true or false",
        ],
    );
    placed(&errors, &path, 3, 91, "info.x-status");
    placed(
        &errors,
        &path,
        4,
        78,
        "interfaceComponents.outputPorts[0].x-containsPii",
    );
    std::fs::remove_file(&path).unwrap();

    // Two descriptors of one product (one id) that say different things.
    let id = r#", "x-meshwrightId": "0b9d8f00-5a8c-4c3e-9a43-3f0c7d2b9e02""#;
    f.write(
        "one.dpds.json",
        &descriptor(&format!(r#"{id}, "displayName": "One""#), ""),
    );
    let two = f.write(
        "two.dpds.json",
        &descriptor(&format!(r#"{id}, "displayName": "Two""#), ""),
    );
    let errors = f.refused(&[]);
    one_error_naming(
        &errors,
        &two,
        &["field `displayName`", "\"Two\"", "one.dpds.json"],
    );
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::create(&tmp.path().join("empty.mesh"), &common::info("empty")).unwrap();
    let f = fixture();
    let errors = run(
        &mut store,
        std::slice::from_ref(&f.repos),
        STRICT,
        &mut |_, _| {},
        &AtomicBool::new(true),
    )
    .expect_err("cancelled");
    assert!(errors[0].to_string().contains("cancelled"), "{errors:?}");
    assert!(store.load().unwrap().products.is_empty());
}

#[test]
fn a_new_file_that_refuses_the_import_is_not_left_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // Two products, two ids, one slug: only the store can tell.
    for id in ["first", "second"] {
        std::fs::write(
            dir.join(format!("{id}.odps.yaml")),
            product(
                id,
                "customProperties:\n  - property: slug\n    value: same\n",
            ),
        )
        .unwrap();
    }
    let sources =
        mesh_core::manifests::import::read(&[dir], &mut |_, _| {}, &AtomicBool::new(false))
            .unwrap();
    let path = tmp.path().join("new.mesh");
    let errors = mesh_core::manifests::import::create(
        &path,
        &common::info("new"),
        &sources,
        true,
        &AtomicBool::new(false),
    )
    .expect_err("one slug for two products is refused");
    assert!(!path.exists());
    let text = errors[0].to_string();
    assert!(
        text.contains("field `name`") && text.contains("same"),
        "{text}"
    );
}
