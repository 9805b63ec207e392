//! Each view's filter on the open mesh: saved in the mesh file (not an edit, so undo
//! leaves it alone) and applied to the kept model by the core (`mesh_core::filter`),
//! with the checks run only when the filter asks for findings. The canvas, the Table
//! and the Ownership views show the products view's filter.
//!
//! This module decides nothing about what a filter shows; that is the core's.

use mesh_core::diagram::View;
use mesh_core::filter::{self, Filtered, ViewFilter};
use mesh_core::governance::{self, Finding};
use mesh_core::model::Mesh;

use crate::CommandError;
use crate::session::{Open, Session};

impl Session {
    /// What `view` shows under its filter. With `filter` given, it becomes the view's
    /// saved filter first (as the core tidied it: deleted domains and teams dropped);
    /// without, the saved one applies. `today` decides expired waivers for a filter on
    /// findings.
    pub fn filter_view(
        &self,
        view: View,
        filter: Option<&ViewFilter>,
        today: chrono::NaiveDate,
    ) -> Result<Filtered, CommandError> {
        self.with_open(|open| {
            let filter = match filter {
                Some(given) => {
                    let known = given.known(open.model()?);
                    open.store().save_view_filter(view.as_str(), &known)?;
                    known
                }
                None => open.store().view_filter(view.as_str())?,
            };
            filtered(open, &filter, today)
        })
    }
}

/// `filter` applied to the open mesh's kept model.
pub(crate) fn filtered(
    open: &mut Open,
    filter: &ViewFilter,
    today: chrono::NaiveDate,
) -> Result<Filtered, CommandError> {
    let findings = findings_for(open, filter, today)?;
    Ok(filter::apply(open.model()?, &findings, filter))
}

/// The open mesh as its products view's saved filter shows it; `None` when it shows
/// everything, so the caller reads the kept model instead of a copy of it.
pub(crate) fn shown_mesh(
    open: &mut Open,
    today: chrono::NaiveDate,
) -> Result<Option<Mesh>, CommandError> {
    let filter = open.store().view_filter(View::Products.as_str())?;
    let shown = filtered(open, &filter, today)?;
    if shown.all {
        return Ok(None);
    }
    Ok(Some(filter::restrict(open.model()?, &shown)))
}

/// The findings a filter needs: none unless it filters on severity.
fn findings_for(
    open: &mut Open,
    filter: &ViewFilter,
    today: chrono::NaiveDate,
) -> Result<Vec<Finding>, CommandError> {
    if filter.min_severity.is_none() {
        return Ok(Vec::new());
    }
    let policy = open.store().policy()?;
    Ok(governance::check(open.model()?, &policy, today)?.findings)
}
