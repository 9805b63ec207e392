//! SVG to PNG through resvg (usvg parses, tiny-skia rasterises), with the system's
//! fonts loaded through fontdb so the names render. It converts; it must not lay out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use resvg::{tiny_skia, usvg};

use super::ImageError;
use super::svg::FONTS;

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

/// The PNG of `svg` at `scale` (1 = one pixel per diagram unit).
pub fn to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ImageError> {
    rasterise(svg, scale, fonts())
}

fn rasterise(
    svg: &str,
    scale: f32,
    fontdb: std::sync::Arc<usvg::fontdb::Database>,
) -> Result<Vec<u8>, ImageError> {
    let invalid = ImageError;
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
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| invalid(format!("PNG encoding: {e}")))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use resvg::usvg::fontdb::{Database, FaceInfo, Source};

    use super::{FONTS, in_memory, is_named, named_families, rasterise};

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
        let on_disk = rasterise(&svg, 1.0, Arc::new(system)).expect("png");
        let held = rasterise(&svg, 1.0, Arc::new(db)).expect("png");
        assert_eq!(
            on_disk, held,
            "the same pixels from memory as from the files"
        );
        let blank = rasterise(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"/>",
            1.0,
            Arc::new(Database::new()),
        )
        .expect("png");
        assert_ne!(held, blank, "the text was drawn");
    }
}
