//! Edits as data: the operations a host (the desktop app, a script) sends to change a
//! mesh, applied as one transaction, and the [`Applied`] result listing every row that
//! changed, so a host can patch its copy of the model instead of reloading it.
//!
//! This module only dispatches to `edits`; the rules live there.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::history::{Change, Entity, Key, UndoState};
use super::{Edit, Store};
use crate::error::Result;
use crate::governance::Policy;
use crate::model::{
    Contract, DataProduct, Domain, EntityKind, InputPort, Mesh, MeshInfo, OutputPort, Person,
    Position, SourceSystem, Team,
};

/// One edit operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "op", content = "value", rename_all = "camelCase")]
pub enum EditOp {
    /// Change the mesh header.
    SetMeshInfo(MeshInfo),
    /// Create or update a person.
    SavePerson(Person),
    /// Delete a person.
    DeletePerson(Uuid),
    /// Create or update a team.
    SaveTeam(Team),
    /// Delete a team.
    DeleteTeam(Uuid),
    /// Create or update a domain.
    SaveDomain(Domain),
    /// Delete an empty domain.
    DeleteDomain(Uuid),
    /// Create or update a source system.
    SaveSourceSystem(SourceSystem),
    /// Delete a source system.
    DeleteSourceSystem(Uuid),
    /// Create or update a data product.
    SaveProduct(DataProduct),
    /// Delete a data product with its ports.
    DeleteProduct(Uuid),
    /// Create or update an output port.
    SaveOutputPort(OutputPort),
    /// Delete an output port.
    DeleteOutputPort(Uuid),
    /// Create or update an input port (a dependency).
    SaveInputPort(InputPort),
    /// Delete an input port.
    DeleteInputPort(Uuid),
    /// Create or update a contract kept as its document (attach it to an output port by
    /// setting its `outputPortId`).
    SaveContract(Contract),
    /// Delete a kept contract.
    DeleteContract(Uuid),
    /// Place an entity on a canvas view.
    SetPosition(Position),
    /// Replace the governance policy.
    SetPolicy(Policy),
}

/// What an edit, an undo or a redo changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// The history label of the edit ("Delete data product orders").
    pub label: String,
    /// Every changed row in the order it changed; `after` is its state now (`None` when
    /// it no longer exists).
    pub changes: Vec<Change>,
    /// What undo and redo would do next.
    pub undo: UndoState,
}

impl Applied {
    /// Brings a model loaded before this edit (or undo, or redo) up to date with it, the
    /// same as loading the file again: every changed row replaced or removed, lists back
    /// in canonical order. Hosts keep a model in memory this way instead of reloading it
    /// after each edit. The policy is not part of the model and is skipped.
    pub fn patch(&self, mesh: &mut Mesh) {
        for c in &self.changes {
            // The row as it was goes; the row as it is now (if any) comes in.
            match &c.key {
                Key::Mesh | Key::Policy => {}
                Key::Position { entity_id, view } => mesh
                    .positions
                    .retain(|p| !(p.entity_id == *entity_id && p.view == *view)),
                Key::Entity { entity, id } => remove(mesh, *entity, *id),
            }
            match c.after.clone() {
                Some(Entity::Mesh(info)) => mesh.info = info,
                Some(Entity::Person(x)) => mesh.people.push(x),
                Some(Entity::Team(x)) => mesh.teams.push(x),
                Some(Entity::Domain(x)) => mesh.domains.push(x),
                Some(Entity::SourceSystem(x)) => mesh.source_systems.push(x),
                Some(Entity::Product(x)) => mesh.products.push(x),
                Some(Entity::OutputPort(x)) => mesh.output_ports.push(x),
                Some(Entity::InputPort(x)) => mesh.input_ports.push(x),
                Some(Entity::Contract(x)) => mesh.contracts.push(x),
                Some(Entity::Position(x)) => mesh.positions.push(x),
                Some(Entity::Policy(_)) | None => {}
            }
        }
        mesh.sort();
    }
}

/// Removes the entity `id` of kind `kind` from the model.
fn remove(mesh: &mut Mesh, kind: EntityKind, id: Uuid) {
    match kind {
        EntityKind::Person => mesh.people.retain(|x| x.id != id),
        EntityKind::Team => mesh.teams.retain(|x| x.id != id),
        EntityKind::Domain => mesh.domains.retain(|x| x.id != id),
        EntityKind::SourceSystem => mesh.source_systems.retain(|x| x.id != id),
        EntityKind::Product => mesh.products.retain(|x| x.id != id),
        EntityKind::OutputPort => mesh.output_ports.retain(|x| x.id != id),
        EntityKind::InputPort => mesh.input_ports.retain(|x| x.id != id),
        EntityKind::Contract => mesh.contracts.retain(|x| x.id != id),
        EntityKind::Mesh | EntityKind::Position | EntityKind::Policy => {}
    }
}

impl EditOp {
    fn delete_target(&self) -> Option<(EntityKind, Uuid)> {
        let (kind, id) = match self {
            EditOp::DeletePerson(id) => (EntityKind::Person, id),
            EditOp::DeleteTeam(id) => (EntityKind::Team, id),
            EditOp::DeleteDomain(id) => (EntityKind::Domain, id),
            EditOp::DeleteSourceSystem(id) => (EntityKind::SourceSystem, id),
            EditOp::DeleteProduct(id) => (EntityKind::Product, id),
            EditOp::DeleteOutputPort(id) => (EntityKind::OutputPort, id),
            EditOp::DeleteInputPort(id) => (EntityKind::InputPort, id),
            EditOp::DeleteContract(id) => (EntityKind::Contract, id),
            _ => return None,
        };
        Some((kind, *id))
    }

    fn run(self, e: &mut Edit<'_>) -> Result<()> {
        match self {
            EditOp::SetMeshInfo(v) => e.set_mesh_info(v),
            EditOp::SavePerson(v) => e.save_person(v),
            EditOp::DeletePerson(id) => e.delete_person(id),
            EditOp::SaveTeam(v) => e.save_team(v),
            EditOp::DeleteTeam(id) => e.delete_team(id),
            EditOp::SaveDomain(v) => e.save_domain(v),
            EditOp::DeleteDomain(id) => e.delete_domain(id),
            EditOp::SaveSourceSystem(v) => e.save_source_system(v),
            EditOp::DeleteSourceSystem(id) => e.delete_source_system(id),
            EditOp::SaveProduct(v) => e.save_product(v),
            EditOp::DeleteProduct(id) => e.delete_product(id),
            EditOp::SaveOutputPort(v) => e.save_output_port(v),
            EditOp::DeleteOutputPort(id) => e.delete_output_port(id),
            EditOp::SaveInputPort(v) => e.save_input_port(v),
            EditOp::DeleteInputPort(id) => e.delete_input_port(id),
            EditOp::SaveContract(v) => e.save_contract(v),
            EditOp::DeleteContract(id) => e.delete_contract(id),
            EditOp::SetPosition(v) => e.set_position(v),
            EditOp::SetPolicy(v) => e.set_policy(v),
        }
    }
}

impl Store {
    /// Applies `ops` as one edit (one transaction, one history entry). A deletion of
    /// something an earlier operation of the same batch already removed (a port deleted
    /// with its product in a multi-selection) is skipped rather than refused.
    pub fn apply(&mut self, ops: Vec<EditOp>, label: Option<String>) -> Result<Applied> {
        let (label, changes) = self.edit_recorded(|e| {
            for op in ops {
                if let Some((entity, id)) = op.delete_target()
                    && e.removed(&Key::Entity { entity, id })
                {
                    continue;
                }
                op.run(e)?;
            }
            if let Some(label) = label {
                e.label(label);
            }
            Ok(())
        })?;
        Ok(Applied {
            label,
            changes,
            undo: self.undo_state()?,
        })
    }

    /// Undoes the newest edit and reports the rows it restored.
    pub fn undo_applied(&mut self) -> Result<Applied> {
        let (label, mut changes) = self.undo_recorded()?;
        // Undo ran the entry backwards: present each change as from its "after" to its
        // "before", in the order it was applied now.
        changes.reverse();
        for c in &mut changes {
            std::mem::swap(&mut c.before, &mut c.after);
        }
        Ok(Applied {
            label,
            changes,
            undo: self.undo_state()?,
        })
    }

    /// Redoes the newest undone edit and reports the rows it changed.
    pub fn redo_applied(&mut self) -> Result<Applied> {
        let (label, changes) = self.redo_recorded()?;
        Ok(Applied {
            label,
            changes,
            undo: self.undo_state()?,
        })
    }
}
