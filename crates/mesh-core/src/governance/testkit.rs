//! A tiny builder of hand-made meshes for rule tests: one team `team` owning domain
//! `d1`, products and ports with clean defaults (owned, described, public with an
//! active contract, classified, with freshness and availability), so that each test
//! adds only the smell it is about. Test-only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::context::Context;
use super::engine::run_rule;
use super::finding::Finding;
use super::rules;
use crate::model::{
    Archetype, ContractRef, DataProduct, DependencySource, Domain, InputPort, LogicalType, Mesh,
    MeshInfo, OutputPort, PortType, ProductDescription, SchemaObject, SchemaProperty, ServiceLevel,
    SourceSystem, Status, Team, Visibility,
};

/// The date tests treat as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

pub struct Kit {
    pub mesh: Mesh,
    /// The older mesh rules comparing contracts see, when set.
    pub baseline: Option<Mesh>,
    next: u128,
}

impl Kit {
    pub fn new() -> Kit {
        let mut k = Kit {
            mesh: Mesh::empty(MeshInfo {
                name: "test".into(),
                namespace: "com.example".into(),
                description: None,
                custom_properties: Vec::new(),
                extensions: BTreeMap::new(),
            }),
            baseline: None,
            next: 1,
        };
        k.team("team");
        k.domain("d1");
        k
    }

    fn id(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u128(self.next)
    }

    pub fn team(&mut self, name: &str) -> &mut Team {
        let id = self.id();
        self.mesh.teams.push(Team {
            id,
            name: name.into(),
            title: format!("Team {name}"),
            description: Some("A team.".into()),
            email: None,
            team_type: None,
            members: Vec::new(),
            custom_properties: Vec::new(),
            extensions: BTreeMap::new(),
        });
        self.mesh.teams.last_mut().unwrap()
    }

    pub fn team_id(&self, name: &str) -> Uuid {
        self.mesh.teams.iter().find(|t| t.name == name).unwrap().id
    }

    pub fn domain(&mut self, name: &str) -> &mut Domain {
        let id = self.id();
        let owner = self.team_id("team");
        self.mesh.domains.push(Domain {
            id,
            name: name.into(),
            title: format!("Domain {name}"),
            description: Some("A domain.".into()),
            parent_id: None,
            repo_folder: None,
            owner_team_id: Some(owner),
            links: Vec::new(),
            custom_properties: Vec::new(),
            extensions: BTreeMap::new(),
        });
        self.mesh.domains.last_mut().unwrap()
    }

    pub fn domain_id(&self, name: &str) -> Uuid {
        self.mesh
            .domains
            .iter()
            .find(|d| d.name == name)
            .unwrap()
            .id
    }

    pub fn product(&mut self, name: &str) -> &mut DataProduct {
        self.product_in(name, "d1")
    }

    pub fn product_in(&mut self, name: &str, domain: &str) -> &mut DataProduct {
        let id = self.id();
        let (domain_id, team) = (self.domain_id(domain), self.team_id("team"));
        self.mesh.products.push(DataProduct {
            id,
            name: name.into(),
            display_name: format!("Product {name}"),
            version: "1.0.0".into(),
            description: ProductDescription {
                purpose: Some("A purpose.".into()),
                usage: None,
                limitations: None,
            },
            domain_id,
            owner_team_id: Some(team),
            accountable_person_id: None,
            status: Status::Active,
            archetype: Some(Archetype::Aggregate),
            tags: Vec::new(),
            links: Vec::new(),
            custom_properties: Vec::new(),
            extensions: BTreeMap::new(),
        });
        self.mesh.products.last_mut().unwrap()
    }

    pub fn product_id(&self, name: &str) -> Uuid {
        self.mesh
            .products
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .id
    }

    pub fn product_mut(&mut self, name: &str) -> &mut DataProduct {
        self.mesh
            .products
            .iter_mut()
            .find(|p| p.name == name)
            .unwrap()
    }

    pub fn port(&mut self, product: &str, name: &str) -> &mut OutputPort {
        let id = self.id();
        let product_id = self.product_id(product);
        self.mesh.output_ports.push(OutputPort {
            id,
            product_id,
            name: name.into(),
            version: "v1".into(),
            port_type: PortType::Table,
            description: Some("A port.".into()),
            visibility: Visibility::Public,
            status: Status::Active,
            contract: Some(ContractRef {
                contract_id: format!("{product}-{name}"),
                version: Some("1.0.0".into()),
                status: Some(Status::Active),
            }),
            contains_pii: false,
            classification: Some("internal".into()),
            service_levels: vec![
                ServiceLevel {
                    property: "freshness".into(),
                    value: 1.0,
                    unit: Some("h".into()),
                    description: None,
                },
                ServiceLevel {
                    property: "availability".into(),
                    value: 99.9,
                    unit: Some("%".into()),
                    description: None,
                },
            ],
            contract_body: Default::default(),
            deprecation_date: None,
            successor_port_id: None,
            custom_properties: Vec::new(),
            extensions: BTreeMap::new(),
        });
        self.mesh.output_ports.last_mut().unwrap()
    }

    pub fn port_id(&self, product: &str, name: &str) -> Uuid {
        let pid = self.product_id(product);
        self.mesh
            .output_ports
            .iter()
            .find(|p| p.product_id == pid && p.name == name)
            .unwrap()
            .id
    }

    pub fn port_mut(&mut self, product: &str, name: &str) -> &mut OutputPort {
        let id = self.port_id(product, name);
        self.mesh
            .output_ports
            .iter_mut()
            .find(|p| p.id == id)
            .unwrap()
    }

    pub fn port_version_mut(&mut self, product: &str, name: &str, v: &str) -> &mut OutputPort {
        let pid = self.product_id(product);
        self.mesh
            .output_ports
            .iter_mut()
            .find(|p| p.product_id == pid && p.name == name && p.version == v)
            .unwrap()
    }

    fn input(&mut self, consumer: &str, name: String, source: DependencySource) -> &mut InputPort {
        let id = self.id();
        let product_id = self.product_id(consumer);
        self.mesh.input_ports.push(InputPort {
            id,
            product_id,
            name,
            description: None,
            source,
            custom_properties: Vec::new(),
            extensions: BTreeMap::new(),
        });
        self.mesh.input_ports.last_mut().unwrap()
    }

    /// `consumer` reads `provider`'s port `port`; the input is named `provider-port`.
    pub fn read(&mut self, consumer: &str, provider: &str, port: &str) -> &mut InputPort {
        let port_id = self.port_id(provider, port);
        self.input(
            consumer,
            format!("{provider}-{port}"),
            DependencySource::OutputPort { port_id },
        )
    }

    /// An input reading a port that does not exist.
    pub fn read_missing(&mut self, consumer: &str) -> &mut InputPort {
        let port_id = Uuid::from_u128(u128::MAX);
        self.input(
            consumer,
            "missing".into(),
            DependencySource::OutputPort { port_id },
        )
    }

    /// `consumer` reads source system `system` (created on first use).
    pub fn read_source(&mut self, consumer: &str, system: &str) -> &mut InputPort {
        let existing = self
            .mesh
            .source_systems
            .iter()
            .find(|s| s.name == system)
            .map(|s| s.id);
        let source_system_id = match existing {
            Some(id) => id,
            None => {
                let id = self.id();
                self.mesh.source_systems.push(SourceSystem {
                    id,
                    name: system.into(),
                    description: None,
                    system_type: None,
                    custom_properties: Vec::new(),
                    extensions: BTreeMap::new(),
                });
                id
            }
        };
        self.input(
            consumer,
            system.into(),
            DependencySource::SourceSystem { source_system_id },
        )
    }

    /// Sets the object `object` of the port's contract (added, or replaced when it has
    /// one of that name) to `columns`, each `"name type [pk] [req] [pii]"`.
    pub fn object(&mut self, product: &str, port: &str, object: &str, columns: &[&str]) {
        let properties = columns
            .iter()
            .map(|c| {
                let mut words = c.split_whitespace();
                let name = words.next().unwrap();
                let logical = LogicalType::parse(words.next().unwrap()).unwrap();
                let mut p = SchemaProperty::new(name, logical);
                for flag in words {
                    match flag {
                        "pk" => p.primary_key = Some(true),
                        "req" => p.required = Some(true),
                        "pii" => p.personal_data = true,
                        other => panic!("unknown flag {other}"),
                    }
                }
                p
            })
            .collect();
        let schema = &mut self.port_mut(product, port).contract_body.schema;
        let o = SchemaObject {
            name: object.into(),
            properties,
            ..SchemaObject::default()
        };
        match schema.iter_mut().find(|x| x.name == object) {
            Some(x) => *x = o,
            None => schema.push(o),
        }
    }

    /// Keeps the mesh as it is now as the baseline later runs compare with.
    pub fn keep_baseline(&mut self) {
        self.baseline = Some(self.mesh.clone());
    }

    /// Runs one built-in rule with its default parameters.
    pub fn run(&self, rule: &str) -> Vec<Finding> {
        self.run_with(rule, serde_json::json!({}))
    }

    /// Runs one built-in rule with these parameter overrides.
    pub fn run_with(&self, rule: &str, params: serde_json::Value) -> Vec<Finding> {
        let r = rules::find(rule).unwrap_or_else(|| panic!("no rule {rule}"));
        let overrides: BTreeMap<String, serde_json::Value> =
            serde_json::from_value(params).unwrap();
        let params = r.resolve(&overrides).unwrap();
        let mut mesh = self.mesh.clone();
        mesh.sort();
        let mut cx = Context::new(&mesh, today());
        cx.baseline = self.baseline.as_ref();
        let mut found = run_rule(&cx, r, &params, r.severity);
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        found
    }

    /// The entity names of one rule's findings, sorted.
    pub fn names(&self, rule: &str) -> Vec<String> {
        let mut names: Vec<String> = self.run(rule).into_iter().map(|f| f.entity.name).collect();
        names.sort();
        names
    }
}
