//! How a window's webview draws. On Linux WebKitGTK composites the page through OpenGL;
//! on a machine without a GPU (a virtual machine, a remote desktop, Xvfb) that OpenGL is
//! Mesa's software rasteriser, and there every repaint of a large mesh took two to five
//! times as long as WebKit drawing in software without compositing (measured under Xvfb
//! on a 2,000-product mesh: the domains view painted 4.1 s after the click against
//! 0.7 s, a filter 681 ms against 235 ms). So compositing is off where no GPU render
//! node exists, unless `MESHWRIGHT_GPU` says otherwise. It sets the webview's drawing
//! policy only; it must not decide anything about a mesh.

use std::path::Path;

/// `on` keeps WebKit's own choice, `off` always draws without compositing; unset (or any
/// other value), the machine decides: compositing only with a GPU render node.
pub const GPU_ENV: &str = "MESHWRIGHT_GPU";

/// Where Linux lists its graphics devices; a GPU driver adds a `renderD*` node here.
const DRI: &str = "/dev/dri";

/// How WebKit draws a window's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// WebKit's default: composited through OpenGL.
    Composited,
    /// No compositing: WebKit paints the page in software itself.
    Software,
}

/// The drawing for a machine whose `MESHWRIGHT_GPU` is `setting` and which has a GPU
/// render node or not.
pub fn choose(setting: Option<&str>, has_render_node: bool) -> Drawing {
    match setting.map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("on") => Drawing::Composited,
        Some(s) if s.eq_ignore_ascii_case("off") => Drawing::Software,
        _ if has_render_node => Drawing::Composited,
        _ => Drawing::Software,
    }
}

/// Whether `dri` holds a render node (`renderD128`, ...).
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// This machine's drawing, decided once.
fn drawing() -> Drawing {
    static DRAWING: std::sync::OnceLock<Drawing> = std::sync::OnceLock::new();
    *DRAWING.get_or_init(|| {
        let setting = std::env::var(GPU_ENV).ok();
        choose(setting.as_deref(), has_render_node(Path::new(DRI)))
    })
}

/// A plugin that applies this machine's drawing to every webview as it is made.
pub fn plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri::plugin::Builder::new("rendering")
        .on_webview_ready(|webview| apply(&webview, drawing()))
        .build()
}

#[cfg(target_os = "linux")]
fn apply(webview: &tauri::Webview<tauri::Wry>, drawing: Drawing) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if drawing == Drawing::Composited {
        return;
    }
    // Failing to reach the webview leaves WebKit's default: slower, never wrong.
    let _ = webview.with_webview(|platform| {
        if let Some(settings) = WebViewExt::settings(&platform.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
}

/// Only WebKitGTK composites through a software OpenGL; other platforms keep theirs.
#[cfg(not(target_os = "linux"))]
fn apply(_: &tauri::Webview<tauri::Wry>, _: Drawing) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_needs_a_render_node_unless_the_setting_says() {
        assert_eq!(choose(None, true), Drawing::Composited);
        assert_eq!(choose(None, false), Drawing::Software);
        assert_eq!(choose(Some("on"), false), Drawing::Composited);
        assert_eq!(choose(Some(" OFF "), true), Drawing::Software);
        assert_eq!(choose(Some("maybe"), false), Drawing::Software);
        assert_eq!(choose(Some(""), true), Drawing::Composited);
    }

    #[test]
    fn a_render_node_is_a_render_d_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(!has_render_node(dir.path()), "empty");
        std::fs::write(dir.path().join("card0"), b"").expect("card");
        assert!(
            !has_render_node(dir.path()),
            "a card alone is no render node"
        );
        std::fs::write(dir.path().join("renderD128"), b"").expect("node");
        assert!(has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
    }
}
