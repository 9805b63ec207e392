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
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

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
        get_ipc_response(
            &self.webview,
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

    fn demo(&self) -> String {
        let path = self.dir.join("demo.mesh");
        drop(Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {}).unwrap());
        path.display().to_string()
    }
}

#[test]
fn nothing_is_open_until_a_mesh_is_opened() {
    let h = harness();
    assert_eq!(h.invoke("current_mesh", json!({})).unwrap(), Value::Null);
    let err = h.invoke("undo", json!({})).unwrap_err();
    assert_eq!(err["kind"], "noMeshOpen");
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

    let undone = h.invoke("undo", json!({})).unwrap();
    assert_ne!(
        undone["changes"][0]["after"]["value"]["displayName"],
        "Renamed in a test"
    );
    assert_eq!(
        undone["undo"]["redo"],
        format!("Update data product {name}")
    );
    let redone = h.invoke("redo", json!({})).unwrap();
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
