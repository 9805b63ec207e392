//! File > Export Diagram…: the view the user is in (products, domains or teams) as SVG,
//! PNG, Mermaid or Graphviz DOT, drawn by the core (`mesh_core::diagram`) from the kept
//! model as the view's saved filter shows it, with the impact highlight when one is
//! shown, and written atomically to the file the user chose. It decides nothing about
//! the drawing and never picks a file on its own.

use std::collections::HashSet;

use mesh_core::diagram::{self, DrawError, Format, View};
use mesh_core::filter;
use mesh_core::graph::MeshGraph;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::session::Session;
use crate::{CancelToken, CommandError, TaskPhase, chosen, count};

/// The formats the dialog offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum DiagramFormat {
    /// Scalable vector graphics, every name as text.
    Svg,
    /// A PNG image at a scale.
    Png,
    /// Mermaid flowchart text.
    Mermaid,
    /// Graphviz DOT text.
    Dot,
}

impl From<DiagramFormat> for Format {
    fn from(f: DiagramFormat) -> Format {
        match f {
            DiagramFormat::Svg => Format::Svg,
            DiagramFormat::Png => Format::Png,
            DiagramFormat::Mermaid => Format::Mermaid,
            DiagramFormat::Dot => Format::Dot,
        }
    }
}

/// What the Export Diagram dialog asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiagramRequest {
    /// The file to write, a full path the user chose.
    pub path: String,
    /// The format.
    pub format: DiagramFormat,
    /// The view to draw, under its saved filter.
    pub view: View,
    /// Pixels per diagram unit, for PNG (1 to 4).
    pub scale: f32,
    /// The products the impact highlight lights; the rest is drawn faded. Empty: none.
    pub highlight: Vec<Uuid>,
}

/// A diagram written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiagramWritten {
    /// The file.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u32,
}

/// The scales a PNG may be drawn at.
const SCALES: std::ops::RangeInclusive<f32> = 0.25..=4.0;

impl Session {
    /// Draws `request.view` of the open mesh and writes it to `request.path`; `today`
    /// decides expired waivers for a filter on findings. A PNG reports its parts drawn to
    /// `token` and stops when it is cancelled. Nothing is written when the request is
    /// refused, the image cannot be made or the export is cancelled before the write.
    pub fn export_diagram(
        &self,
        request: &DiagramRequest,
        today: chrono::NaiveDate,
        token: &mut CancelToken,
    ) -> Result<DiagramWritten, CommandError> {
        let path = chosen::full_paths(
            [request.path.as_str()],
            "path",
            "choose the file to write the diagram to",
            |_| "must be a full path; choose the file with Browse…".to_owned(),
        )?
        .remove(0);
        if request.format == DiagramFormat::Png && !SCALES.contains(&request.scale) {
            return Err(CommandError::invalid_argument(
                "scale",
                format!(
                    "the scale must be between {} and {}",
                    SCALES.start(),
                    SCALES.end()
                ),
            ));
        }
        // What is drawn is read under the session's lock; the drawing, seconds for a
        // large PNG, is made after it, so the window's other commands do not wait.
        let (mesh, drawn) = self.with_open(|open| {
            let saved = open.store().view_filter(request.view.as_str())?;
            let shown = crate::view_filter::filtered(open, &saved, today)?;
            let mesh = filter::restrict(open.model()?, &shown);
            let graph = MeshGraph::build(&mesh);
            let mut drawn = diagram::build(&mesh, &graph, request.view, None)
                .map_err(|e| CommandError::internal(e.to_string()))?;
            drawn.highlight(&lit(&mesh, request));
            Ok((mesh, drawn))
        })?;
        const CANCELLED: &str = "Diagram cancelled: nothing was written.";
        let bytes = token
            .run(TaskPhase::Drawing, |progress, cancel| {
                diagram::render(
                    &mesh,
                    &drawn,
                    request.format.into(),
                    request.scale,
                    progress,
                    cancel,
                )
            })
            .map_err(|e| match e {
                DrawError::Image(e) => CommandError::invalid_argument("scale", e.0),
                DrawError::Cancelled => CommandError::cancelled(CANCELLED),
            })?;
        // A Cancel pressed once the last part was drawn, or while text was made (which
        // does not stop midway), still means nothing is written.
        token.check(CANCELLED)?;
        diagram::write_atomically(&path, &bytes)?;
        Ok(DiagramWritten {
            path: path.display().to_string(),
            bytes: count(bytes.len()),
        })
    }
}

/// The nodes the highlight lights in the view: the products, or their domains or owner
/// teams.
fn lit(mesh: &mesh_core::model::Mesh, request: &DiagramRequest) -> HashSet<Uuid> {
    let products: HashSet<Uuid> = request.highlight.iter().copied().collect();
    let of = |p: &&mesh_core::model::DataProduct| products.contains(&p.id);
    match request.view {
        View::Products => products.clone(),
        View::Domains => mesh
            .products
            .iter()
            .filter(of)
            .map(|p| p.domain_id)
            .collect(),
        View::Teams => mesh
            .products
            .iter()
            .filter(of)
            .filter_map(|p| p.owner_team_id)
            .collect(),
    }
}
