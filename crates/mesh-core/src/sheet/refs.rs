//! Reference cells: a domain, team or data product named by its slug name, its title or
//! its id, looked up in the mesh and in the rows of the same edit; and the teams and
//! domains a confirmed edit creates for names the mesh lacks. It never decides a field.

use std::collections::HashMap;

use uuid::Uuid;

use super::CellProblemKind;
use crate::manifests::import::{slugify, title_of};
use crate::model::{Domain, Mesh, Team};

/// Names of one kind of entity, by every spelling a cell may use.
#[derive(Default)]
struct Index {
    by_name: HashMap<String, Uuid>,
    by_title: HashMap<String, Uuid>,
}

impl Index {
    fn add(&mut self, id: Uuid, name: &str, title: &str) {
        self.by_name.insert(name.to_owned(), id);
        self.by_title
            .entry(title.trim().to_lowercase())
            .or_insert(id);
    }

    fn remove(&mut self, name: &str) {
        self.by_name.remove(name);
    }

    /// By id, then exact name, then the name the text becomes as a slug, then title.
    fn find(&self, text: &str, ids: impl Fn(Uuid) -> bool) -> Option<Uuid> {
        let text = text.trim();
        if let Ok(id) = Uuid::parse_str(text)
            && ids(id)
        {
            return Some(id);
        }
        self.by_name
            .get(text)
            .or_else(|| self.by_name.get(&slugify(text)))
            .or_else(|| self.by_title.get(&text.to_lowercase()))
            .copied()
    }
}

/// What a reference cell resolved to, or why not.
pub(super) type Found = Result<Uuid, (CellProblemKind, String)>;

/// The mesh's names, plus the entities this edit creates or renames.
pub(super) struct Names<'m> {
    mesh: &'m Mesh,
    teams: Index,
    domains: Index,
    products: Index,
    /// Teams and domains created for reference cells, in the order first named.
    pub(super) new_teams: Vec<Team>,
    pub(super) new_domains: Vec<Domain>,
}

impl<'m> Names<'m> {
    /// The mesh's names; products only when `products` is set (only the ports sheet
    /// names products, and a cell edit should not index 10,000 of them for nothing).
    pub(super) fn new(mesh: &'m Mesh, products: bool) -> Self {
        let mut names = Names {
            mesh,
            teams: Index::default(),
            domains: Index::default(),
            products: Index::default(),
            new_teams: Vec::new(),
            new_domains: Vec::new(),
        };
        for t in &mesh.teams {
            names.teams.add(t.id, &t.name, &t.title);
        }
        for d in &mesh.domains {
            names.domains.add(d.id, &d.name, &d.title);
        }
        for p in mesh.products.iter().filter(|_| products) {
            names.products.add(p.id, &p.name, &p.display_name);
        }
        names
    }

    /// A team row renamed or created: later cells may name it.
    pub(super) fn team_row(&mut self, old_name: Option<&str>, t: &Team) {
        if let Some(old) = old_name {
            self.teams.remove(old);
        }
        self.teams.add(t.id, &t.name, &t.title);
    }

    /// A domain row renamed or created.
    pub(super) fn domain_row(&mut self, old_name: Option<&str>, d: &Domain) {
        if let Some(old) = old_name {
            self.domains.remove(old);
        }
        self.domains.add(d.id, &d.name, &d.title);
    }

    /// The team a cell names; a name the mesh lacks is created when `create` is set.
    pub(super) fn team(&mut self, text: &str, create: bool) -> Found {
        let mesh = self.mesh;
        let known = |id| mesh.teams.iter().any(|t| t.id == id);
        if let Some(id) = self.teams.find(text, known) {
            return Ok(id);
        }
        let (name, title) = spelled(text);
        if !create {
            return Err((
                CellProblemKind::MissingReference,
                format!("team {name} does not exist"),
            ));
        }
        let team = Team::named(name, title);
        self.teams.add(team.id, &team.name, &team.title);
        let id = team.id;
        self.new_teams.push(team);
        Ok(id)
    }

    /// The domain a cell names; a name the mesh lacks is created when `create` is set.
    pub(super) fn domain(&mut self, text: &str, create: bool) -> Found {
        let mesh = self.mesh;
        let known = |id| mesh.domains.iter().any(|d| d.id == id);
        if let Some(id) = self.domains.find(text, known) {
            return Ok(id);
        }
        let (name, title) = spelled(text);
        if !create {
            return Err((
                CellProblemKind::MissingReference,
                format!("domain {name} does not exist"),
            ));
        }
        let domain = Domain::named(name, title);
        self.domains.add(domain.id, &domain.name, &domain.title);
        let id = domain.id;
        self.new_domains.push(domain);
        Ok(id)
    }

    /// The data product a cell names; never created from a cell (a product needs more
    /// than a name: create it in the products sheet).
    pub(super) fn product(&self, text: &str) -> Found {
        let known = |id| self.mesh.products.iter().any(|p| p.id == id);
        self.products.find(text, known).ok_or_else(|| {
            (
                CellProblemKind::UnknownReference,
                format!(
                    "data product {} does not exist; create it in the Data products tab first",
                    text.trim()
                ),
            )
        })
    }
}

/// The slug name and title a typed reference gives a new entity: `Data Platform` →
/// (`data-platform`, `Data Platform`); `data-platform` → (`data-platform`, `Data Platform`).
fn spelled(text: &str) -> (String, String) {
    let text = text.trim();
    let name = slugify(text);
    let title = if text == name {
        title_of(&name)
    } else {
        text.to_owned()
    };
    (name, title)
}
