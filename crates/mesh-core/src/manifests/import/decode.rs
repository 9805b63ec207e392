//! The state of one import while documents are decoded: the open mesh's lookups, the
//! entities decoded so far (people, teams, domains and source systems each once, by
//! name), the errors of every file, and the checks of the finished entities.
//!
//! It must not read any format's fields (that is `odps.rs`, `odcs.rs`) and must not
//! write to the mesh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::fields::{derived, namespace, title_of};
use super::{ImportError, Incoming};
use crate::model::{Domain, Mesh, Person, SourceSystem, Team};
use crate::validate;

/// Decoding state shared by the format readers.
pub(super) struct Decoder<'m> {
    /// The mesh imported into.
    pub mesh: &'m Mesh,
    /// UUID namespace for ids derived from names.
    pub ns: Uuid,
    /// What the files hold.
    pub incoming: Incoming,
    /// Every problem, all files.
    pub errors: Vec<ImportError>,
    people: HashMap<String, usize>,
    /// Domains and source systems by name: the mesh's and those created.
    domains: HashMap<String, Uuid>,
    systems: HashMap<String, Uuid>,
    /// The first decoded version of each team, by id.
    decoded_teams: HashMap<Uuid, usize>,
    // The mesh's entities by name, built once: an import of thousands of files must
    // not scan the mesh for each of them.
    mesh_people: HashMap<&'m str, &'m Person>,
    mesh_teams: HashMap<&'m str, &'m Team>,
    mesh_teams_by_id: HashMap<Uuid, &'m Team>,
}

impl<'m> Decoder<'m> {
    /// A decoder for imports into `mesh`.
    pub fn new(mesh: &'m Mesh) -> Self {
        Decoder {
            mesh,
            ns: namespace(&mesh.info.namespace),
            incoming: Incoming::default(),
            errors: Vec::new(),
            people: HashMap::new(),
            domains: mesh
                .domains
                .iter()
                .map(|x| (x.name.clone(), x.id))
                .collect(),
            systems: mesh
                .source_systems
                .iter()
                .map(|x| (x.name.clone(), x.id))
                .collect(),
            decoded_teams: HashMap::new(),
            mesh_people: mesh
                .people
                .iter()
                .map(|x| (x.username.as_str(), x))
                .collect(),
            mesh_teams: mesh.teams.iter().map(|x| (x.name.as_str(), x)).collect(),
            mesh_teams_by_id: mesh.teams.iter().map(|x| (x.id, x)).collect(),
        }
    }

    /// The person with `username`: one already decoded, else the mesh's, else a new
    /// one. A real name replaces a placeholder (the username) but never another name.
    pub fn person(&mut self, path: &Path, username: &str, name: Option<&str>) -> Uuid {
        if let Some(&i) = self.people.get(username) {
            let person = &mut self.incoming.people[i].1;
            if let Some(name) = name
                && person.display_name == person.username
            {
                person.display_name = name.to_owned();
            }
            return person.id;
        }
        let mut person = self
            .mesh_people
            .get(username)
            .map(|p| (*p).clone())
            .unwrap_or_else(|| Person {
                id: derived(&self.ns, "person", username),
                username: username.to_owned(),
                display_name: username.to_owned(),
                email: None,
            });
        if let Some(name) = name {
            name.clone_into(&mut person.display_name);
        }
        let id = person.id;
        self.people
            .insert(username.to_owned(), self.incoming.people.len());
        self.incoming.people.push((path.to_path_buf(), person));
        id
    }

    /// Adds a decoded team, keyed by name: the mesh's team of that name keeps its id
    /// (and its e-mail when the document has none). The first file's version wins; a
    /// different one later is reported by the plan as two values for one id.
    pub fn team(&mut self, path: &Path, mut team: Team) -> Uuid {
        if let Some(existing) = self.mesh_teams.get(team.name.as_str()) {
            team.id = existing.id;
            if team.email.is_none() {
                team.email.clone_from(&existing.email);
            }
        } else {
            team.id = derived(&self.ns, "team", &team.name);
        }
        let id = team.id;
        self.decoded_teams
            .entry(id)
            .or_insert(self.incoming.teams.len());
        self.incoming.teams.push((path.to_path_buf(), team));
        id
    }

    /// The domain with slug `name`: the mesh's, else one created with a title from
    /// the slug.
    pub fn domain(&mut self, path: &Path, name: &str) -> Uuid {
        if let Some(&id) = self.domains.get(name) {
            return id;
        }
        let id = derived(&self.ns, "domain", name);
        self.domains.insert(name.to_owned(), id);
        self.incoming.domains.push((
            path.to_path_buf(),
            Domain {
                id,
                name: name.to_owned(),
                title: title_of(name),
                description: None,
                parent_id: None,
                owner_team_id: None,
                repo_folder: None,
                links: Vec::new(),
                custom_properties: Vec::new(),
                extensions: Default::default(),
            },
        ));
        id
    }

    /// The source system with slug `name`: the mesh's, else a new one.
    pub fn source_system(&mut self, path: &Path, name: &str) -> Uuid {
        if let Some(&id) = self.systems.get(name) {
            return id;
        }
        let id = derived(&self.ns, "source-system", name);
        self.systems.insert(name.to_owned(), id);
        self.incoming.source_systems.push((
            path.to_path_buf(),
            SourceSystem {
                id,
                name: name.to_owned(),
                description: None,
                system_type: None,
                custom_properties: Vec::new(),
                extensions: Default::default(),
            },
        ));
        id
    }

    /// The team with `id`: decoded from the files, else the mesh's.
    pub fn decoded_team(&self, id: Uuid) -> Option<&Team> {
        match self.decoded_teams.get(&id) {
            Some(&i) => Some(&self.incoming.teams[i].1),
            None => self.mesh_teams_by_id.get(&id).copied(),
        }
    }

    /// Checks every decoded entity with the model's field rules; a failure names the
    /// file and the field.
    pub fn validate(&mut self) {
        let inc = &self.incoming;
        let mut errors = Vec::new();
        let mut check = |path: &PathBuf, r: crate::Result<()>| {
            if let Err(e) = r {
                errors.push(ImportError::field(
                    path,
                    e.field().unwrap_or("document"),
                    e.to_string(),
                ));
            }
        };
        for (p, e) in &inc.people {
            check(p, validate::person(e));
        }
        for (p, e) in &inc.teams {
            check(p, validate::team(e));
        }
        for (p, e) in &inc.domains {
            check(p, validate::domain(e));
        }
        for (p, e) in &inc.source_systems {
            check(p, validate::source_system(e));
        }
        for (p, e) in &inc.products {
            check(p, validate::product(e));
        }
        for (p, e) in &inc.output_ports {
            check(p, validate::output_port(e));
        }
        for (p, e) in &inc.input_ports {
            check(p, validate::input_port(e));
        }
        self.errors.extend(errors);
    }
}
