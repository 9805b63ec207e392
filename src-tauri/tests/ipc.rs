//! The commands through Tauri's IPC layer on the mock runtime: argument names, the JSON
//! shapes the UI receives, and errors arriving as typed values (kind, field, message).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use mesh_core::Store;
use meshwright_app_lib::state::AppState;
use serde_json::{Value, json};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
    dir: std::path::PathBuf,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let builder = meshwright_app_lib::specta_builder!(MockRuntime);
    let handler = builder.invoke_handler();
    let app = mock_builder()
        .manage(AppState::new(dir.path().join("data")))
        .invoke_handler(handler)
        .build(mock_context(noop_assets()))
        .expect("mock app");
    builder.mount_events(&app);
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock webview");
    let path = dir.path().to_owned();
    Harness {
        _app: app,
        webview,
        _dir: dir,
        dir: path,
    }
}

impl Harness {
    fn invoke(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        invoke(&self.webview, cmd, body)
    }

    fn demo(&self) -> String {
        let path = self.dir.join("demo.mesh");
        drop(Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
        path.display().to_string()
    }
}

/// One command through the IPC layer, as the UI sends it.
fn invoke(webview: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            // Must be a local URL, or app commands are refused as coming from a remote origin.
            url: if cfg!(any(windows, target_os = "android")) {
                "http://tauri.localhost"
            } else {
                "tauri://localhost"
            }
            .parse()
            .unwrap(),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn nothing_is_open_until_a_mesh_is_opened() {
    let h = harness();
    assert_eq!(h.invoke("current_mesh", json!({})).unwrap(), Value::Null);
    let err = h.invoke("history", json!({ "step": "undo" })).unwrap_err();
    assert_eq!(err["kind"], "noMeshOpen");
}

#[test]
fn each_window_has_its_own_mesh_and_a_file_opens_in_one_window_only() {
    let h = harness();
    let second = WebviewWindowBuilder::new(h.webview.app_handle(), "mesh-2", Default::default())
        .build()
        .expect("a second mock window");
    let demo = h.demo();
    let other = h.dir.join("other.mesh");
    h.invoke("new_mesh", json!({ "path": other, "name": "Other" }))
        .unwrap();
    // The first window now has `other`; the second has nothing yet.
    assert_eq!(
        invoke(&second, "current_mesh", json!({})).unwrap(),
        Value::Null
    );
    let opened = invoke(&second, "open_mesh", json!({ "path": demo })).unwrap();
    assert_eq!(opened["path"], demo);
    let first = h.invoke("current_mesh", json!({})).unwrap();
    assert_eq!(first["path"], other.display().to_string());
    assert_eq!(first["mesh"]["info"]["name"], "Other");

    // Opening in one window a file another window has open brings that one forward.
    assert_eq!(
        h.invoke("open_mesh", json!({ "path": demo })).unwrap(),
        Value::Null
    );
    assert_eq!(
        h.invoke("current_mesh", json!({})).unwrap()["path"],
        other.display().to_string()
    );
}

#[test]
fn open_edit_undo_redo_round_trip() {
    let h = harness();
    let path = h.demo();
    let snapshot = h.invoke("open_mesh", json!({ "path": path })).unwrap();
    assert_eq!(snapshot["path"], path.as_str());
    assert_eq!(snapshot["mesh"]["info"]["name"], "Northwind Outfitters");
    assert_eq!(snapshot["mesh"]["products"].as_array().unwrap().len(), 28);
    assert_eq!(snapshot["undo"]["undo"], Value::Null);

    let mut product = snapshot["mesh"]["products"][0].clone();
    product["displayName"] = json!("Renamed in a test");
    let applied = h
        .invoke(
            "apply_edits",
            json!({ "ops": [{ "op": "saveProduct", "value": product }], "label": null }),
        )
        .unwrap();
    let name = product["name"].as_str().unwrap();
    assert_eq!(applied["label"], format!("Update data product {name}"));
    assert_eq!(applied["changes"][0]["after"]["kind"], "product");
    assert_eq!(
        applied["changes"][0]["after"]["value"]["displayName"],
        "Renamed in a test"
    );
    assert_eq!(
        applied["undo"]["undo"],
        format!("Update data product {name}")
    );

    // A create gesture names what to create and where it is drawn; the core answers
    // the edit and the new entity's id.
    let domain = snapshot["mesh"]["domains"][0]["id"].clone();
    let created = h
        .invoke(
            "new_entity",
            json!({ "entity": { "kind": "product", "domainId": domain },
                "place": { "view": "mesh", "x": 24.0, "y": 46.0 } }),
        )
        .unwrap();
    assert_eq!(created["applied"]["label"], "New data product");
    assert!(created["id"].is_string());
    h.invoke("history", json!({ "step": "undo" })).unwrap();

    let undone = h.invoke("history", json!({ "step": "undo" })).unwrap();
    assert_ne!(
        undone["changes"][0]["after"]["value"]["displayName"],
        "Renamed in a test"
    );
    assert_eq!(
        undone["undo"]["redo"],
        format!("Update data product {name}")
    );
    let redone = h.invoke("history", json!({ "step": "redo" })).unwrap();
    assert_eq!(
        redone["changes"][0]["after"]["value"]["displayName"],
        "Renamed in a test"
    );

    // The edit is in the file, not only in memory.
    let mesh = Store::open(Path::new(&path), mesh_core::Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert!(
        mesh.products
            .iter()
            .any(|p| p.display_name == "Renamed in a test")
    );
    let current = h.invoke("current_mesh", json!({})).unwrap();
    assert_eq!(
        current["undo"]["undo"],
        format!("Update data product {name}")
    );
    assert_eq!(h.invoke("recent_files", json!({})).unwrap(), json!([path]));
}

#[test]
fn validation_errors_arrive_typed_with_their_field() {
    let h = harness();
    let snapshot = h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    let mut product = snapshot["mesh"]["products"][0].clone();
    product["version"] = json!("not a version");
    let err = h
        .invoke(
            "apply_edits",
            json!({ "ops": [{ "op": "saveProduct", "value": product }], "label": null }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["field"], "version");
    assert_eq!(err["entity"], "data product");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("semantic version"),
        "{err}"
    );

    let mut twin = snapshot["mesh"]["products"][1].clone();
    twin["name"] = snapshot["mesh"]["products"][0]["name"].clone();
    let err = h
        .invoke(
            "apply_edits",
            json!({ "ops": [{ "op": "saveProduct", "value": twin }], "label": null }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "conflict");
    assert_eq!(err["field"], "name");
}

#[test]
fn bad_files_are_refused_with_the_file_named() {
    let h = harness();
    let missing = h.dir.join("missing.mesh");
    let err = h
        .invoke("open_mesh", json!({ "path": missing }))
        .unwrap_err();
    assert_eq!(err["kind"], "badFile");
    assert!(
        err["message"].as_str().unwrap().contains("missing.mesh"),
        "{err}"
    );

    let text = h.dir.join("text.mesh");
    std::fs::write(&text, "not a database ".repeat(100)).unwrap();
    let err = h.invoke("open_mesh", json!({ "path": text })).unwrap_err();
    assert_eq!(err["kind"], "badFile");
}

#[test]
fn new_mesh_and_save_as() {
    let h = harness();
    let path = h.dir.join("fresh.mesh");
    let snapshot = h
        .invoke("new_mesh", json!({ "path": path, "name": "Fresh" }))
        .unwrap();
    assert_eq!(snapshot["mesh"]["info"]["name"], "Fresh");
    assert_eq!(snapshot["mesh"]["products"], json!([]));
    let copy = h.dir.join("copy.mesh");
    h.invoke("save_mesh_as", json!({ "path": copy })).unwrap();
    assert!(copy.is_file());
    let err = h
        .invoke("new_mesh", json!({ "path": path, "name": "Again" }))
        .unwrap_err();
    assert_eq!(err["kind"], "badFile");
}

#[test]
fn app_info_reports_the_version() {
    let h = harness();
    let info = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["schemaVersion"], mesh_core::store::SCHEMA_VERSION);
}

fn set_policy(h: &Harness, policy: Value) -> Result<Value, Value> {
    h.invoke(
        "apply_edits",
        json!({ "ops": [{ "op": "setPolicy", "value": policy }], "label": null }),
    )
}

fn finding<'a>(report: &'a Value, rule: &str, entity: &str) -> Option<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["ruleId"] == rule && f["entity"]["name"] == entity)
}

#[test]
fn governance_checks_the_open_mesh_and_waivers_are_undoable_edits() {
    let h = harness();
    assert_eq!(
        h.invoke("check_mesh", json!({})).unwrap_err()["kind"],
        "noMeshOpen"
    );
    h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    assert_eq!(h.invoke("get_policy", json!({})).unwrap(), json!({}));

    // The demo's deliberate cycle, reported with its entity id and not waived.
    let report = h.invoke("check_mesh", json!({})).unwrap();
    let cycle = finding(&report, "DM-DEP-001", "campaign-performance").expect("cycle");
    assert_eq!(cycle["severity"], "error");
    assert_eq!(cycle["entity"]["kind"], "product");
    assert!(cycle["entity"]["id"].is_string());
    assert!(cycle.get("waived").is_none());
    let errors = report["summary"]["errors"].as_u64().unwrap();

    // Waiving is a policy edit: the finding stays, marked with the reason.
    let waiver = json!({ "rule": "DM-DEP-001", "entity": "campaign-performance",
        "reason": "Planned split, see GOV-7", "expires": "2999-12-31" });
    let applied = set_policy(&h, json!({ "waivers": [waiver] })).unwrap();
    assert_eq!(applied["label"], "Update governance policy");
    assert_eq!(applied["changes"][0]["after"]["kind"], "policy");
    let report = h.invoke("check_mesh", json!({})).unwrap();
    let cycle = finding(&report, "DM-DEP-001", "campaign-performance").unwrap();
    assert_eq!(cycle["waived"], "Planned split, see GOV-7");
    assert_eq!(report["summary"]["errors"].as_u64().unwrap(), errors - 1);
    assert_eq!(
        h.invoke("get_policy", json!({})).unwrap()["waivers"][0]["reason"],
        "Planned split, see GOV-7"
    );

    // Undo takes the waiver back.
    h.invoke("history", json!({ "step": "undo" })).unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").unwrap()["waived"].is_null());

    // The UI sends the user's action; the core works out the policy and labels the edit.
    let edit = json!({ "action": "waive", "rule": "DM-DEP-001",
        "entity": "campaign-performance", "reason": " Split ", "expires": null });
    let applied = h.invoke("edit_policy", json!({ "edit": edit })).unwrap();
    assert_eq!(applied["label"], "Waive DM-DEP-001 on campaign-performance");
    assert_eq!(
        h.invoke("get_policy", json!({})).unwrap()["waivers"][0]["reason"],
        "Split"
    );
    h.invoke("history", json!({ "step": "undo" })).unwrap();

    // An expired waiver no longer applies and is reported itself.
    let expired = json!({ "rule": "DM-DEP-001", "entity": "campaign-performance",
        "reason": "Old deal", "expires": "2001-01-01" });
    set_policy(&h, json!({ "waivers": [expired] })).unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").unwrap()["waived"].is_null());
    assert!(finding(&report, "DM-POLICY-001", "campaign-performance").is_some());

    // A waiver without a reason is refused, names the field, and changes nothing.
    let err = set_policy(
        &h,
        json!({ "waivers": [{ "rule": "DM-DEP-001", "entity": "x", "reason": " " }] }),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["field"], "waivers");
    assert_eq!(
        h.invoke("get_policy", json!({})).unwrap()["waivers"][0]["reason"],
        "Old deal"
    );
}

#[test]
fn rules_catalog_follows_the_policy() {
    let h = harness();
    h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    let catalog = h.invoke("rules_catalog", json!({})).unwrap();
    let rules = catalog.as_array().unwrap();
    assert_eq!(rules.len(), 42);
    assert!(rules.iter().all(|r| r["enabled"] == true));

    let policy = json!({
        "rules": { "DM-DEP-001": { "enabled": false }, "DM-DEP-005": { "params": { "max_upstream": 3 } } },
        "customRules": [{ "id": "ACME-FAN-001", "target": "product", "assert": "product.fanIn <= 1",
            "message": "${product.name} has ${product.fanIn} consumers", "severity": "info" }]
    });
    set_policy(&h, policy).unwrap();
    let catalog = h.invoke("rules_catalog", json!({})).unwrap();
    let rule = |id: &str| {
        catalog
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(rule("DM-DEP-001")["enabled"], false);
    let upstream = rule("DM-DEP-005");
    let param = &upstream["params"].as_array().unwrap()[0];
    assert_eq!(param["value"], 3);
    assert_eq!(rule("ACME-FAN-001")["custom"], true);
    let report = h.invoke("check_mesh", json!({})).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["ruleId"] != "DM-DEP-001"));
    assert!(findings.iter().any(|f| f["ruleId"] == "ACME-FAN-001"));
}

#[test]
fn custom_rules_are_validated_field_by_field() {
    let h = harness();
    let ok = json!({ "id": "ACME-A-001", "target": "product", "assert": "product.fanIn < 3",
        "message": "${product.name}" });
    assert_eq!(
        h.invoke("validate_custom_rule", json!({ "rule": ok }))
            .unwrap(),
        json!([])
    );
    let bad = json!({ "id": "ACME-A-001", "target": "team", "assert": "product.fanIn <",
        "message": "${team.name}" });
    let problems = h
        .invoke("validate_custom_rule", json!({ "rule": bad }))
        .unwrap();
    assert_eq!(problems.as_array().unwrap().len(), 1, "{problems}");
    assert_eq!(problems[0]["field"], "assert");
    assert!(problems[0]["message"].as_str().unwrap().len() > 5);
}

#[test]
fn the_check_follows_edits_undo_and_redo() {
    let h = harness();
    h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    let cycle = finding(&report, "DM-DEP-001", "campaign-performance").unwrap();
    let id = cycle["entity"]["id"].clone();
    let count = |r: &Value| r["findings"].as_array().unwrap().len();
    let before = count(&report);

    // Deleting the product ends its cycle; the shell's kept model follows the edit.
    h.invoke(
        "apply_edits",
        json!({ "ops": [{ "op": "deleteProduct", "value": id }], "label": null }),
    )
    .unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").is_none());
    h.invoke("history", json!({ "step": "undo" })).unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").is_some());
    assert_eq!(count(&report), before);
    h.invoke("history", json!({ "step": "redo" })).unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").is_none());

    // Another file starts from its own model.
    let other = h.dir.join("other.mesh");
    drop(Store::create_from(&other, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
    h.invoke("open_mesh", json!({ "path": other })).unwrap();
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").is_some());
}

#[test]
fn a_cancelled_open_leaves_the_open_mesh_open() {
    let h = harness();
    let demo = h.demo();
    h.invoke("open_mesh", json!({ "path": demo })).unwrap();
    let large = h.dir.join("large.mesh");
    let mesh = mesh_core::generate::generate(&mesh_core::generate::GenerateOptions {
        products: 5000,
        domains: None,
        seed: 3,
    });
    drop(Store::create_from(&large, &mesh, &mut |_, _| {}).unwrap());

    // The status bar's Cancel, pressed again and again while the large file loads: the
    // first press after the open began cancels it.
    let done = std::sync::atomic::AtomicBool::new(false);
    let answer = std::thread::scope(|s| {
        let webview = &h.webview;
        let open = s.spawn(|| {
            let answer = invoke(webview, "open_mesh", json!({ "path": large }));
            done.store(true, std::sync::atomic::Ordering::SeqCst);
            answer
        });
        while !done.load(std::sync::atomic::Ordering::SeqCst) {
            assert_eq!(
                h.invoke("cancel", json!({ "what": "open" })).unwrap(),
                Value::Null
            );
        }
        open.join().unwrap()
    });
    let err = answer.unwrap_err();
    assert_eq!(err["kind"], "cancelled", "{err}");
    let current = h.invoke("current_mesh", json!({})).unwrap();
    assert_eq!(
        current["path"],
        demo.as_str(),
        "the demo is still the open mesh"
    );

    // A cancel does not spoil the next open.
    let snapshot = h.invoke("open_mesh", json!({ "path": large })).unwrap();
    assert_eq!(snapshot["mesh"]["products"].as_array().unwrap().len(), 5000);
}

fn export_request(folder: &Path, formats: &[&str]) -> Value {
    json!({ "request": { "folder": folder, "formats": formats, "odpsVersion": "1.1.0",
        "odcsVersion": "3.1.0", "byDomain": false } })
}

fn paths_with(preview: &Value, change: &str) -> Vec<String> {
    preview["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["change"] == change)
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn export_previews_then_writes_what_was_previewed_and_prunes_only_when_asked() {
    let h = harness();
    let snapshot = h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    let out = h.dir.join("export");
    let request = export_request(&out, &["odps", "odcs"]);

    let preview = h.invoke("preview_export", request.clone()).unwrap();
    assert_eq!(preview["folder"], out.display().to_string());
    let added = paths_with(&preview, "added");
    assert_eq!(added.len(), preview["files"].as_array().unwrap().len());
    let product = snapshot["mesh"]["products"][0]["name"].as_str().unwrap();
    let odps = format!("dataproducts/{product}/{product}.odps.yaml");
    assert!(added.contains(&odps), "{added:?}");
    assert!(!out.exists(), "a preview writes nothing");
    let diff = h.invoke("export_diff", json!({ "path": odps })).unwrap();
    assert!(
        diff.as_str()
            .unwrap()
            .starts_with(&format!("--- /dev/null\n+++ b/{odps}\n")),
        "{diff}"
    );

    let summary = h.invoke("write_export", json!({ "prune": false })).unwrap();
    assert_eq!(summary["written"], added.len());
    assert_eq!(summary["folder"], out.display().to_string());
    assert!(out.join(&odps).is_file());
    // Written once: writing again needs a new preview.
    let err = h
        .invoke("write_export", json!({ "prune": false }))
        .unwrap_err();
    assert_eq!(err["kind"], "stale");

    let preview = h.invoke("preview_export", request.clone()).unwrap();
    assert_eq!(paths_with(&preview, "unchanged").len(), added.len());
    assert_eq!(
        h.invoke("export_diff", json!({ "path": odps })).unwrap(),
        ""
    );

    // Moving a node is no change to the export: the preview still holds.
    let position = json!({ "entityId": snapshot["mesh"]["products"][0]["id"], "view": "mesh",
        "x": 10.0, "y": 20.0 });
    h.invoke(
        "apply_edits",
        json!({ "ops": [{ "op": "setPosition", "value": position }], "label": null }),
    )
    .unwrap();
    let summary = h.invoke("write_export", json!({ "prune": false })).unwrap();
    assert_eq!(summary["written"], 0);
    assert_eq!(summary["unchanged"], added.len());

    // An edit of an entity after the preview makes it stale.
    h.invoke("preview_export", request.clone()).unwrap();
    let id = snapshot["mesh"]["products"][0]["id"].clone();
    h.invoke(
        "apply_edits",
        json!({ "ops": [{ "op": "deleteProduct", "value": id }], "label": null }),
    )
    .unwrap();
    let err = h
        .invoke("write_export", json!({ "prune": true }))
        .unwrap_err();
    assert_eq!(err["kind"], "stale");
    assert!(out.join(&odps).is_file());

    // The deleted product's files are listed as removed, and kept until confirmed.
    let preview = h.invoke("preview_export", request.clone()).unwrap();
    let removed = paths_with(&preview, "removed");
    assert!(removed.contains(&odps), "{removed:?}");
    assert!(
        removed
            .iter()
            .all(|p| p.starts_with(&format!("dataproducts/{product}/"))),
        "{removed:?}"
    );
    let summary = h.invoke("write_export", json!({ "prune": false })).unwrap();
    assert_eq!(summary["kept"], removed.len());
    assert_eq!(summary["removed"], 0);
    assert!(out.join(&odps).is_file());
    h.invoke("preview_export", request.clone()).unwrap();
    let summary = h.invoke("write_export", json!({ "prune": true })).unwrap();
    assert_eq!(summary["removed"], removed.len());
    assert!(!out.join(&odps).exists());
    assert!(!out.join(format!("dataproducts/{product}")).exists());
}

#[test]
fn export_errors_name_the_field_or_the_file() {
    let h = harness();
    let snapshot = h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    let err = h
        .invoke(
            "preview_export",
            export_request(Path::new("relative/out"), &["odps"]),
        )
        .unwrap_err();
    assert_eq!(
        (&err["kind"], &err["field"]),
        (&json!("invalid"), &json!("folder"))
    );
    let out = h.dir.join("out");
    let err = h
        .invoke("preview_export", export_request(&out, &[]))
        .unwrap_err();
    assert_eq!(err["field"], "formats");

    // A file Meshwright did not write is in the way: listed, and writing is refused
    // naming it.
    let product = snapshot["mesh"]["products"][0]["name"].as_str().unwrap();
    let odps = format!("dataproducts/{product}/{product}.odps.yaml");
    std::fs::create_dir_all(out.join(format!("dataproducts/{product}"))).unwrap();
    std::fs::write(out.join(&odps), "mine\n").unwrap();
    let preview = h
        .invoke("preview_export", export_request(&out, &["odps"]))
        .unwrap();
    assert_eq!(paths_with(&preview, "conflict"), [odps.as_str()]);
    let err = h
        .invoke("write_export", json!({ "prune": false }))
        .unwrap_err();
    assert_eq!(err["kind"], "export");
    assert_eq!(err["path"], odps.as_str());
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("not written by Meshwright"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(out.join(&odps)).unwrap(), "mine\n");

    // A folder that cannot be one (a file stands there).
    let file = h.dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = h
        .invoke("preview_export", export_request(&file, &["odps"]))
        .unwrap_err();
    assert_eq!(err["kind"], "io");
    assert!(
        err["path"]
            .as_str()
            .unwrap()
            .starts_with(&file.display().to_string()),
        "{err}"
    );
}

#[test]
fn import_reports_a_dry_run_then_applies_one_undoable_edit() {
    let h = harness();
    // Manifests from another mesh: the demo exported by the core.
    let folder = h.dir.join("manifests");
    let settings = mesh_core::manifests::ExportSettings {
        formats: mesh_core::manifests::Format::ALL.to_vec(),
        options: Default::default(),
        by_domain: true,
        prune: false,
    };
    let plan = mesh_core::manifests::plan_export(
        &mesh_core::demo::demo_mesh(),
        &folder,
        &settings,
        &mut |_, _| {},
        &Default::default(),
    )
    .unwrap();
    mesh_core::manifests::write::write(&plan, &mut |_, _| {}, &Default::default()).unwrap();
    let path = h.dir.join("empty.mesh");
    h.invoke("new_mesh", json!({ "path": path, "name": "Empty" }))
        .unwrap();

    let err = h
        .invoke("preview_import", json!({ "paths": [" "] }))
        .unwrap_err();
    assert_eq!(
        (&err["kind"], &err["field"]),
        (&json!("invalid"), &json!("paths"))
    );

    let preview = h
        .invoke("preview_import", json!({ "paths": [folder] }))
        .unwrap();
    assert_eq!(preview["problems"], json!([]));
    let entities = preview["entities"].as_array().unwrap();
    let products = entities.iter().filter(|e| e["kind"] == "product").count();
    assert_eq!(products, 28);
    assert!(entities.iter().all(|e| e["action"] == "create"));
    assert!(preview["documents"].as_u64().unwrap() >= 28);
    assert!(!preview["files"].as_array().unwrap().is_empty());
    // Every file in the folder imports, DataHub files too: nothing is skipped.
    assert_eq!(preview["skipped"], json!([]));
    assert_eq!(preview["disagreements"], json!([]));
    let current = h.invoke("current_mesh", json!({})).unwrap();
    assert_eq!(
        current["mesh"]["products"],
        json!([]),
        "a dry run writes nothing"
    );

    let result = h
        .invoke("apply_import", json!({ "paths": [folder] }))
        .unwrap();
    let applied = &result["applied"];
    let label = applied["label"].as_str().unwrap().to_owned();
    assert!(label.starts_with("Import "), "{label}");
    assert_eq!(applied["undo"]["undo"], label.as_str());
    assert!(
        applied["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["after"]["kind"] == "product")
    );
    let current = h.invoke("current_mesh", json!({})).unwrap();
    assert_eq!(current["mesh"]["products"].as_array().unwrap().len(), 28);
    // The shell's kept model follows the import (governance sees the products).
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").is_some());

    let undone = h.invoke("history", json!({ "step": "undo" })).unwrap();
    assert_eq!(undone["label"], label.as_str());
    let current = h.invoke("current_mesh", json!({})).unwrap();
    assert_eq!(current["mesh"]["products"], json!([]));
    let report = h.invoke("check_mesh", json!({})).unwrap();
    assert!(finding(&report, "DM-DEP-001", "campaign-performance").is_none());

    // A DPDS descriptor that says another status than the product's ODPS file: the dry
    // run says which value is kept, from which file.
    let descriptor = walkdir::WalkDir::new(&folder)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.to_string_lossy().ends_with(".dpds.json"))
        .unwrap();
    let text = std::fs::read_to_string(&descriptor).unwrap();
    let mut json: Value = serde_json::from_str(&text).unwrap();
    let status = json["info"]["x-status"].as_str().unwrap().to_owned();
    let other = if status == "retired" {
        "active"
    } else {
        "retired"
    };
    json["info"]["x-status"] = json!(other);
    std::fs::write(&descriptor, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let preview = h
        .invoke("preview_import", json!({ "paths": [folder] }))
        .unwrap();
    assert_eq!(preview["problems"], json!([]));
    let disagreements = preview["disagreements"].as_array().unwrap();
    assert_eq!(disagreements.len(), 1, "{disagreements:?}");
    let d = &disagreements[0];
    assert_eq!(
        (&d["kind"], &d["field"]),
        (&json!("product"), &json!("status"))
    );
    assert_eq!(d["kept"]["format"], "ODPS");
    assert_eq!(d["kept"]["value"], format!("{status:?}"));
    assert_eq!(d["other"]["format"], "DPDS");
    assert_eq!(d["other"]["path"], descriptor.display().to_string());
    assert_eq!(d["other"]["value"], format!("{other:?}"));
}

#[test]
fn import_problems_name_the_file_line_and_column() {
    let h = harness();
    h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    let bad = h.dir.join("bad.odps.yaml");
    std::fs::write(
        &bad,
        "apiVersion: v1.0.0\nkind: DataProduct\nid: [unclosed\n",
    )
    .unwrap();
    for command in ["preview_import", "apply_import"] {
        let body = h.invoke(command, json!({ "paths": [bad] })).unwrap();
        let report = if command == "apply_import" {
            assert_eq!(body["applied"], Value::Null);
            &body["report"]
        } else {
            &body
        };
        let problem = &report["problems"][0];
        assert_eq!(problem["path"], bad.display().to_string());
        assert!(problem["line"].as_u64().is_some(), "{problem}");
        assert!(problem["column"].as_u64().is_some(), "{problem}");
        assert!(!problem["reason"].as_str().unwrap().is_empty());
    }
    // A file that parses but holds a wrong type: the field's own place, and the report
    // still says what was read.
    std::fs::write(
        &bad,
        "apiVersion: v1.0.0\nkind: DataProduct\nid: bad\nstatus: 5\n",
    )
    .unwrap();
    let report = h
        .invoke("preview_import", json!({ "paths": [bad] }))
        .unwrap();
    let problem = &report["problems"][0];
    assert_eq!(
        (&problem["line"], &problem["column"], &problem["field"]),
        (&json!(4), &json!(1), &json!("status")),
        "{problem}"
    );
    assert_eq!(report["documents"], 1);
    assert_eq!(report["files"], json!([bad.display().to_string()]));
    assert_eq!(
        h.invoke("current_mesh", json!({})).unwrap()["undo"]["undo"],
        Value::Null
    );
}

#[test]
fn cancel_without_a_running_task_is_harmless() {
    let h = harness();
    assert_eq!(
        h.invoke("cancel", json!({ "what": "task" })).unwrap(),
        Value::Null
    );
}

#[test]
fn cancelling_an_export_keeps_and_records_what_was_written() {
    let h = harness();
    let path = h.dir.join("large.mesh");
    let mesh = mesh_core::generate::generate(&mesh_core::generate::GenerateOptions {
        products: 1000,
        domains: None,
        seed: 3,
    });
    drop(Store::create_from(&path, &mesh, &mut |_, _| {}).unwrap());
    h.invoke("open_mesh", json!({ "path": path })).unwrap();
    let out = h.dir.join("out");
    let preview = h
        .invoke(
            "preview_export",
            export_request(&out, &["odps", "odcs", "dpds"]),
        )
        .unwrap();
    let total = paths_with(&preview, "added").len();

    // The user presses Cancel while the files are being written.
    let app = h.webview.app_handle().clone();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let canceller = {
        let done = done.clone();
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                app.state::<AppState>().window("main").cancel_task();
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        })
    };
    let result = h.invoke("write_export", json!({ "prune": false }));
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    canceller.join().unwrap();
    let err = result.unwrap_err();
    assert_eq!(err["kind"], "cancelled", "{err}");

    // What was written is in the index, so the next preview shows it unchanged.
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join(".meshwright-export.json")).unwrap(),
    )
    .unwrap();
    let recorded = index["files"].as_array().unwrap().len();
    assert!(recorded < total, "{recorded} of {total}");
    let preview = h
        .invoke(
            "preview_export",
            export_request(&out, &["odps", "odcs", "dpds"]),
        )
        .unwrap();
    assert_eq!(paths_with(&preview, "unchanged").len(), recorded);
    assert_eq!(paths_with(&preview, "added").len(), total - recorded);
}

#[test]
fn sheet_edits_and_pastes_apply_as_one_edit_or_answer_problems_at_their_cells() {
    let h = harness();
    h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    // A new product row naming a team the mesh lacks: asked first, created when confirmed.
    let edit = json!({ "kind": "products", "rows": [
        { "id": null, "cells": { "displayName": "Loyalty Points", "domain": "customer", "ownerTeam": "Loyalty Squad" } }
    ], "createMissing": false });
    let asked = h.invoke("apply_sheet", json!({ "edit": edit })).unwrap();
    assert_eq!(asked["applied"], Value::Null);
    assert_eq!(asked["problems"][0]["kind"], "missingReference");
    assert_eq!(asked["problems"][0]["column"], "ownerTeam");
    let mut confirmed = edit.clone();
    confirmed["createMissing"] = json!(true);
    let done = h
        .invoke("apply_sheet", json!({ "edit": confirmed }))
        .unwrap();
    assert_eq!(done["problems"], json!([]));
    assert_eq!(done["applied"]["label"], "New data product loyalty-points");
    let matrix = h.invoke("ownership_matrix", json!({})).unwrap();
    let squad = matrix["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "loyalty-squad")
        .expect("the created team is a row of the matrix");
    assert_eq!(squad["counts"]["customer"], 1);
    // A paste with one bad cell writes nothing; the fixed paste is one undoable edit.
    let grid = |status: &str| {
        json!([
            ["Display name", "Domain", "Status"],
            ["Alpha", "customer", "active"],
            ["Beta", "customer", status]
        ])
    };
    let paste = |status: &str| json!({ "paste": { "kind": "products", "grid": grid(status), "startColumn": "displayName" } });
    let refused = h.invoke("paste_sheet", paste("shipping")).unwrap();
    assert_eq!(refused["problems"][0]["row"], 2);
    assert_eq!(refused["problems"][0]["column"], "status");
    let pasted = h.invoke("paste_sheet", paste("retired")).unwrap();
    assert_eq!(pasted["applied"]["label"], "Paste 2 data products");
    let undone = h.invoke("history", json!({ "step": "undo" })).unwrap();
    assert_eq!(undone["label"], "Paste 2 data products");
}

#[test]
fn undo_with_nothing_to_undo_answers_nothing() {
    let h = harness();
    h.invoke("open_mesh", json!({ "path": h.demo() })).unwrap();
    assert_eq!(
        h.invoke("history", json!({ "step": "undo" })).unwrap(),
        Value::Null
    );
    assert_eq!(
        h.invoke("history", json!({ "step": "redo" })).unwrap(),
        Value::Null
    );
}
