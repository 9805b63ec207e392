//! SVG to PNG through resvg (usvg parses, tiny-skia rasterises), with the system's
//! fonts loaded through fontdb so the names render. It converts; it must not lay out.

use std::sync::OnceLock;

use resvg::{tiny_skia, usvg};

use super::ImageError;

/// The largest image, in pixels, a diagram is rasterised to: beyond it the scale is
/// refused rather than allocating gigabytes.
const MAX_PIXELS: f64 = 400_000_000.0;

/// The system fonts, loaded once per process (scanning them takes a while).
fn fonts() -> std::sync::Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<std::sync::Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            std::sync::Arc::new(db)
        })
        .clone()
}

/// The PNG of `svg` at `scale` (1 = one pixel per diagram unit).
pub fn to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ImageError> {
    let invalid = ImageError;
    if !(scale.is_finite() && scale > 0.0) {
        return Err(invalid(format!(
            "the scale must be a positive number, not {scale}"
        )));
    }
    let options = usvg::Options {
        fontdb: fonts(),
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
