//! The state of one import while documents are decoded: the open mesh's lookups, the
//! entities decoded so far (people, teams, domains and source systems each once, by
//! name), the errors of every file, and the checks of the finished entities.
//!
//! ODPS and ODCS decode straight into `incoming`; DPDS, Backstage and DataHub decode
//! into `staged`, which `combine` merges into `incoming` by the formats' precedence.
//! Ids that only DPDS, Backstage and DataHub documents carry (a domain's, a team's, a
//! source system's) are registered by name before any document is decoded, so that an
//! ODPS file naming the same domain lands on the same entity instead of a second one.
//!
//! It must not read any format's fields (that is `odps.rs`, `odcs.rs`, `dpds.rs`,
//! `backstage.rs`, `datahub.rs`) and must not write to the mesh.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::combine::{Context, Disagreement, Staged, combine, stand_in};
use super::fields::{derived, namespace, title_of};
use super::{ImportError, Incoming};
use crate::model::{Contract, ContractRef, Domain, Mesh, Person, SourceSystem, Team};
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
    /// What was kept without being placed (an unresolved provider, an unattached
    /// contract), all files: reported, not refused.
    pub warnings: Vec<ImportError>,
    /// Whether what cannot be placed is refused (`--strict`) instead of kept.
    pub strict: bool,
    /// What DPDS, Backstage and DataHub documents declare, before it is combined.
    pub staged: Staged,
    /// ODCS contracts a port carries inside another format (a Backstage API's
    /// `definition`, DPDS's `promises.api`), read as contract files are
    /// (`odcs::attach_all`) unless the import holds that contract's own file.
    pub carried_contracts: Vec<super::SourceDocument>,
    /// Fields two formats give different values.
    pub disagreements: Vec<Disagreement>,
    /// Fields of ODPS and ODCS entities (as the model serializes them; `extensions.odcs`
    /// for one bag) that no document of the import carries: the mesh's values stand in
    /// for them ([`Decoder::stand_in`]), so importing one format never clears what only
    /// another format holds.
    uncarried: HashMap<Uuid, Vec<&'static str>>,
    /// Domains and source systems created only because a document names them.
    placeholders: HashSet<Uuid>,
    /// Team ids by name: registered from DPDS and Backstage, the mesh's, decoded.
    team_ids: HashMap<String, Uuid>,
    /// Products by name and output ports by (product, name, version): the mesh's and
    /// those decoded, so a format that carries no ids finds the same entity.
    product_ids: HashMap<String, Uuid>,
    port_ids: HashMap<(Uuid, String, String), Uuid>,
    people: HashMap<String, usize>,
    people_by_id: HashMap<Uuid, usize>,
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
            warnings: Vec::new(),
            strict: false,
            staged: Staged::default(),
            carried_contracts: Vec::new(),
            disagreements: Vec::new(),
            uncarried: HashMap::new(),
            placeholders: HashSet::new(),
            team_ids: mesh.teams.iter().map(|t| (t.name.clone(), t.id)).collect(),
            product_ids: mesh
                .products
                .iter()
                .map(|p| (p.name.clone(), p.id))
                .collect(),
            port_ids: mesh
                .output_ports
                .iter()
                .map(|p| ((p.product_id, p.name.clone(), p.version.clone()), p.id))
                .collect(),
            people: HashMap::new(),
            people_by_id: HashMap::new(),
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

    /// Reports something a document names that neither the import nor the mesh holds:
    /// a warning when it is kept (the default), an error under `--strict`. Whether the
    /// caller keeps it is the answer.
    pub fn keep_unplaced(&mut self, path: &Path, field: impl Into<String>, reason: String) -> bool {
        let problem = ImportError::field(path, field, reason);
        if self.strict {
            self.errors.push(problem);
            false
        } else {
            self.warnings.push(problem);
            true
        }
    }

    /// Keeps a contract as its document. One attached to a port points the port's
    /// contract reference at it (bringing the mesh's port into the import if need be),
    /// so that the port's manifests name it as an edit attaching it would.
    pub fn keep_contract(&mut self, path: &Path, contract: Contract) {
        if let Some(port_id) = contract.output_port_id {
            let reference = ContractRef {
                contract_id: contract.contract_id.clone(),
                version: None,
                status: None,
            };
            let incoming = self
                .incoming
                .output_ports
                .iter_mut()
                .find(|(_, p)| p.id == port_id);
            match incoming {
                Some((_, port)) => {
                    port.contract.get_or_insert(reference);
                }
                None => {
                    if let Some(port) = self.mesh.output_ports.iter().find(|p| p.id == port_id) {
                        let mut port = port.clone();
                        port.contract.get_or_insert(reference);
                        self.incoming.output_ports.push((path.to_path_buf(), port));
                    }
                }
            }
        }
        self.incoming.contracts.push((path.to_path_buf(), contract));
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
        self.people_by_id.insert(id, self.incoming.people.len());
        self.incoming.people.push((path.to_path_buf(), person));
        id
    }

    /// The decoded person with `id`, brought in from the mesh when only it has them.
    pub fn person_mut(&mut self, path: &Path, id: Uuid) -> Option<&mut Person> {
        if !self.people_by_id.contains_key(&id) {
            let username = self
                .mesh
                .people
                .iter()
                .find(|p| p.id == id)?
                .username
                .clone();
            self.person(path, &username, None);
        }
        let &i = self.people_by_id.get(&id)?;
        Some(&mut self.incoming.people[i].1)
    }

    /// The person whose e-mail address or username is `contact`, decoded or the mesh's.
    pub fn person_by_contact(&self, contact: &str) -> Option<Uuid> {
        let decoded = self.incoming.people.iter().map(|(_, p)| p);
        decoded
            .chain(self.mesh.people.iter())
            .find(|p| p.email.as_deref() == Some(contact))
            .or_else(|| {
                self.people
                    .get(contact)
                    .map(|&i| &self.incoming.people[i].1)
            })
            .or_else(|| self.mesh_people.get(contact).copied())
            .map(|p| p.id)
    }

    /// Registers the id a DPDS or Backstage document gives the team called `name`.
    pub fn register_team(&mut self, name: &str, id: Uuid) {
        self.team_ids.insert(name.to_owned(), id);
    }

    /// Registers the id a document gives the domain called `name`.
    pub fn register_domain(&mut self, name: &str, id: Uuid) {
        self.domains.insert(name.to_owned(), id);
    }

    /// Registers the id a document gives the source system called `name`.
    pub fn register_source_system(&mut self, name: &str, id: Uuid) {
        self.systems.insert(name.to_owned(), id);
    }

    /// The id of the team called `name`: registered, the mesh's, or derived from it.
    pub fn team_id(&self, name: &str) -> Uuid {
        self.team_ids
            .get(name)
            .copied()
            .unwrap_or_else(|| derived(&self.ns, "team", name))
    }

    /// Whether a team called `name` is in the mesh or any document of the import.
    pub fn team_known(&self, name: &str) -> bool {
        self.team_ids.contains_key(name)
    }

    /// The id of the domain called `name`, if any document or the mesh has it.
    pub fn domain_known(&self, name: &str) -> Option<Uuid> {
        self.domains.get(name).copied()
    }

    /// Records a decoded product's name, for formats that find products by name.
    pub fn note_product(&mut self, name: &str, id: Uuid) {
        self.product_ids.entry(name.to_owned()).or_insert(id);
    }

    /// The product called `name`, decoded or the mesh's.
    pub fn product_id(&self, name: &str) -> Option<Uuid> {
        self.product_ids.get(name).copied()
    }

    /// Records a decoded output port, for formats that find ports by name and version.
    pub fn note_port(&mut self, product: Uuid, name: &str, version: &str, id: Uuid) {
        self.port_ids
            .entry((product, name.to_owned(), version.to_owned()))
            .or_insert(id);
    }

    /// The output port of `product` called `name` in `version`, decoded or the mesh's.
    pub fn port_id(&self, product: Uuid, name: &str, version: &str) -> Option<Uuid> {
        self.port_ids
            .get(&(product, name.to_owned(), version.to_owned()))
            .copied()
    }

    /// Records the products and ports ODPS decoded.
    pub fn note_primary(&mut self) {
        let products: Vec<(String, Uuid)> = self
            .incoming
            .products
            .iter()
            .map(|(_, p)| (p.name.clone(), p.id))
            .collect();
        for (name, id) in products {
            self.note_product(&name, id);
        }
        let ports: Vec<(Uuid, String, String, Uuid)> = self
            .incoming
            .output_ports
            .iter()
            .map(|(_, p)| (p.product_id, p.name.clone(), p.version.clone(), p.id))
            .collect();
        for (product, name, version, id) in ports {
            self.note_port(product, &name, &version, id);
        }
    }

    /// Records fields of the entity `id` that its document does not carry.
    pub fn not_carried(&mut self, id: Uuid, fields: impl IntoIterator<Item = &'static str>) {
        let entry = self.uncarried.entry(id).or_default();
        for f in fields {
            if !entry.contains(&f) {
                entry.push(f);
            }
        }
    }

    /// Records that a document of the import carries `fields` of the entity `id`.
    pub fn carried(&mut self, id: Uuid, fields: &[&str]) {
        if let Some(entry) = self.uncarried.get_mut(&id) {
            entry.retain(|f| !fields.contains(f));
        }
    }

    /// Gives every field no document carried (and no later format filled) the mesh's
    /// value.
    pub fn stand_in(&mut self) {
        let (inc, mesh, fields) = (&mut self.incoming, self.mesh, &self.uncarried);
        stand_in(&mut inc.teams, &mesh.teams, fields);
        stand_in(&mut inc.products, &mesh.products, fields);
        stand_in(&mut inc.output_ports, &mesh.output_ports, fields);
        stand_in(&mut inc.input_ports, &mesh.input_ports, fields);
    }

    /// Merges what DPDS, Backstage and DataHub declared (all but input ports) into
    /// `incoming`.
    pub fn combine_entities(&mut self) {
        let staged = std::mem::take(&mut self.staged);
        let mesh = self.mesh;
        let inc = &mut self.incoming;
        let (e, w, p) = (
            &mut self.errors,
            &mut self.disagreements,
            &self.placeholders,
        );
        combine(&mut inc.teams, staged.teams, &cx(&mesh.teams, p), e, w);
        // Teams only DPDS, Backstage or DataHub declared are decoded teams too, for the
        // contracts read next (`decoded_team`).
        for (i, (_, team)) in inc.teams.iter().enumerate() {
            self.decoded_teams.entry(team.id).or_insert(i);
        }
        combine(
            &mut inc.domains,
            staged.domains,
            &cx(&mesh.domains, p),
            e,
            w,
        );
        let systems = &cx(&mesh.source_systems, p);
        combine(
            &mut inc.source_systems,
            staged.source_systems,
            systems,
            e,
            w,
        );
        combine(
            &mut inc.products,
            staged.products,
            &cx(&mesh.products, p),
            e,
            w,
        );
        let ports = &cx(&mesh.output_ports, p);
        combine(&mut inc.output_ports, staged.output_ports, ports, e, w);
        self.staged.input_ports = staged.input_ports;
    }

    /// Merges the input ports DPDS, Backstage and DataHub declared into `incoming`.
    pub fn combine_inputs(&mut self) {
        let staged = std::mem::take(&mut self.staged.input_ports);
        let cx = cx(&self.mesh.input_ports, &self.placeholders);
        combine(
            &mut self.incoming.input_ports,
            staged,
            &cx,
            &mut self.errors,
            &mut self.disagreements,
        );
    }

    /// Adds a decoded team, keyed by name: the mesh's team of that name keeps its id
    /// (and its e-mail when the document has none). The first file's version wins; a
    /// different one later is reported by the plan as two values for one id.
    pub fn team(&mut self, path: &Path, mut team: Team) -> Uuid {
        if let Some(existing) = self.mesh_teams.get(team.name.as_str())
            && team.email.is_none()
        {
            team.email.clone_from(&existing.email);
        }
        team.id = self.team_id(&team.name);
        self.team_ids.insert(team.name.clone(), team.id);
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
        self.placeholders.insert(id);
        self.incoming.domains.push((
            path.to_path_buf(),
            Domain {
                id,
                ..Domain::named(name.to_owned(), title_of(name))
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
        self.placeholders.insert(id);
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

    /// The team with `id`: decoded from the files (ODPS's, and once combined those
    /// other formats declared), else the mesh's.
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
        for (p, e) in &inc.contracts {
            check(p, validate::contract(e));
        }
        self.errors.extend(errors);
    }
}

fn cx<'a, T>(mesh: &'a [T], placeholders: &'a HashSet<Uuid>) -> Context<'a, T> {
    Context { mesh, placeholders }
}
