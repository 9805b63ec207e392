//! The synthetic data products and their output ports, laid out in layers: all
//! source-aligned products first, then aggregates, then consumer-aligned ones, so that
//! wiring dependencies only backwards keeps the graph acyclic.
//!
//! Builds model values from the seeded RNG only; no I/O, no store access, no
//! dependencies (see `deps`).

use std::ops::Range;

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::names::{self, AREAS, Suffix};
use super::org::Org;
use super::schema;
use super::util::{SlugSet, pick, title_case, uuid, weighted, words};
use crate::model::{
    Archetype, ContractRef, DataProduct, OutputPort, PortType, ProductDescription, ServiceLevel,
    Status, Visibility,
};

/// Share of source-aligned products.
const SOURCE_SHARE: f64 = 0.40;
/// Share of aggregates; the rest (about 25%) is consumer-aligned.
const AGGREGATE_SHARE: f64 = 0.35;
/// Odds that a product is owned by its domain's owner team rather than another team.
const DOMAIN_OWNER_SHARE: f64 = 0.7;
/// Odds that a product's entity comes from its domain's area rather than the generic list.
const AREA_ENTITY_SHARE: f64 = 0.75;
/// Odds that a multi-port product serves its first port in two versions, the old one
/// deprecated.
const VERSIONED_SHARE: f64 = 0.08;
/// Draws of entity and suffix looking for a product name not yet taken.
const SUBJECT_DRAWS: usize = 4;
/// Share of output ports behind a data contract.
const CONTRACT_SHARE: f64 = 0.7;
/// Share of output ports that promise service levels.
const SERVICE_LEVEL_SHARE: f64 = 0.85;

/// Products and output ports plus the indices wiring needs. Product `i`'s ports are
/// `ports[port_start[i]..port_start[i + 1]]`.
#[derive(Debug)]
pub(super) struct Catalog {
    /// Products: source-aligned, then aggregates, then consumer-aligned.
    pub products: Vec<DataProduct>,
    /// Output ports, grouped by product.
    pub ports: Vec<OutputPort>,
    /// Domain index per product.
    pub domain_of: Vec<usize>,
    /// Owner team index per product.
    pub team_of: Vec<Option<usize>>,
    /// Where each product's ports start in `ports`, plus one end marker.
    pub port_start: Vec<usize>,
    /// Number of source-aligned products (indices `0..n_source`).
    pub n_source: usize,
    /// Number of aggregates (the indices right after the source-aligned ones).
    pub n_aggregate: usize,
}

impl Catalog {
    /// Number of products.
    pub(super) fn len(&self) -> usize {
        self.products.len()
    }

    /// The archetype product `i` was laid out as.
    pub(super) fn archetype(&self, i: usize) -> Archetype {
        if i < self.n_source {
            Archetype::SourceAligned
        } else if i < self.n_source + self.n_aggregate {
            Archetype::Aggregate
        } else {
            Archetype::ConsumerAligned
        }
    }

    /// Indices of product `i`'s output ports.
    pub(super) fn ports_of(&self, i: usize) -> Range<usize> {
        self.port_start[i]..self.port_start[i + 1]
    }
}

/// What one product is about, shared by the product and its ports.
struct Subject {
    archetype: Archetype,
    domain: usize,
    entity: &'static str,
    suffix: &'static Suffix,
}

/// Builds `n` products spread over the organisation's domains, with their ports.
pub(super) fn build(rng: &mut ChaCha8Rng, org: &Org, n: usize) -> Catalog {
    let (n_source, n_aggregate) = layer_sizes(n);
    let domain_of = assign_domains(rng, n, org.domains.len());
    let mut catalog = Catalog {
        products: Vec::with_capacity(n),
        ports: Vec::with_capacity(n * 3 / 2),
        domain_of,
        team_of: Vec::with_capacity(n),
        port_start: Vec::with_capacity(n + 1),
        n_source,
        n_aggregate,
    };
    let mut slugs = SlugSet::default();
    for i in 0..n {
        let subject = fresh_subject(rng, org, catalog.domain_of[i], catalog.archetype(i), &slugs);
        let team = owner_team(rng, org, subject.domain);
        let product = product(rng, org, &subject, team, &mut slugs);
        catalog.port_start.push(catalog.ports.len());
        catalog.ports.extend(ports(rng, &product, &subject));
        catalog.team_of.push(Some(team));
        catalog.products.push(product);
    }
    catalog.port_start.push(catalog.ports.len());
    catalog
}

/// How many source-aligned products and aggregates `n` products hold; at least one
/// source-aligned product so that anything has something to read.
fn layer_sizes(n: usize) -> (usize, usize) {
    let source = ((n as f64 * SOURCE_SHARE).round() as usize).clamp(n.min(1), n);
    let aggregate = ((n as f64 * AGGREGATE_SHARE).round() as usize).min(n - source);
    (source, aggregate)
}

/// A domain per product: every domain gets one while there are enough products, the
/// rest follow domain weights so that domain sizes vary; shuffled so that each domain
/// mixes archetypes.
fn assign_domains(rng: &mut ChaCha8Rng, n: usize, n_domains: usize) -> Vec<usize> {
    let mut cumulative = Vec::with_capacity(n_domains);
    let mut total = 0.0;
    for _ in 0..n_domains {
        total += 0.4 + 1.6 * rng.random::<f64>();
        cumulative.push(total);
    }
    let mut out: Vec<usize> = (0..n.min(n_domains)).collect();
    while out.len() < n {
        let x = rng.random::<f64>() * total;
        out.push(cumulative.partition_point(|&c| c <= x).min(n_domains - 1));
    }
    out.shuffle(rng);
    out
}

/// A subject whose product name is still free when one turns up in a few draws, so that
/// numbered names stay rare.
fn fresh_subject(
    rng: &mut ChaCha8Rng,
    org: &Org,
    domain: usize,
    archetype: Archetype,
    slugs: &SlugSet,
) -> Subject {
    let mut s = subject(rng, org, domain, archetype);
    for _ in 0..SUBJECT_DRAWS {
        if slugs.is_free(&product_slug(org, &s)) {
            break;
        }
        s = subject(rng, org, domain, archetype);
    }
    s
}

/// "<domain>-<entity>-<suffix>", before it is made unique.
fn product_slug(org: &Org, s: &Subject) -> String {
    format!(
        "{}-{}-{}",
        org.domains[s.domain].name, s.entity, s.suffix.slug
    )
}

fn subject(rng: &mut ChaCha8Rng, org: &Org, domain: usize, archetype: Archetype) -> Subject {
    let area = &AREAS[org.domain_area[domain]];
    let entity = if rng.random_bool(AREA_ENTITY_SHARE) {
        *pick(rng, area.entities)
    } else {
        *pick(rng, names::GENERIC_ENTITIES)
    };
    let suffixes = match archetype {
        Archetype::SourceAligned => names::SOURCE_SUFFIXES,
        Archetype::Aggregate => names::AGGREGATE_SUFFIXES,
        Archetype::ConsumerAligned => names::CONSUMER_SUFFIXES,
    };
    Subject {
        archetype,
        domain,
        entity,
        suffix: pick(rng, suffixes),
    }
}

/// The domain's owner team most of the time, else another team working in the domain.
fn owner_team(rng: &mut ChaCha8Rng, org: &Org, domain: usize) -> usize {
    let teams = &org.domain_teams[domain];
    if teams.len() == 1 || rng.random_bool(DOMAIN_OWNER_SHARE) {
        teams[0]
    } else {
        teams[rng.random_range(1..teams.len())]
    }
}

fn product(
    rng: &mut ChaCha8Rng,
    org: &Org,
    s: &Subject,
    team: usize,
    slugs: &mut SlugSet,
) -> DataProduct {
    let domain = &org.domains[s.domain];
    let status = weighted(
        rng,
        &[
            (Status::Active, 80),
            (Status::Development, 9),
            (Status::Proposed, 5),
            (Status::Deprecated, 6),
        ],
    );
    DataProduct {
        id: uuid(rng),
        name: slugs.claim(&product_slug(org, s)),
        display_name: format!(
            "{} {} {}",
            domain.title,
            title_case(s.entity),
            s.suffix.title
        ),
        version: version(rng, status),
        description: ProductDescription {
            purpose: Some(purpose(s, &domain.title)),
            usage: None,
            limitations: None,
        },
        domain_id: domain.id,
        owner_team_id: Some(org.teams[team].id),
        accountable_person_id: Some(pick(rng, &org.teams[team].members).person_id),
        status,
        archetype: Some(s.archetype),
        tags: tags(rng, s.archetype),
        links: Vec::new(),
        custom_properties: Vec::new(),
        extensions: Default::default(),
    }
}

/// A semantic version that fits the status: 0.x while not yet in production.
fn version(rng: &mut ChaCha8Rng, status: Status) -> String {
    match status {
        Status::Proposed => "0.1.0".to_owned(),
        Status::Development => {
            format!("0.{}.{}", rng.random_range(1..10), rng.random_range(0..10))
        }
        _ => format!(
            "{}.{}.{}",
            rng.random_range(1..=3),
            rng.random_range(0..=12),
            rng.random_range(0..=9)
        ),
    }
}

fn purpose(s: &Subject, domain_title: &str) -> String {
    let entity = words(s.entity);
    let shape = s.suffix.shape;
    match s.archetype {
        Archetype::SourceAligned => format!(
            "Captures {entity} from the operational systems of {domain_title} {shape}, so \
             that nobody downstream has to read those systems directly."
        ),
        Archetype::Aggregate => format!(
            "Combines {entity} from upstream data products into one trusted view for \
             {domain_title}, {shape}."
        ),
        Archetype::ConsumerAligned => format!(
            "Serves {entity} {shape}, shaped for the people and applications in \
             {domain_title} that decide with them."
        ),
    }
}

/// The archetype's medallion tag plus up to two free tags.
fn tags(rng: &mut ChaCha8Rng, archetype: Archetype) -> Vec<String> {
    let medallion = match archetype {
        Archetype::SourceAligned => "bronze",
        Archetype::Aggregate => "silver",
        Archetype::ConsumerAligned => "gold",
    };
    let mut tags = vec![medallion.to_owned()];
    for _ in 0..rng.random_range(0..=2) {
        let tag = *pick(rng, names::TAGS);
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// One to three output ports (1.5 on average); now and then the first port is served
/// in a deprecated version 1 and its successor version 2.
fn ports(rng: &mut ChaCha8Rng, product: &DataProduct, s: &Subject) -> Vec<OutputPort> {
    let count = weighted(rng, &[(1usize, 60), (2, 30), (3, 10)]);
    let versioned =
        count >= 2 && product.status == Status::Active && rng.random_bool(VERSIONED_SHARE);
    let mut out: Vec<OutputPort> = Vec::with_capacity(count);
    for j in 0..count {
        if versioned && j == 1 {
            let successor = successor_version(rng, &mut out[0]);
            out.push(successor);
        } else {
            let port = port(rng, product, s, j, &out);
            out.push(port);
        }
    }
    out
}

fn port(
    rng: &mut ChaCha8Rng,
    product: &DataProduct,
    s: &Subject,
    j: usize,
    siblings: &[OutputPort],
) -> OutputPort {
    let port_type = port_type(rng, s.archetype);
    let (name, phrase) = port_name(rng, s.entity, port_type, j, siblings);
    let visibility = if j == 0 {
        weighted(rng, &[(Visibility::Public, 85), (Visibility::Domain, 15)])
    } else {
        weighted(
            rng,
            &[
                (Visibility::Public, 70),
                (Visibility::Domain, 20),
                (Visibility::Private, 10),
            ],
        )
    };
    let version = format!("1.{}.0", rng.random_range(0..5));
    let deprecated = product.status == Status::Deprecated;
    let contract = rng.random_bool(CONTRACT_SHARE).then(|| ContractRef {
        contract_id: format!("{}:{name}", product.name),
        version: Some(version.clone()),
        status: Some(contract_status(product.status)),
    });
    let (contains_pii, classification) = privacy(rng, s.entity);
    let id = uuid(rng);
    let contract_body = contract
        .as_ref()
        .map(|_| schema::body(s.entity, &name, id, contains_pii))
        .unwrap_or_default();
    OutputPort {
        id,
        product_id: product.id,
        description: Some(format!(
            "{phrase} of {} from {}.",
            words(s.entity),
            product.display_name
        )),
        name,
        version,
        port_type,
        visibility,
        status: product.status,
        contract,
        contains_pii,
        classification,
        service_levels: service_levels(rng, port_type),
        contract_body,
        deprecation_date: deprecated.then(|| deprecation_date(rng)),
        successor_port_id: None,
        custom_properties: Vec::new(),
        extensions: Default::default(),
    }
}

/// Version 2 of `old`, which becomes deprecated in its favour.
fn successor_version(rng: &mut ChaCha8Rng, old: &mut OutputPort) -> OutputPort {
    let mut new = old.clone();
    new.id = uuid(rng);
    new.version = "2.0.0".to_owned();
    if let Some(c) = &mut new.contract {
        c.version = Some(new.version.clone());
    }
    deprecate(rng, old, Some(new.id));
    new
}

/// Marks a port deprecated, with a date and the port consumers should move to.
pub(super) fn deprecate(
    rng: &mut ChaCha8Rng,
    port: &mut OutputPort,
    successor: Option<uuid::Uuid>,
) {
    port.status = Status::Deprecated;
    port.deprecation_date = Some(deprecation_date(rng));
    port.successor_port_id = successor;
    if let Some(c) = &mut port.contract {
        c.status = Some(Status::Deprecated);
    }
}

/// A day in 2026; fixed rather than taken from the clock so that seeds repeat.
fn deprecation_date(rng: &mut ChaCha8Rng) -> NaiveDate {
    let (month, day) = (rng.random_range(1..=12), rng.random_range(1..=28));
    NaiveDate::from_ymd_opt(2026, month, day).unwrap_or(NaiveDate::MIN)
}

fn port_type(rng: &mut ChaCha8Rng, archetype: Archetype) -> PortType {
    match archetype {
        Archetype::SourceAligned => weighted(rng, &[(PortType::Stream, 55), (PortType::Table, 45)]),
        Archetype::Aggregate => PortType::Table,
        Archetype::ConsumerAligned => weighted(
            rng,
            &[
                (PortType::Api, 35),
                (PortType::File, 25),
                (PortType::Table, 40),
            ],
        ),
    }
}

/// "<entity>-<word>" with a word of the port type its siblings do not use yet (a number
/// after it once all are used), and the phrase describing that kind of port.
fn port_name(
    rng: &mut ChaCha8Rng,
    entity: &str,
    port_type: PortType,
    j: usize,
    siblings: &[OutputPort],
) -> (String, &'static str) {
    let kinds: Vec<(&str, &str)> = names::PORT_KINDS
        .iter()
        .filter(|k| k.0 == port_type)
        .map(|&(_, word, phrase)| (word, phrase))
        .collect();
    let Some(&(first_word, first_phrase)) = kinds.first() else {
        return (format!("{entity}-data-{}", j + 1), "Data");
    };
    let start = rng.random_range(0..kinds.len());
    for offset in 0..kinds.len() {
        let (word, phrase) = kinds[(start + offset) % kinds.len()];
        let name = format!("{entity}-{word}");
        if !siblings.iter().any(|p| p.name == name) {
            return (name, phrase);
        }
    }
    (format!("{entity}-{first_word}-{}", j + 1), first_phrase)
}

fn contract_status(product: Status) -> Status {
    match product {
        Status::Proposed | Status::Draft | Status::Development => Status::Draft,
        other => other,
    }
}

/// Whether the port holds personal data and its classification; entities about people
/// hold it far more often.
fn privacy(rng: &mut ChaCha8Rng, entity: &str) -> (bool, Option<String>) {
    let odds = if names::PII_ENTITIES.contains(&entity) {
        0.5
    } else {
        0.08
    };
    if rng.random_bool(odds) {
        let class = weighted(rng, &[("confidential", 70), ("restricted", 30)]);
        (true, Some(class.to_owned()))
    } else {
        let class = weighted(
            rng,
            &[(Some("internal"), 70), (Some("public"), 15), (None, 15)],
        );
        (false, class.map(str::to_owned))
    }
}

/// Freshness (hours) and availability (%) fitting the port type.
fn service_levels(rng: &mut ChaCha8Rng, t: PortType) -> Vec<ServiceLevel> {
    if !rng.random_bool(SERVICE_LEVEL_SHARE) {
        return Vec::new();
    }
    let freshness: &[f64] = match t {
        PortType::Stream => &[0.25, 0.5, 1.0],
        PortType::Api => &[1.0, 4.0],
        _ => &[1.0, 6.0, 12.0, 24.0],
    };
    let level = |property: &str, value: f64, unit: &str| ServiceLevel {
        property: property.to_owned(),
        value,
        unit: Some(unit.to_owned()),
        description: None,
    };
    vec![
        level("freshness", *pick(rng, freshness), "h"),
        level("availability", *pick(rng, &[99.0, 99.5, 99.9, 99.95]), "%"),
    ]
}
