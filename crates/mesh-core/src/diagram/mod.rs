//! Diagrams of a mesh for documents and wikis: the products, domains or teams view,
//! optionally narrowed to one domain, as SVG, PNG, Mermaid or Graphviz DOT text.
//!
//! [`build`] turns a loaded mesh into a [`Diagram`] (what is drawn: nodes, domain
//! groups, weighted edges), [`layout`] places it (the positions the file stores for
//! the view where there are some; else columns by dependency depth for products, and
//! the app's layered layout for domains and teams) and one module per format writes it. Edges run the way data flows: from the provider to the consumer.
//!
//! Everything here is a pure function of the mesh: the same file gives the same bytes.
//! It must not read the store or the user's screen, and it writes no file but through
//! [`write_atomically`].

mod dot;
mod layout;
mod mermaid;
mod png;
mod svg;
mod view;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use uuid::Uuid;

use crate::error::{Error, Result};

pub use layout::{Layout, Rect, layout};
pub use png::to_png;
pub use view::{build, build_for};

/// What a diagram shows; also the views a filter is saved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// Data products in domain boxes, dependencies between them.
    Products,
    /// One node per domain with its coupling, edges weighted by crossing dependencies.
    Domains,
    /// One node per owner team, edges weighted by the dependencies between their products.
    Teams,
}

impl View {
    /// Every view, in the order menus list them.
    pub const ALL: [View; 3] = [View::Products, View::Domains, View::Teams];

    /// The word used on the command line and in file names.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Products => "products",
            View::Domains => "domains",
            View::Teams => "teams",
        }
    }
}

/// The formats a diagram is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Scalable vector graphics, every name as searchable text.
    Svg,
    /// A raster image of the SVG.
    Png,
    /// Mermaid `flowchart` text, for Markdown that renders it.
    Mermaid,
    /// Graphviz DOT text.
    Dot,
}

/// A group of nodes drawn as a box: a domain, in the products view.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The domain.
    pub id: Uuid,
    /// Its title.
    pub label: String,
    /// The enclosing group, when its parent domain is drawn too.
    pub parent: Option<usize>,
    /// Drawn only because a neighbour of the chosen domain sits in it.
    pub faded: bool,
}

/// One drawn node: a product, a domain or a team.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The entity drawn; `None` for the "no owner" node of the teams view.
    pub id: Option<Uuid>,
    /// The name shown first (display name or title).
    pub label: String,
    /// A second line: the product's slug, a domain's coupling, a team's product count.
    pub note: Option<String>,
    /// Further rows only the SVG draws: a product's output ports.
    pub rows: Vec<String>,
    /// The group holding it.
    pub group: Option<usize>,
    /// Outside the chosen domain, drawn because it connects to it.
    pub faded: bool,
}

/// Dependencies from one node to another, in the direction data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The providing node (index into [`Diagram::nodes`]).
    pub from: usize,
    /// The consuming node.
    pub to: usize,
    /// How many product dependencies the edge stands for.
    pub weight: usize,
}

/// What one view of a mesh draws, before it is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// The view.
    pub view: View,
    /// The mesh's name, and the chosen domain's when narrowed.
    pub title: String,
    /// Domain boxes, parents before their children.
    pub groups: Vec<Group>,
    /// Nodes, in the mesh's order.
    pub nodes: Vec<Node>,
    /// Edges, sorted by (from, to).
    pub edges: Vec<Edge>,
}

impl Diagram {
    /// Draws the nodes standing for `lit` (products, domains or teams, by id) as they
    /// are and fades the rest, with every box holding no lit node: the impact highlight
    /// of the app, on paper. Nothing lit leaves the diagram as it was.
    pub fn highlight(&mut self, lit: &std::collections::HashSet<Uuid>) {
        if lit.is_empty() {
            return;
        }
        let mut holding = vec![false; self.groups.len()];
        for node in &mut self.nodes {
            let on = node.id.is_some_and(|id| lit.contains(&id));
            node.faded |= !on;
            // A lit node keeps its box, and the boxes around that, unfaded.
            let mut at = if on { node.group } else { None };
            while let Some(g) = at {
                if holding[g] {
                    break;
                }
                holding[g] = true;
                at = self.groups[g].parent;
            }
        }
        for (group, held) in self.groups.iter_mut().zip(holding) {
            group.faded |= !held;
        }
    }
}

/// Renders `diagram` as text (`Svg`, `Mermaid`, `Dot`) or PNG bytes at `scale`, placing
/// it with the positions `mesh` stores. Rasterising a PNG is the one long step: it
/// reports to `progress` and stops when `cancel` is set ([`to_png`]); text is made in
/// one go.
pub fn render(
    mesh: &crate::model::Mesh,
    diagram: &Diagram,
    format: Format,
    scale: f32,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> std::result::Result<Vec<u8>, DrawError> {
    Ok(match format {
        Format::Mermaid => mermaid::render(diagram).into_bytes(),
        Format::Dot => dot::render(diagram).into_bytes(),
        Format::Svg => svg::render(diagram, &layout(mesh, diagram)).into_bytes(),
        Format::Png => to_png(
            &svg::render(diagram, &layout(mesh, diagram)),
            scale,
            progress,
            cancel,
        )?,
    })
}

/// A diagram that cannot be made into an image: a bad or too large scale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImageError(pub String);

/// Why a diagram was not drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// The image cannot be made at that scale.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// The caller cancelled rasterising; nothing was made.
    #[error("cancelled")]
    Cancelled,
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename, so a
/// failed write leaves nothing behind and readers never see half a file. The folder
/// must exist: a diagram never creates folders.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // tempfile's error repeats the random name twice; the folder and the OS's words
    // say what is wrong.
    let mut tmp = tempfile::Builder::new()
        .prefix(".meshwright-diagram-")
        .tempfile_in(&dir)
        .map_err(|e| Error::Io {
            path: dir.clone(),
            source: match e.kind() {
                std::io::ErrorKind::NotFound => {
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder")
                }
                kind => std::io::Error::from(kind),
            },
        })?;
    tmp.write_all(bytes).map_err(io_err)?;
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}
