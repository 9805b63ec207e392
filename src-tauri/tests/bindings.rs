//! `ui/src/bindings.ts` is generated from the command and event definitions. This test
//! regenerates it and fails when the committed file was stale, so CI catches a change to
//! the IPC surface that was not carried over to the UI.

use std::path::Path;

#[test]
fn bindings_are_fresh() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let dir = tempfile::tempdir().expect("temporary folder");
    let fresh_path = dir.path().join("bindings.ts");
    meshwright_app_lib::export_bindings(&fresh_path).expect("export bindings");
    let fresh = std::fs::read_to_string(&fresh_path).expect("read fresh bindings");
    let current = std::fs::read_to_string(&committed).unwrap_or_default();
    if current != fresh {
        std::fs::write(&committed, &fresh).expect("write bindings");
        panic!("ui/src/bindings.ts was stale; it has been regenerated: review and commit it");
    }
}
