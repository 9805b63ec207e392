//! The mesh header and the whole-mesh snapshot loaded into memory.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Contract, CustomProperty, DataProduct, Domain, Extensions, InputPort, OutputPort, Person,
    Position, SourceSystem, Team,
};

/// The mesh's own header: one row per file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeshInfo {
    /// Display name of the mesh, for example "Northwind Retail".
    pub name: String,
    /// Reverse-DNS namespace used to build URNs (`com.example`).
    pub namespace: String,
    /// What this mesh models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}

/// Every entity of one mesh file, in memory. Lists are sorted by name (ports by
/// product, name and version) so that everything built on a snapshot is deterministic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Mesh {
    /// The header.
    pub info: MeshInfo,
    /// People referenced by teams and products.
    pub people: Vec<Person>,
    /// Teams.
    pub teams: Vec<Team>,
    /// Domains.
    pub domains: Vec<Domain>,
    /// External source systems.
    pub source_systems: Vec<SourceSystem>,
    /// Data products.
    pub products: Vec<DataProduct>,
    /// Output ports of all products.
    pub output_ports: Vec<OutputPort>,
    /// Input ports (dependencies) of all products.
    pub input_ports: Vec<InputPort>,
    /// Contracts kept as their documents (attached to a port or not).
    #[serde(default)]
    pub contracts: Vec<Contract>,
    /// Canvas positions.
    pub positions: Vec<Position>,
}

impl Mesh {
    /// Where each entity placed in canvas `view` sits, by id.
    pub fn positions_in(&self, view: &str) -> HashMap<Uuid, (f64, f64)> {
        self.positions
            .iter()
            .filter(|p| p.view == view)
            .map(|p| (p.entity_id, (p.x, p.y)))
            .collect()
    }

    /// An empty mesh with this header.
    pub fn empty(info: MeshInfo) -> Self {
        Mesh {
            info,
            people: Vec::new(),
            teams: Vec::new(),
            domains: Vec::new(),
            source_systems: Vec::new(),
            products: Vec::new(),
            output_ports: Vec::new(),
            input_ports: Vec::new(),
            contracts: Vec::new(),
            positions: Vec::new(),
        }
    }

    /// Index of products by id.
    pub fn product_index(&self) -> HashMap<Uuid, &DataProduct> {
        self.products.iter().map(|p| (p.id, p)).collect()
    }

    /// The product with this slug name.
    pub fn product_by_name(&self, name: &str) -> Option<&DataProduct> {
        self.products.iter().find(|p| p.name == name)
    }

    /// Sorts every list into the canonical order the store also returns.
    pub fn sort(&mut self) {
        self.people.sort_by(|a, b| a.username.cmp(&b.username));
        self.teams.sort_by(|a, b| a.name.cmp(&b.name));
        self.domains.sort_by(|a, b| a.name.cmp(&b.name));
        self.source_systems.sort_by(|a, b| a.name.cmp(&b.name));
        self.products.sort_by(|a, b| a.name.cmp(&b.name));
        let order: HashMap<Uuid, usize> = self
            .products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let rank = |id: &Uuid| order.get(id).copied().unwrap_or(usize::MAX);
        // Cached keys: one hash lookup per port instead of one per comparison.
        self.output_ports
            .sort_by_cached_key(|p| (rank(&p.product_id), p.name.clone(), p.version.clone()));
        self.input_ports
            .sort_by_cached_key(|p| (rank(&p.product_id), p.name.clone()));
        self.contracts.sort_by(|a, b| {
            (&a.contract_id, &a.version, a.id).cmp(&(&b.contract_id, &b.version, b.id))
        });
        self.positions
            .sort_by(|a, b| (&a.view, a.entity_id).cmp(&(&b.view, b.entity_id)));
    }
}
