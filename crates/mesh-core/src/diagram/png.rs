//! SVG to PNG through resvg (usvg parses, tiny-skia rasterises), with the system's
//! fonts loaded through fontdb so the names render. It converts; it must not lay out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use resvg::{tiny_skia, usvg};

use std::sync::atomic::{AtomicBool, Ordering};

use super::svg::FONTS;
use super::{DrawError, ImageError};

/// The largest image, in pixels, a diagram is rasterised to: beyond it the scale is
/// refused rather than allocating gigabytes.
const MAX_PIXELS: f64 = 400_000_000.0;

/// The system fonts, loaded once per process (scanning them takes a while), with the
/// faces of the families the SVG names held in memory.
///
/// Without memory maps (a feature resvg would need `unsafe` for), fontdb reads a face's
/// whole file again each time usvg outlines a glyph: the PNG of a 2,000-product view
/// read DejaVu Sans some hundred thousand times and took 40 s. Faces of other families
/// (the fallback for a script the named fonts lack) stay on disk, read when used.
fn fonts() -> std::sync::Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<std::sync::Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut system = usvg::fontdb::Database::new();
            system.load_system_fonts();
            let mut db = in_memory(&system, &named_families());
            db.set_sans_serif_family("DejaVu Sans");
            std::sync::Arc::new(db)
        })
        .clone()
}

/// The families the SVG asks for by name, in its order.
fn named_families() -> Vec<&'static str> {
    FONTS
        .split(',')
        .map(str::trim)
        .filter(|f| !f.contains("serif"))
        .collect()
}

/// `system` with every face of `families` read into memory, each file once.
fn in_memory(system: &usvg::fontdb::Database, families: &[&str]) -> usvg::fontdb::Database {
    use usvg::fontdb::Source;
    let mut read: HashMap<PathBuf, Option<Source>> = HashMap::new();
    let mut db = usvg::fontdb::Database::new();
    for face in system.faces() {
        let mut face = face.clone();
        if let (true, Source::File(path)) = (is_named(&face, families), &face.source) {
            let data = read.entry(path.clone()).or_insert_with(|| {
                std::fs::read(path)
                    .ok()
                    .map(|bytes| Source::Binary(std::sync::Arc::new(bytes)))
            });
            // A file that cannot be read now stays on disk, as fontdb left it.
            if let Some(data) = data {
                face.source = data.clone();
            }
        }
        db.push_face_info(face);
    }
    db
}

/// Whether `face` belongs to one of `families` (as CSS compares names, ignoring case).
fn is_named(face: &usvg::fontdb::FaceInfo, families: &[&str]) -> bool {
    face.families
        .iter()
        .any(|(name, _)| families.iter().any(|f| f.eq_ignore_ascii_case(name)))
}

/// The PNG of `svg` at `scale` (1 = one pixel per diagram unit). The drawing's
/// top-level parts (each domain box, edge and node) are rasterised one by one:
/// `progress` gets (parts drawn, parts in all), and `cancel`, once set, stops before
/// the next part with [`DrawError::Cancelled`]; a large view takes seconds.
pub fn to_png(
    svg: &str,
    scale: f32,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, DrawError> {
    rasterise(svg, scale, fonts(), progress, cancel)
}

fn rasterise(
    svg: &str,
    scale: f32,
    fontdb: std::sync::Arc<usvg::fontdb::Database>,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, DrawError> {
    let invalid = |message: String| DrawError::Image(ImageError(message));
    if !(scale.is_finite() && scale > 0.0) {
        return Err(invalid(format!(
            "the scale must be a positive number, not {scale}"
        )));
    }
    let options = usvg::Options {
        fontdb,
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| invalid(format!("diagram SVG: {e}")))?;
    let size = tree.size();
    let (w, h) = (
        (f64::from(size.width()) * f64::from(scale)).ceil(),
        (f64::from(size.height()) * f64::from(scale)).ceil(),
    );
    if w * h > MAX_PIXELS {
        return Err(invalid(format!(
            "a {w:.0} × {h:.0} pixel image is too large: choose a smaller --scale"
        )));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32)
        .ok_or_else(|| invalid(format!("cannot make a {w:.0} × {h:.0} pixel image")))?;
    let parts = tree.root().children();
    let scaled = tiny_skia::Transform::from_scale(scale, scale);
    for (done, part) in parts.iter().enumerate() {
        progress(done, parts.len());
        if cancel.load(Ordering::Relaxed) {
            return Err(DrawError::Cancelled);
        }
        // resvg draws a node alone shifted to its box's corner; shifting it back draws
        // it where `resvg::render` would. A part with no area has nothing to draw.
        if let Some(b) = part.abs_layer_bounding_box() {
            resvg::render_node(
                part,
                scaled.pre_translate(b.x(), b.y()),
                &mut pixmap.as_mut(),
            );
        }
    }
    progress(parts.len(), parts.len());
    if cancel.load(Ordering::Relaxed) {
        return Err(DrawError::Cancelled);
    }
    pixmap
        .encode_png()
        .map_err(|e| invalid(format!("PNG encoding: {e}")))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use resvg::usvg::fontdb::{Database, FaceInfo, Source};
    use resvg::{tiny_skia, usvg};

    use super::{DrawError, FONTS, fonts, in_memory, is_named, named_families, rasterise};
    use crate::demo::demo_mesh;
    use crate::diagram::{Format, View, build, render};
    use crate::graph::MeshGraph;

    /// `rasterise` with nobody watching.
    fn quietly(svg: &str, scale: f32, db: Arc<Database>) -> Result<Vec<u8>, DrawError> {
        rasterise(svg, scale, db, &mut |_, _| {}, &AtomicBool::new(false))
    }

    #[test]
    fn the_named_faces_are_read_into_memory_and_draw_the_same_picture() {
        let mut system = Database::new();
        system.load_system_fonts();
        let families = named_families();
        assert_eq!(families[0], "DejaVu Sans");
        let db = in_memory(&system, &families);
        assert_eq!(db.len(), system.len(), "every face kept");
        let named = |f: &FaceInfo| is_named(f, &families);
        assert!(
            db.faces().any(named),
            "a font the SVG names is installed (WebKitGTK's fontconfig brings one)"
        );
        for face in db.faces() {
            let held = matches!(face.source, Source::Binary(_));
            assert_eq!(held, named(face), "{:?}", face.families);
        }
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\" font-family=\"{FONTS}\"><text x=\"4\" y=\"28\" font-size=\"20\">Orders \u{e9}t\u{e9} 42</text></svg>"
        );
        let on_disk = quietly(&svg, 1.0, Arc::new(system)).expect("png");
        let held = quietly(&svg, 1.0, Arc::new(db)).expect("png");
        assert_eq!(
            on_disk, held,
            "the same pixels from memory as from the files"
        );
        let blank = quietly(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"/>",
            1.0,
            Arc::new(Database::new()),
        )
        .expect("png");
        assert_ne!(held, blank, "the text was drawn");
    }

    /// The demo's three views as SVG.
    fn demo_svgs() -> Vec<(View, String)> {
        let mesh = demo_mesh();
        let graph = MeshGraph::build(&mesh);
        View::ALL
            .iter()
            .map(|&view| {
                let d = build(&mesh, &graph, view, None).expect("view");
                let svg = render(
                    &mesh,
                    &d,
                    Format::Svg,
                    1.0,
                    &mut |_, _| {},
                    &AtomicBool::new(false),
                )
                .expect("svg");
                (view, String::from_utf8(svg).expect("utf-8"))
            })
            .collect()
    }

    #[test]
    fn drawn_part_by_part_the_picture_is_the_one_resvg_draws_whole() {
        for (view, svg) in demo_svgs() {
            let by_parts = quietly(&svg, 0.75, fonts()).expect("png");
            let options = usvg::Options {
                fontdb: fonts(),
                ..usvg::Options::default()
            };
            let tree = usvg::Tree::from_str(&svg, &options).expect("tree");
            // Sized as `rasterise` sizes it.
            let (w, h) = (
                (f64::from(tree.size().width()) * 0.75).ceil() as u32,
                (f64::from(tree.size().height()) * 0.75).ceil() as u32,
            );
            let mut whole = tiny_skia::Pixmap::new(w, h).expect("pixmap");
            resvg::render(
                &tree,
                tiny_skia::Transform::from_scale(0.75, 0.75),
                &mut whole.as_mut(),
            );
            assert!(by_parts == whole.encode_png().expect("png"), "{view:?}");
        }
    }

    #[test]
    fn progress_counts_the_parts_and_cancel_stops_before_the_next() {
        let (_, svg) = demo_svgs().remove(0);
        let mut seen = Vec::new();
        let never = AtomicBool::new(false);
        rasterise(
            &svg,
            0.5,
            fonts(),
            &mut |done, total| seen.push((done, total)),
            &never,
        )
        .expect("png");
        let total = seen[0].1;
        assert!(
            total > 50,
            "every edge, node and domain box is a part: {total}"
        );
        assert_eq!(seen, (0..=total).map(|k| (k, total)).collect::<Vec<_>>());

        // Cancelled while the fifth part is due: nothing more is drawn.
        let cancel = AtomicBool::new(false);
        let mut reported = 0;
        let outcome = rasterise(
            &svg,
            0.5,
            fonts(),
            &mut |done, _| {
                reported += 1;
                if done == 4 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        );
        assert!(matches!(outcome, Err(DrawError::Cancelled)));
        assert_eq!(reported, 5);
    }
}
