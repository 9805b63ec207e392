//! A sheet edit → the operations of one undoable edit, or every problem found, each at
//! its row and column. Rows are read in order, so a later row may name what an earlier
//! one created; the store checks everything again when the ops are applied.

use std::collections::HashMap;

use uuid::Uuid;

use super::refs::{Found, Names};
use super::{CellProblem, CellProblemKind, SheetEdit, SheetKind, SheetPlan, SheetRow, cells};
use crate::Error;
use crate::manifests::import::slugify;
use crate::model::{
    Archetype, DataProduct, Domain, Mesh, OutputPort, PortType, Status, Team, TeamType, Visibility,
};
use crate::store::EditOp;
use crate::validate;

/// The edit `edit` makes to `mesh`, or every problem of its cells.
pub fn plan(mesh: &Mesh, edit: &SheetEdit) -> Result<SheetPlan, Vec<CellProblem>> {
    let mut p = Planner {
        mesh,
        names: Names::new(mesh, edit.kind == SheetKind::Ports),
        edit,
        problems: Vec::new(),
        taken: HashMap::new(),
        ops: Vec::new(),
        created: 0,
    };
    for (i, row) in edit.rows.iter().enumerate() {
        p.row(i, row);
    }
    if !p.problems.is_empty() {
        return Err(p.problems);
    }
    let label = p.label();
    let mut ops: Vec<EditOp> = p
        .names
        .new_teams
        .into_iter()
        .map(EditOp::SaveTeam)
        .collect();
    ops.extend(p.names.new_domains.into_iter().map(EditOp::SaveDomain));
    ops.extend(p.ops);
    Ok(SheetPlan { ops, label })
}

struct Planner<'m, 'e> {
    mesh: &'m Mesh,
    names: Names<'m>,
    edit: &'e SheetEdit,
    problems: Vec<CellProblem>,
    /// Names given by the rows so far, by scope (a port's product), to their entity.
    taken: HashMap<(Option<Uuid>, String), Uuid>,
    ops: Vec<EditOp>,
    created: usize,
}

/// Whether `name` is still the one `title` gives: its slug, or that slug with the `-2`,
/// `-3`, ... a taken name got. Such a name follows the title; one typed by hand stays.
fn derived(name: &str, title: &str) -> bool {
    let slug = slugify(title);
    name == slug
        || name
            .strip_prefix(&slug)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One row's reading: problems go to the planner, the entity comes back when whole.
struct Row<'r> {
    index: usize,
    cells: &'r SheetRow,
    problems: Vec<CellProblem>,
}

impl Row<'_> {
    fn cell(&self, key: &str) -> Option<&str> {
        self.cells.cells.get(key).map(String::as_str)
    }

    fn problem(&mut self, column: &str, kind: CellProblemKind, message: impl Into<String>) {
        self.problems
            .push(CellProblem::new(self.index, Some(column), kind, message));
    }

    /// A reference cell's answer: the id, or a problem at `column`.
    fn found(&mut self, column: &str, found: Found) -> Option<Uuid> {
        match found {
            Ok(id) => Some(id),
            Err((kind, message)) => {
                self.problem(column, kind, message);
                None
            }
        }
    }

    /// A word cell: the value, or an `invalid` problem at `column`.
    fn read<T>(&mut self, column: &str, read: Result<T, String>) -> Option<T> {
        read.map_err(|why| self.problem(column, CellProblemKind::Invalid, why))
            .ok()
    }
}

impl Planner<'_, '_> {
    fn row(&mut self, index: usize, cells: &SheetRow) {
        let mut row = Row {
            index,
            cells,
            problems: Vec::new(),
        };
        let known: &[super::Column] = super::columns::of(self.edit.kind);
        for key in cells.cells.keys() {
            if !known.iter().any(|c| c.key == key) {
                row.problem(
                    key,
                    CellProblemKind::UnknownColumn,
                    format!("a {} has no column {key}", self.edit.kind.noun()),
                );
            }
        }
        let op = match self.edit.kind {
            SheetKind::Products => self.product(&mut row),
            SheetKind::Ports => self.port(&mut row),
            SheetKind::Teams => self.team(&mut row),
            SheetKind::Domains => self.domain(&mut row),
        };
        if row.problems.is_empty() {
            if let Some(op) = op {
                self.ops.push(op);
            }
        } else {
            self.problems.append(&mut row.problems);
        }
    }

    /// The row's entity as it is now, `Ok(None)` for a new one; a gone id is a problem.
    fn existing<'a, T>(
        &mut self,
        row: &mut Row<'_>,
        list: &'a [T],
        id_of: fn(&T) -> Uuid,
    ) -> Result<Option<&'a T>, ()> {
        let Some(id) = row.cells.id else {
            self.created += 1;
            return Ok(None);
        };
        match list.iter().find(|e| id_of(e) == id) {
            Some(e) => Ok(Some(e)),
            None => {
                row.problems.push(CellProblem::new(
                    row.index,
                    None,
                    CellProblemKind::UnknownReference,
                    format!("this {} no longer exists", self.edit.kind.noun()),
                ));
                Err(())
            }
        }
    }

    /// The name after this row: the `name` cell, else derived from the new title while
    /// the old name still is the old title's (nobody has edited it: [`derived`]), else as
    /// it was.
    /// An empty name cell beside a title reads as no name cell (a pasted block whose new
    /// rows leave the name to be derived).
    fn name_of(row: &Row<'_>, old: Option<(&str, &str)>, title_key: &str) -> Option<String> {
        match row.cell("name").map(str::trim) {
            Some("") if row.cell(title_key).is_some_and(|t| !t.trim().is_empty()) => {}
            Some(name) => return Some(name.to_owned()),
            None => {}
        }
        let title = row.cell(title_key)?;
        match old {
            Some((name, old_title)) if !derived(name, old_title) => None,
            _ => Some(slugify(title)),
        }
    }

    /// Records `name` as this row's in `scope`; a name the mesh or an earlier row holds
    /// for another entity is a `duplicate` problem at the cell that gave it.
    fn claim(
        &mut self,
        row: &mut Row<'_>,
        scope: Option<Uuid>,
        id: Uuid,
        name: &str,
        holder: Option<Uuid>,
        derived_from: &str,
    ) {
        let column = if row.cell("name").is_some_and(|n| !n.trim().is_empty()) {
            "name"
        } else {
            derived_from
        };
        let noun = self.edit.kind.noun();
        if holder.is_some_and(|o| o != id) {
            row.problem(
                column,
                CellProblemKind::Duplicate,
                format!("name {name} is already used by another {noun}"),
            );
            return;
        }
        match self.taken.insert((scope, name.to_owned()), id) {
            Some(other) if other != id => row.problem(
                column,
                CellProblemKind::Duplicate,
                format!("name {name} is given to two {noun}s in these rows"),
            ),
            _ => {}
        }
    }

    /// A field rule broken by the whole entity, put at its column.
    fn invalid(row: &mut Row<'_>, error: Error, columns: &[(&str, &str)]) {
        let field = error.field().unwrap_or("");
        let column = columns
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field, |(_, c)| c);
        let message = match &error {
            Error::Invalid { reason, .. } | Error::Conflict { reason, .. } => {
                format!("{field} {reason}")
            }
            other => other.to_string(),
        };
        row.problem(column, CellProblemKind::Invalid, message);
    }

    fn product(&mut self, row: &mut Row<'_>) -> Option<EditOp> {
        let old = self.existing(row, &self.mesh.products, |p| p.id).ok()?;
        let mut p = old
            .cloned()
            .unwrap_or_else(|| DataProduct::proposed(String::new(), String::new(), Uuid::nil()));
        let create = self.edit.create_missing;
        if let Some(text) = row.cell("displayName") {
            p.display_name = text.trim().to_owned();
        }
        if old.is_none() && p.display_name.is_empty() {
            match row.cell("name") {
                Some(name) if !name.trim().is_empty() => p.display_name = name.trim().to_owned(),
                _ => row.problem(
                    "displayName",
                    CellProblemKind::Invalid,
                    "a new data product needs a display name",
                ),
            }
        }
        if let Some(name) = Self::name_of(
            row,
            old.map(|o| (&*o.name, &*o.display_name)),
            "displayName",
        ) {
            p.name = name;
        }
        match row.cell("domain") {
            Some(text) if !text.trim().is_empty() => {
                let found = self.names.domain(text, create);
                if let Some(id) = row.found("domain", found) {
                    p.domain_id = id;
                }
            }
            Some(_) => row.problem(
                "domain",
                CellProblemKind::Invalid,
                "a data product needs a domain",
            ),
            None if old.is_none() => match self.default_domain() {
                Ok(id) => p.domain_id = id,
                Err(why) => row.problem("domain", CellProblemKind::Invalid, why),
            },
            None => {}
        }
        if let Some(text) = row.cell("ownerTeam") {
            p.owner_team_id = if text.trim().is_empty() {
                None
            } else {
                let found = self.names.team(text, create);
                row.found("ownerTeam", found)
            };
        }
        if let Some(text) = row.cell("status") {
            let read = cells::word(text, Status::parse, &Status::ALL, Status::as_str);
            if let Some(s) = row.read("status", read) {
                p.status = s;
            }
        }
        if let Some(text) = row.cell("archetype") {
            let read =
                cells::optional_word(text, Archetype::parse, &Archetype::ALL, Archetype::as_str);
            if let Some(a) = row.read("archetype", read) {
                p.archetype = a;
            }
        }
        if let Some(text) = row.cell("version") {
            p.version = text.trim().to_owned();
        }
        if let Some(text) = row.cell("purpose") {
            p.description.purpose = cells::optional(text);
        }
        if let Some(text) = row.cell("tags") {
            p.tags = cells::tags(text);
        }
        let holder = self.mesh.product_by_name(&p.name).map(|o| o.id);
        self.claim(row, None, p.id, &p.name.clone(), holder, "displayName");
        if row.problems.is_empty()
            && let Err(e) = validate::product(&p)
        {
            Self::invalid(row, e, &[]);
        }
        (old != Some(&p)).then_some(EditOp::SaveProduct(p))
    }

    /// The domain of a new product whose row names none: the edit's default, else the
    /// mesh's only domain.
    fn default_domain(&self) -> Result<Uuid, String> {
        if let Some(id) = self.edit.default_domain
            && self.mesh.domains.iter().any(|d| d.id == id)
        {
            return Ok(id);
        }
        match (
            self.mesh.domains.as_slice(),
            self.names.new_domains.as_slice(),
        ) {
            ([only], []) => Ok(only.id),
            ([], [only]) => Ok(only.id),
            ([], []) => Err("create a domain first: a data product belongs to one".into()),
            _ => Err("choose the data product's domain".into()),
        }
    }

    fn port(&mut self, row: &mut Row<'_>) -> Option<EditOp> {
        let old = self.existing(row, &self.mesh.output_ports, |p| p.id).ok()?;
        let mut p = old
            .cloned()
            .unwrap_or_else(|| OutputPort::proposed(Uuid::nil(), "output".into()));
        match row.cell("product") {
            Some(text) => {
                let found = self.names.product(text);
                if let Some(id) = row.found("product", found) {
                    p.product_id = id;
                }
            }
            None if old.is_none() => row.problem(
                "product",
                CellProblemKind::Invalid,
                "a new output port needs its data product",
            ),
            None => {}
        }
        if let Some(text) = row.cell("name") {
            p.name = text.trim().to_owned();
        }
        if let Some(text) = row.cell("portType") {
            let read = cells::word(text, PortType::parse, &PortType::ALL, PortType::as_str);
            if let Some(t) = row.read("portType", read) {
                p.port_type = t;
            }
        }
        if let Some(text) = row.cell("visibility") {
            let read = cells::word(
                text,
                Visibility::parse,
                &Visibility::ALL,
                Visibility::as_str,
            );
            if let Some(v) = row.read("visibility", read) {
                p.visibility = v;
            }
        }
        if let Some(text) = row.cell("status") {
            let read = cells::word(text, Status::parse, &Status::ALL, Status::as_str);
            if let Some(s) = row.read("status", read) {
                p.status = s;
            }
        }
        if let Some(text) = row.cell("version") {
            p.version = text.trim().to_owned();
        }
        if let Some(text) = row.cell("description") {
            p.description = cells::optional(text);
        }
        // (name, version) is unique within the product.
        let key = format!("{}@{}", p.name, p.version);
        let holder = self
            .mesh
            .output_ports
            .iter()
            .find(|o| o.product_id == p.product_id && o.name == p.name && o.version == p.version)
            .map(|o| o.id);
        self.claim(row, Some(p.product_id), p.id, &key, holder, "name");
        if row.problems.is_empty()
            && let Err(e) = validate::output_port(&p)
        {
            Self::invalid(row, e, &[("type", "portType")]);
        }
        (old != Some(&p)).then_some(EditOp::SaveOutputPort(p))
    }

    fn team(&mut self, row: &mut Row<'_>) -> Option<EditOp> {
        let old = self.existing(row, &self.mesh.teams, |t| t.id).ok()?;
        let mut t = old
            .cloned()
            .unwrap_or_else(|| Team::named(String::new(), String::new()));
        if let Some(text) = row.cell("title") {
            t.title = text.trim().to_owned();
        }
        if old.is_none() && t.title.is_empty() {
            match row.cell("name") {
                Some(name) if !name.trim().is_empty() => t.title = name.trim().to_owned(),
                _ => row.problem(
                    "title",
                    CellProblemKind::Invalid,
                    "a new team needs a title",
                ),
            }
        }
        if let Some(name) = Self::name_of(row, old.map(|o| (&*o.name, &*o.title)), "title") {
            t.name = name;
        }
        if let Some(text) = row.cell("teamType") {
            let read =
                cells::optional_word(text, TeamType::parse, &TeamType::ALL, TeamType::as_str);
            if let Some(v) = row.read("teamType", read) {
                t.team_type = v;
            }
        }
        if let Some(text) = row.cell("email") {
            t.email = cells::optional(text);
        }
        if let Some(text) = row.cell("description") {
            t.description = cells::optional(text);
        }
        let holder = self
            .mesh
            .teams
            .iter()
            .find(|o| o.name == t.name)
            .map(|o| o.id);
        self.claim(row, None, t.id, &t.name.clone(), holder, "title");
        if row.problems.is_empty()
            && let Err(e) = validate::team(&t)
        {
            Self::invalid(row, e, &[]);
        }
        self.names.team_row(old.map(|o| o.name.as_str()), &t);
        (old != Some(&t)).then_some(EditOp::SaveTeam(t))
    }

    fn domain(&mut self, row: &mut Row<'_>) -> Option<EditOp> {
        let old = self.existing(row, &self.mesh.domains, |d| d.id).ok()?;
        let mut d = old
            .cloned()
            .unwrap_or_else(|| Domain::named(String::new(), String::new()));
        let create = self.edit.create_missing;
        if let Some(text) = row.cell("title") {
            d.title = text.trim().to_owned();
        }
        if old.is_none() && d.title.is_empty() {
            match row.cell("name") {
                Some(name) if !name.trim().is_empty() => d.title = name.trim().to_owned(),
                _ => row.problem(
                    "title",
                    CellProblemKind::Invalid,
                    "a new domain needs a title",
                ),
            }
        }
        if let Some(name) = Self::name_of(row, old.map(|o| (&*o.name, &*o.title)), "title") {
            d.name = name;
        }
        if let Some(text) = row.cell("parent") {
            d.parent_id = if text.trim().is_empty() {
                None
            } else {
                let found = self.names.domain(text, create);
                row.found("parent", found)
            };
            if d.parent_id == Some(d.id) {
                row.problem(
                    "parent",
                    CellProblemKind::Invalid,
                    "a domain cannot be its own parent",
                );
            }
        }
        if let Some(text) = row.cell("ownerTeam") {
            d.owner_team_id = if text.trim().is_empty() {
                None
            } else {
                let found = self.names.team(text, create);
                row.found("ownerTeam", found)
            };
        }
        if let Some(text) = row.cell("description") {
            d.description = cells::optional(text);
        }
        let holder = self
            .mesh
            .domains
            .iter()
            .find(|o| o.name == d.name)
            .map(|o| o.id);
        self.claim(row, None, d.id, &d.name.clone(), holder, "title");
        if row.problems.is_empty()
            && let Err(e) = validate::domain(&d)
        {
            Self::invalid(
                row,
                e,
                &[("parentId", "parent"), ("ownerTeamId", "ownerTeam")],
            );
        }
        self.names.domain_row(old.map(|o| o.name.as_str()), &d);
        (old != Some(&d)).then_some(EditOp::SaveDomain(d))
    }

    /// "New data product orders", "Update data product orders" (as the store names one
    /// entity's edit), "Edit 10 data products".
    fn label(&self) -> String {
        let noun = self.edit.kind.noun();
        let rows = self.edit.rows.len();
        let name = match self.ops.last() {
            Some(EditOp::SaveProduct(p)) => p.name.as_str(),
            Some(EditOp::SaveOutputPort(p)) => p.name.as_str(),
            Some(EditOp::SaveTeam(t)) => t.name.as_str(),
            Some(EditOp::SaveDomain(d)) => d.name.as_str(),
            _ => "",
        };
        match (rows, self.created) {
            (1, 1) => format!("New {noun} {name}"),
            (1, _) => format!("Update {noun} {name}"),
            (n, 0) => format!("Edit {n} {noun}s"),
            (n, c) if c == n => format!("New {n} {noun}s"),
            (n, c) => format!("Edit {} and create {c} {noun}s", n - c),
        }
    }
}
