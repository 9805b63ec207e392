//! File > Export Diagram through the session: each format written to the chosen file,
//! the view's filter and the impact highlight in the drawing, bad requests refused with
//! nothing written, a PNG's progress reported and its cancelling leaving no file.

use chrono::NaiveDate;
use std::sync::{Arc, Mutex};

use mesh_app::diagram::{DiagramFormat, DiagramRequest};
use mesh_app::{CancelToken, Canceller, TaskPhase};
use mesh_core::ErrorKind;
use mesh_core::diagram::View;
use mesh_core::filter::ViewFilter;

use super::demo_session;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn request(path: &std::path::Path, format: DiagramFormat, view: View) -> DiagramRequest {
    DiagramRequest {
        path: path.display().to_string(),
        format,
        view,
        scale: 1.0,
        highlight: Vec::new(),
    }
}

#[test]
fn every_format_is_written_to_the_chosen_file() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    for (format, start) in [
        (DiagramFormat::Svg, &b"<svg"[..]),
        (DiagramFormat::Png, &b"\x89PNG"[..]),
        (DiagramFormat::Mermaid, &b"flowchart"[..]),
        (DiagramFormat::Dot, &b"digraph"[..]),
    ] {
        let path = dir.path().join(format!("mesh.{format:?}"));
        let written = session
            .export_diagram(
                &request(&path, format, View::Domains),
                today(),
                &mut CancelToken::silent(),
            )
            .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(written.bytes as usize, bytes.len());
        let at = bytes.windows(start.len()).position(|w| w == start);
        assert!(at.is_some_and(|i| i < 64), "{format:?} starts as it should");
    }
}

#[test]
fn the_drawing_follows_the_views_filter_and_the_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let (mesh, _) = session.snapshot().unwrap();
    let finance = mesh.domains.iter().find(|d| d.name == "finance").unwrap();
    let filter = ViewFilter {
        domains: vec![finance.id],
        ..ViewFilter::default()
    };
    session
        .filter_view(View::Products, Some(&filter), today())
        .unwrap();
    let path = dir.path().join("finance.svg");
    let shown: Vec<_> = mesh
        .products
        .iter()
        .filter(|p| p.domain_id == finance.id)
        .collect();
    let mut req = request(&path, DiagramFormat::Svg, View::Products);
    req.highlight = vec![shown[0].id];
    session
        .export_diagram(&req, today(), &mut CancelToken::silent())
        .unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    for p in &mesh.products {
        let drawn = svg.contains(&format!(">{}<", p.display_name));
        assert_eq!(drawn, p.domain_id == finance.id, "{}", p.name);
    }
    assert!(svg.contains("opacity"), "the unlit products are faded");
}

#[test]
fn a_bad_request_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let path = dir.path().join("big.png");
    let mut req = request(&path, DiagramFormat::Png, View::Products);
    req.scale = 40.0;
    let e = session
        .export_diagram(&req, today(), &mut CancelToken::silent())
        .unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::Invalid, Some("scale"))
    );
    req.path = "relative.png".into();
    req.scale = 1.0;
    let e = session
        .export_diagram(&req, today(), &mut CancelToken::silent())
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("path"));
    let missing = dir.path().join("no such folder").join("x.svg");
    let e = session
        .export_diagram(
            &request(&missing, DiagramFormat::Svg, View::Teams),
            today(),
            &mut CancelToken::silent(),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("demo.mesh")),
        "only the mesh file: {names:?}"
    );
}

#[test]
fn a_png_reports_its_parts_and_a_cancelled_one_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = demo_session(dir.path());
    let path = dir.path().join("products.png");
    let seen: Arc<Mutex<Vec<(TaskPhase, usize, usize)>>> = Arc::default();
    let log = Arc::clone(&seen);
    let mut token =
        CancelToken::new(move |phase, done, total| log.lock().unwrap().push((phase, done, total)));
    let req = request(&path, DiagramFormat::Png, View::Products);
    session.export_diagram(&req, today(), &mut token).unwrap();
    let seen = seen.lock().unwrap().clone();
    let total = seen.last().unwrap().2;
    assert!(total > 28, "every product is a part, and more: {total}");
    assert!(seen.iter().all(|&(phase, ..)| phase == TaskPhase::Drawing));
    assert_eq!(seen.last(), Some(&(TaskPhase::Drawing, total, total)));
    std::fs::remove_file(&path).unwrap();

    // Cancelled while drawing, as the Cancel button does from another thread.
    let button: Arc<Mutex<Option<Canceller>>> = Arc::default();
    let press = Arc::clone(&button);
    let mut token = CancelToken::new(move |_: TaskPhase, done: usize, _: usize| {
        if done == 3 {
            press.lock().unwrap().as_ref().unwrap().cancel();
        }
    });
    *button.lock().unwrap() = Some(token.canceller());
    let e = session
        .export_diagram(&req, today(), &mut token)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Cancelled);
    assert!(!path.exists(), "nothing written");

    // Text is made in one go: a Cancel pressed meanwhile still stops the write.
    let svg = dir.path().join("products.svg");
    let mut token = CancelToken::silent();
    token.canceller().cancel();
    let e = session
        .export_diagram(
            &request(&svg, DiagramFormat::Svg, View::Products),
            today(),
            &mut token,
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Cancelled);
    assert!(!svg.exists(), "nothing written");
}
