//! The organisation behind the synthetic mesh: domains (some of them subdomains), the
//! teams that own them and the people in those teams.
//!
//! Builds model values from the seeded RNG only. It must not do I/O or touch the store,
//! and it knows nothing about products.

use std::collections::HashMap;

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::names::{self, AREAS, PREFIXES};
use super::util::{SlugSet, pick, uuid};
use crate::model::{Domain, Link, Membership, Person, Team};

/// Share of domains that hang under another domain.
const SUBDOMAIN_SHARE: f64 = 0.1;
/// Odds that a domain's owner team already owns the previous domain.
const SHARED_OWNER_SHARE: f64 = 0.12;
/// Teams per domain on average.
const TEAMS_PER_DOMAIN: f64 = 1.3;
/// Odds that a team member (after the product owner) is already in another team.
const SHARED_PERSON_SHARE: f64 = 0.12;
/// How far back (in people) a shared member is looked for: neighbouring teams.
const SHARE_WINDOW: usize = 16;

/// Domains, teams and people, plus the indices products need to pick owners.
#[derive(Debug)]
pub(super) struct Org {
    /// People, in creation order.
    pub people: Vec<Person>,
    /// Teams, in creation order.
    pub teams: Vec<Team>,
    /// Domains, in creation order.
    pub domains: Vec<Domain>,
    /// Teams working in each domain, its owner team first.
    pub domain_teams: Vec<Vec<usize>>,
    /// Index into [`AREAS`] per domain, which names its products' entities.
    pub domain_area: Vec<usize>,
}

/// A domain's words before it becomes a [`Domain`].
struct DomainSpec {
    name: String,
    title: String,
    description: String,
    area: usize,
    prefix: usize,
}

/// A team's domains and what it does before it becomes a [`Team`].
struct TeamSpec {
    domains: Vec<usize>,
    /// `None` for an owner team, else an index into [`names::TEAM_FUNCTIONS`].
    function: Option<usize>,
}

/// Builds `n_domains` domains (at least one) with their teams and people.
pub(super) fn build(rng: &mut ChaCha8Rng, n_domains: usize) -> Org {
    let specs = domain_specs(rng, n_domains.max(1));
    let parents = parents(rng, &specs);
    let (owners, team_specs) = team_specs(rng, specs.len());
    let (people, members) = staff(rng, team_specs.len());
    let teams = teams(rng, &specs, &team_specs, members);
    let domains = domains(rng, &specs, &parents, &owners, &teams);
    let mut domain_teams: Vec<Vec<usize>> = owners.iter().map(|&t| vec![t]).collect();
    for (t, spec) in team_specs.iter().enumerate() {
        if spec.function.is_some() {
            domain_teams[spec.domains[0]].push(t);
        }
    }
    let domain_area = specs.iter().map(|s| s.area).collect();
    Org {
        people,
        teams,
        domains,
        domain_teams,
        domain_area,
    }
}

/// Names every domain "<prefix>-<area>" from shuffled combinations, adding a round
/// number once all combinations are used.
fn domain_specs(rng: &mut ChaCha8Rng, n: usize) -> Vec<DomainSpec> {
    let mut combos: Vec<(usize, usize)> = (0..PREFIXES.len())
        .flat_map(|p| (0..AREAS.len()).map(move |a| (p, a)))
        .collect();
    combos.shuffle(rng);
    (0..n)
        .map(|i| {
            let (p, a) = combos[i % combos.len()];
            let round = i / combos.len();
            let (prefix, area) = (&PREFIXES[p], &AREAS[a]);
            let (name, title) = if round == 0 {
                (
                    format!("{}-{}", prefix.slug, area.slug),
                    format!("{} {}", prefix.title, area.title),
                )
            } else {
                let r = round + 1;
                (
                    format!("{}-{}-{r}", prefix.slug, area.slug),
                    format!("{} {} {r}", prefix.title, area.title),
                )
            };
            let description = format!("{} for {}: {}.", area.title, prefix.covers, area.about);
            DomainSpec {
                name,
                title,
                description,
                area: a,
                prefix: p,
            }
        })
        .collect()
}

/// Makes about [`SUBDOMAIN_SHARE`] of the domains subdomains of an earlier top-level
/// domain, preferring one of the same region or segment.
fn parents(rng: &mut ChaCha8Rng, specs: &[DomainSpec]) -> Vec<Option<usize>> {
    let mut parents = vec![None; specs.len()];
    let mut top_by_prefix: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut top: Vec<usize> = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        if !top.is_empty() && rng.random_bool(SUBDOMAIN_SHARE) {
            let same = top_by_prefix.get(&spec.prefix).filter(|v| !v.is_empty());
            parents[i] = Some(*pick(rng, same.map_or(top.as_slice(), Vec::as_slice)));
        } else {
            top.push(i);
            top_by_prefix.entry(spec.prefix).or_default().push(i);
        }
    }
    parents
}

/// One owner team per domain (a few owning the previous domain too), then extra teams
/// until there are about [`TEAMS_PER_DOMAIN`] teams per domain. Returns each domain's
/// owner team and every team's spec.
fn team_specs(rng: &mut ChaCha8Rng, n_domains: usize) -> (Vec<usize>, Vec<TeamSpec>) {
    let mut owners: Vec<usize> = Vec::with_capacity(n_domains);
    let mut specs: Vec<TeamSpec> = Vec::new();
    for d in 0..n_domains {
        let previous = owners.last().copied();
        match previous {
            Some(t) if specs[t].domains.len() == 1 && rng.random_bool(SHARED_OWNER_SHARE) => {
                specs[t].domains.push(d);
                owners.push(t);
            }
            _ => {
                owners.push(specs.len());
                specs.push(TeamSpec {
                    domains: vec![d],
                    function: None,
                });
            }
        }
    }
    let target = ((n_domains as f64 * TEAMS_PER_DOMAIN).round() as usize).max(1);
    for _ in specs.len()..target {
        let d = rng.random_range(0..n_domains);
        let function = rng.random_range(0..names::TEAM_FUNCTIONS.len());
        specs.push(TeamSpec {
            domains: vec![d],
            function: Some(function),
        });
    }
    (owners, specs)
}

/// Creates the people and each team's members: 3-6 per team, a product owner and a
/// data engineer first, some members shared with a neighbouring team (at most two
/// teams per person).
fn staff(rng: &mut ChaCha8Rng, n_teams: usize) -> (Vec<Person>, Vec<Vec<Membership>>) {
    let mut people: Vec<Person> = Vec::new();
    let mut usernames: HashMap<String, usize> = HashMap::new();
    // People in exactly one team so far, who may join one more.
    let mut shareable: Vec<usize> = Vec::new();
    let mut all_members = Vec::with_capacity(n_teams);
    for _ in 0..n_teams {
        let size = rng.random_range(3..=6);
        let mut members = Vec::with_capacity(size);
        let first_new = people.len();
        for slot in 0..size {
            let shared = if slot > 0 && rng.random_bool(SHARED_PERSON_SHARE) {
                take_recent(rng, &mut shareable)
            } else {
                None
            };
            let person = shared.unwrap_or_else(|| new_person(rng, &mut people, &mut usernames));
            members.push(Membership {
                person_id: people[person].id,
                role: role(rng, slot),
            });
        }
        shareable.extend(first_new..people.len());
        all_members.push(members);
    }
    (people, all_members)
}

/// Removes and returns one of the most recently added shareable people.
fn take_recent(rng: &mut ChaCha8Rng, shareable: &mut Vec<usize>) -> Option<usize> {
    if shareable.is_empty() {
        return None;
    }
    let lo = shareable.len().saturating_sub(SHARE_WINDOW);
    let i = rng.random_range(lo..shareable.len());
    Some(shareable.swap_remove(i))
}

/// The role of the member in this slot of a team.
fn role(rng: &mut ChaCha8Rng, slot: usize) -> String {
    match slot {
        0 => "product-owner".to_owned(),
        1 => "data-engineer".to_owned(),
        _ => (*pick(rng, names::ROLES)).to_owned(),
    }
}

/// Adds a person with an invented name; a repeated name gets a number in its username.
fn new_person(
    rng: &mut ChaCha8Rng,
    people: &mut Vec<Person>,
    usernames: &mut HashMap<String, usize>,
) -> usize {
    let first = *pick(rng, names::FIRST_NAMES);
    let last = *pick(rng, names::LAST_NAMES);
    let local = format!(
        "{}.{}",
        first.to_ascii_lowercase(),
        last.to_ascii_lowercase()
    );
    let seen = usernames.entry(local.clone()).or_insert(0);
    *seen += 1;
    let username = if *seen == 1 {
        format!("{local}@example.com")
    } else {
        format!("{local}{seen}@example.com")
    };
    people.push(Person {
        id: uuid(rng),
        username,
        display_name: format!("{first} {last}"),
        email: None,
    });
    people.len() - 1
}

/// Turns team specs into teams named after their (first) domain.
fn teams(
    rng: &mut ChaCha8Rng,
    domains: &[DomainSpec],
    specs: &[TeamSpec],
    members: Vec<Vec<Membership>>,
) -> Vec<Team> {
    let mut slugs = SlugSet::default();
    specs
        .iter()
        .zip(members)
        .map(|(spec, members)| {
            let home = &domains[spec.domains[0]];
            let (name, title, description) = match spec.function {
                None => (
                    format!("{}-data", home.name),
                    format!("{} Data Team", home.title),
                    owner_description(domains, &spec.domains),
                ),
                Some(f) => {
                    let (slug, word, focus) = names::TEAM_FUNCTIONS[f];
                    (
                        format!("{}-{slug}", home.name),
                        format!("{} {word} Team", home.title),
                        format!("Works in the {} domain on {focus}.", home.title),
                    )
                }
            };
            let name = slugs.claim(&name);
            Team {
                id: uuid(rng),
                email: Some(format!("{name}@example.com")),
                name,
                title,
                description: Some(description),
                team_type: None,
                members,
                custom_properties: Vec::new(),
                extensions: Default::default(),
            }
        })
        .collect()
}

fn owner_description(domains: &[DomainSpec], owned: &[usize]) -> String {
    let titles: Vec<&str> = owned.iter().map(|&d| domains[d].title.as_str()).collect();
    let what = if titles.len() == 1 {
        format!("the {} domain", titles[0])
    } else {
        format!("the {} domains", titles.join(" and "))
    };
    format!("Owns {what}: its source systems, data products and their contracts.")
}

/// Turns domain specs into domains with their owner team, parent and handbook link.
fn domains(
    rng: &mut ChaCha8Rng,
    specs: &[DomainSpec],
    parents: &[Option<usize>],
    owners: &[usize],
    teams: &[Team],
) -> Vec<Domain> {
    let ids: Vec<_> = specs.iter().map(|_| uuid(rng)).collect();
    specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let mut description = spec.description.clone();
            if let Some(p) = parents[i] {
                description.push_str(&format!(" A subdomain of {}.", specs[p].title));
            }
            Domain {
                id: ids[i],
                name: spec.name.clone(),
                title: spec.title.clone(),
                description: Some(description),
                parent_id: parents[i].map(|p| ids[p]),
                repo_folder: None,
                owner_team_id: Some(teams[owners[i]].id),
                links: vec![Link {
                    url: format!("https://wiki.example.com/data-mesh/domains/{}", spec.name),
                    title: Some("Domain handbook".to_owned()),
                    kind: Some("documentation".to_owned()),
                }],
                custom_properties: Vec::new(),
                extensions: Default::default(),
            }
        })
        .collect()
}
