//! Manifests checked where they are: the files of a domain repository (or several) read
//! into a model in memory, as an import into a new mesh reads them (lenient reading,
//! references to providers no file holds kept unresolved), with, for each entity, the
//! file that declares it; and, for each finding of a check of that model, the line and
//! column of the field the finding concerns in that file, so `meshwright check PATH`
//! reports `orders.odps.yaml:12:3: error DM-OWN-001 …` and code scanning annotates it.
//!
//! Each format says where a field sits in its documents (`team` in ODPS,
//! `info.domain` in DPDS, `spec.owner` of the product's System in Backstage); `locate`
//! finds the line. It must not write anything: no mesh file, no manifest.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;
use uuid::Uuid;

use super::detect::Detected;
use super::source::{SourceDocument, Sources};
use super::{ImportError, locate, run};
use crate::governance::report::Place;
use crate::governance::{Concern, Report, concern};
use crate::model::{EntityKind, InputPort, Mesh, MeshInfo, OutputPort};

/// A mesh read from manifests into memory, with where each entity is declared.
#[derive(Debug)]
pub struct ManifestModel {
    /// The model, as an import into a new mesh would make it.
    pub mesh: Mesh,
    /// Every file the documents came from, in path order.
    pub files: Vec<PathBuf>,
    /// Files in the folders that hold no manifest, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// What was kept without a place (unresolved references), with file and field:
    /// the governance rules report them too.
    pub warnings: Vec<ImportError>,
    /// The file that declares each entity (the first, when several do).
    declared: HashMap<Uuid, PathBuf>,
    /// The documents of each file, in file order.
    documents: HashMap<PathBuf, Vec<(Detected, Value)>>,
    /// The ODCS file of each contract id, where a port's service levels and
    /// classification are written.
    contracts: HashMap<String, PathBuf>,
}

impl ManifestModel {
    /// Reads what `sources` hold into a model with header `info`; a file the import
    /// would refuse (a field of the wrong type, an unreadable file) is an error, all of
    /// them together.
    pub fn read(info: &MeshInfo, sources: Sources) -> Result<ManifestModel, Vec<ImportError>> {
        let plan = run::prepare(&Mesh::empty(info.clone()), &sources.documents, false)?;
        let mesh = run::mesh_of(info, &plan);
        let files = sources.files();
        let mut declared = HashMap::new();
        for entity in &plan.entities {
            declared
                .entry(entity.id)
                .or_insert_with(|| entity.path.clone());
        }
        let mut documents: HashMap<PathBuf, Vec<(Detected, Value)>> = HashMap::new();
        let mut contracts = HashMap::new();
        for SourceDocument {
            path,
            format,
            value,
            ..
        } in sources.documents
        {
            if format == Detected::Odcs
                && let Some(id) = value.get("id").and_then(Value::as_str)
            {
                contracts
                    .entry(id.to_owned())
                    .or_insert_with(|| path.clone());
            }
            documents.entry(path).or_default().push((format, value));
        }
        Ok(ManifestModel {
            mesh,
            files,
            skipped: sources.skipped,
            warnings: plan.warnings,
            declared,
            documents,
            contracts,
        })
    }

    /// The place of each finding of `report` (a check of [`Self::mesh`]), in its order:
    /// the file that declares the entity, at the line and column of the field the
    /// finding concerns (or of the entity, when the file does not hold that field).
    /// Findings of no entity a file declares (a metric over the mesh, the policy's own)
    /// have none.
    pub fn places(&self, report: &Report) -> Vec<Option<Place>> {
        let index = Index::of(&self.mesh);
        let mut wanted: Vec<ImportError> = Vec::new();
        let mut of_finding = Vec::with_capacity(report.findings.len());
        for f in &report.findings {
            let target = f.entity.id.and_then(|id| {
                self.field(
                    &index,
                    f.entity.kind,
                    id,
                    concern(&f.rule_id, f.entity.kind),
                )
            });
            of_finding.push(target.map(|(path, field)| {
                wanted.push(ImportError::field(path, field, String::new()));
                wanted.len() - 1
            }));
        }
        locate::locate(&mut wanted);
        of_finding
            .into_iter()
            .map(|i| {
                let e = &wanted[i?];
                Some(Place {
                    path: e.path.clone(),
                    line: e.line,
                    column: e.column,
                    field: e.field.clone().filter(|f| !f.is_empty()),
                })
            })
            .collect()
    }

    /// The file and dotted field where `concern` of entity `id` is written.
    fn field(
        &self,
        index: &Index<'_>,
        kind: EntityKind,
        id: Uuid,
        concern: Concern,
    ) -> Option<(PathBuf, String)> {
        if kind == EntityKind::OutputPort
            && matches!(concern, Concern::ServiceLevels | Concern::Classification)
        {
            // What a port promises is written in its contract, when the folder has it.
            let port = index.ports.get(&id)?;
            let file = port
                .contract
                .as_ref()
                .and_then(|c| self.contracts.get(&c.contract_id));
            if let Some(file) = file {
                return Some((file.clone(), odcs_port(concern).to_owned()));
            }
        }
        let path = self.declared.get(&id)?;
        let documents = self.documents.get(path)?;
        let (format, value) = documents.first()?;
        let field = match format {
            Detected::Odps => odps(index, kind, id, concern, value),
            Detected::Odcs => Some(odcs_port(concern).to_owned()),
            Detected::Dpds => dpds(index, kind, id, concern, value),
            Detected::Backstage => backstage(index, kind, id, concern),
            Detected::Datahub => datahub(index, kind, id, concern),
            Detected::Dcs | Detected::OdcsV2 => None,
        };
        Some((path.clone(), field.unwrap_or_default()))
    }
}

/// The model's entities by id, built once per call of `places`.
struct Index<'m> {
    ports: HashMap<Uuid, &'m OutputPort>,
    inputs: HashMap<Uuid, &'m InputPort>,
    products: HashMap<Uuid, &'m str>,
}

impl<'m> Index<'m> {
    fn of(mesh: &'m Mesh) -> Self {
        Index {
            ports: mesh.output_ports.iter().map(|p| (p.id, p)).collect(),
            inputs: mesh.input_ports.iter().map(|p| (p.id, p)).collect(),
            products: mesh
                .products
                .iter()
                .map(|p| (p.id, p.name.as_str()))
                .collect(),
        }
    }
}

/// The index of the item of `list` named `name` (as written, or as the slug the import
/// made of it), the one of `version` first when several share the name. The import
/// names the second of two items called `payments` `payments-2`: that is the second.
fn item(list: Option<&Value>, name: &str, version: Option<&str>) -> Option<usize> {
    let items = list?.as_array()?;
    let named = |item: &Value, name: &str| {
        item.get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| n == name || super::slugify(n) == name)
    };
    let versioned = |item: &Value| {
        version.is_none_or(|v| item.get("version").and_then(Value::as_str) == Some(v))
    };
    let found = items
        .iter()
        .position(|i| named(i, name) && versioned(i))
        .or_else(|| items.iter().position(|i| named(i, name)));
    found.or_else(|| {
        let (base, n) = name.rsplit_once('-')?;
        let nth = n.parse::<usize>().ok()?.checked_sub(1)?;
        let (i, _) = items
            .iter()
            .enumerate()
            .filter(|(_, i)| named(i, base))
            .nth(nth)?;
        Some(i)
    })
}

/// ODPS: a product file, its ports in `outputPorts` and `inputPorts`, its domain and
/// team by name.
fn odps(
    index: &Index<'_>,
    kind: EntityKind,
    id: Uuid,
    concern: Concern,
    doc: &Value,
) -> Option<String> {
    let field = match kind {
        EntityKind::Product => match concern {
            Concern::Owner => "team",
            Concern::Domain => "domain",
            Concern::Description => "description.purpose",
            Concern::Status => "status",
            Concern::Version => "version",
            Concern::Inputs => "inputPorts",
            Concern::Outputs => "outputPorts",
            _ => "name",
        }
        .to_owned(),
        EntityKind::OutputPort => {
            let port = index.ports.get(&id)?;
            let i = item(doc.get("outputPorts"), &port.name, Some(&port.version))?;
            let key = match concern {
                Concern::Contract | Concern::ServiceLevels => "contractId",
                Concern::Description => "description",
                Concern::Version => "version",
                Concern::Status => "customProperties[status]",
                Concern::Classification => "customProperties[classification]",
                Concern::Deprecation => "customProperties[deprecationDate]",
                _ => "name",
            };
            format!("outputPorts[{i}].{key}")
        }
        EntityKind::InputPort => {
            let input = index.inputs.get(&id)?;
            let i = item(doc.get("inputPorts"), &input.name, None)?;
            let key = match concern {
                Concern::Provider => "contractId",
                _ => "name",
            };
            format!("inputPorts[{i}].{key}")
        }
        EntityKind::Domain => "domain".to_owned(),
        EntityKind::Team => match concern {
            Concern::Description => "team.description",
            Concern::Title => "team.customProperties[title]",
            _ => "team.name",
        }
        .to_owned(),
        EntityKind::Person => "team.members".to_owned(),
        _ => return None,
    };
    Some(field)
}

/// ODCS: where a port's contract writes what the finding is about.
fn odcs_port(concern: Concern) -> &'static str {
    match concern {
        Concern::ServiceLevels => "slaProperties",
        Concern::Classification => "customProperties[classification]",
        Concern::Status => "status",
        Concern::Version => "version",
        Concern::Description => "description.purpose",
        _ => "id",
    }
}

/// DPDS: a descriptor per product, `info` and `interfaceComponents`.
fn dpds(
    index: &Index<'_>,
    kind: EntityKind,
    id: Uuid,
    concern: Concern,
    doc: &Value,
) -> Option<String> {
    let ports = |list: &str| doc.pointer(&format!("/interfaceComponents/{list}"));
    let field = match kind {
        EntityKind::Product => match concern {
            Concern::Owner => "info.owner",
            Concern::Domain => "info.domain",
            Concern::Description => "info.description",
            Concern::Title => "info.displayName",
            Concern::Status => "info.x-status",
            Concern::Version => "info.version",
            Concern::Inputs => "interfaceComponents.inputPorts",
            Concern::Outputs => "interfaceComponents.outputPorts",
            _ => "info.name",
        }
        .to_owned(),
        EntityKind::OutputPort => {
            let port = index.ports.get(&id)?;
            let i = item(ports("outputPorts"), &port.name, Some(&port.version))?;
            let key = match concern {
                Concern::Contract | Concern::ServiceLevels => "promises",
                Concern::Description => "description",
                Concern::Version => "version",
                Concern::Status => "x-status",
                _ => "name",
            };
            format!("interfaceComponents.outputPorts[{i}].{key}")
        }
        EntityKind::InputPort => {
            let input = index.inputs.get(&id)?;
            let i = item(ports("inputPorts"), &input.name, None)?;
            format!("interfaceComponents.inputPorts[{i}].x-dependsOn")
        }
        EntityKind::Domain => "info.domain".to_owned(),
        EntityKind::Team => "info.x-team".to_owned(),
        _ => return None,
    };
    Some(field)
}

/// Backstage: each entity its own document, picked by `Kind[name]`; ports are APIs
/// named `product.port.version`, inputs the product Component's `consumesApis`.
fn backstage(index: &Index<'_>, kind: EntityKind, id: Uuid, concern: Concern) -> Option<String> {
    let product = |pid: &Uuid| index.products.get(pid).copied();
    let meta = |concern: Concern| match concern {
        Concern::Description => "metadata.description",
        Concern::Title => "metadata.title",
        Concern::Status => "metadata.annotations.meshwright.dev/status",
        Concern::Owner => "spec.owner",
        Concern::Domain => "spec.domain",
        _ => "metadata.name",
    };
    let field = match kind {
        EntityKind::Product => {
            let name = product(&id)?;
            match concern {
                Concern::Inputs => format!("Component[{name}].spec.consumesApis"),
                Concern::Outputs => format!("Component[{name}].spec.providesApis"),
                c => format!("System[{name}].{}", meta(c)),
            }
        }
        EntityKind::OutputPort => {
            let port = index.ports.get(&id)?;
            let name = product(&port.product_id)?;
            format!(
                "API[{name}.{}.{}].{}",
                port.name,
                port.version,
                meta(concern)
            )
        }
        EntityKind::InputPort => {
            let input = index.inputs.get(&id)?;
            format!(
                "Component[{}].spec.consumesApis",
                product(&input.product_id)?
            )
        }
        _ => return None,
    };
    Some(field)
}

/// DataHub: a product file; ports and inputs are `properties` records.
fn datahub(index: &Index<'_>, kind: EntityKind, id: Uuid, concern: Concern) -> Option<String> {
    let field = match kind {
        EntityKind::Product => match concern {
            Concern::Owner => "owners",
            Concern::Domain => "domain",
            Concern::Description => "description",
            Concern::Title => "display_name",
            Concern::Status => "properties.lifecycle",
            Concern::Version => "properties.version",
            Concern::Inputs => "properties",
            Concern::Outputs => "output_ports",
            _ => "id",
        }
        .to_owned(),
        EntityKind::OutputPort => {
            let port = index.ports.get(&id)?;
            format!("properties.port.{}.{}", port.name, port.version)
        }
        EntityKind::InputPort => {
            let input = index.inputs.get(&id)?;
            format!("properties.input.{}", input.name)
        }
        EntityKind::Domain => "domain".to_owned(),
        _ => return None,
    };
    Some(field)
}
