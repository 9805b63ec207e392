//! What every format module needs besides the mesh: lookups by id built once per
//! export, so a module never scans lists and never builds its own indices.
//!
//! It must not hold format-specific logic.

use std::collections::HashMap;
use std::sync::OnceLock;

use uuid::Uuid;

use super::ExportOptions;
use crate::model::{
    Contract, DataProduct, Domain, InputPort, Mesh, OutputPort, Person, SourceSystem, Team,
};

/// A loaded mesh with its lookups, shared by all format modules of one export.
pub struct ExportContext<'m> {
    /// The snapshot being exported.
    pub mesh: &'m Mesh,
    /// The caller's choices.
    pub options: ExportOptions,
    /// Products by id.
    pub products: HashMap<Uuid, &'m DataProduct>,
    /// Domains by id.
    pub domains: HashMap<Uuid, &'m Domain>,
    /// Teams by id.
    pub teams: HashMap<Uuid, &'m Team>,
    /// People by id.
    pub people: HashMap<Uuid, &'m Person>,
    /// Output ports by id.
    pub output_ports: HashMap<Uuid, &'m OutputPort>,
    /// Source systems by id.
    pub source_systems: HashMap<Uuid, &'m SourceSystem>,
    /// Output ports of each product, in the mesh's order (name, then version).
    pub ports_of: HashMap<Uuid, Vec<&'m OutputPort>>,
    /// Input ports (dependencies) of each product, in the mesh's order.
    pub inputs_of: HashMap<Uuid, Vec<&'m InputPort>>,
    /// Contracts kept as documents, by the output port they are attached to.
    pub contract_of: HashMap<Uuid, &'m Contract>,
    /// Each output port's ODCS contract as text, rendered once for the formats that
    /// write or carry it (filled by `odcs::text` on first use).
    pub(super) odcs_texts: OnceLock<HashMap<Uuid, String>>,
}

impl<'m> ExportContext<'m> {
    /// Builds the lookups for `mesh`.
    pub fn new(mesh: &'m Mesh, options: ExportOptions) -> Self {
        let mut ports_of: HashMap<Uuid, Vec<&OutputPort>> = HashMap::new();
        for port in &mesh.output_ports {
            ports_of.entry(port.product_id).or_default().push(port);
        }
        let mut inputs_of: HashMap<Uuid, Vec<&InputPort>> = HashMap::new();
        for input in &mesh.input_ports {
            inputs_of.entry(input.product_id).or_default().push(input);
        }
        ExportContext {
            mesh,
            options,
            products: mesh.products.iter().map(|p| (p.id, p)).collect(),
            domains: mesh.domains.iter().map(|d| (d.id, d)).collect(),
            teams: mesh.teams.iter().map(|t| (t.id, t)).collect(),
            people: mesh.people.iter().map(|p| (p.id, p)).collect(),
            output_ports: mesh.output_ports.iter().map(|p| (p.id, p)).collect(),
            source_systems: mesh.source_systems.iter().map(|s| (s.id, s)).collect(),
            ports_of,
            inputs_of,
            contract_of: mesh
                .contracts
                .iter()
                .filter_map(|c| Some((c.output_port_id?, c)))
                .collect(),
            odcs_texts: OnceLock::new(),
        }
    }

    /// The output ports of a product (empty when it has none).
    pub fn ports(&self, product: Uuid) -> &[&'m OutputPort] {
        self.ports_of.get(&product).map_or(&[], Vec::as_slice)
    }

    /// The input ports of a product (empty when it has none).
    pub fn inputs(&self, product: Uuid) -> &[&'m InputPort] {
        self.inputs_of.get(&product).map_or(&[], Vec::as_slice)
    }
}
