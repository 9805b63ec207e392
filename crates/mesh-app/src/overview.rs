//! The domains and teams views of the open mesh: the core's overview of the kept model
//! as the view's saved filter shows it, placed. Aggregating and placing are the core's
//! (`mesh_core::overview`); the open mesh keeps the views' recent layouts.

use mesh_core::diagram::View;
use mesh_core::graph::MeshGraph;
use mesh_core::overview::{self, Overview};
use uuid::Uuid;

use crate::CommandError;
use crate::session::Session;

impl Session {
    /// `view` (domains or teams) under its saved filter, with `expand` (a domain) drawn
    /// as its products; `today` decides expired waivers for a filter on findings.
    pub fn overview(
        &self,
        view: View,
        expand: Option<Uuid>,
        today: chrono::NaiveDate,
    ) -> Result<Overview, CommandError> {
        self.with_open(|open| {
            let filter = open.store().view_filter(view.as_str())?;
            let shown = crate::view_filter::filtered(open, &filter, today)?;
            let (mesh, layouts) = open.model_and_layouts()?;
            let graph = MeshGraph::build(mesh);
            Ok(overview::overview(
                mesh, &graph, view, &shown, expand, layouts,
            ))
        })
    }
}
