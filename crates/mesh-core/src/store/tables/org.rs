//! People, teams (with their members) and domains.

use std::collections::HashMap;

use rusqlite::{Connection, Row};
use uuid::Uuid;

use super::{Table, id_text, json, opt_uuid, to_json, uuid, word};
use crate::error::Result;
use crate::model::{Domain, EntityKind, Membership, Person, Team, TeamType};

impl Table for Person {
    const KIND: EntityKind = EntityKind::Person;
    const TABLE: &'static str = "person";
    const SELECT: &'static str = "SELECT id, username, display_name, email FROM person";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Person {
            id: uuid(r, 0)?,
            username: r.get(1)?,
            display_name: r.get(2)?,
            email: r.get(3)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO person (id, username, display_name, email) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET username = excluded.username,
               display_name = excluded.display_name, email = excluded.email",
        )?
        .execute((
            self.id.to_string(),
            &self.username,
            &self.display_name,
            &self.email,
        ))?;
        Ok(())
    }
}

impl Table for Team {
    const KIND: EntityKind = EntityKind::Team;
    const TABLE: &'static str = "team";
    const SELECT: &'static str =
        "SELECT id, name, title, description, email, custom_properties, extensions, team_type
         FROM team";

    /// Members are not in this row: callers fill them from `team_member`.
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Team {
            id: uuid(r, 0)?,
            name: r.get(1)?,
            title: r.get(2)?,
            description: r.get(3)?,
            email: r.get(4)?,
            team_type: match r.get::<_, Option<String>>(7)? {
                Some(_) => Some(word(r, 7, TeamType::parse)?),
                None => None,
            },
            members: Vec::new(),
            custom_properties: json(r, 5)?,
            extensions: json(r, 6)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO team (id, name, title, description, email, custom_properties, extensions,
               team_type)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, title = excluded.title,
               description = excluded.description, email = excluded.email,
               custom_properties = excluded.custom_properties, extensions = excluded.extensions,
               team_type = excluded.team_type",
        )?
        .execute((
            self.id.to_string(),
            &self.name,
            &self.title,
            &self.description,
            &self.email,
            to_json(&self.custom_properties)?,
            to_json(&self.extensions)?,
            self.team_type.map(TeamType::as_str),
        ))?;
        let id = self.id.to_string();
        conn.prepare_cached("DELETE FROM team_member WHERE team_id = ?1")?
            .execute([&id])?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO team_member (team_id, person_id, role, position) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, m) in self.members.iter().enumerate() {
            insert.execute((&id, m.person_id.to_string(), &m.role, i as i64))?;
        }
        Ok(())
    }
}

/// Every team's members in order, keyed by team.
pub(crate) fn load_team_members(conn: &Connection) -> Result<HashMap<Uuid, Vec<Membership>>> {
    let mut stmt = conn
        .prepare("SELECT team_id, person_id, role FROM team_member ORDER BY team_id, position")?;
    let mut out: HashMap<Uuid, Vec<Membership>> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            uuid(r, 0)?,
            Membership {
                person_id: uuid(r, 1)?,
                role: r.get(2)?,
            },
        ))
    })?;
    for row in rows {
        let (team, m) = row?;
        out.entry(team).or_default().push(m);
    }
    Ok(out)
}

/// The members of one team, in order.
pub(crate) fn members_of(conn: &Connection, team: Uuid) -> Result<Vec<Membership>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, role FROM team_member WHERE team_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([team.to_string()], |r| {
            Ok(Membership {
                person_id: uuid(r, 0)?,
                role: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The teams a person belongs to.
pub(crate) fn teams_of_person(conn: &Connection, person: Uuid) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached("SELECT team_id FROM team_member WHERE person_id = ?1")?;
    let rows = stmt
        .query_map([person.to_string()], |r| uuid(r, 0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Table for Domain {
    const KIND: EntityKind = EntityKind::Domain;
    const TABLE: &'static str = "domain";
    const SELECT: &'static str =
        "SELECT id, name, title, description, parent_id, owner_team_id, links,
        custom_properties, extensions, repo_folder FROM domain";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Domain {
            id: uuid(r, 0)?,
            name: r.get(1)?,
            title: r.get(2)?,
            description: r.get(3)?,
            parent_id: opt_uuid(r, 4)?,
            owner_team_id: opt_uuid(r, 5)?,
            repo_folder: r.get(9)?,
            links: json(r, 6)?,
            custom_properties: json(r, 7)?,
            extensions: json(r, 8)?,
        })
    }

    fn upsert(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO domain (id, name, title, description, parent_id, owner_team_id, links,
               custom_properties, extensions, repo_folder)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, title = excluded.title,
               description = excluded.description, parent_id = excluded.parent_id,
               owner_team_id = excluded.owner_team_id, links = excluded.links,
               custom_properties = excluded.custom_properties, extensions = excluded.extensions,
               repo_folder = excluded.repo_folder",
        )?
        .execute((
            self.id.to_string(),
            &self.name,
            &self.title,
            &self.description,
            id_text(self.parent_id),
            id_text(self.owner_team_id),
            to_json(&self.links)?,
            to_json(&self.custom_properties)?,
            to_json(&self.extensions)?,
            &self.repo_folder,
        ))?;
        Ok(())
    }
}
