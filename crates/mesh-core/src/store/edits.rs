//! The edit operations: what may change, and what else changes with it.
//!
//! Each operation checks the entity's own fields (`crate::validate`) and its relations to
//! the rest of the mesh (unique names, existing references, no cycles of parents), then
//! writes through [`Edit::put`] / [`Edit::remove`], which record the before and after
//! snapshots for the change log. Deleting an entity also removes or clears what depends
//! on it (ports of a product, dependencies on a port, ownership by a team), each recorded,
//! so undo brings all of it back.

use rusqlite::Connection;
use uuid::Uuid;

use super::history::{Change, Entity, Key};
use super::tables::{self, Table};
use crate::error::{Error, Result};
use crate::governance::Policy;
use crate::manifests::odcs_body;
use crate::model::{
    Contract, ContractFormat, ContractRef, DataProduct, DependencySource, Domain, EntityKind,
    InputPort, MeshInfo, OutputPort, Person, Position, SourceSystem, Team,
};
use crate::validate;

/// One edit in progress, inside its transaction. Obtained from [`super::Store::edit`].
pub struct Edit<'a> {
    conn: &'a Connection,
    changes: Vec<Change>,
    label: Option<String>,
}

impl<'a> Edit<'a> {
    pub(super) fn new(conn: &'a Connection) -> Self {
        Edit {
            conn,
            changes: Vec::new(),
            label: None,
        }
    }

    /// The changes made and the label for the history ("Delete data product orders").
    pub(super) fn finish(self) -> (Vec<Change>, String) {
        let label = self.label.unwrap_or_else(|| "Edit".to_owned());
        (self.changes, label)
    }

    /// Whether this edit already deleted the row.
    pub(super) fn removed(&self, key: &Key) -> bool {
        self.changes
            .iter()
            .any(|c| &c.key == key && c.after.is_none())
    }

    /// Names the edit in the undo history, overriding the label the first operation set.
    pub fn label(&mut self, label: impl Into<String>) {
        self.label = Some(label.into());
    }

    /// Sets the label from the first operation of the edit; inner operations (the port
    /// deletions inside a product deletion) keep the outer one.
    fn describe(&mut self, verb: &str, kind: EntityKind, name: &str, exists: bool) {
        if self.label.is_none() {
            let verb = match verb {
                "save" if exists => "Update",
                "save" => "Create",
                other => other,
            };
            self.label = Some(format!("{verb} {kind} {name}").trim_end().to_owned());
        }
    }

    /// Writes `after` over `before` (absent for a creation) and records the change.
    /// Writing an unchanged snapshot records nothing.
    fn put(&mut self, before: Option<Entity>, after: Entity) -> Result<()> {
        if before.as_ref() == Some(&after) {
            return Ok(());
        }
        after.write(self.conn)?;
        self.changes.push(Change {
            key: after.key(),
            before,
            after: Some(after),
        });
        Ok(())
    }

    /// Deletes the row holding `before` and records the change.
    fn remove(&mut self, before: Entity) -> Result<()> {
        let key = before.key();
        key.delete(self.conn)?;
        self.changes.push(Change {
            key,
            before: Some(before),
            after: None,
        });
        Ok(())
    }

    fn get<T: Table>(&self, id: Uuid) -> Result<Option<T>> {
        tables::get(self.conn, id)
    }

    fn require<T: Table>(&self, id: Uuid) -> Result<T> {
        self.get(id)?.ok_or(Error::NotFound {
            entity: T::KIND,
            id,
        })
    }

    /// Refuses a reference to a missing row, naming the referring field.
    fn check_ref(
        &self,
        kind: EntityKind,
        name: &str,
        field: &'static str,
        table: &str,
        id: Option<Uuid>,
    ) -> Result<()> {
        match id {
            Some(id) if !tables::exists(self.conn, table, id)? => Err(Error::invalid(
                kind,
                name,
                field,
                format!(
                    "refers to a {} that does not exist ({id})",
                    table.replace('_', " ")
                ),
            )),
            _ => Ok(()),
        }
    }

    /// Refuses a value already used in `column` by another row of `table`.
    fn check_unique(
        &self,
        kind: EntityKind,
        name: &str,
        field: &'static str,
        table: &str,
        column: &str,
        value: &str,
        id: Uuid,
    ) -> Result<()> {
        let sql = format!("SELECT 1 FROM {table} WHERE {column} = ?1 AND id <> ?2");
        if self
            .conn
            .prepare_cached(&sql)?
            .exists((value, id.to_string()))?
        {
            return Err(Error::conflict(
                kind,
                name,
                field,
                format!("{value:?} is already used by another {kind}"),
            ));
        }
        Ok(())
    }

    /// Changes the mesh header.
    pub fn set_mesh_info(&mut self, info: MeshInfo) -> Result<()> {
        validate::mesh_info(&info)?;
        self.describe("Update", EntityKind::Mesh, "", true);
        let before = tables::load_mesh_info(self.conn)?.map(Entity::Mesh);
        self.put(before, Entity::Mesh(info))
    }

    /// Creates or updates a person.
    pub fn save_person(&mut self, p: Person) -> Result<()> {
        validate::person(&p)?;
        self.check_unique(
            EntityKind::Person,
            &p.username,
            "username",
            "person",
            "username",
            &p.username,
            p.id,
        )?;
        let before = self.get::<Person>(p.id)?.map(Entity::Person);
        self.describe("save", EntityKind::Person, &p.username, before.is_some());
        self.put(before, Entity::Person(p))
    }

    /// Deletes a person, taking them out of teams and clearing their accountabilities.
    pub fn delete_person(&mut self, id: Uuid) -> Result<()> {
        let person: Person = self.require(id)?;
        self.describe("Delete", EntityKind::Person, &person.username, true);
        for team_id in tables::teams_of_person(self.conn, id)? {
            let mut team = self.team(team_id)?;
            let before = team.clone();
            team.members.retain(|m| m.person_id != id);
            self.put(Some(Entity::Team(before)), Entity::Team(team))?;
        }
        for mut p in
            tables::find::<DataProduct>(self.conn, "accountable_person_id = ?1", &id.to_string())?
        {
            let before = p.clone();
            p.accountable_person_id = None;
            self.put(Some(Entity::Product(before)), Entity::Product(p))?;
        }
        self.remove(Entity::Person(person))
    }

    fn team(&self, id: Uuid) -> Result<Team> {
        let mut team: Team = self.require(id)?;
        team.members = tables::members_of(self.conn, id)?;
        Ok(team)
    }

    /// Creates or updates a team with its members.
    pub fn save_team(&mut self, t: Team) -> Result<()> {
        validate::team(&t)?;
        self.check_unique(
            EntityKind::Team,
            &t.name,
            "name",
            "team",
            "name",
            &t.name,
            t.id,
        )?;
        for m in &t.members {
            self.check_ref(
                EntityKind::Team,
                &t.name,
                "members",
                "person",
                Some(m.person_id),
            )?;
        }
        let before = match self.get::<Team>(t.id)? {
            Some(_) => Some(Entity::Team(self.team(t.id)?)),
            None => None,
        };
        self.describe("save", EntityKind::Team, &t.name, before.is_some());
        self.put(before, Entity::Team(t))
    }

    /// Deletes a team; the domains and products it owned become ownerless.
    pub fn delete_team(&mut self, id: Uuid) -> Result<()> {
        let team = self.team(id)?;
        self.describe("Delete", EntityKind::Team, &team.name, true);
        let key = id.to_string();
        for mut d in tables::find::<Domain>(self.conn, "owner_team_id = ?1", &key)? {
            let before = d.clone();
            d.owner_team_id = None;
            self.put(Some(Entity::Domain(before)), Entity::Domain(d))?;
        }
        for mut p in tables::find::<DataProduct>(self.conn, "owner_team_id = ?1", &key)? {
            let before = p.clone();
            p.owner_team_id = None;
            self.put(Some(Entity::Product(before)), Entity::Product(p))?;
        }
        self.remove_positions(id)?;
        self.remove(Entity::Team(team))
    }

    /// Creates or updates a domain.
    pub fn save_domain(&mut self, d: Domain) -> Result<()> {
        validate::domain(&d)?;
        let k = EntityKind::Domain;
        self.check_unique(k, &d.name, "name", "domain", "name", &d.name, d.id)?;
        self.check_ref(k, &d.name, "parentId", "domain", d.parent_id)?;
        self.check_ref(k, &d.name, "ownerTeamId", "team", d.owner_team_id)?;
        // Walk up from the new parent: meeting this domain again would close a loop.
        let mut cursor = d.parent_id;
        let mut steps = 0;
        while let Some(parent) = cursor {
            if parent == d.id {
                return Err(Error::invalid(
                    k,
                    &d.name,
                    "parentId",
                    "would make the domain its own ancestor",
                ));
            }
            steps += 1;
            if steps > 10_000 {
                break;
            }
            cursor = self.get::<Domain>(parent)?.and_then(|p| p.parent_id);
        }
        let before = self.get::<Domain>(d.id)?.map(Entity::Domain);
        self.describe("save", k, &d.name, before.is_some());
        self.put(before, Entity::Domain(d))
    }

    /// Deletes an empty domain; subdomains move up to its parent. A domain that still
    /// holds products is refused, since products cannot exist outside a domain.
    pub fn delete_domain(&mut self, id: Uuid) -> Result<()> {
        let domain: Domain = self.require(id)?;
        self.describe("Delete", EntityKind::Domain, &domain.name, true);
        let count: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM product WHERE domain_id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))?;
        if count > 0 {
            return Err(Error::conflict(
                EntityKind::Domain,
                &domain.name,
                "id",
                format!("still holds {count} data product(s); move or delete them first"),
            ));
        }
        for mut child in tables::find::<Domain>(self.conn, "parent_id = ?1", &id.to_string())? {
            let before = child.clone();
            child.parent_id = domain.parent_id;
            self.put(Some(Entity::Domain(before)), Entity::Domain(child))?;
        }
        self.remove_positions(id)?;
        self.remove(Entity::Domain(domain))
    }

    /// Creates or updates a source system.
    pub fn save_source_system(&mut self, s: SourceSystem) -> Result<()> {
        validate::source_system(&s)?;
        self.check_unique(
            EntityKind::SourceSystem,
            &s.name,
            "name",
            "source_system",
            "name",
            &s.name,
            s.id,
        )?;
        let before = self.get::<SourceSystem>(s.id)?.map(Entity::SourceSystem);
        self.describe("save", EntityKind::SourceSystem, &s.name, before.is_some());
        self.put(before, Entity::SourceSystem(s))
    }

    /// Deletes a source system and the input ports that read it.
    pub fn delete_source_system(&mut self, id: Uuid) -> Result<()> {
        let system: SourceSystem = self.require(id)?;
        self.describe("Delete", EntityKind::SourceSystem, &system.name, true);
        for ip in tables::find::<InputPort>(self.conn, "source_system_id = ?1", &id.to_string())? {
            self.remove(Entity::InputPort(ip))?;
        }
        self.remove_positions(id)?;
        self.remove(Entity::SourceSystem(system))
    }

    /// Creates or updates a data product.
    pub fn save_product(&mut self, p: DataProduct) -> Result<()> {
        validate::product(&p)?;
        let k = EntityKind::Product;
        self.check_unique(k, &p.name, "name", "product", "name", &p.name, p.id)?;
        if !tables::exists(self.conn, "domain", p.domain_id)? {
            return Err(Error::invalid(
                k,
                &p.name,
                "domainId",
                "refers to a domain that does not exist",
            ));
        }
        self.check_ref(k, &p.name, "ownerTeamId", "team", p.owner_team_id)?;
        self.check_ref(
            k,
            &p.name,
            "accountablePersonId",
            "person",
            p.accountable_person_id,
        )?;
        let before = self.get::<DataProduct>(p.id)?.map(Entity::Product);
        self.describe("save", k, &p.name, before.is_some());
        self.put(before, Entity::Product(p))
    }

    /// Deletes a product with its ports, the dependencies on its ports and its positions.
    pub fn delete_product(&mut self, id: Uuid) -> Result<()> {
        let product: DataProduct = self.require(id)?;
        self.describe("Delete", EntityKind::Product, &product.name, true);
        let key = id.to_string();
        for port in tables::find::<OutputPort>(self.conn, "product_id = ?1", &key)? {
            self.delete_output_port(port.id)?;
        }
        for ip in tables::find::<InputPort>(self.conn, "product_id = ?1", &key)? {
            self.remove(Entity::InputPort(ip))?;
        }
        self.remove_positions(id)?;
        self.remove(Entity::Product(product))
    }

    /// Creates or updates an output port.
    pub fn save_output_port(&mut self, p: OutputPort) -> Result<()> {
        validate::output_port(&p)?;
        let k = EntityKind::OutputPort;
        let before = self.get::<OutputPort>(p.id)?;
        if before
            .as_ref()
            .is_some_and(|b| b.product_id != p.product_id)
        {
            return Err(Error::invalid(
                k,
                &p.name,
                "productId",
                "a port cannot move to another product",
            ));
        }
        if !tables::exists(self.conn, "product", p.product_id)? {
            return Err(Error::invalid(
                k,
                &p.name,
                "productId",
                "refers to a data product that does not exist",
            ));
        }
        let clash = self
            .conn
            .prepare_cached("SELECT 1 FROM output_port WHERE product_id = ?1 AND name = ?2 AND version = ?3 AND id <> ?4")?
            .exists((p.product_id.to_string(), &p.name, &p.version, p.id.to_string()))?;
        if clash {
            return Err(Error::conflict(
                k,
                &p.name,
                "name",
                format!(
                    "the product already has a port {} version {}",
                    p.name, p.version
                ),
            ));
        }
        self.check_ref(
            k,
            &p.name,
            "successorPortId",
            "output_port",
            p.successor_port_id,
        )?;
        self.describe("save", k, &p.name, before.is_some());
        self.put(before.map(Entity::OutputPort), Entity::OutputPort(p))
    }

    /// Deletes an output port, the dependencies on it, and successor links to it.
    pub fn delete_output_port(&mut self, id: Uuid) -> Result<()> {
        let port: OutputPort = self.require(id)?;
        self.describe("Delete", EntityKind::OutputPort, &port.name, true);
        let key = id.to_string();
        for ip in tables::find::<InputPort>(self.conn, "provider_port_id = ?1", &key)? {
            self.remove(Entity::InputPort(ip))?;
        }
        for mut other in tables::find::<OutputPort>(self.conn, "successor_port_id = ?1", &key)? {
            if other.id == id {
                continue;
            }
            let before = other.clone();
            other.successor_port_id = None;
            self.put(Some(Entity::OutputPort(before)), Entity::OutputPort(other))?;
        }
        // A kept contract outlives its port: it becomes unattached again.
        for mut c in tables::find::<Contract>(self.conn, "output_port_id = ?1", &key)? {
            let before = c.clone();
            c.output_port_id = None;
            self.put(Some(Entity::Contract(before)), Entity::Contract(c))?;
        }
        self.remove_positions(id)?;
        self.remove(Entity::OutputPort(port))
    }

    /// Creates or updates an input port: a dependency of its product on another product's
    /// output port or on a source system.
    pub fn save_input_port(&mut self, p: InputPort) -> Result<()> {
        validate::input_port(&p)?;
        let k = EntityKind::InputPort;
        let before = self.get::<InputPort>(p.id)?;
        if before
            .as_ref()
            .is_some_and(|b| b.product_id != p.product_id)
        {
            return Err(Error::invalid(
                k,
                &p.name,
                "productId",
                "an input port cannot move to another product",
            ));
        }
        if !tables::exists(self.conn, "product", p.product_id)? {
            return Err(Error::invalid(
                k,
                &p.name,
                "productId",
                "refers to a data product that does not exist",
            ));
        }
        let clash = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM input_port WHERE product_id = ?1 AND name = ?2 AND id <> ?3",
            )?
            .exists((p.product_id.to_string(), &p.name, p.id.to_string()))?;
        if clash {
            return Err(Error::conflict(
                k,
                &p.name,
                "name",
                format!("the product already has an input port {:?}", p.name),
            ));
        }
        match &p.source {
            DependencySource::OutputPort { port_id } => {
                let port_id = *port_id;
                let provider = self.get::<OutputPort>(port_id)?.ok_or_else(|| {
                    Error::invalid(
                        k,
                        &p.name,
                        "source",
                        "refers to an output port that does not exist",
                    )
                })?;
                if provider.product_id == p.product_id {
                    return Err(Error::invalid(
                        k,
                        &p.name,
                        "source",
                        "a product cannot depend on its own output port",
                    ));
                }
                let duplicate = self
                    .conn
                    .prepare_cached("SELECT 1 FROM input_port WHERE product_id = ?1 AND provider_port_id = ?2 AND id <> ?3")?
                    .exists((p.product_id.to_string(), port_id.to_string(), p.id.to_string()))?;
                if duplicate {
                    return Err(Error::conflict(
                        k,
                        &p.name,
                        "source",
                        "the product already depends on this port",
                    ));
                }
            }
            DependencySource::SourceSystem { source_system_id } => {
                self.check_ref(
                    k,
                    &p.name,
                    "source",
                    "source_system",
                    Some(*source_system_id),
                )?;
            }
            // Kept as written: whether it names anything is governance's question.
            DependencySource::Unresolved { .. } => {}
        }
        self.describe("save", k, &p.name, before.is_some());
        self.put(before.map(Entity::InputPort), Entity::InputPort(p))
    }

    /// Deletes an input port (removes a dependency).
    pub fn delete_input_port(&mut self, id: Uuid) -> Result<()> {
        let port: InputPort = self.require(id)?;
        self.describe("Delete", EntityKind::InputPort, &port.name, true);
        self.remove(Entity::InputPort(port))
    }

    /// Creates or updates a contract kept as its document. Attaching it to an output port
    /// also points the port's contract reference at it, in the same edit, so the port's
    /// manifests name the contract they are exported with, and gives a port whose
    /// contract body is empty the body an ODCS document describes (its schema, servers
    /// and terms), as an import attaching it does; detaching or moving it clears the
    /// reference of the port it leaves and leaves its body.
    pub fn save_contract(&mut self, c: Contract) -> Result<()> {
        validate::contract(&c)?;
        let k = EntityKind::Contract;
        let label = c.name.clone().unwrap_or_else(|| c.contract_id.clone());
        self.check_ref(k, &label, "outputPortId", "output_port", c.output_port_id)?;
        let before = self.get::<Contract>(c.id)?;
        // Detached or moved: the port it leaves stops naming it.
        if let Some(old) = before.as_ref().and_then(|b| b.output_port_id)
            && c.output_port_id != Some(old)
            && let Some(mut port) = self.get::<OutputPort>(old)?
            && port.contract.as_ref().map(|r| &r.contract_id) == Some(&c.contract_id)
        {
            let was = port.clone();
            port.contract = None;
            self.put(Some(Entity::OutputPort(was)), Entity::OutputPort(port))?;
        }
        if let Some(port_id) = c.output_port_id
            && let Some(mut port) = self.get::<OutputPort>(port_id)?
            && port.contract.as_ref().map(|r| &r.contract_id) != Some(&c.contract_id)
        {
            let was = port.clone();
            port.contract = Some(ContractRef {
                contract_id: c.contract_id.clone(),
                version: c.version.clone().filter(|v| *v != port.version),
                status: None,
            });
            // A body described by hand stays: exported, it is written over the document's.
            if port.contract_body.is_empty()
                && c.format == ContractFormat::Odcs
                && let Some(doc) = c.document.as_object()
            {
                port.contract_body = odcs_body::read(doc, port.description.as_deref()).body;
            }
            self.put(Some(Entity::OutputPort(was)), Entity::OutputPort(port))?;
        }
        self.describe("save", k, &label, before.is_some());
        self.put(before.map(Entity::Contract), Entity::Contract(c))
    }

    /// Deletes a kept contract (the port it was attached to keeps its reference).
    pub fn delete_contract(&mut self, id: Uuid) -> Result<()> {
        let c: Contract = self.require(id)?;
        let label = c.name.clone().unwrap_or_else(|| c.contract_id.clone());
        self.describe("Delete", EntityKind::Contract, &label, true);
        self.remove(Entity::Contract(c))
    }

    /// Replaces the governance policy. It is validated against the rules this build
    /// knows (rule ids, typed parameters, waiver reasons) before anything is written.
    pub fn set_policy(&mut self, policy: Policy) -> Result<()> {
        policy.validate()?;
        if self.label.is_none() {
            self.label = Some("Update governance policy".to_owned());
        }
        let before = tables::load_policy(self.conn)?.map(Entity::Policy);
        self.put(before, Entity::Policy(policy))
    }

    /// Places an entity on a canvas view.
    pub fn set_position(&mut self, p: Position) -> Result<()> {
        if !p.x.is_finite() || !p.y.is_finite() {
            return Err(Error::invalid(
                EntityKind::Position,
                &p.view,
                "x",
                "coordinates must be finite numbers",
            ));
        }
        if p.view.is_empty() || p.view.len() > 200 {
            return Err(Error::invalid(
                EntityKind::Position,
                &p.view,
                "view",
                "must be 1 to 200 characters",
            ));
        }
        let before = tables::get_position(self.conn, p.entity_id, &p.view)?.map(Entity::Position);
        if self.label.is_none() {
            self.label = Some("Move".to_owned());
        }
        self.put(before, Entity::Position(p))
    }

    fn remove_positions(&mut self, entity: Uuid) -> Result<()> {
        for p in tables::positions_of(self.conn, entity)? {
            self.remove(Entity::Position(p))?;
        }
        Ok(())
    }
}
