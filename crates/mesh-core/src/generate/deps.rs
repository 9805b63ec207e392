//! Wires the synthetic products together with input ports: source-aligned products read
//! source systems, aggregates read source-aligned products and earlier aggregates,
//! consumer-aligned products read both. Providers always come earlier in the layout, so
//! the graph stays acyclic; `smells` adds the one deliberate cycle afterwards.
//!
//! Providers are drawn from power-law pools (mostly from the consumer's own domain), so
//! fan-in is heavy-tailed. Everything is index-based and linear in the number of
//! dependencies. No I/O, no store access.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::pool::Pool;
use super::products::Catalog;
use super::util::{free_slug, stochastic_round, uuid, weighted};
use crate::model::{
    Archetype, DependencySource, InputPort, OutputPort, SourceSystem, Status, Visibility,
};

/// Product-to-product dependencies per product, over the whole mesh.
const DEPS_PER_PRODUCT: f64 = 4.0;
/// Most product dependencies one product declares.
const MAX_DEPS: usize = 60;
/// Odds that a draw looks in the consumer's own domain when it has candidates. Set above
/// the intended 70% of in-domain dependencies because small domain pools more often
/// offer a provider already chosen, and those draws are redone.
const LOCAL_SHARE: f64 = 0.8;
/// Share of an aggregate's dependencies on other aggregates.
const AGGREGATE_READS_AGGREGATE: f64 = 0.3;
/// Share of a consumer-aligned product's dependencies on aggregates.
const CONSUMER_READS_AGGREGATE: f64 = 0.6;
/// How steeply popularity falls with rank mesh-wide: the few stars of the mesh.
const GLOBAL_EXPONENT: f64 = 0.9;
/// How steeply popularity falls with rank within a domain: milder, since a domain's
/// consumers know and read most of its products.
const LOCAL_EXPONENT: f64 = 0.6;
/// Odds that a source-aligned product reads one of its domain's usual systems.
const HOME_SYSTEM_SHARE: f64 = 0.8;

/// The input ports of every product and how many consumers each output port has.
#[derive(Debug)]
pub(super) struct Wiring {
    /// Input ports, grouped by consuming product except the few `smells` appends.
    pub inputs: Vec<InputPort>,
    /// Consumers per output port, by index into `Catalog::ports`.
    pub port_consumers: Vec<u32>,
}

/// Candidate providers: source-aligned (layer 0) and aggregates (layer 1), per domain
/// and mesh-wide.
struct Pools {
    local: [Vec<Pool>; 2],
    global: [Pool; 2],
}

impl Pools {
    fn new(n_domains: usize) -> Self {
        let local = Pool::new(LOCAL_EXPONENT);
        Pools {
            local: [vec![local.clone(); n_domains], vec![local; n_domains]],
            global: [Pool::new(GLOBAL_EXPONENT), Pool::new(GLOBAL_EXPONENT)],
        }
    }

    fn add(&mut self, layer: usize, domain: usize, product: usize) {
        self.local[layer][domain].push(product);
        self.global[layer].push(product);
    }
}

/// Wires every product; `excluded` (the deliberate orphan) is never offered as a
/// provider, and neither are proposed products, which do not exist yet.
pub(super) fn build(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    systems: &[SourceSystem],
    n_domains: usize,
    excluded: Option<usize>,
) -> Wiring {
    let mut wiring = Wiring {
        inputs: Vec::with_capacity(catalog.len() * 5),
        port_consumers: vec![0; catalog.ports.len()],
    };
    read_systems(rng, catalog, systems, n_domains, &mut wiring);
    let counts = plan_counts(rng, catalog);
    let offered = |i: usize| Some(i) != excluded && catalog.products[i].status != Status::Proposed;
    let mut pools = Pools::new(n_domains);
    for i in (0..catalog.n_source).filter(|&i| offered(i)) {
        pools.add(0, catalog.domain_of[i], i);
    }
    for i in catalog.n_source..catalog.len() {
        let want = counts[i - catalog.n_source];
        wire_product(rng, catalog, &pools, n_domains, i, want, &mut wiring);
        if catalog.archetype(i) == Archetype::Aggregate && offered(i) {
            pools.add(1, catalog.domain_of[i], i);
        }
    }
    wiring
}

/// Gives each source-aligned product one to three source systems, mostly from the two
/// its domain usually reads.
fn read_systems(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    systems: &[SourceSystem],
    n_domains: usize,
    wiring: &mut Wiring,
) {
    if systems.is_empty() {
        return;
    }
    let homes: Vec<[usize; 2]> = (0..n_domains)
        .map(|_| {
            [
                rng.random_range(0..systems.len()),
                rng.random_range(0..systems.len()),
            ]
        })
        .collect();
    for i in 0..catalog.n_source {
        let want = weighted(rng, &[(1usize, 70), (2, 25), (3, 5)]);
        let home = homes[catalog.domain_of[i]];
        let mut chosen: Vec<usize> = Vec::with_capacity(want);
        let first = wiring.inputs.len();
        for _ in 0..want * 4 {
            if chosen.len() == want {
                break;
            }
            let s = if rng.random_bool(HOME_SYSTEM_SHARE) {
                home[rng.random_range(0..2)]
            } else {
                rng.random_range(0..systems.len())
            };
            if !chosen.contains(&s) {
                chosen.push(s);
                let name = free_slug(format!("in-{}", systems[s].name), |n| {
                    wiring.inputs[first..].iter().any(|input| input.name == n)
                });
                let input = system_input(rng, catalog, i, &systems[s], name);
                wiring.inputs.push(input);
            }
        }
    }
}

fn system_input(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    consumer: usize,
    system: &SourceSystem,
    name: String,
) -> InputPort {
    InputPort {
        id: uuid(rng),
        product_id: catalog.products[consumer].id,
        name,
        description: Some(format!("Extracts from the {} source system.", system.name)),
        source: DependencySource::SourceSystem {
            source_system_id: system.id,
        },
        custom_properties: Vec::new(),
        extensions: Default::default(),
    }
}

/// How many providers each aggregate and consumer-aligned product wants: heavy-tailed
/// (exponential plus a floor), scaled so that the mesh totals about
/// [`DEPS_PER_PRODUCT`] per product; aggregates combine a little more.
fn plan_counts(rng: &mut ChaCha8Rng, catalog: &Catalog) -> Vec<usize> {
    let raw: Vec<f64> = (catalog.n_source..catalog.len())
        .map(|i| {
            let factor = if catalog.archetype(i) == Archetype::Aggregate {
                1.1
            } else {
                0.9
            };
            let exponential = -(1.0 - rng.random::<f64>()).ln();
            factor * (0.3 + exponential)
        })
        .collect();
    let total: f64 = raw.iter().sum();
    if total <= 0.0 {
        return raw.iter().map(|_| 1).collect();
    }
    let scale = DEPS_PER_PRODUCT * catalog.len() as f64 / total;
    raw.iter()
        .map(|r| stochastic_round(rng, r * scale).clamp(1, MAX_DEPS))
        .collect()
}

/// Draws up to `want` distinct providers for product `i` and adds an input port for
/// each. Gives up after a bounded number of draws, so that small or lopsided meshes
/// stay fast.
fn wire_product(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    pools: &Pools,
    n_domains: usize,
    i: usize,
    want: usize,
    wiring: &mut Wiring,
) {
    let aggregate_share = match catalog.archetype(i) {
        Archetype::Aggregate => AGGREGATE_READS_AGGREGATE,
        _ => CONSUMER_READS_AGGREGATE,
    };
    let mut chosen: Vec<usize> = Vec::with_capacity(want);
    let first = wiring.inputs.len();
    for _ in 0..want * 8 + 16 {
        if chosen.len() == want {
            break;
        }
        let layer = usize::from(!pools.global[1].is_empty() && rng.random_bool(aggregate_share));
        let Some(provider) = draw(rng, catalog, pools, n_domains, layer, i) else {
            continue;
        };
        if chosen.contains(&provider) {
            continue;
        }
        let Some(port) = visible_port(rng, catalog, provider, i) else {
            continue;
        };
        chosen.push(provider);
        let name = input_name(catalog, provider, |n| {
            wiring.inputs[first..].iter().any(|input| input.name == n)
        });
        add_input(rng, catalog, wiring, (provider, port), i, name);
    }
}

/// One candidate provider from `layer`: from the consumer's domain with
/// [`LOCAL_SHARE`], else from another domain.
fn draw(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    pools: &Pools,
    n_domains: usize,
    layer: usize,
    consumer: usize,
) -> Option<usize> {
    let domain = catalog.domain_of[consumer];
    let local = &pools.local[layer][domain];
    if !local.is_empty() && rng.random_bool(LOCAL_SHARE) {
        return local.sample(rng);
    }
    let provider = pools.global[layer].sample(rng)?;
    // A cross-domain draw that lands at home is redrawn, unless there is no elsewhere.
    (n_domains == 1 || catalog.domain_of[provider] != domain).then_some(provider)
}

/// One of the provider's ports the consumer may read: public ones, domain ones from the
/// same domain, private ones from the same team.
pub(super) fn visible_port(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    provider: usize,
    consumer: usize,
) -> Option<usize> {
    let same_domain = catalog.domain_of[provider] == catalog.domain_of[consumer];
    let team = catalog.team_of[provider];
    let same_team = team.is_some() && team == catalog.team_of[consumer];
    let readable = |p: &OutputPort| match p.visibility {
        Visibility::Public => true,
        Visibility::Domain => same_domain,
        Visibility::Private => same_team,
    };
    let range = catalog.ports_of(provider);
    let count = catalog.ports[range.clone()]
        .iter()
        .filter(|p| readable(p))
        .count();
    if count == 0 {
        return None;
    }
    let nth = rng.random_range(0..count);
    range.filter(|&j| readable(&catalog.ports[j])).nth(nth)
}

/// "in-<provider>", made unique among the names `taken` holds.
pub(super) fn input_name(
    catalog: &Catalog,
    provider: usize,
    taken: impl Fn(&str) -> bool,
) -> String {
    free_slug(format!("in-{}", catalog.products[provider].name), taken)
}

/// Adds the input port `name` through which `consumer` reads output port `port` of
/// `provider`.
pub(super) fn add_input(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    wiring: &mut Wiring,
    (provider, port): (usize, usize),
    consumer: usize,
    name: String,
) {
    let out = &catalog.ports[port];
    let provider = &catalog.products[provider];
    wiring.inputs.push(InputPort {
        id: uuid(rng),
        product_id: catalog.products[consumer].id,
        name,
        description: Some(format!(
            "Reads {} {} of {}.",
            out.name, out.version, provider.name
        )),
        source: DependencySource::OutputPort { port_id: out.id },
        custom_properties: Vec::new(),
        extensions: Default::default(),
    });
    wiring.port_consumers[port] += 1;
}
